"""The Connections page: live attempts, fixing a refusal from its row, port check, history."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path
from typing import Any

import qasync
from conftest import run, running_console, simulator, wait_until
from PySide6.QtCore import Qt

from console.core.clock import utcnow
from console.core.enums import AdmissionMode, RefusalReason
from console.services.connections import (
    ConnectionAttempt,
    HistoryEntry,
    HistoryKind,
    InterfaceUrl,
    PortCheck,
    Reachability,
)
from console.storage import lockouts as lockout_repo
from console.ui.console_app import Console
from console.ui.technician import connection_words as words
from console.ui.technician.connection_models import (
    AttemptsFilterProxy,
    AttemptsTableModel,
    HistoryTableModel,
    InterfacesTableModel,
)
from console.ui.technician.connections import ConnectionsPage


def _page(console: Console) -> ConnectionsPage:
    window = console.window
    pages = window.technician.pages
    page = next(
        pages.widget(i)
        for i in range(pages.count())
        if isinstance(pages.widget(i), ConnectionsPage)
    )
    assert isinstance(page, ConnectionsPage)
    window.show()
    window.tabs.setCurrentWidget(window.technician)
    pages.setCurrentWidget(page)
    return page


def _cells(page: ConnectionsPage, column: int) -> list[str]:
    proxy = page.attempts_proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


async def _answer_dialog(page: ConnectionsPage, task: Any, **fields: str) -> Any:
    await wait_until(lambda: page.dialog is not None)
    dialog = page.dialog
    assert dialog is not None
    if "charger_id" in fields:
        dialog.id_edit.setText(fields["charger_id"])
    dialog.password_edit.setText(fields.get("password", ""))
    dialog.repeat_edit.setText(fields.get("repeat", fields.get("password", "")))
    dialog.buttons.accepted.emit()
    return dialog


def test_refused_charger_is_listed_live_and_registered_from_its_row(
    qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    with running_console(tmp_path, AdmissionMode.CLOSED) as console:
        page = _page(console)
        charger = simulator(console, "CP-NEW", reconnect_max_delay=0.3)

        async def scenario() -> None:
            await charger.start()
            await wait_until(lambda: "✖ Refused" in _cells(page, 1))
            assert _cells(page, 3)[0].endswith("Unknown charger id")
            assert _cells(page, 2)[0] == "CP-NEW"
            assert _cells(page, 4)[0].startswith("127.0.0.1:")
            page.select_attempt(0)
            assert page.register_button.isEnabled() and page.password_button.isEnabled()
            assert "Register the charger" in page.advice.text()

            task = asyncio.ensure_future(page.register_selected())
            dialog = await _answer_dialog(page, task, password="a", repeat="b")
            assert "differ" in dialog.problem.text()  # mismatched passwords keep it open
            await _answer_dialog(page, task)
            outcome = await task
            assert outcome is not None and outcome.accepted
            await charger.wait_booted()
            await wait_until(lambda: "✔ Accepted" in _cells(page, 1))
            page.refused_only.setChecked(True)
            assert set(_cells(page, 1)) == {"✖ Refused"}
            page.refused_only.setChecked(False)
            page.search.setText("unknown charger")
            # Repeated refusals for one reason are one row with a count.
            assert _cells(page, 3) and all(
                c.endswith("Unknown charger id") for c in _cells(page, 3)
            )
            assert len(_cells(page, 3)) == 1
            page.search.setText("")
            await charger.stop()

        run(qloop, scenario())


def test_set_password_from_a_refused_row_then_the_charger_gets_in(
    qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    with running_console(tmp_path, AdmissionMode.CLOSED) as console:
        page = _page(console)
        charger = simulator(console, "CP-PW", password="new-password-16ch", reconnect_max_delay=0.3)

        async def scenario() -> None:
            await page.register_charger("CP-PW", "old-password-16ch")
            await charger.start()
            await wait_until(lambda: "Wrong password" in _cells(page, 3))
            page.select_attempt(0)
            task = asyncio.ensure_future(page.set_password_selected())
            await _answer_dialog(page, task, password="new-password-16ch")
            outcome = await task
            assert outcome is not None and outcome.accepted
            await charger.wait_booted()
            page.show_charger("CP-PW")
            await wait_until(
                lambda: any(
                    "Connected" in (page.history_model.index(r, 1).data() or "")
                    for r in range(page.history_model.rowCount())
                )
            )
            assert page.picker.charger_id == "CP-PW"
            await wait_until(lambda: "Clock" in page.drift_label.text())
            missing = await page.set_password("NO-SUCH", "whatever-password")
            assert not missing.accepted
            await charger.stop()

        run(qloop, scenario())


def test_a_locked_charger_is_unlocked_from_its_row(
    qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    with running_console(tmp_path, AdmissionMode.CLOSED) as console:
        page = _page(console)
        password = "right-password-16ch"
        charger = simulator(console, "CP-LK", password=password, reconnect_max_delay=0.3)

        def lock(engine: Any) -> Any:
            key = lockout_repo.charger_lock_key("CP-LK")
            return engine.writer.submit(
                lambda c: lockout_repo.add_failure(
                    c, key, utcnow(), timedelta(minutes=10), 1, timedelta(minutes=15)
                )
            )

        async def scenario() -> None:
            await page.register_charger("CP-LK", password)
            await console.client.call(lock)
            await charger.start()
            await wait_until(lambda: any("Locked" in c for c in _cells(page, 3)))
            page.select_attempt(0)
            assert page.unlock_button.isEnabled()
            assert "Unlock" in page.advice.text()
            outcome = await page.unlock_selected()
            assert outcome is not None and outcome.accepted
            await charger.wait_booted()
            again = await page.unlock_charger("CP-LK")
            assert not again.accepted  # nothing left to unlock: said so
            await charger.stop()

        run(qloop, scenario())


def test_password_dialog_asks_for_16_to_40_characters(
    qloop: qasync.QEventLoop, tmp_path: Path
) -> None:
    with running_console(tmp_path, AdmissionMode.CLOSED) as console:
        page = _page(console)

        async def scenario() -> None:
            task = asyncio.ensure_future(page._ask("CP-X", registering=True))
            dialog = await _answer_dialog(page, task, password="short")
            assert "16 to 40" in dialog.problem.text()
            dialog.id_edit.setText("CP X")
            dialog.generate()
            dialog.buttons.accepted.emit()
            assert "at most 48" in dialog.problem.text()
            generated = dialog.password
            dialog.id_edit.setText("CP-X")
            dialog.buttons.accepted.emit()
            assert await task == ("CP-X", generated)
            assert generated is not None and 16 <= len(generated) <= 40

        run(qloop, scenario())


def test_port_check_marks_loopback_reachable(qloop: qasync.QEventLoop, tmp_path: Path) -> None:
    with running_console(tmp_path, AdmissionMode.CLOSED) as console:
        page = _page(console)

        async def scenario() -> None:
            await wait_until(lambda: page.interfaces_model.rowCount() > 0)
            urls = [u.address for u in page.interfaces_model.urls]
            assert "127.0.0.1" in urls  # the test console listens on 127.0.0.1 only
            await page.check_reachability()
            row = urls.index("127.0.0.1")
            assert page.interfaces_model.index(row, 3).data() == "✔ Reachable"
            port = console.client.engine.port
            assert page.interfaces_model.index(row, 2).data() == (
                f"ws://127.0.0.1:{port}/ocpp/<charger id>"
            )

        run(qloop, scenario())


def _attempts() -> list[ConnectionAttempt]:
    now = utcnow()
    return [
        ConnectionAttempt(now, "CP-1", None, "10.0.0.5:4000", "", 101),
        ConnectionAttempt(
            now - timedelta(seconds=5),
            "CP-1",
            RefusalReason.WRONG_PASSWORD,
            "10.0.0.5:3999",
            "/ocpp/CP-1",
            401,
            count=3,
            first_at=now - timedelta(minutes=2),
            subprotocols=("ocpp1.6",),
            username="CP-1",
        ),
        ConnectionAttempt(
            now - timedelta(seconds=9), None, RefusalReason.TLS_FAILURE, "10.0.0.7:50000", "", 0
        ),
    ]


def test_models_pass_the_model_tester(qtmodeltester: Any) -> None:
    attempts = AttemptsTableModel()
    attempts.set_rows(_attempts())
    qtmodeltester.check(attempts)
    proxy = AttemptsFilterProxy()
    proxy.setSourceModel(attempts)
    proxy.set_filter(refused_only=True)
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 2
    assert proxy.index(1, 5).data() == "(encrypted) · no HTTP answer"
    assert proxy.index(0, 3).data() == "3 times · Wrong password"
    assert proxy.index(0, 5).data() == "/ocpp/CP-1 · HTTP 401 · offered ocpp1.6 · user CP-1"
    assert "3 times" in proxy.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)
    proxy.set_filter(refused_only=False, charger_id="CP-1")
    assert proxy.rowCount() == 2

    history = HistoryTableModel()
    now = utcnow()
    history.set_rows(
        [
            HistoryEntry(now, HistoryKind.HEARTBEAT_GAP, gap_seconds=700),
            HistoryEntry(now, HistoryKind.DISCONNECTED, close_code=1006),
            HistoryEntry(now, HistoryKind.BOOT, firmware="1.4.2"),
            HistoryEntry(now, HistoryKind.CONNECTED, peer="10.0.0.5:4000"),
        ]
    )
    qtmodeltester.check(history)
    assert history.index(0, 2).data() == "nothing heard for 12 min"
    assert history.index(1, 2).data() == "1006 (connection lost without a close)"
    assert history.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is not None

    interfaces = InterfacesTableModel()
    interfaces.set_urls(
        [
            InterfaceUrl("lo", "127.0.0.1", "ws://127.0.0.1:9000/ocpp/<charger id>", 9000),
            InterfaceUrl("lo", "127.0.0.1", "wss://127.0.0.1:9443/ocpp/<charger id>", 9443),
        ]
    )
    interfaces.set_checks(
        [
            PortCheck("127.0.0.1", 9000, Reachability.TIMEOUT),
            PortCheck("127.0.0.1", 9443, Reachability.REACHABLE),
        ]
    )
    qtmodeltester.check(interfaces)
    assert interfaces.index(0, 3).data() == "⚠ No answer (timeout, firewall?)"
    assert interfaces.index(1, 3).data() == "✔ Reachable"


def test_tls_refusals_and_profile_refusals_read_in_plain_words() -> None:
    now = utcnow()
    attempts = AttemptsTableModel()
    attempts.set_rows(
        [
            ConnectionAttempt(now, None, RefusalReason.TLS_UNKNOWN_CA, "10.0.0.8:4100", "", 0),
            ConnectionAttempt(
                now, "CP-2", RefusalReason.NEEDS_TLS_2, "10.0.0.9:4200", "/ocpp/CP-2", 401
            ),
        ]
    )
    assert attempts.index(0, 3).data() == "TLS: certificate from an unknown CA"
    assert attempts.index(0, 5).data() == "wss:// port · refused in the TLS handshake"
    assert "site CA" in attempts.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert attempts.index(1, 3).data() == "Needs TLS (wss://): security profile 2 is required"
    assert "wss://" in attempts.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    # Every refusal reason has translatable words and advice of its own.
    for reason in RefusalReason:
        assert words.reason_text(reason)[0].isupper(), reason
        assert words.reason_advice(reason), reason
