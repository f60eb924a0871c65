"""The ``chargedesk api-tokens`` sub-commands: add, list, revoke.

Long-lived named tokens let scripts call the HTTP API with the token's roles. They are
made and revoked through the same service operation as in the console, as the command
line's actor (cli_actor.py): the admin role is needed and the audit log records it.
A token's secret is printed once, by ``add``, and never again.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from console.cli_actor import cli_actor
from console.cli_common import UserError, first_line, roles_of
from console.core.api_tokens import ApiToken, TokenInputError, TokenNotFound
from console.core.staff import Actor, PermissionDenied, Role, roles_text

MAX_EXPIRY_DAYS = 3650  # ten years: longer is "never", which is said with no option


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    add_db: Callable[[argparse.ArgumentParser], None],
) -> argparse.ArgumentParser:
    """Add ``api-tokens`` and its actions to the ``chargedesk`` sub-commands."""
    tokens = commands.add_parser(
        "api-tokens", help="named API tokens for scripts: add, list, revoke"
    )
    actions = tokens.add_subparsers(dest="action", metavar="ACTION", required=True)
    role_names = ",".join(role.value for role in Role)

    add = actions.add_parser("add", help="make a token (its secret is printed once)")
    add.add_argument("name", metavar="NAME", help="which script uses it, e.g. 'nightly export'")
    add.add_argument("--roles", required=True, help=f"comma-separated, of {role_names}")
    add.add_argument(
        "--expires-days",
        type=int,
        metavar="N",
        help="the token stops working after N days (default: it never expires)",
    )
    add_db(add)

    listing = actions.add_parser("list", help="list tokens (never their secrets)")
    listing.add_argument("--json", action="store_true", help="one JSON object per token")
    add_db(listing)

    revoke = actions.add_parser("revoke", help="end a token at once")
    revoke.add_argument("token_id", metavar="ID", type=int, help="the token's id (see list)")
    add_db(revoke)
    return tokens


def run(args: argparse.Namespace, url: str) -> int:
    """Run one ``api-tokens`` action; the exit code."""
    handlers: dict[str, Callable[[argparse.Namespace, str, Actor], int]] = {
        "add": _add,
        "list": _list,
        "revoke": _revoke,
    }
    try:
        return handlers[args.action](args, url, cli_actor(url))
    except (UserError, TokenInputError, TokenNotFound, PermissionDenied) as error:
        print(f"chargedesk: {first_line(error)}", file=sys.stderr)
    return 1


def _expiry(days: int | None) -> datetime | None:
    from console.core.clock import utcnow

    if days is None:
        return None
    if not 1 <= days <= MAX_EXPIRY_DAYS:
        raise UserError(
            f"--expires-days must be 1 to {MAX_EXPIRY_DAYS} (leave it out for no expiry)"
        )
    return utcnow() + timedelta(days=days)


def _add(args: argparse.Namespace, url: str, actor: Actor) -> int:
    from console.services.api_tokens_local import run_with_tokens
    from console.services.formatting import format_local

    roles = roles_of(args.roles)
    expires_at = _expiry(args.expires_days)
    token, secret = run_with_tokens(
        url, lambda s: s.create(args.name, roles, expires_at, actor=actor)
    )
    expiry = format_local(token.expires_at) if token.expires_at else "never"
    roles_shown = roles_text(token.roles)
    print(f"API token {token.id} '{token.name}' added ({roles_shown}, expires {expiry})")
    print(secret)
    print(
        "This secret is shown only now: ChargeDesk keeps only a fingerprint of it. "
        "Store it where the script reads it; if it is lost, revoke the token and add another."
    )
    return 0


def _list(args: argparse.Namespace, url: str, actor: Actor) -> int:
    del actor  # seeing the tokens needs no role (viewers see everything; no secrets shown)
    from console.core.clock import utcnow
    from console.services.api_tokens_local import run_with_tokens
    from console.services.formatting import format_local, zone_label

    tokens = run_with_tokens(url, lambda s: s.tokens())
    now = utcnow()
    if args.json:
        for token in tokens:
            print(json.dumps(_as_dict(token, now), ensure_ascii=False))
        return 0
    zone = zone_label()
    headers = ["ID", "NAME", "ROLES", "PREFIX", "STATE", "CREATED BY", f"EXPIRES ({zone})"]
    headers += [f"LAST USED ({zone})", "FROM"]
    rows = [
        [
            str(token.id),
            token.name,
            roles_text(token.roles),
            token.prefix,
            token.state_at(now).value,
            token.created_by,
            format_local(token.expires_at) or "never",
            format_local(token.last_used_at) or "never",
            token.last_used_from or "",
        ]
        for token in tokens
    ]
    widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(headers)]
    for row in (headers, *rows):
        print(
            "  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True)).rstrip()
        )
    if not tokens:
        print("no API tokens (add one with: chargedesk api-tokens add NAME --roles viewer)")
    return 0


def _as_dict(token: ApiToken, now: datetime) -> dict[str, Any]:
    def when(moment: datetime | None) -> str | None:
        return moment.isoformat() if moment is not None else None

    return {
        "id": token.id,
        "name": token.name,
        "roles": sorted(role.value for role in token.roles),
        "prefix": token.prefix,
        "state": token.state_at(now).value,
        "created_by": token.created_by,
        "created_at": when(token.created_at),
        "expires_at": when(token.expires_at),
        "last_used_at": when(token.last_used_at),
        "last_used_from": token.last_used_from,
        "revoked_at": when(token.revoked_at),
        "revoked_by": token.revoked_by,
    }


def _revoke(args: argparse.Namespace, url: str, actor: Actor) -> int:
    from console.services.api_tokens_local import run_with_tokens

    token = run_with_tokens(url, lambda s: s.revoke(args.token_id, actor=actor))
    print(f"API token {token.id} '{token.name}' revoked: scripts using it are refused now")
    return 0
