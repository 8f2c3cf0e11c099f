"""Encrypting a project's secrets into the secrets.yml that Meltano Cloud decrypts.

The format is kms-ext's (see docs and `secrets_file.py`): every variable is
encrypted on its own with RSAES-OAEP SHA-256 under the organization's public
key. Modules here never print: callers decide what reaches the log, and no
value, line content or key material is ever part of a message.

`cryptography` and `python-dotenv` are imported inside the functions that
need them, so a plain `check` does not pay for them.
"""
