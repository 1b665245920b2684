"""Running `dx-emulator serve` as a user would, in a subprocess, and boto3 clients for it."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import botocore.session
from botocore.config import Config

from .shapes import check_response

URL_LINE = re.compile(r"serving Direct Connect on (http://\S+)")


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen[str] | None
    store: str  # "embedded", or DynamoDB's endpoint URL
    output: list[str] = field(default_factory=list)  # what the server printed after it started
    table: str = ""

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)


def start_server(dynamodb_endpoint: str | None = None, table: str = "dx-emulator",
                 extra: tuple[str, ...] = (), env: dict[str, str] | None = None) -> RunningServer:
    command = [sys.executable, "-m", "dx_emulator.cli", "serve", "--port", "0", "--table", table, *extra]
    if dynamodb_endpoint:
        command += ["--dynamodb-endpoint", dynamodb_endpoint]
    # 7224 on the operator allow list lets the public-VIF ASN tests see both sides of the rule.
    # 999900001111 is a v1 Direct Connect partner by the deployment's list (the rest declare theirs).
    environment = {**os.environ, "POWERTOOLS_LOG_LEVEL": "WARNING", "DX_EMULATOR_PUBLIC_ASN_ALLOW_LIST": "7224",
                   "DX_EMULATOR_PARTNERS": "999900001111:v1", **(env or {})}
    environment.pop("AWS_ENDPOINT_URL_DYNAMODB", None)
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=environment)
    assert process.stdout is not None
    seen = []
    for line in process.stdout:
        seen.append(line)
        match = URL_LINE.search(line)
        if match:
            # Keep draining output so the server never blocks on a full pipe.
            running = RunningServer(match.group(1), process, dynamodb_endpoint or "embedded", table=table)
            _drain(process, running.output)
            return running
    raise RuntimeError("dx-emulator serve did not start:\n" + "".join(seen))


def start_verifying(keys: dict[str, dict[str, str]], name: str) -> RunningServer:
    """`serve` as a closed endpoint: only ``keys`` ({access key id: {secretAccessKey, account}}) get in."""
    return start_server(table=f"dx-{name}-{secrets.token_hex(4)}", env={
        "DX_EMULATOR_VERIFY_SIGNATURES": "true", "DX_EMULATOR_ACCESS_KEYS": json.dumps(keys)})


def _drain(process: subprocess.Popen[str], output: list[str]) -> None:
    def drain() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            output.append(line)
            sys.stderr.write(line)

    threading.Thread(target=drain, daemon=True).start()


def new_account() -> str:
    """A fresh 12-digit account: the emulator takes it from the access key, so tests never collide."""
    return "9" + "".join(str(secrets.randbelow(10)) for _ in range(11))


PROTOCOLS = ("json", "cbor")


def _cbor_only_session() -> boto3.session.Session:
    """A session whose directconnect model lists only smithy-rpc-v2-cbor, as AWS_DATA_PATH would load
    it: botocore then serialises and parses with its own RpcV2CBOR classes."""
    model = botocore.session.get_session().get_service_data("directconnect")
    model["metadata"]["protocols"] = ["smithy-rpc-v2-cbor"]
    model["metadata"]["protocol"] = "smithy-rpc-v2-cbor"
    data_path = Path(tempfile.mkdtemp(prefix="dx-cbor-model-"))
    version_dir = data_path / "directconnect" / model["metadata"]["apiVersion"]
    version_dir.mkdir(parents=True)
    (version_dir / "service-2.json").write_text(json.dumps(model))
    session = botocore.session.get_session()
    session.set_config_variable("data_path", str(data_path))
    return boto3.session.Session(botocore_session=session)


# Shared: a session per client reloads the service model (~100 ms a client).
_SESSIONS = {"json": boto3.session.Session(), "cbor": _cbor_only_session()}


def client(url: str, account: str | None = None, region: str = "us-east-1", protocol: str = "json",
           secret: str = "not-checked", token: str | None = None, **config: Any) -> Any:
    dx = _SESSIONS[protocol].client(
        "directconnect",
        region_name=region,
        endpoint_url=url,
        aws_access_key_id=account or new_account(),
        aws_secret_access_key=secret,
        aws_session_token=token,
        # No retries unless a test asks: a test sees each answer as the emulator gave it.
        config=Config(**{"retries": {"mode": "standard", "max_attempts": 1}, **config}),
    )
    assert dx.meta.service_model.resolved_protocol == {"json": "json", "cbor": "smithy-rpc-v2-cbor"}[protocol]
    dx.meta.events.register("before-parse.direct-connect.*", check_response)
    return dx
