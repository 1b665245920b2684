"""ListVirtualInterfaceRoutes: the routes a VIF's BGP sessions carry, derived from what the emulator
knows (it runs no BGP) [choice throughout, AWS documents only the members]:

- Routes flow over sessions that are ``up`` (domain/lifecycle.py) on a VIF that is ``available`` (or
  ``testing``): a peer a failover test holds DOWN carries none, nor does a VIF that is pending,
  verifying, deleting, deleted or rejected. Each route is carried by each such peer of its address
  family, and names the peer's ``awsLogicalDeviceId``.
- ``accepted`` (received from the customer network): a public VIF's ``routeFilterPrefixes``, the
  prefixes its owner announces [doc: "The routes to be advertised to the Amazon Web Services network"],
  with the peer's ASN as the AS path. The emulator does not know what a private or transit VIF's
  customer announces: none.
- ``advertised`` (to the customer network): on a Direct Connect gateway, the allowed prefixes of its
  ``associated`` associations [doc: allowed prefixes are advertised to on-premises]; on a virtual
  private gateway, the VPC CIDRs its owner declared in the world (none for an undeclared one); on a
  public VIF none (Amazon's public prefixes are not emulated). The AS path is the VIF's Amazon side ASN.
- ``routeInstalledAt``: when the session came up (the peer became available plus the BGP delay, or
  the end of the last failover test that held it down), or when the prefix arrived, if later.
- No route carries BGP communities.
- Filters [choice]: ``cidrs`` keep routes equal to or inside one of them (1 to 10 CIDRs [doc]);
  ``asPath`` keeps routes whose path holds every ASN given; ``communities`` every community given.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from ..errors import ClientException
from ..records import record
from .lifecycle import Lifecycle
from .model import ADDRESS_FAMILIES, PUBLIC, BgpPeer, VirtualInterface

ACCEPTED = "accepted"
ADVERTISED = "advertised"
DIRECTIONS = (ACCEPTED, ADVERTISED)
MAX_FILTER_CIDRS = 10  # [doc]
ROUTING_STATES = frozenset({"available", "testing"})

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@record
class Prefix:
    """A prefix one side announces, and since when."""

    cidr: str
    since: float


@record
class Route:
    cidr: str
    route_direction: str
    address_family: str
    as_path: tuple[int, ...]
    aws_logical_device_id: str
    installed_at: float
    bgp_peer_id: str

    @property
    def key(self) -> str:
        """A stable order for pages: direction, family, address, length, device, peer."""
        network = _network(self.cidr)
        return (f"{self.route_direction}#{network.version}#{int(network.network_address):032x}/{network.prefixlen:03d}"
                f"#{self.aws_logical_device_id}#{self.bgp_peer_id}")


@record
class RouteFilter:
    route_direction: str | None = None
    address_family: str | None = None
    cidrs: tuple[str, ...] | None = None
    as_path: tuple[int, ...] = ()
    communities: tuple[str, ...] = ()


def _network(cidr: str) -> Network:
    return ipaddress.ip_network(cidr, strict=False)


def checked_filter(wanted: RouteFilter) -> tuple[RouteFilter, tuple[Network, ...]]:
    if wanted.route_direction is not None and wanted.route_direction not in DIRECTIONS:
        raise ClientException(f"routeDirection {wanted.route_direction} is not valid: use accepted or advertised")
    if wanted.address_family is not None and wanted.address_family not in ADDRESS_FAMILIES:
        raise ClientException(f"addressFamily {wanted.address_family} is not valid: use ipv4 or ipv6")
    if wanted.cidrs is None:
        return wanted, ()
    if not 1 <= len(wanted.cidrs) <= MAX_FILTER_CIDRS:
        raise ClientException(f"filters.cidrs must hold 1 to {MAX_FILTER_CIDRS} CIDRs; {len(wanted.cidrs)} were "
                              "given")
    networks = []
    for cidr in wanted.cidrs:
        try:
            networks.append(_network(cidr))
        except ValueError:
            raise ClientException(f"{cidr} is not a valid CIDR") from None
    return wanted, tuple(networks)


def _family(cidr: str) -> str:
    return "ipv4" if _network(cidr).version == 4 else "ipv6"


def _session_up(peer: BgpPeer, vif: VirtualInterface, lifecycle: Lifecycle, now: float) -> float:
    """When the peer's session last came up."""
    up = peer.created_at + lifecycle.peer_available + lifecycle.bgp_up
    ended = [test.end for test in vif.failover_tests if peer.bgp_peer_id in test.bgp_peer_ids and test.end <= now]
    return max([up, *ended])


def routes(vif: VirtualInterface, advertised: Sequence[Prefix], lifecycle: Lifecycle, now: float) -> list[Route]:
    """Every route ``vif`` (as it is now, lifecycle applied) carries."""
    if vif.virtual_interface_state not in ROUTING_STATES:
        return []
    available_at = vif.since + lifecycle.vif_available
    accepted = [Prefix(cidr, available_at) for cidr in vif.route_filter_prefixes] if (
        vif.virtual_interface_type == PUBLIC) else []
    found = []
    for peer in vif.bgp_peers:
        if peer.bgp_status != "up":
            continue
        up = _session_up(peer, vif, lifecycle, now)
        for direction, prefixes, as_path in ((ACCEPTED, accepted, (peer.asn,)),
                                             (ADVERTISED, advertised, (vif.amazon_side_asn,))):
            found += [Route(prefix.cidr, direction, peer.address_family, as_path, peer.aws_logical_device_id,
                            max(up, prefix.since), peer.bgp_peer_id)
                      for prefix in prefixes if _family(prefix.cidr) == peer.address_family]
    return found


def matches(route: Route, wanted: RouteFilter, networks: tuple[Network, ...]) -> bool:
    if wanted.route_direction not in (None, route.route_direction):
        return False
    if wanted.address_family not in (None, route.address_family):
        return False
    if networks:
        network = _network(route.cidr)
        if not any(network.version == outer.version and network.subnet_of(outer)  # type: ignore[arg-type]
                   for outer in networks):
            return False
    return set(wanted.as_path) <= set(route.as_path) and not wanted.communities
