"""The Direct Connect gateway family's quotas and rules, on domain values: the numbers a contract test
would need hundreds of calls to reach."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from dx_emulator.domain.gateways.associations import Ec2GatewayLinks, associate, checked_prefixes
from dx_emulator.domain.gateways.ec2 import Ec2Gateway
from dx_emulator.domain.gateways.gateways import (
    TRANSIT_GATEWAY,
    VIRTUAL_PRIVATE_GATEWAY,
    AttachmentSlot,
    DirectConnectGateway,
    GatewayRegistry,
    attach,
    checked_asn,
    create_gateway,
    delete_gateway,
)
from dx_emulator.errors import ClientException, LimitExceededException
from tests.unit.domain_support import ctx

ACCOUNT = "123456789012"


def dxgw(asn: int = 64600) -> DirectConnectGateway:
    return create_gateway("g", asn, (), GatewayRegistry(ACCOUNT), ctx())[0]


def ec2(gateway_id: str, asn: int = 64512) -> Ec2Gateway:
    kind = VIRTUAL_PRIVATE_GATEWAY if gateway_id.startswith("vgw-") else TRANSIT_GATEWAY
    return Ec2Gateway(gateway_id, kind, ACCOUNT, "us-east-1", asn, ("10.0.0.0/16",) if kind == "virtualPrivateGateway"
                      else ())


def associated(gateway: DirectConnectGateway, count: int, prefix: str) -> DirectConnectGateway:
    for index in range(count):
        ec2_gateway = ec2(f"{prefix}-{index:08x}")
        _, gateway, _ = associate(gateway, ec2_gateway, Ec2GatewayLinks(ACCOUNT, "us-east-1", ec2_gateway.gateway_id),
                                  ("10.0.0.0/16",), ctx(seed=index))
    return gateway


def test_an_account_holds_200_gateways() -> None:
    full = GatewayRegistry(ACCOUNT, tuple(f"id-{index}" for index in range(200)))
    with pytest.raises(LimitExceededException, match=f"Account {ACCOUNT} already has 200 Direct Connect gateways"):
        create_gateway("g", None, (), full, ctx())
    gateway, registry = create_gateway("g", None, (), replace(full, gateway_ids=full.gateway_ids[1:]), ctx())
    assert (gateway.amazon_side_asn, len(registry.gateway_ids)) == (64512, 200)


@pytest.mark.parametrize("asn", [64511, 65535, 4199999999, 4294967295])
def test_amazon_side_asns_are_private(asn: int) -> None:
    with pytest.raises(ClientException, match=f"amazonSideAsn {asn} is not valid"):
        checked_asn(asn)


@pytest.mark.parametrize("asn", [64512, 65534, 4200000000, 4294967294])
def test_amazon_side_asn_bounds(asn: int) -> None:
    assert checked_asn(asn) == asn


def test_a_gateway_takes_30_vifs() -> None:
    gateway = dxgw()
    for index in range(30):
        gateway = attach(gateway, AttachmentSlot(f"dxvif-{index:08x}", "private", "us-east-1", ACCOUNT))
    with pytest.raises(LimitExceededException, match="already has 30 virtual interfaces attached"):
        attach(gateway, AttachmentSlot("dxvif-ffffffff", "private", "us-east-1", ACCOUNT))
    with pytest.raises(ClientException, match="has virtual interfaces attached: delete them first"):
        delete_gateway(gateway, GatewayRegistry(ACCOUNT, (gateway.gateway_id,)), ctx())


@pytest.mark.parametrize(("prefix", "limit"), [("vgw", 20), ("tgw", 6)])
def test_a_gateway_takes_20_vgws_or_6_tgws(prefix: str, limit: int) -> None:
    gateway = associated(dxgw(), limit, prefix)
    extra = ec2(f"{prefix}-ffffffff")
    with pytest.raises(LimitExceededException, match=f"already has {limit} {extra.gateway_type} associations"):
        associate(gateway, extra, Ec2GatewayLinks(ACCOUNT, "us-east-1", extra.gateway_id), ("10.9.0.0/16",), ctx())


def test_transit_prefixes_are_bounded_and_deduplicated() -> None:
    prefixes = tuple(f"10.{index // 256}.{index % 256}.0/24" for index in range(200))
    assert checked_prefixes((*prefixes, prefixes[0]), TRANSIT_GATEWAY) == prefixes
    with pytest.raises(LimitExceededException, match="at most 200 allowed prefixes; 201 were given"):
        checked_prefixes((*prefixes, "192.168.0.0/24"), TRANSIT_GATEWAY)
    with pytest.raises(ClientException, match="an IPv6 CIDR must use /64 or shorter"):
        checked_prefixes(("2001:db8::/80",), VIRTUAL_PRIVATE_GATEWAY)
    with pytest.raises(ClientException, match=re.escape("Allowed prefix 10.0.0.300/24 is not a valid CIDR")):
        checked_prefixes(("10.0.0.300/24",), VIRTUAL_PRIVATE_GATEWAY)
