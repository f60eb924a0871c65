"""The Diagnostics & firmware page: ask chargers for diagnostics and logs, send firmware.

The technician ticks one or more chargers and asks; ChargeDesk opens its file endpoint
for the time of the transfer, and the page follows each charger's status notifications
with a status word, a symbol, a colour and a bar of stages. Files that arrived are
listed with size and time and open with the desktop's viewer.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.core import events as ev
from console.core.enums import CommandResult
from console.core.model import CommandOutcome
from console.core.staff import Permission
from console.core.transfers import FileTransfer, TransferKind
from console.services.transfers import TransferRequest
from console.ui.actions import open_dialog
from console.ui.desktop_files import ask_save_copy, open_with_desktop, save_copy
from console.ui.engine_client import EngineClient
from console.ui.message_bar import OutcomeBanner
from console.ui.plots.tasks import TaskKeeper
from console.ui.role_controls import gate, when_actor_changes
from console.ui.site_mirror import SiteMirror
from console.ui.technician import transfer_words as words
from console.ui.technician.running_sessions import firmware_question, running_sessions
from console.ui.technician.transfer_models import (
    PATH_ROLE,
    ReceivedFilesModel,
    StageBarDelegate,
    TransferTableModel,
    transfer_table,
)
from console.ui.technician.transfer_signing import (
    FirmwareSigningBox,
    signature_beside,
    signed_updates,
)

REFRESH_MS = 1000  # while a transfer is under way
_NOTICE_KINDS = frozenset({"diagnostics", "log", "firmware"})


class TransfersPage(QWidget):
    """Diagnostics, logs and firmware for one or several chargers at once."""

    def __init__(self, client: EngineClient, mirror: SiteMirror) -> None:
        super().__init__()
        self.client = client
        self.mirror = mirror
        self.tasks = TaskKeeper()
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self.question: QMessageBox | None = None  # the open confirmation, for tests
        self._refreshing = False
        self._refresh_again = False

        self.banner = OutcomeBanner()
        self.chargers = QListWidget()
        self.chargers.setToolTip(self.tr("Tick the chargers to ask"))
        self.chargers.itemChanged.connect(self._update_buttons)
        self.all_button = QPushButton(self.tr("All online"))
        self.all_button.clicked.connect(self.choose_online)
        self.none_button = QPushButton(self.tr("None"))
        self.none_button.clicked.connect(lambda: self.choose([]))
        self.diagnostics_button = QPushButton(self.tr("Get diagnostics"))
        self.diagnostics_button.clicked.connect(lambda: self._launch(self.get_diagnostics()))
        self.log_button = QPushButton(self.tr("Get log"))
        self.log_button.setToolTip(self.tr("GetLog (OCPP 1.6 security extension)"))
        self.log_button.clicked.connect(lambda: self._launch(self.get_log()))
        self.log_type = QComboBox()
        self.log_type.addItem(self.tr("Diagnostics log"), "DiagnosticsLog")
        self.log_type.addItem(self.tr("Security log"), "SecurityLog")
        self.log_type.setToolTip(self.tr("Which log GetLog asks for"))
        self.upload_by = QComboBox()
        self.upload_by.addItem("HTTP", "http")
        self.upload_by.addItem("FTP", "ftp")
        self.upload_by.setToolTip(self.tr("How chargers upload diagnostics and logs"))
        self.firmware_button = QPushButton(self.tr("Update firmware…"))
        self.firmware_button.clicked.connect(lambda: self._launch(self.update_firmware()))
        self.signing = FirmwareSigningBox(client)
        self.endpoint_label = QLabel()
        self.endpoint_label.setWordWrap(True)

        self.transfers_model = TransferTableModel(self)
        self.transfers_proxy = QSortFilterProxyModel(self)
        self.transfers_proxy.setSourceModel(self.transfers_model)
        self.transfers_view = transfer_table(self.transfers_proxy)
        self.transfers_view.setItemDelegateForColumn(
            TransferTableModel.PROGRESS_COLUMN, StageBarDelegate(self.transfers_view)
        )

        self.files_model = ReceivedFilesModel(self)
        self.files_proxy = QSortFilterProxyModel(self)
        self.files_proxy.setSourceModel(self.files_model)
        self.files_view = transfer_table(self.files_proxy)
        self.files_view.doubleClicked.connect(lambda _index: self.open_selected())
        self.files_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(self.open_selected)
        self.folder_button = QPushButton(self.tr("Show folder"))
        self.folder_button.clicked.connect(self.show_folder)

        self._build_layout()
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.request_refresh)
        mirror.chargersChanged.connect(self._on_chargers_changed)
        mirror.eventsArrived.connect(self._on_events)
        self._sync_chargers()
        self._update_buttons()
        when_actor_changes(client, self, self._update_buttons)

    def _build_layout(self) -> None:
        choose_box = QGroupBox(self.tr("Chargers"))
        choose = QVBoxLayout(choose_box)
        choose.addWidget(self.chargers, 1)
        pick = QHBoxLayout()
        pick.addWidget(self.all_button)
        pick.addWidget(self.none_button)
        choose.addLayout(pick)
        choose_box.setMaximumWidth(260)

        uploads = QHBoxLayout()
        uploads.addWidget(QLabel(self.tr("Upload by:")))
        uploads.addWidget(self.upload_by)
        uploads.addWidget(self.diagnostics_button)
        uploads.addWidget(self.log_type)
        uploads.addWidget(self.log_button)
        uploads.addWidget(self.endpoint_label, 1)
        firmware = QHBoxLayout()
        firmware.addWidget(self.firmware_button)
        firmware.addWidget(self.signing, 1)
        actions = QVBoxLayout()
        actions.addLayout(uploads)
        actions.addLayout(firmware)

        transfers_box = QGroupBox(self.tr("Transfers"))
        QVBoxLayout(transfers_box).addWidget(self.transfers_view)
        files_box = QGroupBox(self.tr("Received diagnostics and logs"))
        files = QVBoxLayout(files_box)
        files.addWidget(self.files_view)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.open_button)
        file_buttons.addWidget(self.folder_button)
        file_buttons.addStretch(1)
        files.addLayout(file_buttons)
        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(transfers_box)
        tables.addWidget(files_box)

        right = QVBoxLayout()
        right.addLayout(actions)
        right.addWidget(tables, 1)
        body = QHBoxLayout()
        body.addWidget(choose_box)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)

    # ----------------------------------------------------------------- chargers

    def chosen_ids(self) -> list[str]:
        """The ticked chargers."""
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def choose(self, charger_ids: list[str]) -> None:
        """Tick exactly ``charger_ids``."""
        wanted = set(charger_ids)
        for item in self._items():
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self._update_buttons()

    def choose_online(self) -> None:
        """Tick every charger that is connected."""
        self.choose([cid for cid, state in self.mirror.chargers.items() if state.online])

    def show_charger(self, charger_id: str) -> None:
        """Follow the charger chosen elsewhere: tick it alone."""
        if charger_id not in self.mirror.chargers:
            return
        self.choose([charger_id])

    def _items(self) -> list[QListWidgetItem]:
        return [self.chargers.item(row) for row in range(self.chargers.count())]

    def _on_chargers_changed(self, ids: list[str], full: bool) -> None:
        items = {item.data(Qt.ItemDataRole.UserRole): item for item in self._items()}
        if set(items) != set(self.mirror.chargers):
            self._sync_chargers()
            return
        # Only labels change (online/offline): keep the list, its scroll and its ticks.
        for charger_id in ids:
            item = items.get(charger_id)
            if item is not None:
                item.setText(self._label(charger_id))

    def _label(self, charger_id: str) -> str:
        state = self.mirror.chargers.get(charger_id)
        if state is not None and state.online:
            return charger_id
        return self.tr("%1 (offline)").replace("%1", charger_id)

    def _sync_chargers(self) -> None:
        chosen = set(self.chosen_ids())
        self.chargers.blockSignals(True)
        self.chargers.clear()
        for charger_id in sorted(self.mirror.chargers):
            item = QListWidgetItem(self._label(charger_id))
            item.setData(Qt.ItemDataRole.UserRole, charger_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = charger_id in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.chargers.addItem(item)
        self.chargers.blockSignals(False)
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        any_chosen = bool(self.chosen_ids())
        for button in (self.diagnostics_button, self.log_button, self.firmware_button):
            gate(self.client, button, Permission.FIRMWARE, any_chosen)
        self.open_button.setEnabled(self.selected_path() is not None)

    # ----------------------------------------------------------------- asking

    async def get_diagnostics(self) -> list[TransferRequest]:
        """Ask the ticked chargers for their diagnostics."""
        ids, protocol = self.chosen_ids(), self.upload_by.currentData()
        return await self._ask(
            self.tr("Get diagnostics"),
            lambda e: e.transfers.request_diagnostics(
                ids, protocol=protocol, actor=self.client.actor
            ),
        )

    async def get_log(self) -> list[TransferRequest]:
        """Ask the ticked chargers for the chosen log (GetLog: diagnostics or security)."""
        ids, protocol = self.chosen_ids(), self.upload_by.currentData()
        security_log = self.log_type.currentData() == "SecurityLog"
        title = self.tr("Get security log") if security_log else self.tr("Get log")
        return await self._ask(
            title,
            lambda e: e.transfers.request_log(
                ids, security_log=security_log, protocol=protocol, actor=self.client.actor
            ),
            TransferKind.LOG,
        )

    async def update_firmware(self) -> list[TransferRequest]:
        """Pick a firmware file and send it to the ticked chargers."""
        dialog = QFileDialog(self, self.tr("Firmware file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters([self.tr("Firmware (*.bin *.img *.zip *.tar *.gz *.fw)"), "*"])
        if await open_dialog(dialog) != QFileDialog.DialogCode.Accepted:
            return []
        files = dialog.selectedFiles()
        return await self.update_firmware_from(Path(files[0])) if files else []

    async def update_firmware_from(self, firmware: Path) -> list[TransferRequest]:
        """Send ``firmware`` to the ticked chargers, after the person confirmed.

        Signed with the site's signing certificate when "Signed" is ticked; otherwise
        SignedUpdateFirmware only when ``<file>.sig`` and ``<file>.pem`` lie beside it.
        """
        ids = self.chosen_ids()
        if not ids:
            self.banner.show_error(self.tr("Tick one or more chargers first."))
            return []
        if self.signing.wanted and self.signing.certificate is None:
            self.banner.show_error(self.signing.missing_text())
            return []
        if not await self.confirm_firmware(ids, firmware.name):
            return []
        if self.signing.wanted:
            actor = self.client.actor
            title = self.tr("Signed firmware update (%1)").replace("%1", firmware.name)
            return await self._ask(
                title, lambda e: signed_updates(e, ids, firmware, actor), TransferKind.FIRMWARE
            )
        signature = await asyncio.to_thread(signature_beside, firmware)
        title = self.tr("Update firmware (%1)").replace("%1", firmware.name)
        return await self._ask(
            title,
            lambda e: e.transfers.update_firmware(
                ids, firmware, signature=signature, actor=self.client.actor
            ),
        )

    async def confirm_firmware(self, charger_ids: list[str], file_name: str) -> bool:
        """Ask before a firmware update: it restarts the chargers and ends their sessions.

        The question names every charger and whose charging it interrupts.
        """
        sessions = await running_sessions(self.client, self.mirror, charger_ids)
        text = firmware_question(charger_ids, file_name, sessions)
        title = self.tr("Update firmware")
        return bool(await self.confirm(title, text, title))

    async def confirm(self, title: str, text: str, proceed: str) -> bool:
        """Ask before something that interrupts or risks a charger (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self)
        go = box.addButton(proceed, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)  # Enter must not restart a charger by accident
        self.question = box
        try:
            await open_dialog(box)
        finally:
            self.question = None
        return box.clickedButton() is go

    async def _ask(
        self, title: str, factory: Any, kind: TransferKind = TransferKind.DIAGNOSTICS
    ) -> list[TransferRequest]:
        ids = self.chosen_ids()
        if not ids:
            self.banner.show_error(self.tr("Tick one or more chargers first."))
            return []
        self.banner.show_pending(", ".join(ids), title)
        try:
            results: list[TransferRequest] = await self.client.call(factory)
        except Exception as error:  # shown to the person who clicked
            self.banner.show_error(f"{title}: {error}")
            return []
        self._show_results(title, results, kind)
        self.request_refresh()
        return results

    def _show_results(self, title: str, results: list[TransferRequest], kind: TransferKind) -> None:
        failed = [r for r in results if not r.accepted]
        if not failed:
            accepted = CommandOutcome(CommandResult.ANSWERED, status="Accepted")
            ids = ", ".join(r.charger_id for r in results)
            self.banner.show_outcome(ids, title, accepted)
            return
        lines = [f"{r.charger_id}: {words.request_failure_text(kind, r.status)}" for r in failed]
        self.banner.show_error(f"{title} — " + "; ".join(lines))

    # ----------------------------------------------------------------- files

    def selected_path(self) -> Path | None:
        """The stored file of the selected received row."""
        rows = self.files_view.selectionModel().selectedRows()
        if not rows:
            return None
        path = rows[0].data(PATH_ROLE)
        return Path(path) if path else None

    def select_file(self, row: int) -> None:
        """Select a received file's row (in view order)."""
        self.files_view.selectRow(row)

    def open_selected(self) -> None:
        """Open the selected received file with the desktop's viewer; else offer Save as…."""
        path = self.selected_path()
        if path is None:
            return
        problem = open_with_desktop(self.open_url, path)
        if problem is not None:
            self.banner.show_error(
                self.tr("%1 could not be opened: %2")
                .replace("%1", path.name)
                .replace("%2", problem)
            )
            self._launch(self.save_as(path, problem))

    async def ask_save_path(self, path: Path, problem: str) -> Path | None:
        """Say why a file did not open and offer Save as… (tests replace this)."""
        return await ask_save_copy(self, path, problem)

    async def save_as(self, path: Path, problem: str) -> Path | None:
        """Offer to save a copy of a received file; the copy, or None."""
        target = await self.ask_save_path(path, problem)
        if target is None:
            return None
        try:
            saved = await save_copy(path, target)
        except OSError as error:
            self.banner.show_error(
                self.tr("%1 was not saved: %2").replace("%1", path.name).replace("%2", str(error))
            )
            return None
        self.banner.show_done(
            self.tr("%1 saved as %2").replace("%1", path.name).replace("%2", str(saved))
        )
        return saved

    def show_folder(self) -> None:
        """Open the folder of the selected file, or the folder of all uploads."""
        path = self.selected_path()
        folder = path.parent if path is not None else self.client.engine.transfers.upload_root
        folder.mkdir(parents=True, exist_ok=True)
        problem = open_with_desktop(self.open_url, folder)
        if problem is not None:
            # No file manager: say where the files are, so they can be reached another way.
            self.banner.show_error(
                self.tr("The folder could not be opened: %1. The files are in %2")
                .replace("%1", problem)
                .replace("%2", str(folder))
            )

    # ----------------------------------------------------------------- refreshing

    def request_refresh(self) -> None:
        """Read the transfers again (one read at a time; a request meanwhile runs after)."""
        if self._refreshing:
            self._refresh_again = True
            return
        if self.tasks.launch(self.refresh):
            self._refreshing = True

    async def refresh(self) -> None:
        """Read the transfers and received files and show them."""
        try:
            rows = await self.client.read(lambda q: q.file_transfers(limit=300))
            self._show_rows(rows)
        finally:
            self._refreshing = False
            if self._refresh_again:
                self._refresh_again = False
                self.request_refresh()

    def _show_rows(self, rows: list[FileTransfer]) -> None:
        self.transfers_model.set_rows(rows)
        received = [r for r in rows if r.received]
        transfers = self.client.engine.transfers
        paths = {r.id: str(transfers.path_of(r) or "") for r in received}
        self.files_model.set_files(received, paths)
        if any(not r.finished for r in rows):
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()
        endpoint = transfers.endpoint
        if endpoint.running:
            text = self.tr("File endpoint open on port %1 while transfers are under way.")
            self.endpoint_label.setText(text.replace("%1", str(endpoint.port)))
        else:
            self.endpoint_label.setText(self.tr("File endpoint closed (opens when asked)."))
        self._update_buttons()

    def _on_events(self, events: list[ev.Event]) -> None:
        if any(isinstance(e, ev.ChargerNotice) and e.kind in _NOTICE_KINDS for e in events):
            self.request_refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Read the transfers when the page is shown."""
        super().showEvent(event)
        self.request_refresh()
        self.tasks.launch(self.signing.refresh)  # made on the Security page meanwhile?

    def _launch(self, coroutine: Any) -> None:
        if not self.tasks.launch(lambda: coroutine):
            coroutine.close()
