"""The ``chargedesk cards`` sub-commands: register, list, block, import, export, history.

They write the database directly; a running server picks the changes up when it next
reconciles the chargers' local lists. A person's mistake (an unknown card, a bad id or
date, a file that cannot be read) is one line on stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from console.cli_actor import cli_actor
from console.core.cards import InvalidCardId
from console.core.enums import BlockReason, CardStatus
from console.core.model import Card, Person

if TYPE_CHECKING:  # the services load only when a cards command runs
    from console.services.card_csv import ImportPlan

STATUS_ACTIONS = {
    "block": (CardStatus.BLOCKED, "blocked"),
    "unblock": (CardStatus.ACTIVE, "active again"),
    "retire": (CardStatus.RETIRED, "retired"),
}


class _UserError(Exception):
    """A mistake of the person at the keyboard, shown as one line."""


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    add_db: Callable[[argparse.ArgumentParser], None],
) -> argparse.ArgumentParser:
    """Add ``cards`` and its actions to the ``chargedesk`` sub-commands."""
    cards = commands.add_parser("cards", help="register, list, import and export cards")
    actions = cards.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="register a card, or change one already registered")
    add.add_argument("id_tag", metavar="ID")
    add.add_argument("--group", help="the group (parent idTag); '' for none")
    add.add_argument("--expires", metavar="DATE", help="last valid day, YYYY-MM-DD, or 'never'")
    add.add_argument("--owner", metavar="NAME", help="owner; a new name adds the person")
    add.add_argument("--department", help="the owner's department or cost centre")
    add.add_argument("--email", help="the owner's email address")
    add.add_argument("--phone", help="the owner's phone number")
    add.add_argument("--max-sessions", metavar="N", help="sessions at once (0: no limit)")
    add.add_argument("--note", help="a note about the card; '' for none")
    add_db(add)

    listing = actions.add_parser("list", help="list cards with their owners")
    listing.add_argument("--json", action="store_true", help="one JSON object per card")
    listing.add_argument("--all", action="store_true", help="include retired cards")
    add_db(listing)

    for name, (_status, text) in STATUS_ACTIONS.items():
        sub = actions.add_parser(name, help=f"mark a card {text}")
        sub.add_argument("id_tag", metavar="ID")
        if name == "block":
            sub.add_argument(
                "--reason",
                choices=[reason.value for reason in BlockReason],
                help="why the card is blocked (kept in its history)",
            )
            sub.add_argument("--detail", help="what happened (required with --reason other)")
        add_db(sub)

    importing = actions.add_parser("import", help="add and change cards from a CSV file")
    importing.add_argument("file", type=Path, metavar="FILE")
    importing.add_argument("--dry-run", action="store_true", help="show the plan, write nothing")
    importing.add_argument(
        "--skip-bad-rows", action="store_true", help="import the good rows despite problems"
    )
    add_db(importing)

    export = actions.add_parser("export", help="write every card to a CSV file")
    export.add_argument("file", type=Path, metavar="FILE")
    add_db(export)

    history = actions.add_parser("history", help="the sessions of a card")
    history.add_argument("id_tag", metavar="ID")
    history.add_argument("--csv", type=Path, metavar="FILE", help="also write them to a CSV file")
    add_db(history)
    return cards


def run(args: argparse.Namespace, url: str) -> int:
    """Run one ``cards`` action; the exit code."""
    handlers: dict[str, Callable[[argparse.Namespace, str], int]] = {
        "add": _add,
        "list": _list,
        "import": _import,
        "export": _export,
        "history": _history,
    }
    handler = handlers.get(args.action, _set_status)
    from console.services.admin import CardEditError

    try:
        return handler(args, url)
    except (_UserError, InvalidCardId, CardEditError) as error:
        print(f"chargedesk: {error}", file=sys.stderr)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"chargedesk: {where}{error.strerror or error}", file=sys.stderr)
    return 1


def _day(text: str) -> date:
    from console.services.card_csv import parse_day

    try:
        return parse_day(text)
    except ValueError:
        raise _UserError(f"expiry date '{text}' is not a date (use YYYY-MM-DD)") from None


def _add(args: argparse.Namespace, url: str) -> int:
    from console.services import admin

    never = args.expires is not None and args.expires.strip().lower() == "never"
    expires = _day(args.expires.strip()) if args.expires is not None and not never else None
    max_sessions = None
    if args.max_sessions is not None:
        if not args.max_sessions.strip().isdigit():
            raise _UserError(f"--max-sessions '{args.max_sessions}' is not a whole number")
        max_sessions = int(args.max_sessions)
    edit = admin.CardEdit(
        id_tag=args.id_tag,
        group=args.group,
        expires=expires,
        never_expires=never,
        max_sessions=max_sessions,
        owner=args.owner,
        department=args.department,
        email=args.email,
        phone=args.phone,
        note=args.note,
    )
    try:
        card, created = admin.edit_card(url, edit, actor=cli_actor(url))
    except InvalidCardId as error:
        raise _UserError(f"card '{args.id_tag}': {error}") from None
    print(f"card {card.id_tag} {'registered' if created else 'updated'}")
    return 0


def _fields(card: Card, owner: Person | None) -> dict[str, str]:
    from console.services.card_csv import card_fields

    return card_fields(card, owner)


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max([len(h), *(len(row[i]) for row in rows)]) for i, h in enumerate(headers)]
    for row in (headers, *rows):
        cells = (text.ljust(width) for text, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())


def _list(args: argparse.Namespace, url: str) -> int:
    from console.services import admin

    cards = admin.list_cards(url, include_retired=args.all)
    if args.json:
        for card, owner in cards:
            data: dict[str, Any] = {**_fields(card, owner)}
            data["max_sessions"] = card.max_concurrent
            data["expires_at"] = card.expires_at.isoformat() if card.expires_at else None
            data["person_id"] = card.person_id
            print(json.dumps(data, ensure_ascii=False))
        return 0
    rows = []
    for card, owner in cards:
        f = _fields(card, owner)
        limit = f["max_sessions"] if card.max_concurrent else "any"
        note = " / ".join(f["note"].splitlines())
        row = [f["card"], f["status"], f["group"], f["expires"] or "never", limit]
        rows.append([*row, f["owner"], f["department"], note])
    _table(["CARD", "STATUS", "GROUP", "EXPIRES", "AT ONCE", "OWNER", "DEPARTMENT", "NOTE"], rows)
    if not cards:
        print("no cards" + ("" if args.all else " (retired ones are shown with --all)"))
    return 0


def _set_status(args: argparse.Namespace, url: str) -> int:
    from console.services import admin

    status, text = STATUS_ACTIONS[args.action]
    reason_text = getattr(args, "reason", None)
    reason = BlockReason(reason_text) if reason_text else None
    detail = (getattr(args, "detail", None) or "").strip() or None
    if reason is BlockReason.OTHER and detail is None:
        raise _UserError("--reason other needs --detail saying what happened")
    card = admin.set_card_status(url, args.id_tag, status, reason, detail, actor=cli_actor(url))
    if card is None:
        raise _UserError(f"no card {args.id_tag.strip()}")
    print(f"card {card.id_tag} {text}")
    return 0


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def _print_plan(plan: ImportPlan, file: Path) -> None:
    from console.services.card_csv import card_fields

    print(
        f"{file}: {len(plan.added)} to add, {len(plan.changed)} to change, "
        f"{plan.unchanged} unchanged, {_plural(len(plan.new_people), 'new person', 'new people')}"
        f", {_plural(len(plan.changed_people), 'person', 'people')} updated, "
        f"{_plural(plan.skipped_rows, 'row')} with problems"
    )

    def values(card: Card, owner: str | None) -> dict[str, str]:
        return {**card_fields(card, None), "owner": owner or ""}

    for change in plan.added:
        print(f"  add     {change.id_tag} (line {change.line})")
    for change in plan.changed:
        assert change.before is not None
        old = values(change.before, change.owner_before)
        new = values(change.after, change.owner)
        what = "; ".join(
            f"{name} {old[name] or '-'} -> {new[name] or '-'}" for name in change.fields
        )
        print(f"  change  {change.id_tag} (line {change.line}): {what}")
    for person in plan.person_changes:
        if person.before is None:
            print(f"  new person  {person.after.name} (line {person.line})")
        else:
            what = "; ".join(
                f"{name} {getattr(person.before, name) or '-'} -> {getattr(person.after, name)}"
                for name in person.fields
            )
            print(f"  update person  {person.after.name} (line {person.line}): {what}")
    for warning in plan.warnings:
        print(f"warning: {warning}")
    for problem in plan.problems:
        print(f"problem: {problem}")


def _import(args: argparse.Namespace, url: str) -> int:
    from console.services import admin

    data = args.file.read_bytes()
    plan, result = admin.import_cards(
        url, data, write=not args.dry_run, skip_bad_rows=args.skip_bad_rows, actor=cli_actor(url)
    )
    _print_plan(plan, args.file)
    if args.dry_run:
        print("dry run: nothing written")
        return 2 if plan.has_problems else 0
    if result is None:
        print(
            "chargedesk: nothing written: correct the problems, or import the other rows "
            "with --skip-bad-rows",
            file=sys.stderr,
        )
        return 2
    print(
        f"written: {result.added} added, {result.changed} changed, "
        f"{_plural(result.people_added, 'person', 'people')} added, "
        f"{_plural(result.people_changed, 'person', 'people')} updated"
        + (f", {_plural(result.skipped_rows, 'row')} skipped" if result.skipped_rows else "")
    )
    return 0


def _export(args: argparse.Namespace, url: str) -> int:
    from console.services import admin

    count = admin.export_cards(url, args.file)
    print(f"wrote {_plural(count, 'card')} to {args.file}")
    return 0


def _local(moment: datetime | None) -> str:
    from console.services.formatting import format_local

    return format_local(moment) if moment is not None else "-"


def _zone() -> str:
    """The zone the times are printed in: the site's, or UTC with --utc."""
    from console.services.formatting import zone_label

    return zone_label()


