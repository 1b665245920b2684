"""Asserting an AWS error as a client sees it: its code, status and message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError


def expect_error(call: Callable[..., Any], code: str, message: str, **params: Any) -> str:
    """Call, expect ClientError ``code``; ``message`` must be contained in the message. Returns it."""
    status = 500 if code == "DirectConnectServerException" else 400
    with pytest.raises(ClientError) as caught:
        call(**params)
    error = caught.value.response["Error"]
    assert error["Code"] == code, error
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert message in error["Message"], error["Message"]
    return str(error["Message"])
