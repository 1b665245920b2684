"""The house's layout holds as it grows: protocol -> operations -> domain -> store, one way, the domain
pure. Read from the source's imports, so a new module that reaches the wrong way fails here."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import dx_emulator

ROOT = Path(dx_emulator.__file__).parent
# What each layer may import from the package (besides itself).
ALLOWED = {
    "domain": {"errors", "records"},
    "store": {"domain", "errors", "scope", "config", "lazy", "records"},
    "operations": {"domain", "store", "errors", "scope", "config", "faults", "lazy", "records"},
    "protocol": {"errors", "records"},
}


def _imports() -> dict[str, set[str]]:
    """Each layer's imports of other top-level parts of the package."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        package = parts[:-1]
        if len(parts) < 3:
            continue  # a top-level module, not a layer
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = list(package[:len(package) - (node.level - 1)])
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("dx_emulator"):
                target = (node.module or "").split(".")
            else:
                continue
            if len(target) > 1 and target[1] != parts[1]:
                found[parts[1]].add(target[1])
    return found


def test_each_layer_imports_only_the_layers_beneath_it() -> None:
    imports = _imports()
    assert set(ALLOWED) <= set(imports) | {"protocol"}
    for layer, allowed in ALLOWED.items():
        assert imports.get(layer, set()) <= allowed, (layer, imports[layer] - allowed)
