"""``chargedesk report`` (energy, heatmap, utilisation) and ``chargedesk statements``.

Ranges are ``--from DAY --to DAY`` in the site's time zone, the ``--to`` day not included
(``--from 2026-03-01 --to 2026-04-01`` is March). ``--csv -`` writes CSV to the terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date
from pathlib import Path
from typing import TYPE_CHECKING

from console.cli_common import SubParsers, UserError
from console.services.csv_text import CsvWriter

if TYPE_CHECKING:
    from console.services.report_usage import HeatMapTotals


def add_parsers(commands: SubParsers, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    """Add ``report`` and ``statements`` to the ``chargedesk`` sub-commands."""
    report = commands.add_parser("report", help="energy, usage and utilisation reports")
    kinds = report.add_subparsers(dest="kind", metavar="REPORT", required=True)
    helps = {
        "energy": "sessions, energy and revenue by period, charger or group",
        "heatmap": "kWh by weekday and hour of day",
        "utilisation": "share of time each connector was charging and occupied",
    }
    for name, text in helps.items():
        sub = kinds.add_parser(name, help=text)
        sub.add_argument("--from", dest="since", required=True, metavar="DATE", help="first day")
        sub.add_argument(
            "--to",
            dest="until",
            required=True,
            metavar="DATE",
            help="the day after the last (not included)",
        )
        sub.add_argument("--csv", metavar="FILE", help="write CSV to FILE ('-': the terminal)")
        if name == "energy":
            sub.add_argument(
                "--by", default="day", choices=["day", "week", "month", "charger", "group"]
            )
        add_db(sub)

    statements = commands.add_parser("statements", help="monthly statements as PDF and CSV")
    subjects = statements.add_subparsers(dest="subject", metavar="SUBJECT", required=True)
    for name, what in (("person", "NAME|ID"), ("department", "NAME")):
        sub = subjects.add_parser(name, help=f"the statement of a {name} for a month")
        sub.add_argument("who", metavar=what)
        sub.add_argument("--month", required=True, metavar="YYYY-MM")
        sub.add_argument("--pdf", type=Path, metavar="FILE", help="write the statement as PDF")
        sub.add_argument("--csv", metavar="FILE", help="write CSV to FILE ('-': the terminal)")
        add_db(sub)


def _day(text: str, what: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"{what} '{text}' is not a date (use YYYY-MM-DD)") from None


def _emit(table: Sequence[Sequence[str]], target: str | None, write: Callable[[Path], int]) -> None:
    """Print the table aligned, or write CSV to a file or (``-``) to the terminal."""
    if target == "-":
        writer = CsvWriter(sys.stdout, lineterminator="\n")
        writer.writerows(table)
        return
    if target is not None:
        count = write(Path(target))
        print(f"{count} rows written to {target}")
        return
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        cells = [
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())


def report(args: argparse.Namespace, url: str) -> int:
    """Run ``report energy|heatmap|utilisation``."""
    from console.services import report_reads, report_usage, reports
    from console.services.formatting import zone_label

    since, until = _day(args.since, "--from"), _day(args.until, "--to")
    if until <= since:
        raise UserError("--to must be after --from (it is the first day not included)")
    if args.kind == "energy":
        rows, zone = report_reads.energy_report(url, since, until, args.by)
    elif args.kind == "heatmap":
        (matrix, totals), zone = report_reads.usage_heatmap_totals(url, since, until)
    else:
        used, zone = report_reads.utilisation(url, since, until)
    named = zone_label(zone)  # periods and hours are the site's, even with --utc
    if args.kind == "energy":
        table = reports.energy_report_table(rows, args.by, named)
        _emit(table, args.csv, lambda p: reports.write_energy_report_csv(rows, args.by, p, named))
    elif args.kind == "heatmap":
        table = report_usage.heatmap_table(matrix, named)
        _emit(table, args.csv, lambda p: report_usage.write_heatmap_csv(matrix, p, named))
        if args.csv is None:
            print(_agreement(totals))
    else:
        table = report_usage.utilisation_table(used)
        _emit(table, args.csv, lambda p: report_usage.write_utilisation_csv(used, p))
    return 0


def _agreement(totals: HeatMapTotals) -> str:
    """How the heat map's total meets the energy report's, as the Reports tab says it."""
    line = (
        f"total {totals.heatmap_kwh:.3f} kWh; the energy report of the same period "
        f"(finished sessions, by the day they started): {totals.report_kwh:.3f} kWh"
    )
    parts = [
        f"{sign} {value:.3f} kWh {words}"
        for value, sign, words in (
            (totals.running_kwh, "+", "of sessions still running"),
            (totals.before_kwh, "+", "of sessions that started before the period"),
            (totals.after_kwh, "-", "charged after the period by sessions started in it"),
            (totals.ignored_kwh, "-", "of readings that cannot be true"),
        )
        if value >= 0.0005
    ]
    return line + ("; " + "; ".join(parts) if parts else " (the same)")


def _month(text: str) -> tuple[int, int]:
    year, dash, month = text.strip().partition("-")
    if not (dash and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
        raise UserError(f"--month '{text}' is not a month (use YYYY-MM)")
    return int(year), int(month)


def statements(args: argparse.Namespace, url: str) -> int:
    """Run ``statements person|department``."""
    from console.services.pdf import render_statement_pdf
    from console.services.report_reads import statement_of
    from console.services.statements import statement_table, write_statement_csv

    year, month = _month(args.month)
    if args.subject == "person":
        read = statement_of(url, year, month, person=args.who)
    else:
        read = statement_of(url, year, month, department=args.who)
    statement, site, zone = read.statement, read.site, read.zone
    if args.pdf is not None:
        render_statement_pdf(statement, args.pdf, site if site.name else None, zone)
        print(f"statement written to {args.pdf}")
    if args.csv is not None or args.pdf is None:
        # The month is the site's; its times are listed in UTC when asked (--utc).
        shown = UTC if getattr(args, "utc", False) else zone
        table = statement_table(statement, shown)
        _emit(table, args.csv, lambda p: write_statement_csv(statement, p, shown))
    return 0
