"""Cold start: importing the handler in a fresh interpreter, against two baselines, samples interleaved.

- botocore.session: the old floor (PynamoDB needs botocore);
- the real floor: every import the design itself requires, and nothing of the emulator's: botocore,
  PynamoDB's model layer, Powertools' HTTP resolver and the Logger and Metrics observability.py uses.

The handler imports an operation's own modules when a request first calls it (lazy.py), so two more
figures say what that defers: the handler plus what a first CreateBGPPeer imports, and the handler
plus every operation's modules (what an instance that has served every operation has imported).

On the built artifact with python3.13 (the runtime's Python, with the artifact's 3.13 bytecode) when
both are here; else the sources on this Python. `python -m benchmarks.cold_start` prints the figures
and the heaviest modules of an `-X importtime` profile (docs/cold-start.md).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.runtime import python313

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / ".aws-sam" / "build"
HANDLER = "import dx_emulator.handler"
_RESOLVE = "; from dx_emulator.operations.table import SERVED, resolve; "
FIRST_REQUEST = HANDLER + _RESOLVE + "resolve('directconnect', 'CreateBGPPeer')"
EVERY_OPERATION = HANDLER + _RESOLVE + "[resolve(service, name) for service in SERVED for name in SERVED[service]]"
BOTOCORE = "import botocore.session"
# What the design requires, as the handler and observability.py import it.
FLOOR = ("import botocore.session; "
         "import pynamodb.models, pynamodb.attributes, pynamodb.indexes, pynamodb.transactions; "
         "from aws_lambda_powertools.event_handler import APIGatewayHttpResolver; "
         "from aws_lambda_powertools import Logger, Metrics; "
         "from aws_lambda_powertools.metrics import MetricUnit")
SNIPPET = ("import sys, time; sys.path[:0] = {paths!r}; started = time.perf_counter(); {statement}; "
           "print((time.perf_counter() - started) * 1000)")
ENV = {"DX_EMULATOR_TABLE": "t", "AWS_REGION": "us-east-1"}


@dataclass(frozen=True)
class Runtime:
    python: str
    paths: list[str]
    where: str


def runtime() -> Runtime:
    python = python313()
    if python and (BUILD / "Function" / "dx_emulator" / "handler.py").exists():
        paths = [str(BUILD / "Function"), str(BUILD / "DependenciesLayer" / "python")]
        return Runtime(python, paths, f"built artifact, {python}")
    import site

    paths = [str(ROOT / "functions"), *site.getsitepackages()]
    return Runtime(sys.executable, paths, f"sources, {sys.executable} (no python3.13 or no build here)")


def _run(rt: Runtime, statement: str, *flags: str) -> subprocess.CompletedProcess[str]:
    # -B: like Lambda's read-only /opt, never write bytecode; -I -S: no site-packages.
    command = [rt.python, "-B", "-I", "-S", *flags, "-c", SNIPPET.format(paths=rt.paths, statement=statement)]
    return subprocess.run(command, capture_output=True, text=True, check=True, env={"PATH": os.environ["PATH"], **ENV})


def measure(runs: int = 9) -> dict[str, Any]:
    """Medians in ms of `runs` fresh interpreters each, the imports taking turns (and turns at going
    first), so the machine's state drifts alike for all of them."""
    rt = runtime()
    statements = {"handler_ms": HANDLER, "botocore_ms": BOTOCORE, "floor_ms": FLOOR,
                  "first_request_ms": FIRST_REQUEST, "every_operation_ms": EVERY_OPERATION}
    samples: dict[str, list[float]] = {name: [] for name in statements}
    names = list(statements)
    for turn in range(runs):
        for name in names[turn % len(names):] + names[:turn % len(names)]:
            samples[name].append(float(_run(rt, statements[name]).stdout))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    floor = medians["floor_ms"]
    return {"where": rt.where, "runs": runs, **medians, "ratio": medians["handler_ms"] / floor,
            "botocore_ratio": medians["handler_ms"] / medians["botocore_ms"],
            "first_request_ratio": medians["first_request_ms"] / floor,
            "every_operation_ratio": medians["every_operation_ms"] / floor, "floor_imports": FLOOR}


@dataclass(frozen=True)
class Module:
    name: str
    self_ms: float
    cumulative_ms: float
    depth: int


def importtime(statement: str, rt: Runtime | None = None) -> list[Module]:
    """One `-X importtime` profile of `statement`, in import order (times inflated by the profiling)."""
    modules = []
    for line in _run(rt or runtime(), statement, "-X", "importtime").stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line.removeprefix("import time:").split("|")
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        modules.append(Module(name.strip(), int(self_us) / 1000, int(cumulative_us) / 1000, depth))
    return modules


def _heaviest(modules: list[Module], prefix: str, count: int) -> list[Module]:
    # A module in an import cycle is listed twice (inner and outer): keep the outer, larger one.
    outer: dict[str, Module] = {}
    for module in modules:
        kept = outer.get(module.name)
        if module.name.startswith(prefix) and (kept is None or module.cumulative_ms > kept.cumulative_ms):
            outer[module.name] = module
    return sorted(outer.values(), key=lambda m: -m.cumulative_ms)[:count]


def main() -> None:
    cold = measure()
    print(f"{cold['where']}; median of {cold['runs']}")
    for key, label in [("handler_ms", HANDLER), ("first_request_ms", "+ a first CreateBGPPeer's modules"),
                       ("every_operation_ms", "+ every operation's modules"), ("botocore_ms", BOTOCORE),
                       ("floor_ms", "the floor")]:
        print(f"  {label}: {cold[key]:.0f} ms")
    print(f"  handler / floor {cold['ratio']:.2f}x (first CreateBGPPeer {cold['first_request_ratio']:.2f}x, every "
          f"operation {cold['every_operation_ratio']:.2f}x), handler / botocore.session {cold['botocore_ratio']:.2f}x")
    # The floor first, as docs/cold-start.md does: what each package adds beyond botocore and PynamoDB.
    profile = importtime(f"{FLOOR}; {HANDLER}")
    for prefix in ["aws_lambda_powertools.event_handler", "dx_emulator"]:
        print(f"\nheaviest {prefix} modules, floor imported first (-X importtime, ms: self, cumulative):")
        for module in _heaviest(profile, prefix, 15):
            print(f"  {module.self_ms:7.1f} {module.cumulative_ms:7.1f}  {module.name}")


if __name__ == "__main__":
    main()
