"""The message log's filter bar: charger, action, direction, kind, time range and text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QHBoxLayout,
    QLineEdit,
    QWidget,
)

from console.core.enums import Direction, FrameKind
from console.services.formatting import shown_zone, to_local, zone_label
from console.services.message_export import FrameFilter
from console.ui import locale_format

# OCPP 1.6 actions, both ways; the picker also lists actions it has seen in the log.
OCPP16_ACTIONS = (
    "Authorize",
    "BootNotification",
    "CancelReservation",
    "ChangeAvailability",
    "ChangeConfiguration",
    "ClearCache",
    "ClearChargingProfile",
    "DataTransfer",
    "DiagnosticsStatusNotification",
    "FirmwareStatusNotification",
    "GetCompositeSchedule",
    "GetConfiguration",
    "GetDiagnostics",
    "GetLocalListVersion",
    "Heartbeat",
    "MeterValues",
    "RemoteStartTransaction",
    "RemoteStopTransaction",
    "ReserveNow",
    "Reset",
    "SendLocalList",
    "SetChargingProfile",
    "StartTransaction",
    "StatusNotification",
    "StopTransaction",
    "TriggerMessage",
    "UnlockConnector",
    "UpdateFirmware",
)
DEBOUNCE_MS = 300  # typing in the text box waits this long before searching


class MessageFilterBar(QWidget):
    """Emits ``changed`` (debounced) with the filter a person set."""

    changed = Signal(object)  # FrameFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)

        self.charger_combo = QComboBox()
        self.charger_combo.setMinimumWidth(130)
        self.charger_combo.setToolTip(self.tr("Charger"))
        self.charger_combo.addItem(self.tr("All chargers"), None)
        self.action_combo = QComboBox()
        self.action_combo.setToolTip(self.tr("Action (for replies: the action of their call)"))
        self.action_combo.addItem(self.tr("All actions"), None)
        for action in OCPP16_ACTIONS:
            self.action_combo.addItem(action, action)
        self.direction_combo = QComboBox()
        self.direction_combo.setToolTip(self.tr("Direction"))
        self.direction_combo.addItem(self.tr("Both directions"), None)
        self.direction_combo.addItem(self.tr("↓ from charger"), Direction.IN)
        self.direction_combo.addItem(self.tr("↑ to charger"), Direction.OUT)
        self.kind_combo = QComboBox()
        self.kind_combo.setToolTip(self.tr("Message type"))
        self.kind_combo.addItem(self.tr("All types"), ())
        self.kind_combo.addItem(self.tr("Calls"), (FrameKind.CALL,))
        self.kind_combo.addItem(self.tr("Replies"), (FrameKind.RESULT,))
        self.kind_combo.addItem(self.tr("✖ Errors"), (FrameKind.ERROR, FrameKind.INVALID))
        self.since_check = QCheckBox(self.tr("From"))
        self.until_check = QCheckBox(self.tr("to"))
        # Wall-clock times at the site (the zone every time is shown in), not this PC's.
        now = _wall(datetime.now(UTC))
        self.since_edit = QDateTimeEdit(now.addSecs(-3600))
        self.until_edit = QDateTimeEdit(now)
        for edit in (self.since_edit, self.until_edit):
            edit.setDisplayFormat(locale_format.date_edit_format() + " HH:mm:ss")
            edit.setToolTip(self.tr("Time in %1").replace("%1", zone_label()))
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        self.text_edit = QLineEdit()
        self.text_edit.setPlaceholderText(self.tr("Search payload or message id (Ctrl+F)"))
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setMinimumWidth(200)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.charger_combo, self.action_combo, self.direction_combo):
            layout.addWidget(widget)
        layout.addWidget(self.kind_combo)
        layout.addSpacing(6)
        layout.addWidget(self.since_check)
        layout.addWidget(self.since_edit)
        layout.addWidget(self.until_check)
        layout.addWidget(self.until_edit)
        layout.addSpacing(6)
        layout.addWidget(self.text_edit, 1)

        for combo in (
            self.charger_combo,
            self.action_combo,
            self.direction_combo,
            self.kind_combo,
        ):
            combo.currentIndexChanged.connect(self._emit)
        self.since_check.toggled.connect(self.since_edit.setEnabled)
        self.until_check.toggled.connect(self.until_edit.setEnabled)
        for check in (self.since_check, self.until_check):
            check.toggled.connect(self._emit)
        for edit in (self.since_edit, self.until_edit):
            edit.dateTimeChanged.connect(self._debounce.start)
        self.text_edit.textChanged.connect(self._debounce.start)

    def current(self) -> FrameFilter:
        """The filter as set now."""
        # Qt hands enum item data back as plain strings.
        action = self.action_combo.currentData()
        direction = self.direction_combo.currentData()
        return FrameFilter(
            charger_id=self.charger_combo.currentData(),
            actions=(action,) if action else (),
            direction=Direction(direction) if direction else None,
            kinds=tuple(FrameKind(k) for k in self.kind_combo.currentData() or ()),
            since=_utc(self.since_edit.dateTime()) if self.since_check.isChecked() else None,
            until=_utc(self.until_edit.dateTime()) if self.until_check.isChecked() else None,
            text=self.text_edit.text().strip(),
        )

    def set_chargers(self, charger_ids: Iterable[str]) -> None:
        """Offer these chargers (and keep the one chosen)."""
        known = {self.charger_combo.itemData(i) for i in range(1, self.charger_combo.count())}
        for charger_id in sorted(set(charger_ids) - known):
            self._insert_charger(charger_id)

    def set_charger(self, charger_id: str | None) -> None:
        """Show one charger's frames (None: every charger's)."""
        if charger_id is not None and self.charger_combo.findData(charger_id) < 0:
            self._insert_charger(charger_id)
        self.charger_combo.setCurrentIndex(max(0, self.charger_combo.findData(charger_id)))

    def clear(self, keep_charger: bool = True) -> None:
        """Match every frame (of the chosen charger, with ``keep_charger``)."""
        self.blockSignals(True)
        try:
            if not keep_charger:
                self.charger_combo.setCurrentIndex(0)
            for combo in (self.action_combo, self.direction_combo, self.kind_combo):
                combo.setCurrentIndex(0)
            self.since_check.setChecked(False)
            self.until_check.setChecked(False)
            self.text_edit.clear()
        finally:
            self.blockSignals(False)
        self._debounce.stop()
        self._emit()

    def focus_text(self) -> None:
        """Put the cursor in the text search (Ctrl+F)."""
        self.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text_edit.selectAll()

    def _insert_charger(self, charger_id: str) -> None:
        ids = [self.charger_combo.itemData(i) for i in range(1, self.charger_combo.count())]
        position = 1 + sum(1 for i in ids if i < charger_id)
        self.charger_combo.insertItem(position, charger_id, charger_id)

    def _emit(self) -> None:
        if not self.signalsBlocked():
            self.changed.emit(self.current())


def _wall(instant: datetime) -> QDateTime:
    """A moment as the site's wall clock, for an edit that knows no zones."""
    local = to_local(instant)
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )


def _utc(moment: QDateTime) -> datetime:
    """An edit's wall-clock time at the site, in UTC."""
    day, clock = moment.date(), moment.time()
    wall = datetime(
        day.year(), day.month(), day.day(), clock.hour(), clock.minute(), clock.second()
    )
    zone = shown_zone()
    aware = wall.replace(tzinfo=zone) if zone is not None else wall.astimezone()
    return aware.astimezone(UTC)
