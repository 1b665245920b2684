"""An emulator of the AWS Direct Connect API."""

__version__ = "0.1.0"  # as pyproject.toml; the health route answers it (a test keeps them equal)
