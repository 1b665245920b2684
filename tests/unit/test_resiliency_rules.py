"""Resiliency groups' and VIF routes' pure rules: ids, identifiers, states over time with delays,
clientToken records, and routes derived from sessions and prefixes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dx_emulator.domain.context import Context, Names
from dx_emulator.domain.lifecycle import Lifecycle, current_vif
from dx_emulator.domain.model import PUBLIC, FailoverTest, VirtualInterface
from dx_emulator.domain.resiliency import (
    NewResiliencyGroup,
    ResiliencyAssociation,
    ResiliencyGroup,
    associate,
    association_state,
    checked_group_id,
    connection_id_of,
    create_group,
    current_group,
    delete_group,
    disassociate,
)
from dx_emulator.domain.resiliency_tokens import TOKEN_LIFETIME, fingerprint, token_record, used_token
from dx_emulator.domain.routes import Prefix, RouteFilter, checked_filter, matches, routes
from dx_emulator.errors import ClientException, LimitExceededException, NotFoundException

from .domain_support import NOW, SeededEntropy, conn, vif

SLOW = Lifecycle(gateway_available=10, association_available=5, disassociation=5, deleting=20,
                 deleted_retention=100)


def at(seconds: float, lifecycle: Lifecycle = SLOW) -> Context:
    return Context("123456789012", "us-east-1", NOW + seconds, SeededEntropy(1), lifecycle=lifecycle,
                   names=Names("unit"))


def test_ids_are_drawn_from_the_request_and_read_in_either_case() -> None:
    group = create_group(NewResiliencyGroup("g", "basic-resiliency"), at(0))
    assert group == create_group(NewResiliencyGroup("g", "basic-resiliency"), at(0))  # same request, same id
    assert len(group.resiliency_group_id) == 22 and group.resiliency_group_id.islower()
    assert checked_group_id(group.resiliency_group_id.upper()) == group.resiliency_group_id
    for bad in ("dxrg-0123", "dxgw-00000000000000000", "dxrg-0000000000000000_"):
        with pytest.raises(ClientException, match="has an invalid format"):
            checked_group_id(bad)


@pytest.mark.parametrize(("identifier", "expected"), [
    ("dxcon-fguhmqlc", "dxcon-fguhmqlc"),
    ("arn:aws:directconnect:us-east-1:123456789012:dxcon/dxcon-fguhmqlc", "dxcon-fguhmqlc"),
    ("arn:aws-cn:directconnect:us-east-1:123456789012:dxcon/dxcon-fguhmqlc", "dxcon-fguhmqlc"),
])
def test_connection_identifiers(identifier: str, expected: str) -> None:
    assert connection_id_of(identifier, "123456789012", "us-east-1") == expected


def test_identifiers_of_others_or_of_other_things() -> None:
    for elsewhere in ("arn:aws:directconnect:eu-west-1:123456789012:dxcon/dxcon-a",
                      "arn:aws:directconnect:us-east-1:999999999999:dxcon/dxcon-a"):
        with pytest.raises(NotFoundException, match="Could not find Connection with ID dxcon-a"):
            connection_id_of(elsewhere, "123456789012", "us-east-1")
    for other in ("dxlag-a", "arn:aws:directconnect:us-east-1:123456789012:dxlag/dxlag-a", ""):
        with pytest.raises(ClientException, match="is not a Direct Connect connection ID or ARN"):
            connection_id_of(other, "123456789012", "us-east-1")


def state(group: ResiliencyGroup, seconds: float) -> str | None:
    current = current_group(group, SLOW, NOW + seconds)
    return None if current is None else current.state


def now_of(item: VirtualInterface, lifecycle: Lifecycle, now: float) -> VirtualInterface:
    current = current_vif(item, lifecycle, now)
    assert current is not None
    return current


def test_group_and_association_states_follow_the_delays() -> None:
    group = create_group(NewResiliencyGroup("g", "high-resiliency"), at(0))
    assert [state(group, t) for t in (0, 10, 10.5)] == ["pending", "pending", "available"]
    held = associate(group, [conn()], (), at(1))
    [slot] = held.resiliency_associations
    assert [association_state(slot, SLOW, NOW + t) for t in (1, 6, 6.5)] == ["associating", "associating",
                                                                             "associated"]
    left = disassociate(held, [slot.connection_id], at(10))
    [gone] = left.resiliency_associations
    assert [association_state(gone, SLOW, NOW + t) for t in (15, 15.5, 130, 130.5)] == [
        "disassociating", "disassociated", "disassociated", None]
    # A slot that has gone is dropped by the next write.
    assert associate(left, [], (), at(131)).resiliency_associations == ()
    deleted = delete_group(held, at(30))
    assert deleted.resiliency_associations[0].disassociated_at == NOW + 30
    assert [state(deleted, t) for t in (50, 50.5, 150, 150.5)] == ["deleting", "deleted", "deleted", None]
    assert delete_group(deleted, at(40)) is deleted


def test_ended_connections_stop_counting() -> None:
    group = create_group(NewResiliencyGroup("g", "high-resiliency"), at(0))
    slots = tuple(ResiliencyAssociation(f"dxcon-{index:08d}", NOW) for index in range(50))
    full = replace(group, resiliency_associations=slots)
    with pytest.raises(LimitExceededException, match="would hold 51 connections"):
        associate(full, [conn()], (), at(1))
    made = associate(full, [conn()], ["dxcon-00000000"], at(1))
    ended = {slot.connection_id: slot.disassociated_at for slot in made.resiliency_associations}
    assert ended["dxcon-00000000"] == NOW + 1 and ended[conn().connection_id] is None


def test_client_token_records() -> None:
    print_ = fingerprint("CreateResiliencyGroup", "g", "basic-resiliency", [])
    record = token_record("t", print_, "dxrg-00000000000000000", at(0), None)
    assert used_token(None, print_, NOW) is None
    assert used_token(record, print_, NOW + 1) == record
    with pytest.raises(ClientException, match="Client token t was already used for a different request"):
        used_token(record, fingerprint("CreateResiliencyGroup", "h", "basic-resiliency", []), NOW + 1)
    assert used_token(record, "other", NOW + TOKEN_LIFETIME) is None  # a day later the token is free again
    assert fingerprint("A", "x", ["b"]) != fingerprint("B", "x", ["b"])


def test_routes_of_a_public_vif_follow_its_sessions() -> None:
    lifecycle = Lifecycle()
    public = replace(vif(PUBLIC), route_filter_prefixes=("203.0.113.0/24", "2001:db8::/48"))
    now = public.created_at + 1
    found = routes(now_of(public, lifecycle, now), (), lifecycle, now)
    assert [(r.route_direction, r.cidr, r.as_path, r.installed_at) for r in found] == [
        ("accepted", "203.0.113.0/24", (65000,), public.created_at)]  # no ipv6 session
    peer = public.bgp_peers[0].bgp_peer_id
    tested = replace(public, failover_tests=(FailoverTest("t", (peer,), 1, now, now + 60),))
    assert routes(now_of(tested, lifecycle, now + 1), (), lifecycle, now + 1) == []
    after = routes(now_of(tested, lifecycle, now + 61), [Prefix("10.0.0.0/8", now + 100)], lifecycle, now + 61)
    assert [(r.route_direction, r.cidr, r.installed_at) for r in after] == [
        ("accepted", "203.0.113.0/24", now + 60), ("advertised", "10.0.0.0/8", now + 100)]
    assert routes(now_of(public, Lifecycle(vif_available=30), now), (), lifecycle, now) == []  # still verifying


def test_route_filters() -> None:
    lifecycle = Lifecycle()
    public = vif(PUBLIC)
    [route] = routes(now_of(public, lifecycle, NOW + 1), (), lifecycle, NOW + 1)

    def keeps(**members: object) -> bool:
        wanted, networks = checked_filter(RouteFilter(**members))  # type: ignore[arg-type]
        return matches(route, wanted, networks)

    assert keeps() and keeps(route_direction="accepted", address_family="ipv4", cidrs=("203.0.0.0/16",))
    assert not keeps(cidrs=("203.0.113.0/25",)) and not keeps(cidrs=("2001:db8::/32",))
    assert keeps(as_path=(65000,)) and not keeps(as_path=(65000, 1)) and not keeps(communities=("7224:9100",))
    for members, message in (({"route_direction": "in"}, "routeDirection in is not valid"),
                             ({"cidrs": ()}, "must hold 1 to 10 CIDRs; 0 were given"),
                             ({"cidrs": ("x",)}, "x is not a valid CIDR")):
        with pytest.raises(ClientException, match=message):
            checked_filter(RouteFilter(**members))


def test_a_group_keeps_its_latest_ended_associations_only() -> None:
    group = create_group(NewResiliencyGroup("g", "high-resiliency"), at(0))
    ended = tuple(ResiliencyAssociation(f"dxcon-{index:08d}", NOW, NOW + index) for index in range(60))
    kept = associate(replace(group, resiliency_associations=ended), [conn()], (), at(61)).resiliency_associations
    assert len(kept) == 51
    assert sorted(slot.connection_id for slot in kept if slot.disassociated_at is not None)[0] == "dxcon-00000010"
