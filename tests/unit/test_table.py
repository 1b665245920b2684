"""The operation table, the store's kinds and the domain<->item mapping name their code
(module:name) instead of importing it (lazy.py): every name must resolve to what it says, and a
request's first call imports only its own family."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields

import pytest
from pynamodb.attributes import MapAttribute

from dx_emulator.lazy import load
from dx_emulator.operations.table import OPERATIONS, SERVED, resolve
from dx_emulator.store.items import BaseItem
from dx_emulator.store.kinds import KINDS
from dx_emulator.store.mapping import KEYED, MAPS


@pytest.mark.parametrize(("service", "operation"),
                         [(service, operation) for service, table in SERVED.items() for operation in table])
def test_every_entry_resolves_to_its_function(service: str, operation: str) -> None:
    function = resolve(service, operation)
    assert callable(function)
    assert function.__name__ == SERVED[service][operation].split(":")[1]


def test_an_unknown_operation_resolves_to_nothing() -> None:
    assert resolve("directconnect", "CreateWidget") is None
    assert resolve("sts", "CreateConnection") is None
    assert "CreateBGPPeer" in OPERATIONS


def test_the_handler_imports_no_family_until_a_request_calls_it() -> None:
    # A fresh interpreter: the handler's import leaves gateways, hosted, resiliency and the admin
    # routes unimported; resolving CreateBGPPeer imports its module and not theirs.
    script = """
import sys
import dx_emulator.handler
from dx_emulator.operations.table import resolve
families = ("dx_emulator.operations.gateways", "dx_emulator.domain.gateways", "dx_emulator.operations.hosted",
            "dx_emulator.domain.resiliency", "dx_emulator.operations.admin", "dx_emulator.operations.bgp_peers")
print(sorted(name for name in sys.modules if name.startswith(families)))
resolve("directconnect", "CreateBGPPeer")
print(sorted(name for name in sys.modules if name.startswith(families)))
"""
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         env={"DX_EMULATOR_TABLE": "t", "AWS_REGION": "us-east-1", "PATH": "/usr/bin:/bin"})
    before, after = run.stdout.splitlines()
    assert before == "[]"
    assert after == "['dx_emulator.operations.bgp_peers']"


def _domain(where: str) -> type:
    found: type = load(f"..domain.{where}", "dx_emulator.store.mapping")
    return found


@pytest.mark.parametrize("name", sorted(KINDS))
def test_every_kind_names_its_item_class(name: str) -> None:
    item_class = KINDS[name].item_class
    assert issubclass(item_class, BaseItem) and item_class is not BaseItem


@pytest.mark.parametrize("member", sorted(MAPS))
def test_every_list_of_maps_names_a_domain_class_and_a_map_attribute(member: str) -> None:
    element, attribute = MAPS[member]
    assert fields(_domain(element))  # a dataclass of the domain's
    assert issubclass(load(f".{attribute}", "dx_emulator.store.mapping"), MapAttribute)


@pytest.mark.parametrize("member", sorted(KEYED))
def test_every_keyed_slot_names_a_domain_class_with_its_key(member: str) -> None:
    element, key = KEYED[member]
    assert key in {field.name for field in fields(_domain(element))}
