"""The periods a report can cover, as local calendar days and as UTC bounds."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

from console.services.formatting import local_start_of


class PeriodChoice(StrEnum):
    """The ready-made periods of the period picker; CUSTOM takes the dates as edited."""

    LAST_7_DAYS = "last7"
    LAST_30_DAYS = "last30"
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    THIS_YEAR = "this_year"
    CUSTOM = "custom"


def local_midnight(day: date) -> datetime:
    """The start of one of the site's calendar days, in UTC."""
    return local_start_of(day)


def first_of_month(day: date) -> date:
    """The first day of ``day``'s month."""
    return day.replace(day=1)


def days_of(choice: PeriodChoice, today: date) -> tuple[date, date]:
    """The first and last day (both included) a ready-made period means on ``today``.

    CUSTOM has no days of its own; it returns today alone.
    """
    if choice is PeriodChoice.LAST_7_DAYS:
        return today - timedelta(days=6), today
    if choice is PeriodChoice.LAST_30_DAYS:
        return today - timedelta(days=29), today
    if choice is PeriodChoice.THIS_MONTH:
        return first_of_month(today), today
    if choice is PeriodChoice.LAST_MONTH:
        last = first_of_month(today) - timedelta(days=1)
        return first_of_month(last), last
    if choice is PeriodChoice.THIS_YEAR:
        return date(today.year, 1, 1), today
    return today, today


def utc_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """From the start of ``first`` to the end of ``last`` (local days), in UTC."""
    return local_midnight(first), local_midnight(last + timedelta(days=1))
