"""BGP MD5 authentication keys: checked when given, generated when not."""

from __future__ import annotations

from ..errors import ClientException
from .context import Context

MIN_LENGTH = 6
MAX_LENGTH = 80


def auth_key_for(requested: str | None, ctx: Context) -> str:
    if requested is None:
        # The shape AWS generates: "0x" and 22 url-safe characters, e.g. 0xxacZ9nrPsSHBIc0UT3aQ7n.
        return "0x" + ctx.entropy.token_urlsafe(16)[:22]
    if not MIN_LENGTH <= len(requested) <= MAX_LENGTH:
        # The key itself stays out of the message: messages reach logs.
        raise ClientException(
            f"authKey must be {MIN_LENGTH} to {MAX_LENGTH} characters long; the one given has {len(requested)}"
        )
    if not all(" " <= character <= "~" for character in requested):
        # A router takes printable ASCII; a control character would also break customerRouterConfig's XML
        # [choice: AWS documents no character set].
        raise ClientException("authKey must hold printable ASCII characters only")
    return requested
