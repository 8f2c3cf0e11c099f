"""Inputs that come from files rather than from the command line or the action's `with:`.

The configuration file is read here, before settings are made from it: the
settings stage checks its values like any other input's, naming the file
and line of a wrong one.
"""
