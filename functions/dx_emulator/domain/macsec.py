"""MAC Security: which ports may carry it, and AssociateMacSecKey / DisassociateMacSecKey's rules.

A connection or LAG is MACsec capable when it was ordered with ``requestMACSec`` at a speed that
supports it: 10, 100 and 400 Gbps dedicated ports, never 1 Gbps nor hosted connections [doc]. A key
is a CKN with its CAK, or the Secrets Manager secret an earlier association stored them in; the
emulator keeps the CKN and the secret's ARN, never the CAK [choice: nothing could ever show it].
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import ClientException
from .context import Context
from .model import GONE_STATES, Connection, Lag, MacSecKey

MACSEC_BANDWIDTHS = ("10Gbps", "100Gbps", "400Gbps")
HEX_KEY = re.compile(r"[0-9a-fA-F]{64}")  # [doc: "64 hexadecimal characters"]
# The secrets AWS creates for an association [seen]: no "_" in them, which Terraform's ids rely on.
SECRET_ARN = re.compile(r"arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):(\d{12}):secret:directconnect!prod/[a-z0-9-]+/"
                        r"directconnect/([0-9a-fA-F]{64})-[A-Za-z0-9]{6}")

Port = Connection | Lag
# AWS's words when a connection and a LAG differ [seen: terraform-provider-aws#36693].
MACSEC_MISMATCH = "Connection {} and lag should be requested MacSec at the same time"


def checked_request(requested: bool, bandwidth: str, kind: str = "connection") -> bool:
    if requested and bandwidth not in MACSEC_BANDWIDTHS:
        raise ClientException(f"MAC Security (MACsec) is not available on a {bandwidth} {kind}: use "
                              + ", ".join(MACSEC_BANDWIDTHS))
    return requested


def _label(port: Port) -> str:
    return f"{'Connection' if isinstance(port, Connection) else 'LAG'} {port.resource_id}"


def checked_capable(port: Port) -> None:
    if not port.mac_sec_capable:
        raise ClientException(f"{_label(port)} is not MACsec capable: order it with requestMACSec at "
                              + ", ".join(MACSEC_BANDWIDTHS))


def associate_key(port: Port, ctx: Context, *, secret_arn: str | None, ckn: str | None,
                  cak: str | None) -> tuple[Port, MacSecKey]:
    """The port with the new key ``associating``; the key, with the secret that holds it."""
    if port.state in GONE_STATES:
        raise ClientException(f"{_label(port)} is {port.state}")
    checked_capable(port)
    if secret_arn is not None:
        if ckn is not None or cak is not None:
            raise ClientException("Give either secretARN, or ckn and cak, not both")
        match = SECRET_ARN.fullmatch(secret_arn)
        if match is None or match[1] != ctx.region or match[2] != ctx.account:
            # [doc: a secret created outside Direct Connect cannot be associated]
            raise ClientException(f"secretARN {secret_arn} is not a MACsec secret Direct Connect created for this "
                                  "account and region")
        ckn = match[3]
    else:
        if ckn is None or cak is None:
            raise ClientException("Give either secretARN, or both ckn and cak")
        for name, value in (("ckn", ckn), ("cak", cak)):
            if not HEX_KEY.fullmatch(value):
                raise ClientException(f"{name} must be 64 hexadecimal characters")
        secret_arn = (f"arn:aws:secretsmanager:{ctx.region}:{ctx.account}:secret:directconnect!prod/{ctx.region}/"
                      f"directconnect/{ckn}-{ctx.new_id('secret')[-6:]}")
    if any(key.ckn.lower() == ckn.lower() for key in port.mac_sec_keys):
        raise ClientException(f"CKN {ckn} is already associated with {_label(port)}")
    key = MacSecKey(secret_arn, ckn, "associating", ctx.now)
    return replace(port, mac_sec_keys=(*port.mac_sec_keys, key)), key


def disassociate_key(port: Port, secret_arn: str | None) -> tuple[Port, MacSecKey]:
    """The port without the key (it is answered ``disassociating``). With no key left, a port that
    must encrypt falls back to should_encrypt "to prevent sudden packet loss" [doc]."""
    key = next((key for key in port.mac_sec_keys if key.secret_arn == secret_arn), None)
    if key is None:
        raise ClientException(f"secretARN {secret_arn} is not associated with {_label(port)}")
    keys = tuple(other for other in port.mac_sec_keys if other is not key)
    mode = "should_encrypt" if not keys and port.encryption_mode == "must_encrypt" else port.encryption_mode
    return replace(port, mac_sec_keys=keys, encryption_mode=mode), replace(key, state="disassociating")
