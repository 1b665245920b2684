"""`dx-emulator`: the command line."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .config import DEFAULT_TABLE, DELAY_VARIABLES

# serve's flags for the lifecycle delays, and the environment variables they set.
DELAY_FLAGS = {
    "connection_available": ("--connection-delay", "connection and LAG: requested -> available"),
    "vif_available": ("--vif-delay", "VIF: pending/verifying -> available"),
    "peer_available": ("--peer-delay", "BGP peer: pending/verifying -> available"),
    "deleting": ("--delete-delay", "deleting -> deleted"),
    "deleted_retention": ("--deleted-retention", "how long deleted resources stay listed (default 900)"),
    "bgp_up": ("--bgp-up-delay", "an available peer's bgpStatus: down -> up"),
    "failover_minute": ("--failover-minute", "seconds in one minute of a failover test (default 60)"),
    "gateway_available": ("--gateway-delay", "Direct Connect gateway: pending -> available"),
    "association_available": ("--association-delay", "gateway association: associating -> associated"),
    "association_update": ("--association-update-delay", "gateway association: updating -> associated"),
    "disassociation": ("--disassociation-delay", "gateway association: disassociating -> disassociated"),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dx-emulator", description="An emulator of the AWS Direct Connect API.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the API over HTTP on this machine")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=4599, help="0 picks a free port (default: %(default)s)")
    serve.add_argument("--dynamodb-endpoint", metavar="URL",
                       help="use this DynamoDB (DynamoDB Local, or AWS) instead of the embedded store")
    serve.add_argument("--table", default=os.environ.get("DX_EMULATOR_TABLE", DEFAULT_TABLE))
    serve.add_argument("--faults", metavar="JSON", help="inject faults (see README: failure drills)")
    serve.add_argument("--faults-seed", metavar="N", type=int, help="make the injected faults repeatable")
    serve.add_argument("--strict-locations", action="store_true",
                       help="refuse ports at locations DescribeLocations does not list")
    serve.add_argument("--partners", metavar="ACCOUNTS",
                       help="Direct Connect partner accounts, e.g. 111122223333:v1,444455556666 (type v2 by default)")
    for name, (flag, meaning) in DELAY_FLAGS.items():
        default_zero = name not in ("deleted_retention", "failover_minute")
        serve.add_argument(flag, dest=name, type=float, metavar="SECONDS",
                           help=f"{meaning} (default 0)" if default_zero else meaning)
    serve.add_argument("--idle-expiry", type=float, metavar="SECONDS",
                       help="accounts untouched this long expire by DynamoDB TTL (default 0: never)")
    _admin_parser(commands)
    seed = commands.add_parser("seed", help="create the resources a YAML/JSON file describes, through the API")
    seed.add_argument("file", type=Path)
    seed.add_argument("--endpoint", required=True, metavar="URL", help="the emulator, e.g. http://127.0.0.1:4599")
    seed.add_argument("--account", default="123456789012", help="12-digit account, sent as the access key id")
    seed.add_argument("--region", default="us-east-1")
    return parser


def _environment(dynamodb_endpoint: str | None, table: str, delays: dict[str, float | None],
                 faults: str | None, faults_seed: int | None, *, partners: str | None = None) -> None:
    """The handler reads its settings from the environment at import, as it does on Lambda."""
    os.environ["DX_EMULATOR_TABLE"] = table
    if partners:
        from .domain.hosted.partners import parse_partners  # noqa: PLC0415

        parse_partners(partners)  # a bad setting fails here, with its reason
        os.environ["DX_EMULATOR_PARTNERS"] = partners
    if faults:
        from .faults import parse  # noqa: PLC0415

        parse(faults)  # a bad setting fails here, with its reason, not on the first request
        os.environ["DX_EMULATOR_FAULTS"] = faults
    if faults_seed is not None:
        os.environ["DX_EMULATOR_FAULTS_SEED"] = str(faults_seed)
    for name, seconds in delays.items():
        if seconds is not None:
            os.environ[DELAY_VARIABLES[name]] = str(seconds)
    os.environ.setdefault("POWERTOOLS_SERVICE_NAME", "dx-emulator")
    # One JSON log line per request is enough on a terminal; the EMF metric blobs are for CloudWatch.
    os.environ.setdefault("POWERTOOLS_METRICS_DISABLED", "true")
    # Without DynamoDB, the handler keeps its items in this process (store/memory.py).
    os.environ["DX_EMULATOR_STORE"] = "dynamodb" if dynamodb_endpoint else "memory"
    if dynamodb_endpoint:
        os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamodb_endpoint
        for name, value in (("AWS_ACCESS_KEY_ID", "local"), ("AWS_SECRET_ACCESS_KEY", "local")):
            os.environ.setdefault(name, value)
    else:
        os.environ.pop("AWS_ENDPOINT_URL_DYNAMODB", None)


def serve(host: str, port: int, dynamodb_endpoint: str | None, table: str, *,
          delays: dict[str, float | None] | None = None, faults: str | None = None,
          faults_seed: int | None = None, partners: str | None = None) -> None:
    _environment(dynamodb_endpoint, table, delays or {}, faults, faults_seed, partners=partners)
    from .handler import lambda_handler  # noqa: PLC0415 - after the environment is set
    from .local.server import EmulatorServer  # noqa: PLC0415

    if dynamodb_endpoint:
        from .store.schema import ensure_table  # noqa: PLC0415

        ensure_table()
    server = EmulatorServer((host, port), lambda_handler)
    store = f"{dynamodb_endpoint}, table {table}" if dynamodb_endpoint else "in-memory (lost on exit)"
    print(f"dx-emulator serving Direct Connect on http://{host}:{server.server_port}", flush=True)
    print(f"  store: {store}", flush=True)
    print(f"  try: aws directconnect describe-connections --endpoint-url http://{host}:{server.server_port}",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def seed(file: Path, endpoint: str, account: str, region: str) -> int:
    import boto3  # noqa: PLC0415 - only this command is a client
    from botocore.credentials import Credentials  # noqa: PLC0415
    from botocore.exceptions import ClientError  # noqa: PLC0415

    from .local.admin_client import AdminClient, AdminError  # noqa: PLC0415
    from .local.seed import SeedError, load  # noqa: PLC0415
    from .local.seed import seed as build_world  # noqa: PLC0415

    dx = boto3.client("directconnect", endpoint_url=endpoint, region_name=region, aws_access_key_id=account,
                      aws_secret_access_key="seed")  # noqa: S106 - the emulator does not check it
    admin = AdminClient(endpoint, Credentials(account, "seed"), region)
    try:
        ids = build_world(dx, load(file), admin)
    except (SeedError, ClientError, AdminError, KeyError, TypeError) as error:
        print(f"dx-emulator seed: {error}", file=sys.stderr)
        return 1
    print(json.dumps(ids, indent=2))
    return 0


def _admin_parser(commands: Any) -> None:
    admin = commands.add_parser("admin", help="the endpoint's own routes, for your account (signed with your "
                                              "AWS credentials, as the AWS CLI finds them)")
    admin.add_argument("action", choices=["health", "reset", "state", "settings", "world", "advance", "dashboard-url"])
    admin.add_argument("document", nargs="?", help="settings/world: a JSON file to PUT (- for stdin); "
                                                   "advance: comma-separated resource ids")
    admin.add_argument("--endpoint-url", required=True, metavar="URL")
    admin.add_argument("--region", help="state: only this region; and the region requests are signed for")
    admin.add_argument("--profile")
    admin.add_argument("--expires", type=int, default=900, help="dashboard-url: seconds the link lives (max 3600)")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "seed":
        return seed(args.file, args.endpoint, args.account, args.region)
    if args.command == "admin":
        from .local.admin_command import run  # noqa: PLC0415

        return run(args)
    delays = {name: getattr(args, name) for name in DELAY_FLAGS}
    if args.idle_expiry is not None:
        os.environ["DX_EMULATOR_IDLE_EXPIRY"] = str(args.idle_expiry)
    if args.strict_locations:
        os.environ["DX_EMULATOR_STRICT_LOCATIONS"] = "true"
    serve(args.host, args.port, args.dynamodb_endpoint, args.table, delays=delays, faults=args.faults,
          faults_seed=args.faults_seed, partners=args.partners)
    return 0


if __name__ == "__main__":
    sys.exit(main())
