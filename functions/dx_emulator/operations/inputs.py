"""Reading request members with the types the service model declares.

The model marks no member required, so presence is checked by the domain; a member of the wrong
JSON type is refused here with SerializationException, as AWS's JSON services do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..domain.model import Tag
from ..errors import ClientException, SerializationException

INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1
# The model bounds few strings; every string the emulator keeps is bounded here so that no item can
# outgrow DynamoDB's 400 KB, whatever a client sends. Names, locations, ids, tag values and tokens
# all fit [choice: 256 characters]; the domain applies tighter limits where AWS documents them.
MAX_STRING = 256


class Members:
    """One structure of a request (the top level or a nested member), with typed getters."""

    def __init__(self, values: Mapping[str, Any], path: str = "") -> None:
        self._values = values
        self._path = path

    @property
    def path(self) -> str:
        return self._path

    def items(self) -> list[tuple[str, Any]]:
        """The members as given, for operations that read a whole document."""
        return list(self._values.items())

    def _name(self, name: str) -> str:
        return f"{self._path}.{name}" if self._path else name

    def _get(self, name: str) -> Any:
        return self._values.get(name)

    def string(self, name: str, max_length: int = MAX_STRING) -> str | None:
        value = self._get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            raise SerializationException(f"{self._name(name)} must be a string")
        return _bounded(value, self._name(name), max_length)

    def _number(self, name: str, limit: int) -> int | None:
        value = self._get(name)
        if value is None:
            return None
        # bool is an int in Python, never in the model.
        if isinstance(value, bool) or not isinstance(value, int):
            raise SerializationException(f"{self._name(name)} must be an integer")
        if not -limit - 1 <= value <= limit:
            raise SerializationException(f"{self._name(name)} is out of range for its type")
        return value

    def integer(self, name: str) -> int | None:
        return self._number(name, INT32_MAX)

    def long(self, name: str) -> int | None:
        return self._number(name, INT64_MAX)

    def boolean(self, name: str) -> bool | None:
        value = self._get(name)
        if value is None or isinstance(value, bool):
            return value
        raise SerializationException(f"{self._name(name)} must be a boolean")

    def structure(self, name: str) -> Members:
        value = self._get(name)
        if value is None:
            return Members({}, self._name(name))
        if not isinstance(value, Mapping):
            raise SerializationException(f"{self._name(name)} must be an object")
        return Members(value, self._name(name))

    def structures(self, name: str) -> list[Members] | None:
        value = self._get(name)
        if value is None:
            return None
        if not isinstance(value, list):
            raise SerializationException(f"{self._name(name)} must be a list")
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, Mapping):
                raise SerializationException(f"{self._name(name)}[{index}] must be an object")
            items.append(Members(item, f"{self._name(name)}[{index}]"))
        return items

    def strings(self, name: str, max_length: int = MAX_STRING) -> tuple[str, ...] | None:
        value = self._get(name)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise SerializationException(f"{self._name(name)} must be a list of strings")
        return tuple(_bounded(item, f"{self._name(name)}[{index}]", max_length) for index, item in enumerate(value))

    def tags(self, name: str = "tags") -> tuple[Tag, ...]:
        tags = []
        for member in self.structures(name) or []:
            key = member.string("key")
            if key is None:
                raise ClientException(f"{member.path}.key is required")
            tags.append(Tag(key, member.string("value")))
        return tuple(tags)


def _bounded(value: str, name: str, max_length: int) -> str:
    if len(value) > max_length:
        raise ClientException(f"{name} must be at most {max_length} characters long; {len(value)} were given")
    return value
