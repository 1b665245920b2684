"""The operation table names its functions (module:function) instead of importing them: every entry
must resolve to a function of that name, and a request's first call imports only its own family."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dx_emulator.operations.table import OPERATIONS, SERVED, resolve


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
