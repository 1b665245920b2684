"""Who may call the emulator's own routes: on an endpoint that verifies signatures, only a configured
key, for its own account; the dashboard through a presigned URL that is short-lived and unalterable.
On an open endpoint the access key names the account, as it does for API calls."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.credentials import Credentials

from dx_emulator.local.admin_client import AdminClient, AdminError
from tests.support.admin import admin
from tests.support.server import RunningServer, client, new_account, start_verifying

KEYS = {"AKIDADMINTEAM000001": {"secretAccessKey": "first/secret", "account": "444455556666"},
        "AKIDADMINTEAM000002": {"secretAccessKey": "second/secret", "account": "777788889999"}}


@pytest.fixture(scope="module")
def guarded() -> Iterator[RunningServer]:
    running = start_verifying(KEYS, "admin")
    yield running
    running.stop()


def _as(url: str, key: str, secret: str | None = None) -> AdminClient:
    return AdminClient(url, Credentials(key, secret or KEYS.get(key, {}).get("secretAccessKey", "wrong")))


def _get(url: str, accept: str = "text/html") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, dict(answer.headers.items()), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def _refused(call: Any, code: str, message: str) -> None:
    with pytest.raises(AdminError) as caught:
        call()
    assert (caught.value.code, caught.value.message) == (code, message)
    assert caught.value.status == 403


def test_unsigned_unknown_and_wrongly_signed_admin_calls_are_refused(guarded: RunningServer) -> None:
    first = _as(guarded.url, "AKIDADMINTEAM000001")
    dx = client(guarded.url, "AKIDADMINTEAM000001", secret=KEYS["AKIDADMINTEAM000001"]["secretAccessKey"])
    connection_id = dx.create_connection(location="EqDC2", bandwidth="1Gbps", connectionName="c")["connectionId"]
    status, _, body = _get(f"{guarded.url}/_dx-emulator/reset")
    assert status == 403 and json.loads(body)["__type"] == "MissingAuthenticationTokenException"
    request = urllib.request.Request(f"{guarded.url}/_dx-emulator/reset", method="POST", data=b"")
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 403
    _refused(lambda: _as(guarded.url, "AKIDNOTCONFIGURED01").call("POST", "reset"), "UnrecognizedClientException",
             "The security token included in the request is invalid.")
    _refused(lambda: _as(guarded.url, "AKIDADMINTEAM000001", "not/the/secret").call("POST", "reset"),
             "InvalidSignatureException", "The request signature we calculated does not match the signature you "
             "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation "
             "for details.")
    # None of them touched the account; its own key's reset does, and acts on its account only.
    assert [c["connectionId"] for c in dx.describe_connections()["connections"]] == [connection_id]
    second = _as(guarded.url, "AKIDADMINTEAM000002")
    assert second.call("POST", "reset")["account"] == "777788889999"
    assert [c["connectionId"] for c in dx.describe_connections()["connections"]] == [connection_id]
    assert first.call("GET", "state")["account"] == "444455556666"
    assert first.call("POST", "reset")["removed"]["connections"] == 1
    assert dx.describe_connections()["connections"] == []


def test_a_presigned_dashboard_link_opens_and_an_altered_or_expired_one_does_not(guarded: RunningServer) -> None:
    first = _as(guarded.url, "AKIDADMINTEAM000001")
    url = first.presign("dashboard", 300)
    status, headers, page = _get(url)
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert headers["Referrer-Policy"] == "no-referrer"  # the link is a credential: it must not leak
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert b"<html" in page.lower()
    status, _, state = _get(url, accept="application/json")
    assert status == 200 and json.loads(state)["account"] == "444455556666"
    # One character of the signature changed, the account's key swapped in, a state route signed for a dashboard:
    altered = url[:-1] + ("0" if url[-1] != "0" else "1")
    status, _, body = _get(altered, accept="application/json")
    assert status == 403 and json.loads(body)["__type"] == "InvalidSignatureException"
    swapped = url.replace("AKIDADMINTEAM000001", "AKIDADMINTEAM000002")
    assert _get(swapped, accept="application/json")[0] == 403
    assert _get(url.replace("/dashboard?", "/reset?"), accept="application/json")[0] == 403


def test_presigned_links_are_short_lived(guarded: RunningServer) -> None:
    first = _as(guarded.url, "AKIDADMINTEAM000001")
    status, _, body = _get(first.presign("dashboard", 7200), accept="application/json")
    assert status == 403
    assert json.loads(body)["message"] == "X-Amz-Expires must be between 1 and 3600 seconds"
    expired = first.presign("dashboard", 1)
    import time

    time.sleep(2.1)
    status, _, body = _get(expired, accept="application/json")
    assert status == 403 and "Signature expired" in json.loads(body)["message"]


def test_a_presigned_url_is_no_way_into_the_api(guarded: RunningServer) -> None:
    """Query authentication is the dashboard's: an API call (a POST) with a presigned query is unsigned."""
    url = _as(guarded.url, "AKIDADMINTEAM000001").presign("dashboard", 300).replace("/_dx-emulator/dashboard", "/")
    request = urllib.request.Request(url, method="POST", data=b"{}", headers={
        "X-Amz-Target": "OvertureService.DescribeConnections", "Content-Type": "application/x-amz-json-1.1"})
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 403
    assert json.loads(caught.value.read())["__type"] == "MissingAuthenticationTokenException"


def test_on_an_open_endpoint_the_access_key_names_the_account(embedded_server: RunningServer) -> None:
    mine = new_account()
    client(embedded_server.url, mine).create_connection(location="EqDC2", bandwidth="1Gbps", connectionName="c")
    status, _, body = _get(admin(embedded_server.url, mine).presign("dashboard", 60), accept="application/json")
    assert status == 200
    state = json.loads(body)
    assert state["account"] == mine and len(state["regions"]["us-east-1"]["connections"]) == 1
