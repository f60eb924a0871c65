"""The ``chargedesk staff`` sub-commands: add, list, roles, passwd, disable, enable, unlock.

They call the staff service on the local database as the command line's actor
(cli_actor.py), so the same permission checks and audit entries apply as at the console.
A person's mistake is one line on stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from console.cli_actor import cli_actor
from console.cli_common import UserError, first_line, roles_of
from console.core.staff import Actor, PermissionDenied, Role, roles_text
from console.core.staff_accounts import StaffAccount, StaffInputError

if TYPE_CHECKING:
    from console.services.staff_local import LocalServices

SWITCHES = {
    "disable": "disabled",
    "enable": "enabled again",
    "unlock": "unlocked",
}


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    add_db: Callable[[argparse.ArgumentParser], None],
) -> argparse.ArgumentParser:
    """Add ``staff`` and its actions to the ``chargedesk`` sub-commands."""
    staff = commands.add_parser("staff", help="staff accounts: add, list, roles, passwords")
    actions = staff.add_subparsers(dest="action", metavar="ACTION", required=True)
    role_names = ",".join(role.value for role in Role)

    add = actions.add_parser("add", help="add a staff account")
    add.add_argument("username", metavar="USERNAME")
    add.add_argument("--name", default="", help="the person's name as shown (default: USERNAME)")
    add.add_argument("--roles", required=True, help=f"comma-separated, of {role_names}")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add_db(add)

    listing = actions.add_parser("list", help="list staff accounts")
    listing.add_argument("--json", action="store_true", help="one JSON object per account")
    add_db(listing)

    roles = actions.add_parser("roles", help="give an account these roles (and only these)")
    roles.add_argument("username", metavar="USERNAME")
    roles.add_argument("roles", metavar="ROLES", help=f"comma-separated, of {role_names}")
    add_db(roles)

    passwd = actions.add_parser(
        "passwd", help="set a new password (to be changed at the next login)"
    )
    passwd.add_argument("username", metavar="USERNAME")
    passwd.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input"
    )
    add_db(passwd)

    switch_help = {
        "disable": "disable an account (it can no longer log in; nothing is deleted)",
        "enable": "enable a disabled account again",
        "unlock": "end a lock-out after failed logins",
    }
    for name in SWITCHES:
        sub = actions.add_parser(name, help=switch_help[name])
        sub.add_argument("username", metavar="USERNAME")
        add_db(sub)
    return staff


def run(args: argparse.Namespace, url: str) -> int:
    """Run one ``staff`` action; the exit code."""
    from console.services.staff import AccountNotFound

    handlers: dict[str, Callable[[argparse.Namespace, str, Actor], int]] = {
        "add": _add,
        "list": _list,
        "roles": _roles,
        "passwd": _passwd,
    }
    handler = handlers.get(args.action, _switch)
    try:
        return handler(args, url, cli_actor(url))
    except (UserError, StaffInputError, AccountNotFound, PermissionDenied) as error:
        print(f"chargedesk: {first_line(error)}", file=sys.stderr)
    return 1


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise UserError("no password on standard input")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UserError("give the password on standard input with --password-stdin")
    first = getpass.getpass("New password: ")
    second = getpass.getpass("The same again: ")
    if first != second:
        raise UserError("the two passwords differ: nothing was changed")
    return first


async def _account(services: LocalServices, username: str) -> StaffAccount:
    wanted = username.strip().lower()
    for account in await services.staff.accounts():
        if account.username.lower() == wanted:
            return account
    raise UserError(f"no staff account '{username.strip()}' (see: chargedesk staff list)")


def _add(args: argparse.Namespace, url: str, actor: Actor) -> int:
    from console.services.staff_local import run_local

    roles = roles_of(args.roles)
    password = _read_password(args.password_stdin)
    account = run_local(
        url,
        lambda s: s.staff.add_account(args.username, args.name, password, roles, actor=actor),
    )
    print(f"staff account {account.username} added ({roles_text(account.roles)})")
    return 0


def _list(args: argparse.Namespace, url: str, actor: Actor) -> int:
    del actor  # seeing the accounts needs no role (viewers see everything)
    from console.core.clock import utcnow
    from console.services.formatting import format_local, zone_label
    from console.services.staff_local import run_local

    accounts = run_local(url, lambda s: s.staff.accounts())
    now = utcnow()
    if args.json:
        for account in accounts:
            print(json.dumps(_as_dict(account, now), ensure_ascii=False))
        return 0
    headers = ["USERNAME", "NAME", "ROLES", "STATE", f"LAST LOGIN ({zone_label()})"]
    rows = [
        [
            account.username,
            account.display_name,
            roles_text(account.roles),
            _state(account, now),
            format_local(account.last_login_at) or "never",
        ]
        for account in accounts
    ]
    widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(headers)]
    for row in (headers, *rows):
        print(
            "  ".join(text.ljust(width) for text, width in zip(row, widths, strict=True)).rstrip()
        )
    if not accounts:
        print("no staff accounts (add one with: chargedesk staff add USERNAME --roles admin)")
    return 0


def _state(account: StaffAccount, now: Any) -> str:
    words = ["active" if account.active else "disabled"]
    if account.locked_at(now):
        words.append("locked")
    if account.must_change_password:
        words.append("must change password")
    return ", ".join(words)


def _as_dict(account: StaffAccount, now: Any) -> dict[str, Any]:
    def when(moment: Any) -> str | None:
        return moment.isoformat() if moment is not None else None

    return {
        "id": account.id,
        "username": account.username,
        "display_name": account.display_name,
        "roles": sorted(role.value for role in account.roles),
        "active": account.active,
        "locked": account.locked_at(now),
        "must_change_password": account.must_change_password,
        "created_at": when(account.created_at),
        "last_login_at": when(account.last_login_at),
        "locked_until": when(account.locked_until),
    }


def _roles(args: argparse.Namespace, url: str, actor: Actor) -> int:
    from console.services.staff_local import run_local

    roles = roles_of(args.roles)

    async def work(services: LocalServices) -> StaffAccount:
        account = await _account(services, args.username)
        return await services.staff.set_roles(account.id, roles, actor=actor)

    account = run_local(url, work)
    print(f"staff account {account.username}: {roles_text(account.roles)}")
    return 0


def _passwd(args: argparse.Namespace, url: str, actor: Actor) -> int:
    from console.services.staff_local import run_local

    password = _read_password(args.password_stdin)

    async def work(services: LocalServices) -> StaffAccount:
        account = await _account(services, args.username)
        return await services.staff.reset_password(account.id, password, actor=actor)

    account = run_local(url, work)
    print(f"new password set for {account.username} (to be changed at the next login)")
    return 0


def _switch(args: argparse.Namespace, url: str, actor: Actor) -> int:
    from console.services.staff_local import run_local

    async def work(services: LocalServices) -> StaffAccount:
        account = await _account(services, args.username)
        if args.action == "unlock":
            return await services.staff.unlock(account.id, actor=actor)
        return await services.staff.set_active(account.id, args.action == "enable", actor=actor)

    account = run_local(url, work)
    print(f"staff account {account.username} {SWITCHES[args.action]}")
    return 0
