"""Panels of the charger detail view: what the charger said at boot, and each connector."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.clock import utcnow
from console.core.enums import Approval, ConnectorStatus
from console.core.model import Session
from console.core.site import ChargerState, ConnectorState
from console.ui import theme
from console.ui.detail.models import local_time
from console.ui.overview.format import PowerWatch, drawing_words

MUTED = "color:#5A6570;"
ONLINE_COLOUR = "#009E73"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChargerDetail", text)


def _number(value: float, decimals: int = 1) -> str:
    return QLocale().toString(float(value), "f", decimals)


def duration_text(seconds: float) -> str:
    """'1 h 02 min', '12 min', '45 s'."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes = rest // 60
    if hours:
        return _tr("%1 h %2 min").replace("%1", str(hours)).replace("%2", f"{minutes:02d}")
    if minutes:
        return _tr("%1 min").replace("%1", str(minutes))
    return _tr("%1 s").replace("%1", str(seconds))


def connection_text(state: ChargerState | None) -> tuple[str, str]:
    """The connection in words and its colour: online since…, or offline."""
    if state is None:
        return _tr("Not connected since the console started"), theme.OFFLINE_STYLE[0]
    if state.online:
        since = local_time(state.connected_at) if state.connected_at else "—"
        return _tr("● Online since %1").replace("%1", since), ONLINE_COLOUR
    return _tr("⚠ Offline"), theme.OFFLINE_STYLE[0]


class BootPanel(QGroupBox):
    """Who the charger is (BootNotification) and how it is connected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_tr("Charger"), parent)
        self.form = QFormLayout(self)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(3)
        self.fields: dict[str, QLabel] = {}
        for name, title in (
            ("connection", _tr("Connection")),
            ("last_seen", _tr("Last seen")),
            ("address", _tr("Address")),
            ("approval", _tr("Approval")),
            ("vendor", _tr("Vendor")),
            ("model", _tr("Model")),
            ("serial", _tr("Serial")),
            ("firmware", _tr("Firmware")),
            ("meter", _tr("Meter")),
            ("sim", _tr("SIM")),
        ):
            label = QLabel()
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.fields[name] = label
            self.form.addRow(title, label)

    def _set(self, name: str, text: str | None, always: bool = True) -> None:
        label = self.fields[name]
        label.setText(text or "—")
        self.form.setRowVisible(label, always or bool(text))

    def update_charger(self, state: ChargerState | None) -> None:
        """Show a charger's state (None: nothing known yet)."""
        text, colour = connection_text(state)
        self.fields["connection"].setStyleSheet(f"color:{colour}; font-weight:600;")
        self._set("connection", text)
        boot = state.boot if state else None
        self._set("last_seen", local_time(state.last_seen) if state and state.last_seen else None)
        self._set("address", state.peer if state else None)
        pending = state is not None and state.approval is not Approval.ACCEPTED
        approval = {Approval.PENDING: _tr("waiting for staff"), Approval.REJECTED: _tr("rejected")}
        self._set("approval", approval.get(state.approval) if pending and state else None, False)
        self._set("vendor", boot.vendor if boot else None)
        self._set("model", boot.model if boot else None)
        serial = boot.serial or boot.charge_box_serial if boot else None
        if boot and boot.charge_box_serial and boot.charge_box_serial != serial:
            serial = f"{serial} · {_tr('box')} {boot.charge_box_serial}"
        self._set("serial", serial)
        self._set("firmware", boot.firmware_version if boot else None)
        meter = " · ".join(p for p in (boot.meter_type, boot.meter_serial) if p) if boot else ""
        self._set("meter", meter, False)
        sim = " · ".join(p for p in (boot.iccid, boot.imsi) if p) if boot else ""
        self._set("sim", sim, False)


