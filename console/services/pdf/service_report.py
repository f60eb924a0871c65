"""A charger's service report as an A4 PDF: identity, history, faults, alarms, config, notes."""

from __future__ import annotations

from datetime import timedelta, tzinfo
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from console.core.alarms import Alarm
from console.services.alarm_words import sentence as alarm_sentence
from console.services.formatting import format_local
from console.services.pdf.layout import MARGIN, PAGE, WIDTH, Flowables, footer, grid, styles, text
from console.services.service_report import ServiceReport
from console.storage.service_history import ChargerEvent

_TIME = 33 * mm
_ALARM_WORDS = {
    "faulted": "Fault",
    "offline": "Offline",
    "reboots": "Reboots",
    "security": "Security",
}


def _cell(value: str, look: Any) -> Paragraph:
    """A table cell that wraps long text, in the table's own font size."""
    return text(value, ParagraphStyle("cell", parent=look.body, fontSize=9, leading=11))


def _identity(report: ServiceReport, tz: tzinfo | None) -> list[list[str]]:
    charger = report.charger
    boot = None if charger is None else charger.boot
    rows = [["Charger", report.charger_id]]
    if charger is None:
        return [*rows, ["Status", "not registered"]]
    fields = [
        ("Vendor", boot.vendor if boot else None),
        ("Model", boot.model if boot else None),
        ("Serial number", boot.serial if boot else None),
        ("Charge box serial", boot.charge_box_serial if boot else None),
        ("Firmware", boot.firmware_version if boot else None),
        ("Meter", " ".join(filter(None, [boot.meter_type, boot.meter_serial])) if boot else None),
        ("ICCID / IMSI", " / ".join(filter(None, [boot.iccid, boot.imsi])) if boot else None),
        ("Approval", charger.approval.value),
        ("Registered", format_local(charger.registered_at, tz)),
        ("Last seen", format_local(charger.last_seen, tz)),
    ]
    rows += [[label, value] for label, value in fields if value]
    if boot is None:
        rows.append(["Boot details", "no BootNotification received yet"])
    return rows


def _history_text(event: ChargerEvent) -> str:
    details = event.details
    if event.kind == "connected":
        return f"Connected from {details.get('peer') or 'unknown address'}"
    if event.kind == "disconnected":
        reason = details.get("reason") or "no reason given"
        code = details.get("close_code")
        return f"Disconnected: {reason}" + (f" (close code {code})" if code else "")
    if event.kind == "boot":
        firmware = details.get("firmware_version") or "unknown"
        return f"Booted, firmware {firmware}"
    return event.kind


def _alarm_state(alarm: Alarm, tz: tzinfo | None) -> str:
    state = "open" if alarm.open else f"cleared {format_local(alarm.cleared_at, tz)}"
    if alarm.acknowledged:
        who = alarm.acknowledged_by or "?"
        state += f"; acknowledged by {who} {format_local(alarm.acknowledged_at, tz)}"
    return state


def _sections(report: ServiceReport, tz: tzinfo | None, look: Any) -> Flowables:
    story: Flowables = [text("Identity and firmware", look.heading)]
    story.append(
        grid(_identity(report, tz), [45 * mm, WIDTH - 45 * mm], right_from=2, header=False)
    )

    story.append(text("Connection history", look.heading))
    if report.history:
        rows: list[list[Any]] = [["Time", "Event"]]
        rows += [[format_local(e.at, tz), _cell(_history_text(e), look)] for e in report.history]
        story.append(grid(rows, [_TIME, WIDTH - _TIME], right_from=2))
    else:
        story.append(text("No connections, disconnections or boots in this period.", look.body))

    story.append(text("Faults", look.heading))
    if report.faults:
        rows = [["Time", "Conn.", "Error code", "Vendor code", "Info"]]
        for fault in report.faults:
            rows.append(
                [
                    format_local(fault.at, tz),
                    str(fault.connector_id),
                    fault.error_code,
                    fault.vendor_error_code or "",
                    _cell(fault.info or "", look),
                ]
            )
        widths = [_TIME, 14 * mm, 36 * mm, 28 * mm]
        story.append(grid(rows, [*widths, WIDTH - sum(widths)], right_from=5))
    else:
        story.append(text("No faults reported in this period.", look.body))

    story.append(text("Alarms", look.heading))
    if report.alarms:
        rows = [["Raised", "Kind", "Message", "State"]]
        for alarm in report.alarms:
            rows.append(
                [
                    format_local(alarm.raised_at, tz),
                    _ALARM_WORDS.get(alarm.kind.value, alarm.kind.value),
                    _cell(alarm_sentence(alarm, tz), look),  # site time, even if stored in UTC
                    _cell(_alarm_state(alarm, tz), look),
                ]
            )
        widths = [_TIME, 20 * mm, 70 * mm]
        story.append(grid(rows, [*widths, WIDTH - sum(widths)], right_from=4))
    else:
        story.append(text("No alarms in this period.", look.body))

    story += _configuration(report, tz, look)

    story.append(text("Technician's notes", look.heading))
    if report.notes:
        rows = [["Time", "Author", "Note"]]
        for note in report.notes:
            rows.append([format_local(note.at, tz), note.author or "", _cell(note.text, look)])
        widths = [_TIME, 30 * mm]
        story.append(grid(rows, [*widths, WIDTH - sum(widths)], right_from=3))
    else:
        story.append(text("No notes in this period.", look.body))
    return story


def _configuration(report: ServiceReport, tz: tzinfo | None, look: Any) -> Flowables:
    check = report.configuration
    story: Flowables = [text("Configuration against the baseline", look.heading)]
    summary = check.summary
    if check.snapshot_at is not None:
        summary += f" Snapshot taken {format_local(check.snapshot_at, tz)}."
    story.append(text(summary, look.body))
    if check.differences:
        rows: list[list[Any]] = [["Key", "Baseline", "This charger"]]
        for difference in check.differences:
            rows.append(
                [
                    _cell(difference.key, look),
                    _cell("(missing)" if difference.left is None else difference.left, look),
                    _cell("(missing)" if difference.right is None else difference.right, look),
                ]
            )
        table = grid(rows, [60 * mm, (WIDTH - 60 * mm) / 2, (WIDTH - 60 * mm) / 2], right_from=3)
        table.setStyle([("TEXTCOLOR", (2, 1), (2, -1), colors.HexColor("#a33"))])
        story.append(table)
    return story


def render_service_report_pdf(
    report: ServiceReport, path: Path, site_name: str = "ChargeDesk", tz: tzinfo | None = None
) -> None:
    """Write ``report`` as an A4 PDF to ``path``; times in the site's zone (``tz``)."""
    look = styles()
    last_day = report.until - timedelta(seconds=1)
    period = f"{format_local(report.since, tz)[:10]} to {format_local(last_day, tz)[:10]}"
    story: Flowables = [
        text(f"Service report: {report.charger_id}", look.title),
        text(site_name, look.body),
        text(f"Period: {period}", look.body),
        text(f"Printed: {format_local(report.generated_at, tz)}", look.small),
        Spacer(1, 2 * mm),
    ]
    story += _sections(report, tz, look)
    document = SimpleDocTemplate(
        str(path),
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=f"Service report {report.charger_id}",
        author=site_name,
    )
    page = footer(f"{site_name} - service report {report.charger_id} - {period}")
    document.build(story, onFirstPage=page, onLaterPages=page)
