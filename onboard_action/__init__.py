"""Check that a Meltano project is ready to onboard to Meltano Cloud."""

__version__ = "0.1.0"
