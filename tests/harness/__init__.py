"""Fixtures and helpers for tests against the real local stack (DynamoDB Local, moto's Step
Functions engine, an SMTP sink), registered for the whole suite by tests/conftest.py.

Session-wide: `dynamodb_local`, `dynamodb_client`, `local_secrets`, `mail_sink`, `moto_server`.
Per test: `table`, `app_env`, `mailbox`, `workflows`, `api`, `dev_server`. See fixtures.py.
"""
