"""Table models of the Configuration page: keys, snapshots, differences, baseline results."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from console.core.commands import OutcomeEffect
from console.core.configuration import (
    ConfigEntry,
    ConfigSnapshot,
    DifferenceKind,
    KeyChange,
    KeyDifference,
)
from console.core.enums import CommandResult
from console.core.model import CommandOutcome
from console.ui.command_words import outcome_words
from console.ui.locale_format import format_seconds
from console.ui.table_model import Column, RowTableModel

Index = QModelIndex | QPersistentModelIndex

# Colour-blind-safe pairs (Okabe-Ito): the symbol and the word carry the meaning too.
_GOOD = ("#E6F4EE", "#0B3D2A")
_WARN = ("#FFF3D6", "#6B4A00")
_BAD = ("#FBE3D6", "#5A1E00")
_GREY = ("#ECEFF2", "#33404D")


@dataclass(frozen=True, slots=True)
class OutcomeLook:
    """How an outcome is shown: a symbol, a word or short text, colours and a sentence."""

    symbol: str
    text: str
    background: str
    foreground: str
    sentence: str = ""  # what the outcome means, for a tooltip

    @property
    def label(self) -> str:
        """Symbol and text together."""
        return f"{self.symbol} {self.text}"


def outcome_look(outcome: CommandOutcome, action: str | None = None) -> OutcomeLook:
    """The look of a command's outcome (per key: Accepted, RebootRequired, Rejected…).

    The sentence (tooltip) is the console's shared one (``command_words``); ``action``
    names the command when the outcome does not ("ChangeConfiguration" per key).
    """
    if action is not None and outcome.action is None:
        outcome = replace(outcome, action=action)
    sentence = outcome_words(outcome).sentence
    if outcome.result is CommandResult.ANSWERED:
        status = outcome.status or "Done"
        if outcome.accepted:
            return OutcomeLook("✓", status, *_GOOD, sentence)
        if status == "RebootRequired":
            return OutcomeLook("↻", status, *_WARN, sentence)
        if status == "NotSupported":
            return OutcomeLook("⊘", status, *_GREY, sentence)
        if outcome.effect is OutcomeEffect.LATER:  # Scheduled: accepted, for later
            return OutcomeLook("\u2139", status, *_WARN, sentence)
        return OutcomeLook("✕", status, *_BAD, sentence)
    if outcome.result is CommandResult.NOT_SUPPORTED:
        return OutcomeLook("⊘", outcome.describe(), *_GREY, sentence)
    return OutcomeLook("⚠", outcome.describe(), *_BAD, sentence)


def _look_role(look: OutcomeLook | None, role: int) -> Any:
    if look is None:
        return None
    if role == Qt.ItemDataRole.DisplayRole:
        return look.label
    if role == Qt.ItemDataRole.BackgroundRole:
        return QBrush(QColor(look.background))
    if role == Qt.ItemDataRole.ForegroundRole:
        return QBrush(QColor(look.foreground))
    if role == Qt.ItemDataRole.ToolTipRole:
        return look.sentence or look.text
    return None


class ConfigKeysModel(RowTableModel[ConfigEntry]):
    """GetConfiguration as rows: key, value (editable for writable keys), read-only, outcome.

    Edited values are kept apart from what the charger reported until they are applied;
    ``outcome`` then shows, per key, what the charger answered.
    """

    KEY, VALUE, READONLY, OUTCOME = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.edits: dict[str, str] = {}
        self.outcomes: dict[str, OutcomeLook] = {}
        greyed = _greyed  # read-only keys' value and mark are grey
        self.set_columns(
            (
                Column[ConfigEntry](self.tr("Key"), lambda e: e.key, tooltip=lambda e: e.key),
                Column[ConfigEntry](
                    self.tr("Value"),
                    self._value_text,
                    tooltip=self._value_tip,
                    foreground=greyed,
                    background=lambda e: _EDITED_BACKGROUND if e.key in self.edits else None,
                    font=lambda e: _bold() if e.key in self.edits else None,
                ),
                Column[ConfigEntry](
                    self.tr("Read-only"),
                    lambda e: self.tr("read-only") if e.readonly else "",
                    foreground=greyed,
                ),
                Column[ConfigEntry](
                    self.tr("Outcome"),
                    lambda e: _look_role(self.outcomes.get(e.key), Qt.ItemDataRole.DisplayRole),
                ),
            )
        )

    @property
    def entries(self) -> list[ConfigEntry]:
        """The keys shown, as the charger reported them (edits are apart)."""
        return self.rows

    def set_entries(self, entries: list[ConfigEntry] | tuple[ConfigEntry, ...]) -> None:
        """Show a freshly read configuration; edits and outcomes are dropped."""
        self.edits = {}
        self.outcomes = {}
        self.set_rows(entries)

    def row_of(self, key: str) -> int:
        """The row of ``key``, or -1."""
        row = self.find_row(lambda entry: entry.key == key)
        return -1 if row is None else row

    def changed(self) -> dict[str, str]:
        """The edited values that differ from what the charger reported, by key."""
        return dict(self.edits)

    def revert(self) -> None:
        """Drop every edit."""
        if not self.edits:
            return
        self.edits = {}
        self.columns_changed(0, len(self.columns) - 1)

    def set_outcome(self, change: KeyChange) -> None:
        """Show the charger's answer to one key; an applied value becomes the value."""
        row = self.row_of(change.key)
        if row < 0:
            return
        self.outcomes[change.key] = outcome_look(change.outcome, "ChangeConfiguration")
        if change.applied:
            entry = self.entries[row]
            self.rows[row] = ConfigEntry(entry.key, change.value, entry.readonly)
            self.edits.pop(change.key, None)
        self.row_changed(row)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Values of writable keys can be edited."""
        base = super().flags(index)
        if (
            index.isValid()
            and index.column() == self.VALUE
            and not self.entries[index.row()].readonly
        ):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def column_data(self, item: ConfigEntry, number: int, role: int) -> Any:
        """The Outcome column is the outcome's look; the other cells edit their text."""
        if number == self.OUTCOME:
            return _look_role(self.outcomes.get(item.key), role)
        if role == Qt.ItemDataRole.EditRole:
            role = Qt.ItemDataRole.DisplayRole
        return super().column_data(item, number, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Keep an edited value apart until it is applied."""
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != self.VALUE
            or self.entries[index.row()].readonly
        ):
            return False
        entry = self.entries[index.row()]
        text = "" if value is None else str(value)
        if text == (entry.value or ""):
            self.edits.pop(entry.key, None)
        else:
            self.edits[entry.key] = text
        self.outcomes.pop(entry.key, None)
        self.dataChanged.emit(index, self.index(index.row(), self.OUTCOME))
        return True

    def _value_text(self, entry: ConfigEntry) -> str:
        edited = self.edits.get(entry.key)
        return edited if edited is not None else (entry.value or "")

    def _value_tip(self, entry: ConfigEntry) -> str:
        # The whole value: a long one (a list of measurands, a URL) is cut in the cell.
        value = entry.value or ""
        edited = self.edits.get(entry.key)
        if entry.readonly:
            hint = self.tr("The charger does not let this key be changed")
        elif edited is not None:
            value = edited
            hint = self.tr("Changed from %1; not applied yet").replace("%1", entry.value or "")
        else:
            hint = self.tr("Double-click to change")
        return f"{value}\n\n{hint}" if value else hint


_EDITED_BACKGROUND = QBrush(QColor("#EEF3F8"))


def _greyed(entry: ConfigEntry) -> QBrush | None:
    return QBrush(QColor("#6B7580")) if entry.readonly else None


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


class SnapshotsModel(RowTableModel[ConfigSnapshot]):
    """Saved snapshots: name, charger, model, firmware, taken, baseline."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_columns(
            Column[ConfigSnapshot](title, text, font=lambda s: _bold() if s.baseline else None)
            for title, text in (
                (self.tr("Name"), lambda s: s.name),
                (self.tr("Charger"), lambda s: s.charger_id),
                (self.tr("Model"), lambda s: " ".join(v for v in (s.vendor, s.model) if v)),
                (self.tr("Firmware"), lambda s: s.firmware_version or ""),
                (self.tr("Taken"), lambda s: format_seconds(s.taken_at)),
                (self.tr("Baseline"), lambda s: self.tr("★ baseline") if s.baseline else ""),
            )
        )

    @property
    def snapshots(self) -> list[ConfigSnapshot]:
        """The snapshots shown."""
        return self.rows

    def set_snapshots(self, snapshots: list[ConfigSnapshot]) -> None:
        """Show these snapshots."""
        self.set_rows(snapshots)

    def role_data(self, item: ConfigSnapshot, column: int, role: int) -> Any:
        """The snapshot's id under UserRole."""
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return super().role_data(item, column, role)


