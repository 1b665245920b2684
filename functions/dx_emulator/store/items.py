"""The DynamoDB table as PynamoDB models: one table, every resource an item in its scope's partition.

``pk`` = ``<account>#<region>``: one hosted endpoint serves a whole team, and each account (each
test's access key) sees only its own items. ``sk`` = the resource id, whose prefix (``dxcon-``,
``dxvif-``) tells the kinds apart. A VIF and its BGP peers are one item (one aggregate), so every
rule about its peers is checked and written under one ``version`` condition.

Attribute names equal the domain dataclasses' field names: ``mapping.py`` relies on it.
A connection's or LAG's ``vif_slots`` is a map keyed by VIF id, so deleting a VIF frees its slot
with one update (``REMOVE vif_slots.<id>``) and no read.
"""

from __future__ import annotations

from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
    UnicodeSetAttribute,
    VersionAttribute,
)
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from ..config import DEFAULT_REGION, DEFAULT_TABLE


class TagAttribute(MapAttribute[str, Any]):
    key = UnicodeAttribute()
    value = UnicodeAttribute(null=True)


class BgpPeerAttribute(MapAttribute[str, Any]):
    bgp_peer_id = UnicodeAttribute()
    address_family = UnicodeAttribute()
    asn = NumberAttribute()
    auth_key = UnicodeAttribute()
    amazon_address = UnicodeAttribute()
    customer_address = UnicodeAttribute()
    bgp_peer_state = UnicodeAttribute()
    bgp_status = UnicodeAttribute()
    aws_device_v2 = UnicodeAttribute()
    aws_logical_device_id = UnicodeAttribute()
    created_at = NumberAttribute()
    deleted_at = NumberAttribute(null=True)


class FailoverTestAttribute(MapAttribute[str, Any]):
    test_id = UnicodeAttribute()
    bgp_peer_ids = ListAttribute(of=UnicodeAttribute)
    duration_minutes = NumberAttribute()
    started_at = NumberAttribute()
    ends_at = NumberAttribute()
    stopped_at = NumberAttribute(null=True)


class MacSecKeyAttribute(MapAttribute[str, Any]):
    secret_arn = UnicodeAttribute()
    ckn = UnicodeAttribute()
    state = UnicodeAttribute()
    start_on = NumberAttribute()


class ByParentIndex(GlobalSecondaryIndex["BaseItem"]):  # type: ignore[no-untyped-call]
    """Every VIF by the connection or LAG it is on, in any account: DescribeVirtualInterfaces with a
    ``connectionId`` reads only the VIFs on it. Keys only, so rewriting a VIF (a peer added, a tag)
    writes nothing to the index; only a new, moved or removed VIF does."""

    class Meta:
        index_name = "by-parent"
        projection = KeysOnlyProjection()

    connection_id = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)


class BaseItem(Model):
    class Meta:
        table_name = DEFAULT_TABLE
        region = DEFAULT_REGION
        host: str | None = None
        # PynamoDB's defaults (15 s connect, 30 s read) outlive API Gateway's 30 s limit. With these,
        # one DynamoDB call gives up after at most 3 attempts x (1 s connect + 2 s read) plus
        # botocore's standard-mode backoff (< 1 s, then < 2 s): about 12 s at the very worst, and an
        # operation stops at its first failed call. Throttling and 5xx are retried within that.
        connect_timeout_seconds = 1
        read_timeout_seconds = 2
        max_retry_attempts = 2

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    version = VersionAttribute()
    # The tokens of the last requests that wrote this item, newest first (store/repository.py).
    write_tokens = ListAttribute(of=UnicodeAttribute, default=list)
    deleted_at = NumberAttribute(null=True)
    # DynamoDB's TTL removes deleted resources for good; reads stop showing them at this time anyway.
    expires_at = TTLAttribute(null=True)
    by_parent = ByParentIndex()


