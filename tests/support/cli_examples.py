"""The AWS CLI's published Direct Connect examples (``awscli/examples/directconnect/*.rst``), replayed
through the CLI itself, and the comparison of its output with the answer AWS documents.

awscli is only ever run as a program: its package carries its own botocore, which importing it here
would put in place of the suite's."""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.admin import declare

_spec = importlib.util.find_spec("awscli")
assert _spec is not None and _spec.submodule_search_locations, "awscli is a dev dependency (pyproject.toml)"
EXAMPLES = Path(next(iter(_spec.submodule_search_locations))) / "examples" / "directconnect"

ID = re.compile(r"\bdx(con|lag|vif|peer)-[A-Za-z0-9]+\b")
# Values that AWS draws (ids, devices, keys, allocated addresses), that name the account, or that
# record a time: compared by kind, not by value.
VOLATILE = frozenset({"ownerAccount", "awsDevice", "awsDeviceV2", "awsLogicalDeviceId", "authKey", "loaIssueTime",
                      "bgpPeerId", "nextToken", "amazonAddress", "customerAddress", "directConnectGatewayId",
                      "associationId", "proposalId"})
EXAMPLE_ACCOUNT = "123456789012"
ROUTER_VOLATILE = ("customer_address", "amazon_address", "bgp_auth_key")
SHELL = ("|", ">")  # where an example's line goes on past the CLI: its LOA piped and redirected to a file


@dataclass(frozen=True)
class Example:
    name: str  # file stem and position: "create-lag#2"
    command: list[str]  # after "aws directconnect"
    output: Any  # the documented answer, None where the example shows none


@dataclass
class World:
    """What a scenario built for its example."""
    ids: dict[str, str] = field(default_factory=dict)  # the example's id (or address) -> ours
    volatile: frozenset[str] = frozenset()  # members whose value here depends on time or hardware
    account: str = EXAMPLE_ACCOUNT  # the account the example is written as
    # Members the example shows that the CLI no longer prints (a token its paginator has followed).
    absent: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Scene:
    """Where a scenario builds: a client of the account the example runs as, and that account's world."""
    dx: Any
    url: str
    account: str

    def declare(self, **world: Any) -> None:
        declare(self.url, self.account, **world)


Setup = Callable[[Scene], World]


def _command(lines: list[str]) -> list[str]:
    """The words after "aws directconnect"; a pipe or redirect is a word of its own, as the shell reads it."""
    words = shlex.shlex(" ".join(line.strip().rstrip("\\").strip() for line in lines), posix=True,
                        punctuation_chars="".join(SHELL))
    words.whitespace_split, words.commenters = True, ""
    return list(words)[2:]


def _output(lines: list[str]) -> Any:
    text = "\n".join(lines).strip()
    return json.loads(text) if text else None


def examples(stem: str) -> list[Example]:
    """The examples of one file: each command with the output documented after it."""
    lines = (EXAMPLES / f"{stem}.rst").read_text().replace("\r\n", "\n").split("\n")
    found: list[Example] = []
    index = 0
    while index < len(lines):
        if lines[index].strip().startswith("aws directconnect"):
            command = [lines[index]]
            while command[-1].rstrip().endswith("\\"):
                index += 1
                command.append(lines[index])
            block: list[str] = []
            rest = lines[index + 1:]
            for position, line in enumerate(rest):
                if line.strip().startswith("aws directconnect") or line.startswith("**"):
                    break
                if line.strip() == "Output::":
                    block = _indented(rest[position + 1:])
                    break
                if line.strip().startswith("{"):  # an answer right after the command, no "Output::"
                    block = _indented(rest[position:])
                    break
            found.append(Example(f"{stem}#{len(found) + 1}", _command(command), _output(block)))
        index += 1
    return found


def _indented(lines: list[str]) -> list[str]:
    """The literal block after '::': indented lines (and blank ones) up to the next text."""
    block: list[str] = []
    for line in lines:
        if line.strip() and not line.startswith((" ", "\t")):
            break
        block.append(line)
    return block


