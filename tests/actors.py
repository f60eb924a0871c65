"""Actors for tests: who asks the services for a change."""

from __future__ import annotations

from console.core.staff import Actor, Origin, Role

#: Every role: the tests that are not about permissions act as this person.
ADMIN = Actor("Ada Admin", frozenset(Role), Origin.CONSOLE, 1, "test desk")
DESK = Actor("Dana Desk", frozenset({Role.DESK}), Origin.CONSOLE, 2, "test desk")
TECHNICIAN = Actor("Theo Tech", frozenset({Role.TECHNICIAN}), Origin.CONSOLE, 3, "test desk")
VIEWER = Actor("Vera Viewer", frozenset({Role.VIEWER}), Origin.CONSOLE, 4, "test desk")


def named(name: str, *roles: Role) -> Actor:
    """A person at the console with ``roles`` (every role when none are given)."""
    return Actor(name, frozenset(roles or Role), Origin.CONSOLE, None, "test desk")