def _history(args: argparse.Namespace, url: str) -> int:
    from console.services import admin
    from console.services.card_history import write_history_csv

    history = admin.read_card_history(url, args.id_tag)
    card = history.card
    if card is None and not history.sessions:
        raise _UserError(f"no card {args.id_tag.strip()}")
    if card is None:
        print(f"card {args.id_tag.strip()} is not registered")
    else:
        owner = history.person.name if history.person else "no owner"
        print(f"card {card.id_tag}: {card.status.value}, group {card.group or '-'}, {owner}")
    print(
        f"{_plural(history.session_count, 'session')}, {history.energy_kwh:.3f} kWh, "
        f"first {_local(history.first_use)}, last {_local(history.last_use)} ({_zone()})"
    )
    rows = []
    for s in history.sessions:
        minutes = (s.stopped_at - s.started_at).total_seconds() / 60 if s.stopped_at else None
        duration = f"{minutes:.0f}" if minutes is not None else "running"
        energy = f"{s.energy_wh / 1000:.3f}" if s.energy_wh is not None else "-"
        start = _local(s.started_at)
        row = [str(s.id), s.charger_id, str(s.connector_id), start, duration, energy]
        rows.append([*row, s.stop_reason or "", " ".join(s.flags)])
    if rows:
        _table(["SESSION", "CHARGER", "CONN", "START", "MINUTES", "kWh", "STOP", "FLAGS"], rows)
    if args.csv is not None:
        count = write_history_csv(history, args.csv)
        print(f"wrote {_plural(count, 'session')} to {args.csv}")
    return 0
