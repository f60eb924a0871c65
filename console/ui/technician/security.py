"""The Security page: one charger's security profile, its certificates and events, and
the site CA.

For the chosen charger: the profile it is required to use and how it is connected now,
the certificates it holds (asked with GetInstalledCertificateIds; delete one, install
the site CA), a charger certificate on request (ExtendedTriggerMessage
SignChargePointCertificate, followed to CertificateSigned), what the site CA issued to it
and its security events. The guided move up runs in a dialog (security_upgrade);
moving down needs an admin. Every change goes through the engine's services as the
person logged in; a refusal says which role may do it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.core import events as ev
from console.core.staff import Permission
from console.ui.actions import open_dialog
from console.ui.engine_client import EngineClient
from console.ui.keyboard import DeskTableView
from console.ui.message_bar import OutcomeBanner, hold_place
from console.ui.role_controls import gate, when_actor_changes
from console.ui.site_mirror import SiteMirror
from console.ui.tasks import TaskKeeper
from console.ui.technician import security_calls as calls
from console.ui.technician import security_words as words
from console.ui.technician.charger_choice import ChargerChoice
from console.ui.technician.security_actions import CertificateActions
from console.ui.technician.security_models import (
    InstalledCertificatesModel,
    IssuedCertificatesModel,
    SecurityEventsModel,
    SecurityRowsModel,
)
from console.ui.technician.security_site_ca import SiteCaBox
from console.ui.technician.security_upgrade import UpgradeDialog


def _table(model: SecurityRowsModel) -> DeskTableView:
    view = DeskTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    model.modelReset.connect(lambda: _fit_columns(view, model))
    return view


def _fit_columns(view: DeskTableView, model: SecurityRowsModel) -> None:
    # Fit the columns to what they show, but no wider than COLUMN_MAX: a 64-digit hash
    # would push the rest out of sight (the whole value is in the tooltip). An empty
    # table keeps its even columns: fitted to the headers alone they look broken.
    if not model.rows:
        return
    view.resizeColumnsToContents()
    for column in range(model.columnCount()):
        view.setColumnWidth(column, min(view.columnWidth(column), COLUMN_MAX))


_NOTICE_KINDS = frozenset({"security", "certificate"})
COLUMN_MAX = 220  # pixels


class SecurityPage(CertificateActions):
    """Security profiles, certificates and security events of one charger; the site CA."""

    connectionsWanted = Signal()  # the person asked for the Connections page

    def __init__(self, client: EngineClient, mirror: SiteMirror) -> None:
        super().__init__()
        self.client = client
        self.mirror = mirror
        self.tasks = TaskKeeper(owner=self)
        self.required: int | None = None
        self.connected_profile: int | None = None
        self.upgrade_dialog: UpgradeDialog | None = None
        self._refresh_wanted = True
        self.banner = OutcomeBanner(self)
        self.choice = ChargerChoice(mirror)
        self.choice.chosen.connect(self._on_chosen)
        self.refused_link = QLabel(
            '<a href="connections">'
            + self.tr("Refused connections and TLS handshakes are on the Connections page")
            + "</a>"
        )
        self.refused_link.linkActivated.connect(lambda _href: self.connectionsWanted.emit())
        self._build_profile()
        self._build_installed()
        self.issued_model = IssuedCertificatesModel(self)
        self.issued_view = _table(self.issued_model)
        self.events_model = SecurityEventsModel(self)
        self.events_view = _table(self.events_model)
        self.site_ca = SiteCaBox(client, self.banner)
        self.site_ca.export_button.clicked.connect(lambda: self._launch(self.site_ca.export_ca))
        self.site_ca.create_button.clicked.connect(
            lambda: self._launch(self.site_ca.create_signing)
        )
        self.site_ca.renew_button.clicked.connect(lambda: self._launch(self.site_ca.renew_server))
        self.site_ca.import_button.clicked.connect(
            lambda: self._launch(self.site_ca.import_signing)
        )
        self._build_layout()
        mirror.chargersChanged.connect(self._on_chargers_changed)
        mirror.eventsArrived.connect(self._on_events)
        self._update_buttons()
        when_actor_changes(client, self, self._update_buttons)

    # ----------------------------------------------------------------- building

    def _build_profile(self) -> None:
        self.required_label = QLabel("—")
        self.connected_label = QLabel("—")
        self.connected_label.setWordWrap(True)
        hold_place(self.connected_label, lines=2)  # wss://, profile, CN, peer: may wrap
        self.up_button = QPushButton(self.tr("Move up…"))
        self.up_button.setToolTip(
            self.tr("Install the site CA, set a new password and switch to profile 2 or 3")
        )
        self.up_button.clicked.connect(lambda: self.open_upgrade())
        self.down_button = QPushButton(self.tr("Move down…"))
        self.down_button.clicked.connect(lambda: self._launch(self.move_down))

    def _build_installed(self) -> None:
        self.type_combo = QComboBox()
        for kind in words.CERTIFICATE_TYPES:
            self.type_combo.addItem(words.certificate_type_text(kind), kind)
        self.get_button = QPushButton(self.tr("Get installed certificates"))
        self.get_button.clicked.connect(lambda: self._launch(self.get_installed))
        self.installed_model = InstalledCertificatesModel(self)
        self.installed_view = _table(self.installed_model)
        self.installed_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(lambda: self._launch(self.delete_selected))
        self.install_button = QPushButton(self.tr("Install site CA"))
        self.install_button.setToolTip(
            self.tr("InstallCertificate: the charger then trusts ChargeDesk's wss:// port")
        )
        self.install_button.clicked.connect(lambda: self._launch(self.install_ca))
        self.request_button = QPushButton(self.tr("Request a charger certificate"))
        self.request_button.setToolTip(
            self.tr("The charger makes a key and asks the site CA to sign it (for profile 3)")
        )
        self.request_button.clicked.connect(lambda: self._launch(self.request_certificate))

    def _build_layout(self) -> None:
        profile_box = QGroupBox(self.tr("Security profile"))
        form = QFormLayout()
        form.addRow(self.tr("Required:"), self.required_label)
        form.addRow(self.tr("Connected now:"), self.connected_label)
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        moves.addStretch(1)
        profile = QVBoxLayout(profile_box)
        profile.addLayout(form)
        profile.addLayout(moves)

        installed_box = QGroupBox(self.tr("Certificates on the charger"))
        ask = QHBoxLayout()
        ask.addWidget(self.type_combo)
        ask.addWidget(self.get_button)
        ask.addStretch(1)
        act = QHBoxLayout()
        for button in (self.delete_button, self.install_button, self.request_button):
            act.addWidget(button)
        act.addStretch(1)
        installed = QVBoxLayout(installed_box)
        installed.addLayout(ask)
        installed.addWidget(self.installed_view, 1)
        installed.addLayout(act)

        issued_box = QGroupBox(self.tr("Certificates the site CA issued to this charger"))
        QVBoxLayout(issued_box).addWidget(self.issued_view)
        events_box = QGroupBox(self.tr("Security events"))
        QVBoxLayout(events_box).addWidget(self.events_view)

        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(installed_box)
        tables.addWidget(issued_box)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(profile_box)  # never squeezed: it says what matters most
        left_layout.addWidget(tables, 1)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.site_ca)
        right.addWidget(events_box)
        right.setStretchFactor(1, 1)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(left)
        body.addWidget(right)
        body.setSizes([700, 640])

        top = QHBoxLayout()
        top.addWidget(self.choice)
        top.addStretch(1)
        top.addWidget(self.refused_link)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(body, 1)

    # ----------------------------------------------------------------- the charger

    @property
    def charger_id(self) -> str | None:
        """The charger shown (the console's one choice)."""
        return self.choice.charger_id

    def show_charger(self, charger_id: str) -> None:
        """Show ``charger_id`` (every technician page follows the same choice)."""
        if self.choice.charger_id != charger_id:
            self.choice.choose(charger_id)  # _on_chosen runs from the signal
        else:
            self._on_chosen(charger_id)

    def _on_chosen(self, _charger_id: str) -> None:
        self.required = None
        self.connected_profile = None
        self.installed_model.set_rows([])
        self.issued_model.set_rows([])
        self.events_model.set_rows([])
        self._show_profile()
        self.request_refresh()

    def _on_chargers_changed(self, ids: list[str], full: bool) -> None:
        if full or self.charger_id in ids:
            self._show_profile()

    def _on_events(self, events: list[ev.Event]) -> None:
        # A security event, a certificate the charger took or a new connection (on
        # which profile?) shows without a click.
        if self.isVisible() and any(
            (isinstance(e, ev.ChargerNotice) and e.kind in _NOTICE_KINDS)
            or isinstance(e, ev.ChargerConnected | ev.ChargerDisconnected)
            for e in events
            if getattr(e, "charger_id", None) == self.charger_id
        ):
            self.request_refresh()

    def _show_profile(self) -> None:
        self.required_label.setText(words.profile_text(self.required) if self.charger_id else "—")
        state = self.mirror.chargers.get(self.charger_id or "")
        self.connected_label.setText(
            words.connected_text(state, self.connected_profile) if self.charger_id else "—"
        )
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        chosen = self.charger_id is not None
        online = self.choice.online()
        self.get_button.setEnabled(chosen and online)  # only reads: anyone may
        for button in (self.install_button, self.request_button):
            gate(self.client, button, Permission.CHARGER_SECURITY, chosen and online)
        picked = online and self.selected_certificate() is not None
        gate(self.client, self.delete_button, Permission.CHARGER_SECURITY, picked)
        higher = chosen and online and (self.required or 0) < 3
        gate(self.client, self.up_button, Permission.CHARGER_SECURITY, higher)
        admin = words.may_move_down(self.client.actor)
        self.down_button.setEnabled(chosen and admin and (self.required or 0) > 0)
        self.down_button.setText(
            self.tr("Move down…") if admin else self.tr("Move down… (needs an admin)")
        )
        self.down_button.setToolTip(
            self.tr("Lower the profile this charger must use; recorded in the audit log")
            if admin
            else self.tr("Only a person with the admin role may lower a charger's profile")
        )

    # ----------------------------------------------------------------- reading

    def request_refresh(self) -> None:
        """Read the charger's security facts (now if a loop runs, else when shown)."""
        self._refresh_wanted = not self.tasks.launch(self.refresh)

    async def refresh(self) -> None:
        """Read the required profile, issued certificates, events and the site CA."""
        await self.site_ca.refresh()
        charger_id = self.charger_id
        if charger_id is None:
            self._update_buttons()
            return
        try:
            records = await self.client.read(lambda q: q.chargers())
            facts: calls.ChargerSecurityFacts = await self.client.call(
                lambda e: calls.charger_facts(e, charger_id)
            )
        except Exception as error:  # shown, never swallowed
            self.banner.show_error(words.refusal_text(error, self.tr("Reading the charger")))
            return
        if charger_id != self.charger_id:
            return  # another charger was chosen meanwhile; its own read shows it
        record = next((r for r in records if r.id == charger_id), None)
        self.required = None if record is None else record.security_profile
        self.connected_profile = facts.connected_profile
        self.issued_model.set_rows(facts.issued)
        self.events_model.set_rows(facts.events)
        self._show_profile()

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        """Read when shown (a read asked for before the loop ran waited for this)."""
        super().showEvent(event)
        self._update_buttons()
        if self._refresh_wanted:
            self.request_refresh()

    # ----------------------------------------------------------------- profiles

    def open_upgrade(self) -> UpgradeDialog | None:
        """Open the guided move up for the chosen charger."""
        charger_id = self.charger_id
        if charger_id is None:
            return None
        dialog = UpgradeDialog(self.client, charger_id, self.required, self)
        dialog.run_button.clicked.connect(lambda: self._launch(lambda: self.run_upgrade(dialog)))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        self.upgrade_dialog = dialog
        return dialog

    async def run_upgrade(self, dialog: UpgradeDialog) -> Any:
        """Run the move up of ``dialog``; its outcome shows in the dialog and on the page."""
        outcome = await dialog.run()
        await self.refresh()  # the new required profile, and a certificate if one came
        self.banner.show_message(
            "ok" if dialog.outcome_kind == "ok" else "failed", dialog.outcome_label.text()
        )
        return outcome

    async def ask_down_target(self, required: int) -> int | None:
        """Ask which lower profile the charger may use (tests replace this)."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Move %1 down").replace("%1", self.charger_id or ""))
        dialog.setLabelText(
            self.tr("Lower the profile this charger must use to:\n(recorded in the audit log)")
        )
        choices = [words.profile_text(p) for p in range(required)]
        dialog.setComboBoxItems(choices)
        if await open_dialog(dialog) != QInputDialog.DialogCode.Accepted:
            return None
        text = dialog.textValue()
        return choices.index(text) if text in choices else None

    async def move_down(self) -> Any:
        """Lower the chosen charger's required profile (an admin's change)."""
        charger_id, actor = self.charger_id, self.client.actor
        if charger_id is None:
            return None
        target = await self.ask_down_target(self.required or 0)
        if target is None:
            return None
        title = self.tr("Move down to profile %1").replace("%1", str(target))
        self.banner.show_working(f"{charger_id} — {title}…")
        try:
            result = await self.client.call(lambda e: calls.move_down(e, charger_id, target, actor))
        except Exception as error:  # refused (not an admin) or failed: said in words
            self.banner.show_error(words.refusal_text(error, title))
            return None
        await self.refresh()
        self.banner.show_done(
            self.tr("%1 must now use %2.")
            .replace("%1", charger_id)
            .replace("%2", words.profile_text(target))
        )
        return result

    def _launch(self, make: Any) -> None:
        self.tasks.launch(make)
