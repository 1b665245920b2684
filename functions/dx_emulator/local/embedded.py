"""The embedded store of `dx-emulator serve`: moto's in-process DynamoDB."""

from __future__ import annotations

import os
from typing import Any


def start_embedded_dynamodb() -> Any:
    """Start moto's mock; every botocore DynamoDB call in this process then stays in memory."""
    from moto import mock_aws  # noqa: PLC0415 - moto is heavy and only this mode needs it

    # moto needs credentials to sign with, whatever they are; never touch real ones.
    for name, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")):
        os.environ.setdefault(name, value)
    mock = mock_aws()
    mock.start()
    return mock