class DifferencesModel(RowTableModel[KeyDifference]):
    """Keys two configurations disagree on: key, difference, left value, right value."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_sides(self.tr("Left"), self.tr("Right"))

    def set_sides(self, left: str, right: str) -> None:
        """Name the two configurations compared (the headers of the value columns)."""
        missing = self.tr("(absent)")
        colours = {
            DifferenceKind.ADDED: _GOOD[0],
            DifferenceKind.REMOVED: _BAD[0],
            DifferenceKind.DIFFERENT: _WARN[0],
        }
        self.set_columns(
            (
                Column[KeyDifference](self.tr("Key"), lambda d: d.key),
                Column[KeyDifference](
                    self.tr("Difference"),
                    lambda d: self._kind(d.kind),
                    background=lambda d: QBrush(QColor(colours[d.kind])),
                ),
                Column[KeyDifference](left, lambda d: missing if d.left is None else d.left),
                Column[KeyDifference](right, lambda d: missing if d.right is None else d.right),
            )
        )

    @property
    def differences(self) -> list[KeyDifference]:
        """The differences shown."""
        return self.rows

    def set_differences(self, differences: list[KeyDifference] | tuple[KeyDifference, ...]) -> None:
        """Show these differences."""
        self.set_rows(differences)

    def _kind(self, kind: DifferenceKind) -> str:
        texts = {
            DifferenceKind.ADDED: self.tr("+ only right"),
            DifferenceKind.REMOVED: self.tr("- only left"),
            DifferenceKind.DIFFERENT: self.tr("≠ differs"),
        }
        return texts[kind]


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One line of a baseline run: a key set on a charger, or why the charger was skipped."""

    charger_id: str
    key: str
    value: str
    look: OutcomeLook


class BaselineResultsModel(RowTableModel[ResultRow]):
    """Per charger, per key: what applying a baseline did."""

    OUTCOME = 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_columns(
            (
                Column[ResultRow](self.tr("Charger"), lambda r: r.charger_id),
                Column[ResultRow](self.tr("Key"), lambda r: r.key),
                Column[ResultRow](self.tr("Value"), lambda r: r.value),
                Column[ResultRow](self.tr("Outcome"), lambda r: r.look.label),
            )
        )

    def column_data(self, item: ResultRow, number: int, role: int) -> Any:
        """The Outcome column is the outcome's look (symbol, colours, sentence)."""
        if number == self.OUTCOME:
            return _look_role(item.look, role)
        return super().column_data(item, number, role)
