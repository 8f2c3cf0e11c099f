"""Subcommands of `meltano-onboard`: each module has NAME, HELP, configure(parser) and run(args)."""
