from onboard_action.cli import main

raise SystemExit(main())
