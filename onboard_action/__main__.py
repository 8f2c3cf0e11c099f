from onboard_action.cli import main
from onboard_action.engine import leave

leave(main())
