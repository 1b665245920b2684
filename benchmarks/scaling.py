"""How the cost grows with the VIFs on one connection: CreateBGPPeer and DescribeVirtualInterfaces
with 1, 10 and 50 VIFs on it (account_size.py: as the account around it grows)."""

from __future__ import annotations

from functools import partial

from tests.support.inprocess import Harness

from .common import Timing, new_connection, new_vif


def per_connection(dx: Harness, sizes: tuple[int, ...] = (1, 10, 50),
                   samples: int = 20) -> dict[int, dict[str, float]]:
    results = {}
    for size in sizes:
        account = f"4040404040{size:02d}"
        conn = new_connection(dx, account)
        vifs = [new_vif(dx, conn, vlan, account) for vlan in range(1, size + 1)]
        create, describe = Timing(), Timing()
        for n in range(samples):
            vif_id = vifs[n % size]["virtualInterfaceId"]
            # Alternate add and delete so every call is a CreateBGPPeer on a VIF of the same size.
            request = {"virtualInterfaceId": vif_id, "newBGPPeer": {"asn": 65001, "addressFamily": "ipv6"}}
            peered = create.measure(partial(dx.call, "CreateBGPPeer", request, account=account))
            peer = peered["virtualInterface"]["bgpPeers"][-1]
            dx.call("DeleteBGPPeer", {"virtualInterfaceId": vif_id, "bgpPeerId": peer["bgpPeerId"]}, account=account)
            describe.measure(partial(dx.call, "DescribeVirtualInterfaces", {"connectionId": conn}, account=account))
        results[size] = {"create_bgp_peer_ms": create.median, "describe_ms": describe.median}
    return results
