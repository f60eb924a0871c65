"""The billing sub-commands: ``tariffs``, ``sessions cost``, ``receipts``, ``report`` and
``statements``, for month-end jobs and scripted set-up.

They run the billing service's operations and reads on the database given, like ``cards``
(the command line never touches storage itself). A person's mistake (an unknown receipt,
a bad date or price, a file that cannot be written) is one line on stderr and exit code 1,
never a traceback. Times are shown in the site's time zone.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from console import cli_reports
from console.cli_common import SubParsers, UserError
from console.core.billing import BillingError

BILLING_COMMANDS = ("tariffs", "receipts", "report", "statements")


def _tariff_parsers(
    commands: SubParsers, add_db: Callable[[argparse.ArgumentParser], None]
) -> None:
    tariffs = commands.add_parser("tariffs", help="list and add tariffs")
    actions = tariffs.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list tariffs with their groups")
    listing.add_argument("--json", action="store_true", help="one JSON object per tariff")
    add_db(listing)
    add = actions.add_parser("add", help="add a tariff")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--currency", default="EUR", help="ISO 4217 code (default EUR)")
    add.add_argument("--energy-price", default="0", metavar="PRICE", help="per kWh")
    add.add_argument("--time-price", default="0", metavar="PRICE", help="per hour charging")
    add.add_argument("--idle-price", default="0", metavar="PRICE", help="per hour idle")
    add.add_argument("--idle-grace", type=int, default=0, metavar="MIN", help="minutes free")
    add.add_argument("--session-fee", default="0", metavar="AMOUNT")
    add.add_argument("--minimum", metavar="AMOUNT", help="least a session costs")
    add.add_argument("--maximum", metavar="AMOUNT", help="most a session costs")
    add.add_argument("--tax-rate", default="0", metavar="RATE", help="e.g. 0.19 for 19%%")
    add.add_argument("--net", action="store_true", help="prices exclude tax (default: include)")
    add.add_argument("--timezone", metavar="ZONE", help="IANA zone of the windows (the site's)")
    add.add_argument(
        "--window",
        action="append",
        default=[],
        metavar="SPEC",
        help="a time window, e.g. 'Mon-Fri 16:00-20:00 energy=0.59 name=Peak' (repeatable)",
    )
    add.add_argument("--group", action="append", default=[], help="a card group paying it")
    add.add_argument("--default", action="store_true", help="make it the site default")
    add.add_argument("--visitor", action="store_true", help="make it the visitors' tariff")
    add_db(add)


def add_parsers(
    commands: SubParsers,
    add_db: Callable[[argparse.ArgumentParser], None],
    session_commands: SubParsers,
) -> None:
    """Add the billing commands, and ``sessions cost`` to the ``sessions`` actions."""
    _tariff_parsers(commands, add_db)
    cost = session_commands.add_parser("cost", help="what a session costs, by component")
    cost.add_argument("session_id", type=int, metavar="ID")
    cost.add_argument("--json", action="store_true", help="the breakdown as JSON")
    add_db(cost)

    receipts = commands.add_parser("receipts", help="list receipts and print them as PDF")
    actions = receipts.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list receipts, newest first")
    listing.add_argument("--json", action="store_true", help="one JSON object per receipt")
    listing.add_argument("--year", type=int, help="only receipts of this year")
    listing.add_argument("--unpaid", action="store_true", help="only unpaid receipts")
    add_db(listing)
    pdf = actions.add_parser("pdf", help="write a receipt as PDF")
    pdf.add_argument("number", metavar="NUMBER", help="e.g. 2026-00042")
    pdf.add_argument("file", type=Path, metavar="FILE")
    add_db(pdf)

    cli_reports.add_parsers(commands, add_db)


def run(args: argparse.Namespace, url: str) -> int:
    """Run one billing command; the exit code."""
    from console.services.statements import StatementError

    handlers: dict[str, Callable[[argparse.Namespace, str], int]] = {
        "tariffs": _tariffs,
        "sessions": _session_cost,
        "receipts": _receipts,
        "report": cli_reports.report,
        "statements": cli_reports.statements,
    }
    try:
        return handlers[args.command](args, url)
    except (UserError, BillingError, StatementError) as error:
        print(f"chargedesk: {error}", file=sys.stderr)
    except ValueError as error:  # a price, date or window that does not parse
        print(f"chargedesk: {error}", file=sys.stderr)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"chargedesk: {where}{error.strerror or error}", file=sys.stderr)
    return 1


# --- tariffs ---------------------------------------------------------------------------------


def _tariffs(args: argparse.Namespace, url: str) -> int:
    from console.services import billing_local

    if args.action == "add":
        return _add_tariff(args, url)
    listed = billing_local.list_tariffs(url)
    if args.json:
        for item in listed:
            data = {"id": item.stored.id, "retired": item.stored.retired, "uses": list(item.uses)}
            print(json.dumps(data | billing_local.tariff_as_json(item.stored.tariff)))
        return 0
    from console.services.tariff_text import describe_window

    print(f"{'ID':>4} {'NAME':20} {'CUR':3} {'kWh':>8} {'HOUR':>8} {'FEE':>7} {'TAX':>6}  USED FOR")
    for item in listed:
        tariff = item.stored.tariff
        used = ", ".join(item.uses) or ("retired" if item.stored.retired else "-")
        print(
            f"{item.stored.id:>4} {tariff.name:20} {tariff.currency:3} {tariff.energy_price:>8} "
            f"{tariff.time_price:>8} {tariff.session_fee:>7} {tariff.tax_rate:>6}  {used}"
        )
        for window in tariff.windows:
            print(f"{'':>5}window {describe_window(window)}")
    return 0


def _add_tariff(args: argparse.Namespace, url: str) -> int:
    from console.cli_actor import cli_actor
    from console.core.staff import Permission, require
    from console.core.tariffs import Tariff
    from console.services import billing_local
    from console.services.tariff_text import parse_amount, parse_window

    def optional(text: str | None, what: str) -> Any:
        return None if text is None else parse_amount(text, what)

    actor = cli_actor(url)
    require(actor, Permission.TARIFFS)  # before the person's input is even read
    tariff = Tariff(
        name=args.name,
        currency=args.currency.strip().upper(),
        timezone=args.timezone or billing_local.site_timezone(url).key,
        energy_price=parse_amount(args.energy_price, "energy price"),
        time_price=parse_amount(args.time_price, "time price"),
        idle_price=parse_amount(args.idle_price, "idle price"),
        idle_grace=timedelta(minutes=args.idle_grace),
        session_fee=parse_amount(args.session_fee, "session fee"),
        minimum=optional(args.minimum, "minimum"),
        maximum=optional(args.maximum, "maximum"),
        tax_rate=parse_amount(args.tax_rate, "tax rate"),
        prices_include_tax=not args.net,
        windows=tuple(parse_window(text) for text in args.window),
    )
    # The console's Save runs the same operation: one transaction, one audit entry.
    saved = billing_local.save_tariff_placed(
        url, None, tariff, args.group, args.default, args.visitor, actor=actor
    )
    uses = f" ({', '.join(saved.uses)})" if saved.uses else ""
    print(f"tariff {saved.stored.id} {tariff.name!r} added{uses}")
    return 0


# --- sessions cost ---------------------------------------------------------------------------


def _session_cost(args: argparse.Namespace, url: str) -> int:
    from console.services.billing_local import session_cost
    from console.services.formatting import format_money, format_rate
    from console.services.pdf.layout import format_price, format_quantity
    from console.services.pdf.receipt import component_label

    cost = session_cost(url, args.session_id)
    if cost is None:
        raise UserError(f"no session {args.session_id}")
    session, breakdown, state = cost.session, cost.breakdown, cost.state
    if breakdown is None:
        raise UserError(f"session {session.id} has no bill and no tariff applies to it")
    if args.json:
        data = {"session": session.id, "billed": cost.bill is not None, "state": state}
        data["lines"] = [
            line.to_json() | {"label": component_label(line), "unit": line.unit}
            for line in breakdown.lines
        ]
        print(json.dumps(data | {k: v for k, v in breakdown.to_json().items() if k != "lines"}))
        return 0
    currency = breakdown.currency
    basis = "incl." if breakdown.prices_include_tax else "excl."
    print(f"session {session.id} ({state}), tariff {breakdown.tariff}, prices {basis} tax")
    print(f"{'COMPONENT':28} {'QUANTITY':>12} {'UNIT':4} {'UNIT PRICE':>14} {'AMOUNT':>14}")
    for line in breakdown.lines:
        print(
            f"{component_label(line):28} {format_quantity(line.quantity):>12} {line.unit:4} "
            f"{format_price(line.unit_price, currency):>14} "
            f"{format_money(line.amount, currency):>14}"
        )
    width = 28 + 12 + 4 + 14 + 4
    print(f"{'net':>{width}} {format_money(breakdown.net_total, currency):>14}")
    print(
        f"{'tax ' + format_rate(breakdown.tax_rate):>{width}} "
        f"{format_money(breakdown.tax, currency):>14}"
    )
    print(f"{'total':>{width}} {format_money(breakdown.gross_total, currency):>14}")
    return 0


# --- receipts --------------------------------------------------------------------------------


def _receipt_pdf(args: argparse.Namespace, url: str) -> int:
    from console.services import billing_local
    from console.services.pdf import render_receipt_pdf

    zone = billing_local.site_timezone(url)
    receipt = billing_local.receipt_by_label(url, args.number)
    if receipt is None:
        raise UserError(f"no receipt {args.number}")
    render_receipt_pdf(receipt, args.file, zone)
    print(f"receipt {receipt.label} written to {args.file}")
    return 0


def _receipts(args: argparse.Namespace, url: str) -> int:
    from console.core.billing import ReceiptStatus
    from console.services import billing_local
    from console.services.formatting import format_local, format_money, shown_zone

    if args.action == "pdf":
        return _receipt_pdf(args, url)
    # Listed in the site's zone, or UTC with --utc (the PDF is always the site's).
    zone = shown_zone() or billing_local.site_timezone(url)
    status = ReceiptStatus.UNPAID if args.unpaid else None
    found = billing_local.list_receipts(url, year=args.year, status=status)
    if args.json:
        for item in found:
            content = item.content
            print(
                json.dumps(
                    {
                        "number": item.label,
                        "status": item.status.value,
                        "issued_at": content.issued_at.isoformat(),
                        "session": content.session_id,
                        "customer": content.customer,
                        "currency": content.breakdown.currency,
                        "total": str(item.total),
                        "paid": str(item.paid),
                        "replaces": content.replaces,
                    }
                )
            )
        return 0
    print(
        f"{'NUMBER':10} {'ISSUED':16} {'SESSION':>7} {'CUSTOMER':24} {'TOTAL':>12} "
        f"{'PAID':>12} STATUS"
    )
    for item in found:
        currency = item.content.breakdown.currency
        print(
            f"{item.label:10} {format_local(item.content.issued_at, zone):16} "
            f"{item.content.session_id:>7} {item.content.customer[:24]:24} "
            f"{format_money(item.total, currency):>12} {format_money(item.paid, currency):>12} "
            f"{item.status.value}"
        )
    return 0
