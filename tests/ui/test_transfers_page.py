"""The Diagnostics & firmware page: models, and a real console asking a simulated charger."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import qasync
from conftest import run, running_console, simulator, wait_until
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QTableView

from console.core.clock import utcnow
from console.core.enums import AdmissionMode
from console.core.transfers import FileTransfer, TransferKind
from console.ui.console_app import Console
from console.ui.technician.transfer_models import (
    PATH_ROLE,
    STAGE_ROLE,
    ReceivedFilesModel,
    StageBarDelegate,
    TransferTableModel,
)
from console.ui.technician.transfers import TransfersPage

NOW = utcnow()


def _rows() -> list[FileTransfer]:
    now = NOW
    return [
        FileTransfer(3, "CP-2", TransferKind.FIRMWARE, now, "http://h/fw", "Installing", now),
        FileTransfer(
            2, "CP-1", TransferKind.DIAGNOSTICS, now, "http://h/u", "Uploaded", now, "d.log", 2048
        ),
        FileTransfer(1, "CP-3", TransferKind.LOG, now - timedelta(hours=1), "", "Offline", now),
    ]


def test_models_pass_the_model_tester(qtmodeltester: Any) -> None:
    transfers = TransferTableModel()
    transfers.set_rows(_rows())
    qtmodeltester.check(transfers)
    assert transfers.index(0, 2).data() == "◐ Installing"
    assert transfers.index(0, 3).data(STAGE_ROLE) == (5, 6)
    assert transfers.index(1, 2).data() == "✔ Uploaded"
    assert transfers.index(1, 5).data() == "d.log (2.0 KiB)"
    assert transfers.index(2, 2).data() == "✖ Charger offline"
    assert transfers.index(2, 2).data(Qt.ItemDataRole.ForegroundRole).name() == "#d55e00"

    changed: list[int] = []
    transfers.dataChanged.connect(lambda top, _bottom: changed.append(top.row()))
    rows = _rows()
    rows[0] = FileTransfer(
        3, "CP-2", TransferKind.FIRMWARE, rows[0].requested_at, "", "Installed", utcnow()
    )
    transfers.set_rows(rows)
    assert changed == [0]  # only the row that changed is repainted
    assert transfers.index(0, 2).data() == "✔ Installed"
    qtmodeltester.check(transfers)

    files = ReceivedFilesModel()
    received = [r for r in _rows() if r.received]
    files.set_files(received, {2: "/data/diagnostics/CP-1/d.log"})
    qtmodeltester.check(files)
    assert [files.index(0, c).data() for c in range(3)] == ["CP-1", "d.log", "2.0 KiB"]
    assert files.index(0, 0).data(PATH_ROLE) == "/data/diagnostics/CP-1/d.log"


def test_the_stage_bar_paints(qapp: QApplication) -> None:
    model = TransferTableModel()
    model.set_rows(_rows())
    view = QTableView()
    view.setModel(model)
    image = QImage(200, 30, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    option = QStyleOptionViewItem()
    option.rect = image.rect()
    StageBarDelegate(view).paint(painter, option, model.index(0, 3))
    painter.end()
    colours = {image.pixel(x, 15) for x in range(0, 200, 5)}
    assert len(colours) > 1  # something was drawn


def _page(console: Console) -> TransfersPage:
    window = console.window
    pages = window.technician.pages
    page = next(
        pages.widget(i) for i in range(pages.count()) if isinstance(pages.widget(i), TransfersPage)
    )
    assert isinstance(page, TransfersPage)
    window.show()
    window.tabs.setCurrentWidget(window.technician)
    pages.setCurrentWidget(page)
    return page


def _status(page: TransfersPage, charger_id: str, what: str) -> str:
    model = page.transfers_model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == charger_id and model.index(row, 1).data() == what:
            return str(model.index(row, 2).data())
    return ""


def test_diagnostics_and_firmware_from_the_page(qloop: qasync.QEventLoop, tmp_path: Path) -> None:
    with running_console(tmp_path, AdmissionMode.OPEN) as console:
        page = _page(console)
        charger = simulator(console, "CP-1")
        opened: list[QUrl] = []
        page.open_url = opened.append
        asked: list[str] = []

        async def confirm(title: str, text: str, proceed: str) -> bool:
            asked.append(text)
            return True

        page.confirm = confirm  # type: ignore[method-assign]
        image = tmp_path / "fw-3.1.bin"
        image.write_bytes(b"\x7fFW" * 5000)

        async def scenario() -> None:
            await charger.start()
            await charger.wait_booted()
            await wait_until(lambda: page.chargers.count() == 1)
            assert not page.diagnostics_button.isEnabled()  # nothing ticked yet
            page.show_charger("CP-1")
            assert page.chosen_ids() == ["CP-1"] and page.diagnostics_button.isEnabled()

            [request] = await page.get_diagnostics()
            assert request.accepted
            await wait_until(lambda: _status(page, "CP-1", "Diagnostics") == "✔ Uploaded")
            await wait_until(lambda: page.files_model.rowCount() == 1)
            page.select_file(0)
            path = page.selected_path()
            assert path is not None and path.is_file()
            assert charger.uploaded is not None and path.read_bytes() == charger.uploaded[1]
            assert page.files_proxy.index(0, 2).data().endswith("B")
            page.open_selected()
            page.show_folder()
            assert [Path(u.toLocalFile()) for u in opened] == [path, path.parent]

            [update] = await page.update_firmware_from(image)
            assert update.accepted
            assert len(asked) == 1 and "CP-1" in asked[0]  # a firmware update asks first
            await wait_until(lambda: _status(page, "CP-1", "Firmware") == "✔ Installed")
            assert charger.firmware_image == image.read_bytes()
            await charger.stop()

        run(qloop, scenario(), timeout=60)


def test_asking_an_offline_charger_says_so(qloop: qasync.QEventLoop, tmp_path: Path) -> None:
    with running_console(tmp_path, AdmissionMode.OPEN) as console:
        page = _page(console)
        charger = simulator(console, "CP-9")

        async def scenario() -> None:
            await charger.start()
            await charger.wait_booted()
            await wait_until(lambda: page.chargers.count() == 1)
            page.choose(["CP-9"])
            await charger.stop()
            await wait_until(lambda: "offline" in page.chargers.item(0).text())
            [request] = await page.get_log()
            assert request.status == "Offline"
            assert page.banner.kind == "failed" and "offline" in page.banner.text.text()
            await wait_until(lambda: _status(page, "CP-9", "Log") == "✖ Charger offline")

        run(qloop, scenario(), timeout=60)