class ConnectionItem(BaseItem):
    owner_account = UnicodeAttribute()
    region = UnicodeAttribute()
    connection_id = UnicodeAttribute()
    connection_name = UnicodeAttribute()
    connection_state = UnicodeAttribute()
    location = UnicodeAttribute()
    bandwidth = UnicodeAttribute()
    aws_device = UnicodeAttribute()
    aws_logical_device_id = UnicodeAttribute()
    has_logical_redundancy = UnicodeAttribute()
    created_at = NumberAttribute()
    lag_id = UnicodeAttribute(null=True)
    provider_name = UnicodeAttribute(null=True)
    billing_mode = UnicodeAttribute(null=True)
    tags = ListAttribute(of=TagAttribute)
    vif_slots: MapAttribute[str, Any] = MapAttribute(default=dict)  # type: ignore[no-untyped-call]
    allocated_by = UnicodeAttribute(null=True)
    partner_name = UnicodeAttribute(null=True)
    hosted_on = UnicodeAttribute(null=True)
    vlan = NumberAttribute(null=True)
    confirmed_at = NumberAttribute(null=True)
    encryption_mode = UnicodeAttribute(null=True)
    mac_sec_capable = BooleanAttribute(default=False)
    mac_sec_keys = ListAttribute(of=MacSecKeyAttribute, default=list)


class LagItem(BaseItem):
    owner_account = UnicodeAttribute()
    region = UnicodeAttribute()
    lag_id = UnicodeAttribute()
    lag_name = UnicodeAttribute()
    lag_state = UnicodeAttribute()
    location = UnicodeAttribute()
    connections_bandwidth = UnicodeAttribute()
    aws_device = UnicodeAttribute()
    aws_logical_device_id = UnicodeAttribute()
    has_logical_redundancy = UnicodeAttribute()
    created_at = NumberAttribute()
    minimum_links = NumberAttribute()
    connection_ids = UnicodeSetAttribute(null=True)
    provider_name = UnicodeAttribute(null=True)
    billing_mode = UnicodeAttribute(null=True)
    tags = ListAttribute(of=TagAttribute)
    vif_slots: MapAttribute[str, Any] = MapAttribute(default=dict)  # type: ignore[no-untyped-call]
    hosted_slots: MapAttribute[str, Any] = MapAttribute(default=dict)  # type: ignore[no-untyped-call]
    encryption_mode = UnicodeAttribute(null=True)
    mac_sec_capable = BooleanAttribute(default=False)
    mac_sec_keys = ListAttribute(of=MacSecKeyAttribute, default=list)


class VirtualInterfaceItem(BaseItem):
    owner_account = UnicodeAttribute()
    region = UnicodeAttribute()
    virtual_interface_id = UnicodeAttribute()
    virtual_interface_type = UnicodeAttribute()
    virtual_interface_name = UnicodeAttribute()
    virtual_interface_state = UnicodeAttribute()
    connection_id = UnicodeAttribute()
    location = UnicodeAttribute()
    vlan = NumberAttribute()
    asn = NumberAttribute()
    amazon_side_asn = NumberAttribute()
    auth_key = UnicodeAttribute()
    amazon_address = UnicodeAttribute()
    customer_address = UnicodeAttribute()
    address_family = UnicodeAttribute()
    mtu = NumberAttribute()
    aws_device_v2 = UnicodeAttribute()
    aws_logical_device_id = UnicodeAttribute()
    has_logical_redundancy = UnicodeAttribute()
    created_at = NumberAttribute()
    virtual_gateway_id = UnicodeAttribute(null=True)
    direct_connect_gateway_id = UnicodeAttribute(null=True)
    gateway_attached = BooleanAttribute(default=False)
    slot_holder = UnicodeAttribute(null=True)
    route_filter_prefixes = ListAttribute(of=UnicodeAttribute)
    allowed_asns = ListAttribute(of=NumberAttribute)
    site_link_enabled = BooleanAttribute()
    rate_limit = UnicodeAttribute(null=True)
    prefix_pool_ipv4 = NumberAttribute(null=True)
    prefix_pool_ipv6 = NumberAttribute(null=True)
    tags = ListAttribute(of=TagAttribute)
    bgp_peers = ListAttribute(of=BgpPeerAttribute)
    failover_tests = ListAttribute(of=FailoverTestAttribute, null=True)
    allocated_by = UnicodeAttribute(null=True)
    confirmed_at = NumberAttribute(null=True)
    associated_at = NumberAttribute(null=True)


def configure(table_name: str, host: str | None, region: str) -> None:
    """Point every model at a table; drop cached connections so the change takes effect."""
    BaseItem.Meta.table_name = table_name
    BaseItem.Meta.host = host
    BaseItem.Meta.region = region
    item_classes: list[type[BaseItem]] = [BaseItem, *BaseItem.__subclasses__()]
    for item_class in item_classes:
        item_class._connection = None
