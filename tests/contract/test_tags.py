"""TagResource, UntagResource, DescribeTags on connections, LAGs and VIFs, by ARN."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.errors import expect_error
from tests.support.world import connection, private_vif

CLIENT = "DirectConnectClientException"

pytestmark = pytest.mark.every_protocol


def arn(account: str, kind: str, resource_id: str, region: str = "us-east-1") -> str:
    return f"arn:aws:directconnect:{region}:{account}:{kind}/{resource_id}"


def tags_of(dx: Any, resource_arn: str) -> list[dict[str, str]]:
    [described] = dx.describe_tags(resourceArns=[resource_arn])["resourceTags"]
    assert described["resourceArn"] == resource_arn
    return described.get("tags", [])  # type: ignore[no-any-return]


@pytest.fixture
def resources(dx: Any, account: str) -> dict[str, str]:
    conn = connection(dx, tags=[{"key": "team", "value": "net"}])
    lag = dx.create_lag(numberOfConnections=1, location="EqDC2", connectionsBandwidth="1Gbps", lagName="l",
                        tags=[{"key": "team", "value": "net"}])
    vif = private_vif(dx, conn["connectionId"], tags=[{"key": "team", "value": "net"}])
    return {
        "connection": arn(account, "dxcon", conn["connectionId"]),
        "lag": arn(account, "dxlag", lag["lagId"]),
        "vif": arn(account, "dxvif", vif["virtualInterfaceId"]),
    }


@pytest.mark.parametrize("kind", ["connection", "lag", "vif"])
def test_tag_untag_describe(dx: Any, resources: dict[str, str], kind: str) -> None:
    resource_arn = resources[kind]
    assert tags_of(dx, resource_arn) == [{"key": "team", "value": "net"}]  # tags given at creation
    dx.tag_resource(resourceArn=resource_arn, tags=[{"key": "team", "value": "edge"}, {"key": "env", "value": "ci"}])
    assert sorted(tags_of(dx, resource_arn), key=lambda t: t["key"]) == [
        {"key": "env", "value": "ci"}, {"key": "team", "value": "edge"}]
    dx.untag_resource(resourceArn=resource_arn, tagKeys=["team", "absent"])
    assert tags_of(dx, resource_arn) == [{"key": "env", "value": "ci"}]


def test_describe_several(dx: Any, resources: dict[str, str]) -> None:
    described = dx.describe_tags(resourceArns=list(resources.values()))["resourceTags"]
    assert [d["resourceArn"] for d in described] == list(resources.values())


def test_tag_refusals(dx: Any, resources: dict[str, str]) -> None:
    target = resources["connection"]
    expect_error(dx.tag_resource, "DuplicateTagKeysException", "Tag key a is given more than once",
                 resourceArn=target, tags=[{"key": "a", "value": "1"}, {"key": "a", "value": "2"}])
    dx.tag_resource(resourceArn=target, tags=[{"key": f"k{i}", "value": "v"} for i in range(49)])
    expect_error(dx.tag_resource, "TooManyTagsException", "A resource can have at most 50 tags; 51 were given",
                 resourceArn=target, tags=[{"key": "one-too-many", "value": "v"}])
    assert len(tags_of(dx, target)) == 50


def test_arns_that_name_nothing_of_the_caller(dx: Any, account: str, make_client: Any) -> None:
    other = make_client()
    theirs = connection(other)["connectionId"]
    foreign = arn("000000000000", "dxcon", theirs)
    expect_error(dx.describe_tags, CLIENT, f"Resource {foreign} does not exist", resourceArns=[foreign])
    other_region = arn(account, "dxcon", theirs, region="eu-west-1")
    expect_error(dx.tag_resource, CLIENT, f"Resource {other_region} does not exist", resourceArn=other_region,
                 tags=[{"key": "a", "value": "b"}])
    expect_error(dx.describe_tags, CLIENT, f"Could not find Connection with ID {theirs}",
                 resourceArns=[arn(account, "dxcon", theirs)])
    expect_error(dx.untag_resource, CLIENT, "arn:aws:ec2:us-east-1:1:vpc/vpc-1 is not a Direct Connect connection",
                 resourceArn="arn:aws:ec2:us-east-1:1:vpc/vpc-1", tagKeys=["a"])


@pytest.mark.parametrize("kind", ["connection", "lag", "vif"])
def test_a_deleted_resource_takes_no_tag_change(dx: Any, resources: dict[str, str], kind: str) -> None:
    resource_arn = resources[kind]
    resource_id = resource_arn.rsplit("/", 1)[1]
    if kind == "vif":
        dx.delete_virtual_interface(virtualInterfaceId=resource_id)
    elif kind == "lag":
        for member in dx.describe_lags(lagId=resource_id)["lags"][0]["connections"]:
            dx.delete_connection(connectionId=member["connectionId"])
        dx.delete_lag(lagId=resource_id)
    else:
        dx.delete_virtual_interface(virtualInterfaceId=resources["vif"].rsplit("/", 1)[1])
        dx.delete_connection(connectionId=resource_id)
    for change, params in ((dx.tag_resource, {"tags": [{"key": "late", "value": "x"}]}),
                           (dx.untag_resource, {"tagKeys": ["team"]})):
        expect_error(change, CLIENT, f"Resource {resource_arn} is deleted: its tags cannot be changed",
                     resourceArn=resource_arn, **params)
    assert tags_of(dx, resource_arn) == [{"key": "team", "value": "net"}]  # still described while listed
