"""Suite-wide fixtures: the real local stack (see tests/harness)."""

pytest_plugins = ["tests.harness.fixtures"]