class ConnectorCard(QFrame):
    """One connector: its status, the running session's progress and the staff actions."""

    def __init__(self, connector_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.connector_id = connector_id
        self.setObjectName("ConnectorCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(_tr("Connector %1").replace("%1", str(connector_id)))
        self.title.setStyleSheet("font-weight:600;")
        self.status_label = QLabel()
        self.since_label = QLabel()
        self.since_label.setStyleSheet(MUTED)
        self.power_label = QLabel()
        self.power_label.setStyleSheet("font-weight:600;")
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color:#B04A00;")
        self.error_label.setWordWrap(True)
        self.card_label = QLabel()
        self.card_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.energy_label = QLabel()
        self.duration_label = QLabel()
        self.average_label = QLabel()
        # The state of charge in words beside a slim bar: text drawn across a bar's chunk
        # is hard to read.
        self.soc_label = QLabel()
        self.soc_label.setStyleSheet("font-weight:600;")
        self.soc_bar = QProgressBar()
        self.soc_bar.setRange(0, 100)
        self.soc_bar.setTextVisible(False)
        self.soc_bar.setFixedSize(70, 8)
        self.idle_label = QLabel(_tr("No session"))
        self.idle_label.setStyleSheet(MUTED)
        self.start_button = QPushButton(_tr("Start session…"))
        # On the free connector's "No session" line: the button row is full.
        self.visitor_button = QPushButton(_tr("Start for visitor…"))
        self.visitor_button.setToolTip(_tr("Start a session for a driver without a card"))
        self.visitor_button.setAutoDefault(False)
        # The running session's cost so far, set by the view's cost poller.
        self.cost_label = QLabel()
        self.cost_label.setStyleSheet("font-weight:600;")
        self.stop_button = QPushButton(_tr("Stop"))
        self.unlock_button = QPushButton(_tr("Unlock"))
        self.availability_button = QPushButton(_tr("Make unavailable"))
        for button in self._buttons():
            button.setAutoDefault(False)

        head = QHBoxLayout()
        for widget in (self.title, self.status_label, self.since_label):
            head.addWidget(widget)
        head.addStretch(1)
        head.addWidget(self.power_label)
        session = QHBoxLayout()
        session.addWidget(self.idle_label)
        session.addWidget(self.card_label)
        session.addStretch(1)
        session.addWidget(self.visitor_button)
        session.addWidget(self.soc_label)
        session.addWidget(self.soc_bar)
        progress = QHBoxLayout()
        for widget in (self.energy_label, self.duration_label, self.average_label):
            progress.addWidget(widget)
        progress.addStretch(1)
        progress.addWidget(self.cost_label)
        buttons = QHBoxLayout()
        for button in self._buttons():
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.error_label)
        layout.addLayout(session)
        layout.addLayout(progress)
        layout.addLayout(buttons)
        self.session: Session | None = None
        self.state = ConnectorState(connector_id)
        self.online = False
        # The driver's name for a card id, set by whoever knows it (see DetailCosts).
        self._holder: tuple[str, str, str] | None = None  # (id tag, text, tooltip)
        self.power_watch = PowerWatch()

    @property
    def makes_available(self) -> bool:
        """What the availability button does now: True makes the connector available."""
        return self.state.status is ConnectorStatus.UNAVAILABLE

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (self.start_button, self.stop_button, self.unlock_button, self.availability_button)

    def update_connector(
        self, state: ConnectorState, online: bool, session: Session | None
    ) -> None:
        """Show the connector as the mirror has it, with its running session if any."""
        self.state, self.online, self.session = state, online, session
        status = state.status if online else None
        self.power_watch.observe(self.connector_id, state)
        colour = theme.status_colour(state.status) if online else theme.status_colour(None)
        symbol = theme.status_symbol(state.status) if online else theme.OFFLINE_STYLE[1]
        self.status_label.setStyleSheet(f"color:{colour.name()}; font-weight:600;")
        self._show_status_words(symbol)
        self.since_label.setText(
            _tr("since %1").replace("%1", local_time(state.status_at, seconds=False))
            if state.status_at
            else ""
        )
        faulted = state.status is ConnectorStatus.FAULTED or state.error_code != "NoError"
        error = " — ".join(p for p in (state.error_code, state.info) if p and p != "NoError")
        self.error_label.setText(error)
        self.error_label.setVisible(faulted and bool(error))
        background = theme.FAULT_BACKGROUND.name() if faulted else "#FBFCFD"
        self.setStyleSheet(
            f"QFrame#ConnectorCard {{background:{background}; border:1px solid #D5DCE3;"
            "border-radius:4px;}"
        )
        watts = state.power_w or 0.0
        self.power_label.setText(_number(watts / 1000.0) + " kW")
        running = state.transaction_id is not None
        for widget in (self.card_label, self.energy_label, self.duration_label):
            widget.setVisible(running)
        self.average_label.setVisible(running)
        self.cost_label.setVisible(running and bool(self.cost_label.text()))
        self.idle_label.setVisible(not running)
        self.visitor_button.setVisible(not running)
        self.soc_bar.setVisible(running and state.soc_percent is not None)
        self.soc_label.setVisible(self.soc_bar.isVisibleTo(self))
        if running:
            self._show_holder()
            energy = state.session_energy_wh
            self.energy_label.setText(
                _number(energy / 1000.0, 2) + " kWh" if energy is not None else "— kWh"
            )
            if state.soc_percent is not None:
                self.soc_bar.setValue(round(state.soc_percent))
                self.soc_label.setText(_tr("SoC %1 %").replace("%1", f"{state.soc_percent:.0f}"))
        self.tick()
        # A remote start makes sense on a free connector (or one a car is plugged into).
        startable = status in (
            ConnectorStatus.AVAILABLE,
            ConnectorStatus.PREPARING,
            ConnectorStatus.RESERVED,
        )
        self.start_button.setEnabled(online and not running and startable)
        self.visitor_button.setEnabled(online and not running and startable)
        self.stop_button.setEnabled(online and running)
        self.unlock_button.setEnabled(online)
        self.availability_button.setEnabled(online)
        self.availability_button.setText(
            _tr("Make available") if self.makes_available else _tr("Make unavailable")
        )

    def set_holder(self, id_tag: str, text: str, tooltip: str | None) -> None:
        """Show who charges (the owner or visitor behind ``id_tag``) instead of the id."""
        self._holder = (id_tag, text, tooltip or "")
        if self.state.transaction_id is not None:
            self._show_holder()

    def _show_holder(self) -> None:
        id_tag = self.state.id_tag or "?"
        holder = self._holder
        if holder is not None and holder[0] == id_tag and holder[1] != id_tag:
            self.card_label.setText(holder[1])
            self.card_label.setToolTip(holder[2])
        else:
            self.card_label.setText(_tr("Card %1").replace("%1", id_tag))
            self.card_label.setToolTip("")

    def _show_status_words(self, symbol: str | None = None) -> None:
        """The status, or what the car really does when the status would mislead."""
        state = self.state
        if not self.online:
            self.status_label.setText(f"{theme.OFFLINE_STYLE[1]} {_tr('Offline')}")
            self.status_label.setToolTip("")
            return
        zero_for = self.power_watch.zero_for(self.connector_id)
        drawing = drawing_words(state, zero_for)
        word = drawing[0] if drawing else theme.status_text(state.status)
        self.status_label.setText(f"{symbol or theme.status_symbol(state.status)} {word}")
        self.status_label.setToolTip(drawing[1] if drawing else "")

    def set_cost(self, text: str) -> None:
        """Show the running session's cost so far (empty: none known)."""
        self.cost_label.setText(text)
        self.cost_label.setVisible(self.state.transaction_id is not None and bool(text))

    def tick(self, now: datetime | None = None) -> None:
        """Advance the duration and the average power (called every second)."""
        state, session = self.state, self.session
        if state.transaction_id is None:
            return
        self._show_status_words()  # "Not drawing power" comes with time alone
        if session is None or session.id != state.transaction_id:
            self.duration_label.setText("· " + _tr("started —"))
            self.average_label.setText("")
            return
        seconds = ((now or utcnow()) - session.started_at).total_seconds()
        self.duration_label.setText("· " + duration_text(seconds))
        energy = state.session_energy_wh
        if energy is not None and seconds > 60:
            average = energy / (seconds / 3600.0) / 1000.0
            self.average_label.setText("· " + _tr("avg %1 kW").replace("%1", _number(average)))
        else:
            self.average_label.setText("")
