"""Refusals that no contract test reaches, each with its code and message."""

from __future__ import annotations

import ipaddress
import time
from dataclasses import replace

import pytest

from dx_emulator.config import Settings
from dx_emulator.domain import addresses
from dx_emulator.domain.connections import join_lag
from dx_emulator.domain.failover import start_test
from dx_emulator.domain.lags import NewLag, create_lag
from dx_emulator.domain.model import VifSlot
from dx_emulator.domain.tags import tagged, untagged
from dx_emulator.domain.virtual_interfaces import AttributeUpdate, update_attributes
from dx_emulator.errors import ClientException, SerializationException, ServerException
from dx_emulator.faults import parse
from dx_emulator.operations import call as call_module
from dx_emulator.operations.call import optimistic
from dx_emulator.operations.inputs import Members
from dx_emulator.protocol.wire import event_body
from dx_emulator.store.repository import ConcurrentModification

from .domain_support import conn, ctx, vif

LAG = NewLag(1, "EqDC2", "1Gbps", "l")


def test_no_free_30_left() -> None:
    every_block = [f"{net[1]}/30" for net in ipaddress.ip_network("169.254.0.0/16").subnets(new_prefix=30)]
    with pytest.raises(ClientException, match=r"No free /30 is left in 169\.254\.0\.0/16"):
        addresses.ipv4_pair(None, None, public=False, in_use=every_block, ctx=ctx())


def test_a_deleted_lag_takes_no_connection() -> None:
    lag, _ = create_lag(LAG, ctx())
    with pytest.raises(ClientException, match=f"LAG {lag.lag_id} is deleted: connections cannot be added to it"):
        join_lag(conn(), replace(lag, lag_state="deleted"))


@pytest.mark.parametrize(("change", "message"), [
    ({"connection_state": "deleted"}, "is deleted"),
    ({"location": "EqLD5"}, "(EqLD5, 1Gbps) does not match the LAG's location and connectionsBandwidth"),
    ({"vif_slots": (VifSlot("dxvif-aaaaaaaa", 1, "private"),)}, "has virtual interfaces: delete them first"),
])
def test_connections_that_cannot_move_into_a_lag(change: dict[str, object], message: str) -> None:
    existing = replace(conn(), **change)  # type: ignore[arg-type]
    with pytest.raises(ClientException) as caught:
        create_lag(LAG, ctx(), existing)
    assert caught.value.message.startswith(f"Connection {existing.connection_id} ")
    assert message in caught.value.message


def test_empty_tag_changes_and_names() -> None:
    with pytest.raises(ClientException, match="tags must hold at least one tag"):
        tagged((), ())
    with pytest.raises(ClientException, match="tagKeys must hold at least one key"):
        untagged((), ())
    with pytest.raises(ClientException, match="virtualInterfaceName must not be empty"):
        update_attributes(vif(), AttributeUpdate(virtual_interface_name=""))


def test_a_failover_test_needs_an_available_vif() -> None:
    pending = vif()
    with pytest.raises(ClientException, match=f"Virtual interface {pending.virtual_interface_id} is pending: "
                                              "a failover test needs it available"):
        start_test(pending, None, 10, ctx())


def test_optimistic_retries_give_up_with_a_server_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(time, "sleep", lambda _: None)  # the backoff between attempts
    attempts = []

    def always_loses() -> None:
        attempts.append(1)
        raise ConcurrentModification("dxvif-aaaaaaaa")

    with pytest.raises(ServerException, match="The resource is being changed by too many concurrent requests"):
        optimistic(always_loses)
    assert len(attempts) == call_module.MAX_ATTEMPTS


@pytest.mark.parametrize(("values", "read", "message"), [
    ({"x": ["a", 1]}, lambda m: m.strings("x"), "x must be a list of strings"),
    ({"x": [{"cidr": "a"}, "b"]}, lambda m: m.structures("x"), r"x\[1\] must be an object"),
    ({"tags": [{"value": "v"}]}, lambda m: m.tags(), r"tags\[0\].key is required"),
])
def test_typed_list_inputs(values: dict[str, object], read: object, message: str) -> None:
    with pytest.raises((SerializationException, ClientException), match=message):
        read(Members(values))  # type: ignore[operator]


def test_a_body_that_is_not_base64() -> None:
    with pytest.raises(SerializationException, match="The request body is not valid base64"):
        event_body({"body": "not base64!", "isBase64Encoded": True})


@pytest.mark.parametrize(("env", "message"), [
    ({"DX_EMULATOR_VIF_DELAY": "soon"}, "DX_EMULATOR_VIF_DELAY must be a number of seconds: 'soon'"),
    ({"DX_EMULATOR_PEER_DELAY": "-1"}, "DX_EMULATOR_PEER_DELAY must not be negative: '-1'"),
])
def test_bad_delay_settings(env: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Settings.from_environment(env)


@pytest.mark.parametrize(("setting", "message"), [
    ('{"error": "ThrottlingException"}', "DX_EMULATOR_FAULTS must be a JSON list of rules"),
    ('["ThrottlingException"]', r"DX_EMULATOR_FAULTS\[0\] must be an object"),
])
def test_bad_fault_settings(setting: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse(setting)
