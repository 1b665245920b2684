"""The forms of AWS account ids and region names, in one place for every layer that checks them."""

from __future__ import annotations

import re
from typing import TypeGuard

# ASCII digits only, as AWS account ids are ("\d" would also take other scripts' digits).
ACCOUNT_ID = re.compile(r"[0-9]{12}")
# us-east-1, eu-central-2, us-gov-west-1, us-isob-east-1, cn-northwest-1.
REGION_NAME = re.compile(r"[a-z]{2}(?:-[a-z]{2,10}){1,3}-\d{1,2}")


def is_account(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and ACCOUNT_ID.fullmatch(value) is not None


def is_region(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and REGION_NAME.fullmatch(value) is not None
