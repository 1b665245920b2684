"""`dx-emulator admin`: the routes from a terminal, signed with the normal AWS credential chain."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.support.server import RunningServer, client, new_account


def _admin(url: str, account: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    # The credential chain's first link: the environment, as a CI job or `aws configure export-credentials` sets it.
    environment = {**os.environ, "AWS_ACCESS_KEY_ID": account, "AWS_SECRET_ACCESS_KEY": "not-checked",
                   "AWS_DEFAULT_REGION": "us-east-1"}
    environment.pop("AWS_PROFILE", None)
    return subprocess.run([sys.executable, "-m", "dx_emulator.cli", "admin", *args, "--endpoint-url", url],
                          capture_output=True, text=True, env=environment, input=stdin, timeout=60, check=False)


def test_every_action_from_the_command_line(embedded_server: RunningServer, tmp_path: Path) -> None:
    url, mine = embedded_server.url, new_account()
    dx = client(url, mine)
    connection_id = dx.create_connection(location="EqDC2", bandwidth="1Gbps", connectionName="c")["connectionId"]

    health = _admin(url, mine, "health")
    assert health.returncode == 0 and json.loads(health.stdout)["status"] == "ok"

    state = json.loads(_admin(url, mine, "state", "--region", "us-east-1").stdout)
    assert [c["connectionId"] for c in state["regions"]["us-east-1"]["connections"]] == [connection_id]

    settings = tmp_path / "settings.json"
    settings.write_text(json.dumps({"manual": {}}))
    assert json.loads(_admin(url, mine, "settings", str(settings)).stdout)["settings"] == {"manual": {"reads": 0}}
    assert json.loads(_admin(url, mine, "settings").stdout)["settings"] == {"manual": {"reads": 0}}
    advanced = _admin(url, mine, "advance", connection_id)
    assert json.loads(advanced.stdout)["advanced"] == [connection_id]

    world = _admin(url, mine, "world", "-", stdin=json.dumps({"virtualGateways": [
        {"virtualGatewayId": "vgw-0a1b2c3d", "region": "us-east-1"}]}))
    assert json.loads(world.stdout)["virtualGateways"][0]["virtualGatewayId"] == "vgw-0a1b2c3d"

    link = _admin(url, mine, "dashboard-url", "--expires", "120").stdout.strip()
    assert "X-Amz-Signature=" in link and "X-Amz-Expires=120" in link
    with urllib.request.urlopen(link, timeout=10) as page:
        assert page.status == 200 and page.headers["Content-Type"].startswith("text/html")

    reset = json.loads(_admin(url, mine, "reset").stdout)
    assert reset["removed"]["connections"] == 1 and reset["removed"]["settings"] == 1
    assert dx.describe_connections()["connections"] == []


def test_a_refusal_is_an_exit_status_and_the_endpoints_words(embedded_server: RunningServer) -> None:
    refused = _admin(embedded_server.url, new_account(), "advance", "dxcon-abcd1234")
    assert refused.returncode == 1
    assert refused.stderr.startswith("dx-emulator admin advance: DirectConnectClientException: Manual mode is off")
    down = _admin("http://127.0.0.1:9", new_account(), "health")
    assert down.returncode == 1 and "dx-emulator admin health:" in down.stderr
