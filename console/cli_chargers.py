"""The ``chargedesk chargers`` sub-commands: register, accept, reject, retire, unlock, list.

A password never has to appear on the command line (where other users of the PC can read
it in the process list and the shell keeps it in its history): ``--generate-password``
makes one and prints it once, ``--password-stdin`` reads it from standard input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from console.cli_actor import cli_actor

if TYPE_CHECKING:
    from console.core.model import ChargerRecord

AddDb = Callable[[argparse.ArgumentParser], None]


def add_parser(commands: argparse._SubParsersAction, add_db: AddDb) -> None:  # type: ignore[type-arg]
    """Add ``chargers`` and its actions to the command line."""
    chargers = commands.add_parser("chargers", help="register and list chargers")
    charger_commands = chargers.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = charger_commands.add_parser("add", help="register a charger (accepted)")
    add.add_argument("charger_id", metavar="ID")
    secret = add.add_mutually_exclusive_group()
    secret.add_argument(
        "--password",
        help="HTTP Basic auth password, 16 to 40 characters (username is the charger id); "
        "visible to other users in the process list: prefer the two options below",
    )
    secret.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (its first line)",
    )
    secret.add_argument(
        "--generate-password",
        action="store_true",
        help="make a random password and print it once: enter it in the charger",
    )
    add_db(add)
    for name, text in (
        ("accept", "accept a waiting charger"),
        ("reject", "reject a charger"),
        ("retire", "retire a charger that left the site (refused from now on; kept)"),
    ):
        sub = charger_commands.add_parser(name, help=text)
        sub.add_argument("charger_id", metavar="ID")
        add_db(sub)
    unlock = charger_commands.add_parser(
        "unlock", help="lift the lock-out of a charger after wrong passwords"
    )
    unlock.add_argument("charger_id", metavar="ID")
    add_db(unlock)
    listing = charger_commands.add_parser("list", help="list chargers")
    listing.add_argument("--json", action="store_true", help="one JSON object per charger")
    add_db(listing)


def _password(args: argparse.Namespace, stdin: TextIO) -> str | None:
    if args.generate_password:
        from console.core.charger_ids import generate_password

        return generate_password()
    if args.password_stdin:
        return stdin.readline().rstrip("\r\n")
    password: str | None = args.password
    return password


def run(args: argparse.Namespace, url: str, stdin: TextIO | None = None) -> int:
    """Run a ``chargers`` action on the database at ``url``; the exit status."""
    from console.services import admin
    from console.services.admission import ChargerInputError

    if args.action == "add":
        password = _password(args, stdin or sys.stdin)
        try:
            record = admin.add_charger(url, args.charger_id, password, actor=cli_actor(url))
        except ChargerInputError as error:
            print(f"chargedesk: {error}", file=sys.stderr)
            return 2
        secured = "with a password" if record.has_password else "without a password"
        print(f"charger {record.id} registered ({record.approval.value}, {secured})")
        if args.generate_password:
            print(f"password (shown only now): {password}")
        return 0
    if args.action in ("accept", "reject"):
        if not admin.set_approval(
            url, args.charger_id, args.action == "accept", actor=cli_actor(url)
        ):
            print(f"chargedesk: no charger {args.charger_id}", file=sys.stderr)
            return 1
        print(f"charger {args.charger_id} {args.action}ed")
        return 0
    if args.action == "retire":
        if not admin.retire_charger(url, args.charger_id, actor=cli_actor(url)):
            print(f"chargedesk: no charger {args.charger_id}", file=sys.stderr)
            return 1
        print(f"charger {args.charger_id} retired")
        return 0
    if args.action == "unlock":
        if admin.unlock_charger(url, args.charger_id, actor=cli_actor(url)):
            print(f"charger {args.charger_id} unlocked")
        else:
            print(f"charger {args.charger_id} was not locked")
        return 0
    return _list(admin.list_chargers(url), args.json)


def _list(records: list[ChargerRecord], as_json: bool) -> int:
    if as_json:
        for record in records:
            boot = record.boot
            print(
                json.dumps(
                    {
                        "id": record.id,
                        "approval": record.approval.value,
                        "password": record.has_password,
                        "vendor": boot.vendor if boot else None,
                        "model": boot.model if boot else None,
                        "firmware": boot.firmware_version if boot else None,
                        "last_seen": record.last_seen.isoformat() if record.last_seen else None,
                    }
                )
            )
        return 0
    from console.services.formatting import format_seconds, zone_label

    print(
        f"{'ID':24} {'APPROVAL':9} {'PASSWORD':8} {'VENDOR / MODEL':28} LAST SEEN ({zone_label()})"
    )
    for record in records:
        boot = record.boot
        model = f"{boot.vendor} {boot.model}" if boot else "-"
        seen = format_seconds(record.last_seen) if record.last_seen else "never"
        password = "yes" if record.has_password else "no"
        print(f"{record.id:24} {record.approval.value:9} {password:8} {model:28} {seen}")
    return 0