def run_cli(url: str, account: str, region: str, command: list[str]) -> Any:
    """``aws directconnect <command>`` against the emulator; its JSON output (None if it printed none).
    A command piped or redirected on (an LOA into a PDF) runs in a shell, in a directory of its own,
    and each file it writes must hold what its name says."""
    environment = {**os.environ, "AWS_ACCESS_KEY_ID": account, "AWS_SECRET_ACCESS_KEY": "x",
                   "AWS_DEFAULT_REGION": region, "AWS_DEFAULT_OUTPUT": "json", "AWS_CONFIG_FILE": os.devnull,
                   "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "AWS_MAX_ATTEMPTS": "1"}
    end = next((index for index, word in enumerate(command) if word in SHELL), len(command))
    cli = [sys.executable, "-m", "awscli", "directconnect", *command[:end], "--endpoint-url", url]
    with tempfile.TemporaryDirectory() as directory:
        line = " ".join([shlex.join(cli), *(word if word in SHELL else shlex.quote(word) for word in command[end:])])
        done = subprocess.run(["bash", "-o", "pipefail", "-c", line] if end < len(command) else cli, cwd=directory,
                              capture_output=True, text=True, env=environment, check=False, timeout=60)
        assert done.returncode == 0, f"aws directconnect {' '.join(command)}: {done.stderr}"
        for written in Path(directory).iterdir():
            _check_written(written)
    return json.loads(done.stdout) if done.stdout.strip() else None


def _check_written(path: Path) -> None:
    """A PDF (``.pdf``), or a PDF in base64 (``.base64``, which the Windows example then decodes)."""
    content = path.read_bytes()
    document = base64.b64decode(content.strip(), validate=True) if path.suffix == ".base64" else content
    assert path.suffix in (".pdf", ".base64") and document.startswith(b"%PDF-") and document.rstrip().endswith(
        b"%%EOF"), f"{path.name} holds no PDF: {content[:60]!r}"


def _router_config(text: str, volatile: frozenset[str]) -> list[tuple[str, str]]:
    """customerRouterConfig as its lines, volatile values masked, ids neutral: the layout and the rest
    compare. The Amazon ASN is masked where the example's ``amazonSideAsn`` is volatile."""
    masked_elements = {*ROUTER_VOLATILE, *(("amazon_bgp_asn",) if "amazonSideAsn" in volatile else ())}
    masked = []
    for line in ID.sub("dx-id", text).split("\n"):
        element = re.fullmatch(r"\s*<(\w+)>(.*)</\1>", line)
        masked.append(line.replace(element[2], "*") if element and element[1].removeprefix("ipv6_") in masked_elements
                      else line)
    return [(str(number), line) for number, line in enumerate(masked)]


def _identity(item: Any) -> str:
    """What an object says apart from volatile values, for pairing list items."""
    if not isinstance(item, dict):
        return json.dumps(item)
    return ID.sub("dx-id", json.dumps({k: v for k, v in item.items() if k not in VOLATILE and not isinstance(v, (
        dict, list))}, sort_keys=True, default=str))


def differences(documented: Any, ours: Any, path: str = "", volatile: frozenset[str] = frozenset(),
                absent: frozenset[str] = frozenset()) -> list[str]:
    """Where our answer differs from the documented one. Members the documentation shows must be
    there with the same value (ids in text neutralised), except ``VOLATILE`` ones and ``volatile`` for
    this example, which need only the same kind, and ``absent`` ones, which may be missing; members
    AWS has added since may be extra."""
    if isinstance(documented, dict):
        if not isinstance(ours, dict):
            return [f"{path}: {ours!r} is not an object"]
        found = []
        for key, value in documented.items():
            if key not in ours:
                found += [] if key in absent else [f"{path}.{key}: missing"]
            elif key in VOLATILE or key in volatile:
                if type(value) is not type(ours[key]) and not (isinstance(value, (int, float))
                                                                and isinstance(ours[key], (int, float, str))):
                    found.append(f"{path}.{key}: {ours[key]!r} is not like {value!r}")
            elif key == "customerRouterConfig":
                if _router_config(value, volatile) != _router_config(ours[key], volatile):
                    found.append(f"{path}.{key}: {ours[key]!r} is laid out unlike {value!r}")
            else:
                found += differences(value, ours[key], f"{path}.{key}", volatile)
        return found
    if isinstance(documented, list):
        if not isinstance(ours, list) or len(ours) != len(documented):
            return [f"{path}: {ours!r} has not the {len(documented)} items of {documented!r}"]
        # AWS lists a LAG's connections, route filter prefixes and tags in no fixed order (its own
        # examples disagree): objects are paired by what they say, not by position.
        pairs = zip(sorted(documented, key=_identity), sorted(ours, key=_identity), strict=True)
        return [difference for index, (mine, theirs) in enumerate(pairs)
                for difference in differences(mine, theirs, f"{path}[{index}]", volatile)]
    if isinstance(documented, str) and isinstance(ours, str):
        return [] if ID.sub("dx-id", documented) == ID.sub("dx-id", ours) else [f"{path}: {ours!r} != {documented!r}"]
    return [] if documented == ours else [f"{path}: {ours!r} != {documented!r}"]
