"""The world an account declares (domain/gateways/ec2.py), as the gateway, VIF, hosted, routes and
admin operations read it. Its own module, so that hosted connections, which only ask whether an
account is a partner, do not import the gateway family to do it."""

from __future__ import annotations

from ..domain.gateways.ec2 import World
from ..scope import Scope
from ..store.kinds import GLOBAL
from .call import Call


def world(call: Call, account: str | None = None) -> World:
    """The caller's (or ``account``'s) world; an account that declared nothing has an empty one."""
    owner = account or call.scope.account
    return call.store.get(World, Scope(owner, GLOBAL), "world") or World(owner)
