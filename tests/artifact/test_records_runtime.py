"""The records of the built artifact under Lambda's Python (3.13): each uses the methods compiled
ahead of time (none compiled at import, so the cold start gets what docs/cold-start.md says), and
each behaves as that Python's own ``dataclass(frozen=True, slots=True)`` makes it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.artifact.test_built_artifact import BUILD, runtime_python

pytestmark = [pytest.mark.artifact]

ROOT = Path(__file__).resolve().parents[2]
CHECK = """
import json, sys
sys.path[:0] = {paths!r}
from dx_emulator.records import every_record
from tests.support.records_check import differences
made = every_record()
print(json.dumps({{"version": sys.version_info[:2], "count": len(made),
                  "compiled_at_import": sorted(key for key, entry in made.items() if not entry.compiled),
                  "differences": {{key: found for key, entry in made.items() if (found := differences(entry))}}}}))
"""


def test_every_record_in_the_artifact_is_compiled_and_behaves_as_dataclass_on_the_runtime() -> None:
    paths = [str(BUILD / "Function"), str(BUILD / "DependenciesLayer" / "python"), str(ROOT)]
    env = {"DX_EMULATOR_TABLE": "t", "AWS_REGION": "us-east-1", "PATH": "/usr/bin:/bin"}
    # -I -S: no site-packages, only the artifact (and this checkout's tests/support), as on Lambda.
    answer = subprocess.run([runtime_python(), "-B", "-I", "-S", "-c", CHECK.format(paths=paths)],
                            capture_output=True, text=True, check=True, env=env, timeout=120)
    found = json.loads(answer.stdout)
    assert found["count"] > 60
    assert found["compiled_at_import"] == []
    assert found["differences"] == {}
