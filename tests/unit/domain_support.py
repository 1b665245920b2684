"""Building domain values directly, with a fixed clock and seeded randomness."""

from __future__ import annotations

import random
import string
from typing import Any

from dx_emulator.domain.bgp_peers import NewBgpPeer
from dx_emulator.domain.connections import NewConnection, create_connection
from dx_emulator.domain.context import Context, Names
from dx_emulator.domain.model import PRIVATE, PUBLIC, Connection, Tag, VirtualInterface
from dx_emulator.domain.virtual_interfaces import NewVirtualInterface, create_virtual_interface

NOW = 1_764_000_000.0


class SeededEntropy:
    """Repeatable randomness for tests."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def randbelow(self, upper: int) -> int:
        return self._random.randrange(upper)

    def token_urlsafe(self, nbytes: int) -> str:
        alphabet = string.ascii_letters + string.digits + "-_"
        length = (nbytes * 4 + 2) // 3
        return "".join(alphabet[self._random.randrange(len(alphabet))] for _ in range(length))



def ctx(seed: int = 7, allow: frozenset[int] = frozenset()) -> Context:
    return Context("123456789012", "us-east-1", NOW, SeededEntropy(seed), allow, names=Names(f"seed-{seed}"))


def conn(redundancy: str | None = None) -> Connection:
    tags = () if redundancy is None else (Tag("dx-emulator:logical-redundancy", redundancy),)
    return create_connection(NewConnection("EqDC2", "1Gbps", "c", tags=tags), ctx())


def vif_request(kind: str = PRIVATE, **peer: Any) -> NewVirtualInterface:
    peer = {"asn": 65000, **peer}
    if kind == PUBLIC:
        peer = {"amazon_address": "203.0.113.1/30", "customer_address": "203.0.113.2/30", **peer}
        return NewVirtualInterface(PUBLIC, "v", 100, NewBgpPeer(**peer), route_filter_prefixes=("203.0.113.0/24",))
    return NewVirtualInterface(kind, "v", 100, NewBgpPeer(**peer), virtual_gateway_id="vgw-1",
                               direct_connect_gateway_id=None)


def vif(kind: str = PRIVATE, redundancy: str | None = None, **peer: Any) -> VirtualInterface:
    return create_virtual_interface(conn(redundancy), vif_request(kind, **peer), ctx())[1]
