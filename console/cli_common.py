"""What the command-line modules share: the sub-parser type, a person's mistake and the
words for it, and roles typed on the command line."""

from __future__ import annotations

import argparse
from typing import TypeAlias

from console.core.staff import Role, roles_from_text

SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class UserError(Exception):
    """A mistake of the person at the keyboard, shown as one line."""


def first_line(error: Exception) -> str:
    """An error's message as one line (a LookupError's str() would be quoted)."""
    return str(error.args[0]) if error.args else str(error)


def roles_of(text: str) -> frozenset[Role]:
    """Roles from "desk,technician"; UserError naming the roles there are otherwise."""
    try:
        return roles_from_text(text)
    except ValueError:
        names = ", ".join(role.value for role in Role)
        raise UserError(f"'{text}' are not roles: use {names} (comma-separated)") from None
