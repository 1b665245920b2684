"""`dx-emulator admin`: the endpoint's own routes for the caller's account, signed with the normal AWS
credential chain (environment, profile, SSO...) as the AWS CLI would sign."""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from .admin_client import AdminClient, AdminError

# action -> (method, route)
ROUTES = {"reset": ("POST", "reset"), "state": ("GET", "state"), "settings": ("GET", "settings"),
          "world": ("GET", "world"), "advance": ("POST", "advance")}


def _document(source: str) -> Any:
    text = sys.stdin.read() if source == "-" else Path(source).read_text()
    return json.loads(text)


def _health(endpoint: str) -> int:
    try:
        with urllib.request.urlopen(f"{endpoint.rstrip('/')}/_dx-emulator/health", timeout=30) as answer:  # noqa: S310
            print(answer.read().decode())
            return 0
    except urllib.error.HTTPError as error:
        print(error.read().decode())
        return 1
    except OSError as error:
        print(f"dx-emulator admin health: {error}", file=sys.stderr)
        return 1


def _client(args: argparse.Namespace) -> AdminClient:
    import boto3  # noqa: PLC0415 - the credential chain, as every AWS tool resolves it

    session = boto3.Session(profile_name=args.profile, region_name=args.region)
    credentials = session.get_credentials()
    if credentials is None:
        raise AdminError(0, "NoCredentials", "no AWS credentials found (environment, profile or SSO)")
    return AdminClient(args.endpoint_url, credentials.get_frozen_credentials(),
                       session.region_name or "us-east-1")


def run(args: argparse.Namespace) -> int:
    if args.action == "health":
        return _health(args.endpoint_url)
    try:
        client = _client(args)
        if args.action == "dashboard-url":
            print(client.presign("dashboard", args.expires, f"region={args.region}" if args.region else ""))
            return 0
        method, route = ROUTES[args.action]
        body: Any = None
        if args.action in ("settings", "world") and args.document:
            method, body = "PUT", _document(args.document)
        elif args.action == "advance":
            body = {"resourceIds": [part for part in (args.document or "").split(",") if part]}
        elif args.action == "state" and args.region:
            route = f"state?region={args.region}"
        print(json.dumps(client.call(method, route, body), indent=2))
    except AdminError as error:
        print(f"dx-emulator admin {args.action}: {error}", file=sys.stderr)
        return 1
    except (OSError, ValueError) as error:
        print(f"dx-emulator admin {args.action}: {error}", file=sys.stderr)
        return 1
    return 0
