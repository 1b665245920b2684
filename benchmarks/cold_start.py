"""Cold start: importing the handler in a fresh interpreter, against importing botocore.session
alone (the floor: PynamoDB needs botocore). On the built artifact with python3.13 (the runtime's
Python, with the artifact's 3.13 bytecode) when both are here; else the sources on this Python."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

from tests.support.runtime import python313

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / ".aws-sam" / "build"
SNIPPET = ("import sys, time; sys.path[:0] = {paths!r}; started = time.perf_counter(); import {module}; "
           "print((time.perf_counter() - started) * 1000)")


def _median_import(python: str, paths: list[str], module: str, runs: int) -> float:
    env = {"PATH": os.environ["PATH"], "DX_EMULATOR_TABLE": "t", "AWS_REGION": "us-east-1"}
    samples = []
    for _ in range(runs):
        # -B: like Lambda's read-only /opt, never write bytecode; -I -S: no site-packages.
        out = subprocess.run([python, "-B", "-I", "-S", "-c", SNIPPET.format(paths=paths, module=module)],
                             capture_output=True, text=True, check=True, env=env).stdout
        samples.append(float(out))
    return statistics.median(samples)


def measure(runs: int = 9) -> dict[str, object]:
    python = python313()
    if python and (BUILD / "Function" / "dx_emulator" / "handler.py").exists():
        paths = [str(BUILD / "Function"), str(BUILD / "DependenciesLayer" / "python")]
        where = f"built artifact, {python}"
    else:
        import site

        python = sys.executable
        paths = [str(ROOT / "functions"), *site.getsitepackages()]
        where = f"sources, {python} (no python3.13 or no build here)"
    handler = _median_import(python, paths, "dx_emulator.handler", runs)
    floor = _median_import(python, paths, "botocore.session", runs)
    return {"where": where, "handler_ms": handler, "floor_ms": floor, "ratio": handler / floor, "runs": runs}
