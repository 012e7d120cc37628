"""The local stack: DynamoDB Local, moto's Step Functions engine running the app's Lambda
handlers, an SMTP sink and a one-origin dev web server. `python -m devstack` (make dev) runs it
all; tests/harness reuses the pieces as pytest fixtures. Never deployed."""
