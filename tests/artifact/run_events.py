"""Replays events/*.json through the handler of the built artifact, in order, one JSON line each.

Run by test_built_artifact.py in a fresh interpreter (``-I -S``: no site-packages) whose sys.path
holds only the built function and layer, as Lambda's does. Example ids in later events
(dxcon-example1, dxvif-example2, ...) become the ids that earlier answers returned.
Usage: python -I -S run_events.py BUILD_DIR EVENTS_DIR
"""

import base64
import json
import sys
from pathlib import Path
from typing import Any

build, events = Path(sys.argv[1]), Path(sys.argv[2])
sys.path[:0] = [str(build / "Function"), str(build / "DependenciesLayer" / "python")]

import cbor2  # noqa: E402 - from the layer, once sys.path holds it

from dx_emulator.handler import lambda_handler  # noqa: E402
from dx_emulator.store.schema import ensure_table  # noqa: E402

CREATED = {"CreateConnection": "connectionId", "CreateLag": "lagId", "CreatePrivateVirtualInterface":
           "virtualInterfaceId", "CreatePublicVirtualInterface": "virtualInterfaceId",
           "AllocatePrivateVirtualInterface": "virtualInterfaceId", "AllocatePublicVirtualInterface":
           "virtualInterfaceId", "CreateInterconnect": "interconnectId", "AllocateHostedConnection": "connectionId",
           "AllocateConnectionOnInterconnect": "connectionId"}
# Resources whose ids (UUIDs) do not name their kind: the example id's prefix, and where the id is.
CREATED_UUIDS = {"CreateDirectConnectGateway": ("dxgw", "directConnectGateway", "directConnectGatewayId"),
                 "CreateDirectConnectGatewayAssociation": ("association", "directConnectGatewayAssociation",
                                                           "associationId"),
                 "CreateDirectConnectGatewayAssociationProposal": ("proposal",
                                                                   "directConnectGatewayAssociationProposal",
                                                                   "proposalId"),
                 "CreateResiliencyGroup": ("dxrg", "resiliencyGroup", "resiliencyGroupId")}

class Context:
    aws_request_id = "artifact-test"
    function_name = "Function"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:Function"


def created(operation: str, body: dict[str, Any]) -> tuple[str, str] | None:
    """The example prefix and the id of what ``operation`` made, if it made something."""
    if operation in CREATED_UUIDS:
        prefix, member, id_member = CREATED_UUIDS[operation]
        return prefix, str(body[member][id_member])
    if operation in ("CreateTransitVirtualInterface", "AllocateTransitVirtualInterface"):
        new_id = str(body["virtualInterface"]["virtualInterfaceId"])
    elif operation in CREATED:
        new_id = str(body[CREATED[operation]])
    else:
        return None
    return new_id.split("-")[0], new_id


ensure_table()
examples: dict[str, str] = {}
counts: dict[str, int] = {}
for path in sorted(events.glob("*.json")):
    event = json.loads(path.read_text())
    if "Records" in event:
        # TTL removed the account's record, then the stream told the function: play TTL's part first.
        from dx_emulator.store.account_items import AccountItem

        keys = event["Records"][0]["dynamodb"]["Keys"]
        AccountItem(keys["pk"]["S"], keys["sk"]["S"]).delete(add_version_condition=False)
        print(json.dumps({"event": path.stem, "status": 200, "headers": {}, "body": lambda_handler(event, Context())}))
        continue
    body = base64.b64decode(event["body"])
    for example, real in examples.items():
        body = body.replace(example.encode(), real.encode())
    event["body"] = base64.b64encode(body).decode()
    response = lambda_handler(event, Context())
    raw = response["body"]
    data = base64.b64decode(raw) if response["isBase64Encoded"] else raw.encode()
    content_type = response["headers"].get("Content-Type")
    cbor = content_type == "application/cbor"
    answer = cbor2.loads(data) if cbor else {"xml": data.decode()} if content_type == "text/xml" else (
        {"html": data.decode()} if (content_type or "").startswith("text/html") else json.loads(data))
    operation = event["requestContext"]["http"]["path"].rsplit("/", 1)[-1] if cbor else (
        event["headers"].get("x-amz-target", "sts.GetCallerIdentity").split(".", 1)[1])
    if response["statusCode"] == 200 and (made := created(operation, answer)):
        prefix, new_id = made
        counts[prefix] = counts.get(prefix, 0) + 1
        examples[f"{prefix}-example{counts[prefix]}"] = new_id
    print(json.dumps({"event": path.stem, "status": response["statusCode"], "headers": response["headers"],
                      "body": answer}, default=str))  # CBOR's timestamps decode as datetimes
print(json.dumps({"python": sys.version.split()[0], "path": sys.path[:2]}))
