"""Resource tags, including the one that tells the emulator about logical redundancy."""

from __future__ import annotations

from ..errors import ClientException, DuplicateTagKeysException, TooManyTagsException
from .model import Tag

# AWS decides logical redundancy by hardware; a user of the emulator decides it by this tag on
# CreateConnection (read once, at creation, as hardware would not change later) [choice].
LOGICAL_REDUNDANCY_TAG = "dx-emulator:logical-redundancy"
LOGICAL_REDUNDANCY_VALUES = ("yes", "no")
MAX_TAGS = 50
MAX_KEY_LENGTH = 128
MAX_VALUE_LENGTH = 256


def checked_tags(tags: tuple[Tag, ...]) -> tuple[Tag, ...]:
    if len(tags) > MAX_TAGS:
        raise TooManyTagsException(f"A resource can have at most {MAX_TAGS} tags; {len(tags)} were given")
    seen: set[str] = set()
    for tag in tags:
        if tag.key in seen:
            raise DuplicateTagKeysException(f"Tag key {tag.key} is given more than once")
        seen.add(tag.key)
        if not 1 <= len(tag.key) <= MAX_KEY_LENGTH:
            raise ClientException(f"Tag keys must be 1 to {MAX_KEY_LENGTH} characters long")
        if tag.key.lower().startswith("aws:"):
            raise ClientException(f"Tag key {tag.key} uses the reserved prefix aws:")
        if tag.value is not None and len(tag.value) > MAX_VALUE_LENGTH:
            raise ClientException(f"The value of tag {tag.key} is longer than {MAX_VALUE_LENGTH} characters")
    return tags


def logical_redundancy(tags: tuple[Tag, ...]) -> str:
    """``yes`` / ``no`` from the tag, ``unknown`` (what AWS reports for a new connection) without it."""
    for tag in tags:
        if tag.key == LOGICAL_REDUNDANCY_TAG:
            if tag.value not in LOGICAL_REDUNDANCY_VALUES:
                raise ClientException(f"Tag {LOGICAL_REDUNDANCY_TAG} must be yes or no, not {tag.value}")
            return tag.value
    return "unknown"


def tagged(current: tuple[Tag, ...], added: tuple[Tag, ...]) -> tuple[Tag, ...]:
    """TagResource: new keys are added, existing keys get the new value."""
    if not added:
        raise ClientException("tags must hold at least one tag")
    checked_tags(added)
    replaced = {tag.key for tag in added}
    return checked_tags((*(tag for tag in current if tag.key not in replaced), *added))


def untagged(current: tuple[Tag, ...], keys: tuple[str, ...]) -> tuple[Tag, ...]:
    if not keys:
        raise ClientException("tagKeys must hold at least one key")
    removed = set(keys)
    return tuple(tag for tag in current if tag.key not in removed)
