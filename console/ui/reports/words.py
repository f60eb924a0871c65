"""The translated words of the Reports tab, in one place."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from console.services.report_usage import HeatMapTotals
from console.services.reports import NO_GROUP, ReportBy
from console.ui.locale_format import day_name_text
from console.ui.reports.period import PeriodChoice

TIME_GROUPINGS = (ReportBy.DAY, ReportBy.WEEK, ReportBy.MONTH)


class Measure(StrEnum):
    """What the bar chart shows."""

    ENERGY = "energy"
    SESSIONS = "sessions"
    REVENUE = "revenue"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Reports", text)


def period_word(choice: PeriodChoice) -> str:
    """A ready-made period as the picker names it."""
    words = {
        PeriodChoice.LAST_7_DAYS: _tr("Last 7 days"),
        PeriodChoice.LAST_30_DAYS: _tr("Last 30 days"),
        PeriodChoice.THIS_MONTH: _tr("This month"),
        PeriodChoice.LAST_MONTH: _tr("Last month"),
        PeriodChoice.THIS_YEAR: _tr("This year"),
        PeriodChoice.CUSTOM: _tr("Custom dates"),
    }
    return words[choice]


def grouping_word(by: ReportBy) -> str:
    """A "group by" choice as the picker names it."""
    words = {
        ReportBy.DAY: _tr("Day"),
        ReportBy.WEEK: _tr("Week"),
        ReportBy.MONTH: _tr("Month"),
        ReportBy.CHARGER: _tr("Charger"),
        ReportBy.GROUP: _tr("Card group"),
    }
    return words[by]


def measure_word(measure: Measure, currency: str | None = None) -> str:
    """A measure as the picker and the chart's axis name it."""
    if measure is Measure.ENERGY:
        return _tr("Energy (kWh)")
    if measure is Measure.SESSIONS:
        return _tr("Sessions")
    if currency:
        return _tr("Revenue (%1)").replace("%1", currency)
    return _tr("Revenue")


def weekday_name(day: int) -> str:
    """The weekday's name in the PC's language; 0 is Monday."""
    return QLocale().standaloneDayName(day + 1, QLocale.FormatType.LongFormat).capitalize()


def hour_label(hour: int) -> str:
    """An hour-of-day column title: "00" … "23"."""
    return f"{hour:02d}"


def hour_span(hour: int) -> str:
    """The hour a heat map cell covers, "14:00-15:00"."""
    return f"{hour:02d}:00-{(hour + 1) % 24:02d}:00"


def key_label(key: str, by: ReportBy, short: bool = False) -> str:
    """A report row's key for people: days get their weekday, weeks and months a name.

    ``short`` is for the chart's axis, where room is scarce.
    """
    if by is ReportBy.DAY:
        day = QDate.fromString(key, "yyyy-MM-dd")
        if day.isValid():
            return QLocale().toString(day, "ddd d MMM") if short else day_name_text(day)
    elif by is ReportBy.WEEK and "-W" in key:
        year, week = key.split("-W", 1)
        return (_tr("W%1") if short else _tr("Week %1, %2")).replace("%1", week).replace("%2", year)
    elif by is ReportBy.MONTH:
        month = QDate.fromString(key + "-01", "yyyy-MM-dd")
        if month.isValid():
            return QLocale().toString(month, "MMM yyyy" if short else "MMMM yyyy")
    elif by is ReportBy.GROUP and key == NO_GROUP:
        return _tr("(no group)")
    return key


SHOWN_KWH = 0.05  # a part that rounds to 0.0 kWh on screen is not worth a sentence


def _kwh(value: float) -> str:
    return QLocale().toString(value, "f", 1) + " kWh"


def energy_rule_text() -> str:
    """Under the energy report: what its energy counts, and why peak hours may differ."""
    return _tr(
        "Counts finished sessions, each whole in the period it started (its bill cannot "
        "be split); a running session counts once it stops. Peak hours places energy in "
        "the hours it flowed, running sessions included, so its total can differ."
    )


def agreement_text(totals: HeatMapTotals) -> str:
    """Under the heat map: how its total meets the energy report's for the same period."""
    report = _tr("Energy report for the same period: %1").replace("%1", _kwh(totals.report_kwh))
    if totals.agree:
        return report + _tr(" — the same total: every session of the period is finished.")
    parts = []
    for value, sign, words in (
        (totals.running_kwh, "+", _tr("%1 of sessions still running")),
        (totals.before_kwh, "+", _tr("%1 of sessions that started before the period")),
        (totals.after_kwh, "\u2212", _tr("%1 charged after the period by sessions started in it")),
        (totals.ignored_kwh, "\u2212", _tr("%1 of readings that cannot be true (not placed)")),
    ):
        if value >= SHOWN_KWH:
            parts.append(f"{sign} " + words.replace("%1", _kwh(value)))
    if not parts:  # differences too small to show one by one
        return report + _tr(" — the same total when rounded.")
    return report + _tr(" (finished sessions, by the day they started). Here: ") + "; ".join(parts)
