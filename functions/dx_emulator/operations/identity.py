"""STS GetCallerIdentity, served beside Direct Connect so a client can learn its account here.

The account is the request's: the verified key's on an endpoint that checks signatures, else the
12-digit access key id (or the default account). The caller is that account's root [choice: the
emulator knows no IAM users; Terraform reads only the account and the ARN's partition].
"""

from __future__ import annotations

from typing import Any

from .call import Call


def get_caller_identity(call: Call) -> dict[str, Any]:
    account = call.scope.account
    return {"GetCallerIdentityResult": {"Arn": f"arn:aws:iam::{account}:root", "UserId": account, "Account": account}}
