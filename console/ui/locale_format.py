"""Money, energy, power and times as the console shows them: in the desk's language.

Files, exports, the API and the command line write fixed formats through
``console.services.formatting``; the console's views call these functions instead. With
no display locale set (English, the default) they give exactly the fixed formats, so an
English console looks as it always did; in German they give "1.234,56 kWh",
"12,34 €" and "07.12.2026 14:05". Only ``console.ui.translations`` sets the locale.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from decimal import Decimal

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from console.core.money import round_money
from console.services import alarm_words, formatting

# Currency codes shown by their sign where the locale writes amounts with one.
SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
# Date patterns with a four-digit year: the locales' short formats have two.
DATE_PATTERNS = {"de": "dd.MM.yyyy"}

_locale: QLocale | None = None


def set_display_locale(locale: QLocale | None) -> None:
    """Show values in ``locale`` from now on (None: the fixed English formats)."""
    global _locale
    _locale = locale


def display_locale() -> QLocale | None:
    """The locale values are shown in, or None for the fixed formats."""
    return _locale


def number_text(value: float | Decimal, places: int) -> str:
    """A number with ``places`` decimals: "1234.56" or "1.234,56"."""
    if _locale is None:
        return f"{value:.{places}f}"
    return _locale.toString(float(value), "f", places)


def size_text(size: int | None) -> str:
    """A file size for people in the desk's numbers: "512 B", "2.0 KiB", "2,4 MiB" (the
    units read the same in every language the console speaks)."""
    if size is None:
        return ""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{number_text(size / 1024, 1)} KiB"
    return f"{number_text(size / (1024 * 1024), 1)} MiB"


def format_money(amount: Decimal, currency: str) -> str:
    """An amount: "EUR 12.34" (fixed) or "12,34 €" (German)."""
    if _locale is None:
        return formatting.format_money(amount, currency)
    rounded = float(round_money(amount))
    return _locale.toCurrencyString(rounded, SYMBOLS.get(currency, currency), 2)


def format_kwh(energy_kwh: Decimal, places: int = 3) -> str:
    """Energy in kWh without the unit: "1234.560" or "1.234,560"."""
    if _locale is None:
        return formatting.format_kwh(energy_kwh, places)
    return _locale.toString(float(energy_kwh), "f", places)


def kwh_text(energy_kwh: Decimal | float, places: int = 2) -> str:
    """Energy with its unit: "1.234,56 kWh"."""
    return number_text(energy_kwh, places) + " kWh"


def kw_text(power_kw: Decimal | float, places: int = 1) -> str:
    """Power with its unit: "11,0 kW"."""
    return number_text(power_kw, places) + " kW"


def _date_pattern(locale: QLocale) -> str:
    language = locale.name().split("_")[0]
    pattern = DATE_PATTERNS.get(language) or locale.dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def _local_text(instant: datetime, tz: tzinfo | None, time_pattern: str) -> str:
    assert _locale is not None
    local = formatting.to_local(instant, tz)
    moment = QDateTime(
        QDate(local.year, local.month, local.day),
        QTime(local.hour, local.minute, local.second),
    )
    return _locale.toString(moment, f"{_date_pattern(_locale)} {time_pattern}")


def format_local(instant: datetime | None, tz: tzinfo | None = None) -> str:
    """A time to the minute in the site's zone: "2026-12-07 14:05" or "07.12.2026 14:05"."""
    if _locale is None or instant is None:
        return formatting.format_local(instant, tz)
    return _local_text(instant, tz, "HH:mm")


def format_seconds(instant: datetime | None, tz: tzinfo | None = None) -> str:
    """A time to the second: "2026-12-07 14:05:09" or "07.12.2026 14:05:09"."""
    if _locale is None or instant is None:
        return formatting.format_seconds(instant, tz)
    return _local_text(instant, tz, "HH:mm:ss")


def site_time(instant: datetime, zone: tzinfo | None = None) -> str:
    """A moment on the site's wall clock with its zone's abbreviation, as shown:
    "2026-03-02 09:14 CET" or "02.03.2026 09:14 CET"."""
    if _locale is None:
        return alarm_words.site_time(instant, zone)
    name = formatting.to_local(instant, zone).tzname() or ""
    return f"{format_local(instant, zone)} {name}".strip()


def date_text(day: date) -> str:
    """A calendar day: "2026-12-07" (fixed) or "07.12.2026" (German)."""
    if _locale is None:
        return day.isoformat()
    return _locale.toString(QDate(day.year, day.month, day.day), _date_pattern(_locale))


def short_date_time(local: datetime, with_year: bool) -> str:
    """A wall-clock time with its day, no seconds: "3 Dec 14:02" / "3. Dez. 14:02"
    (``local`` is already in the site's zone)."""
    if _locale is None:
        pattern = "%d %b %Y %H:%M" if with_year else "%d %b %H:%M"
        return local.strftime(pattern).lstrip("0")
    moment = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    return _locale.toString(moment, "d. MMM yyyy HH:mm" if with_year else "d. MMM HH:mm")


def price_text(price: Decimal, currency: str, places: int) -> str:
    """A unit price with ``places`` decimals: "EUR 0.3945" or "0,3945 €"."""
    if _locale is None:
        return f"{currency} {price:.{places}f}"
    return _locale.toCurrencyString(float(price), SYMBOLS.get(currency, currency), places)


def date_edit_format() -> str:
    """The display format of a date field: "yyyy-MM-dd", or the locale's ("dd.MM.yyyy")."""
    return "yyyy-MM-dd" if _locale is None else _date_pattern(_locale)


def day_name_text(day: QDate) -> str:
    """A day with its weekday for a report's row: "Tue 2026-12-01" / "Di. 01.12.2026"."""
    locale = QLocale()
    return locale.toString(day, "ddd " + date_edit_format())
