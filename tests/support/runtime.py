"""Finding the Lambda runtime's Python (3.13) on this machine: on PATH, or pyenv's."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path


def python313() -> str | None:
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    for candidate in [shutil.which("python3.13"), *sorted(str(p) for p in pyenv.glob("3.13*/bin/python3.13"))]:
        # A pyenv shim answers to the name even when no 3.13 is active: run it to be sure.
        if candidate and subprocess.run([candidate, "-c", ""], capture_output=True, check=False).returncode == 0:
            return candidate
    return None
