"""Table models of the Configuration page: keys, snapshots, differences, baseline results."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
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
from console.services.formatting import format_seconds
from console.ui.command_words import outcome_words

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


class _Table(QAbstractTableModel):
    """A read-only table of rows with translated headers."""

    headers: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def _count(self) -> int:
        return 0


class ConfigKeysModel(_Table):
    """GetConfiguration as rows: key, value (editable for writable keys), read-only, outcome.

    Edited values are kept apart from what the charger reported until they are applied;
    ``outcome`` then shows, per key, what the charger answered.
    """

    KEY, VALUE, READONLY, OUTCOME = range(4)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = (self.tr("Key"), self.tr("Value"), self.tr("Read-only"), self.tr("Outcome"))
        self.entries: list[ConfigEntry] = []
        self.edits: dict[str, str] = {}
        self.outcomes: dict[str, OutcomeLook] = {}

    def _count(self) -> int:
        return len(self.entries)

    def set_entries(self, entries: list[ConfigEntry] | tuple[ConfigEntry, ...]) -> None:
        """Show a freshly read configuration; edits and outcomes are dropped."""
        self.beginResetModel()
        self.entries = list(entries)
        self.edits = {}
        self.outcomes = {}
        self.endResetModel()

    def row_of(self, key: str) -> int:
        """The row of ``key``, or -1."""
        for row, entry in enumerate(self.entries):
            if entry.key == key:
                return row
        return -1

    def changed(self) -> dict[str, str]:
        """The edited values that differ from what the charger reported, by key."""
        return dict(self.edits)

    def revert(self) -> None:
        """Drop every edit."""
        if not self.edits:
            return
        self.edits = {}
        self._refresh_all()

    def set_outcome(self, change: KeyChange) -> None:
        """Show the charger's answer to one key; an applied value becomes the value."""
        row = self.row_of(change.key)
        if row < 0:
            return
        self.outcomes[change.key] = outcome_look(change.outcome, "ChangeConfiguration")
        if change.applied:
            entry = self.entries[row]
            self.entries[row] = ConfigEntry(entry.key, change.value, entry.readonly)
            self.edits.pop(change.key, None)
        first = self.index(row, 0)
        self.dataChanged.emit(first, self.index(row, len(self.headers) - 1))

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if (
            index.isValid()
            and index.column() == self.VALUE
            and not self.entries[index.row()].readonly
        ):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        entry = self.entries[index.row()]
        column = index.column()
        edited = self.edits.get(entry.key)
        if column == self.OUTCOME:
            return _look_role(self.outcomes.get(entry.key), role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.KEY:
                return entry.key
            if column == self.VALUE:
                return edited if edited is not None else (entry.value or "")
            if column == self.READONLY:
                return self.tr("read-only") if entry.readonly else ""
        if role == Qt.ItemDataRole.ToolTipRole and column == self.VALUE:
            # The whole value: a long one (a list of measurands, a URL) is cut in the cell.
            value = entry.value or ""
            if entry.readonly:
                hint = self.tr("The charger does not let this key be changed")
            elif edited is not None:
                value = edited
                hint = self.tr("Changed from %1; not applied yet").replace("%1", entry.value or "")
            else:
                hint = self.tr("Double-click to change")
            return f"{value}\n\n{hint}" if value else hint
        if role == Qt.ItemDataRole.ToolTipRole and column == self.KEY:
            return entry.key
        if role == Qt.ItemDataRole.FontRole and column == self.VALUE and edited is not None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and entry.readonly and column != self.KEY:
            return QBrush(QColor("#6B7580"))
        if role == Qt.ItemDataRole.BackgroundRole and column == self.VALUE and edited is not None:
            return QBrush(QColor("#EEF3F8"))
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
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

    def _refresh_all(self) -> None:
        if self.entries:
            last = self.index(len(self.entries) - 1, len(self.headers) - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class SnapshotsModel(_Table):
    """Saved snapshots: name, charger, model, firmware, taken, baseline."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = (
            self.tr("Name"),
            self.tr("Charger"),
            self.tr("Model"),
            self.tr("Firmware"),
            self.tr("Taken"),
            self.tr("Baseline"),
        )
        self.snapshots: list[ConfigSnapshot] = []

    def _count(self) -> int:
        return len(self.snapshots)

    def set_snapshots(self, snapshots: list[ConfigSnapshot]) -> None:
        """Show these snapshots."""
        self.beginResetModel()
        self.snapshots = list(snapshots)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.snapshots):
            return None
        snapshot = self.snapshots[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            model = " ".join(v for v in (snapshot.vendor, snapshot.model) if v)
            values = (
                snapshot.name,
                snapshot.charger_id,
                model,
                snapshot.firmware_version or "",
                format_seconds(snapshot.taken_at),
                self.tr("★ baseline") if snapshot.baseline else "",
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return snapshot.id
        if role == Qt.ItemDataRole.FontRole and snapshot.baseline:
            font = QFont()
            font.setBold(True)
            return font
        return None


class DifferencesModel(_Table):
    """Keys two configurations disagree on: key, difference, left value, right value."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_sides(self.tr("Left"), self.tr("Right"))
        self.differences: list[KeyDifference] = []

    def set_sides(self, left: str, right: str) -> None:
        """Name the two configurations compared (the headers of the value columns)."""
        self.headers = (self.tr("Key"), self.tr("Difference"), left, right)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)

    def _count(self) -> int:
        return len(self.differences)

    def set_differences(self, differences: list[KeyDifference] | tuple[KeyDifference, ...]) -> None:
        """Show these differences."""
        self.beginResetModel()
        self.differences = list(differences)
        self.endResetModel()

    def _kind(self, kind: DifferenceKind) -> str:
        texts = {
            DifferenceKind.ADDED: self.tr("+ only right"),
            DifferenceKind.REMOVED: self.tr("- only left"),
            DifferenceKind.DIFFERENT: self.tr("≠ differs"),
        }
        return texts[kind]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.differences):
            return None
        difference = self.differences[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            missing = self.tr("(absent)")
            values = (
                difference.key,
                self._kind(difference.kind),
                missing if difference.left is None else difference.left,
                missing if difference.right is None else difference.right,
            )
            return values[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 1:
            colours = {
                DifferenceKind.ADDED: _GOOD[0],
                DifferenceKind.REMOVED: _BAD[0],
                DifferenceKind.DIFFERENT: _WARN[0],
            }
            return QBrush(QColor(colours[difference.kind]))
        return None


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One line of a baseline run: a key set on a charger, or why the charger was skipped."""

    charger_id: str
    key: str
    value: str
    look: OutcomeLook


class BaselineResultsModel(_Table):
    """Per charger, per key: what applying a baseline did."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers = (self.tr("Charger"), self.tr("Key"), self.tr("Value"), self.tr("Outcome"))
        self.rows: list[ResultRow] = []

    def _count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: list[ResultRow]) -> None:
        """Show these results."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if index.column() == 3:
            return _look_role(row.look, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.charger_id, row.key, row.value)[index.column()]
        return None
