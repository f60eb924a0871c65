"""``chargedesk --connect URL``: the console at another desk, attached to a site's engine.

The same window and screens as on the site PC; every call goes to the site's engine
through its API. The first time a desk attaches to a site, the person compares the site
CA's fingerprint with the one the site PC shows before this desk trusts it.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable
from dataclasses import replace
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from console.services.attached_link import LinkLost, RemoteError, SiteNotTrusted
from console.services.attached_thread import AttachedThread, VersionMismatch
from console.services.engine import EngineConfig
from console.services.engine_process import EngineProcess, EngineProcessError
from console.services.network import free_port
from console.services.queries import database_location
from console.services.site_trust import (
    SiteTrust,
    TrustError,
    desk_folder,
    fetch_site_ca,
    fingerprint,
    spaced,
)
from console.ui.console_app import Console, create_application, run_window


def console_version() -> str:
    """This console's version (an attached console must match the site's)."""
    try:
        return version("chargedesk")
    except PackageNotFoundError:
        return "0"


def ask_to_trust(app: QApplication, base_url: str, pem: bytes) -> bool:
    """Show the site CA's fingerprint and ask whether to trust it."""
    answer = QMessageBox.question(
        None,
        app.tr("Trust this site?"),
        app.tr(
            "This is the first time this desk connects to %1.\n\n"
            "The site's certificate authority has the SHA-256 fingerprint\n\n%2\n\n"
            "Compare it with the one the site PC shows (Technician → Security, or "
            "'chargedesk ca show' there). Trust it only if they are the same."
        )
        .replace("%1", base_url)
        .replace("%2", spaced(fingerprint(pem))),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def _refuse(app: QApplication, text: str) -> int:
    QMessageBox.critical(None, app.tr("ChargeDesk cannot connect"), text)
    return 1


def run_attached_console(base_url: str, data_folder: Path) -> int:
    """Attach to the site at ``base_url`` and run the console until its window closes."""
    app = create_application()
    trust = SiteTrust(data_folder / "trusted-sites")
    try:
        if base_url.startswith("https://") and trust.trusted(base_url) is None:
            pem = asyncio.run(fetch_site_ca(base_url))
            if not ask_to_trust(app, base_url, pem):
                return 1
            trust.trust(base_url, pem)
        tls = trust.context(base_url)
    except TrustError as error:
        return _refuse(app, str(error))
    thread = AttachedThread(base_url, tls, data_folder / "attached", console_version())
    try:
        thread.start()
    except SiteNotTrusted as error:
        return _refuse(
            app,
            app.tr(
                "%1 showed a certificate this desk does not trust (%2).\n\nIf the site's "
                "certificate authority was replaced on purpose, delete %3 and connect "
                "again to compare the new fingerprint; otherwise ask the site's admin."
            )
            .replace("%1", base_url)
            .replace("%2", str(error))
            .replace("%3", str(trust.path(base_url))),
        )
    except (VersionMismatch, LinkLost, RemoteError, TimeoutError, OSError) as error:
        return _refuse(app, app.tr("%1: %2").replace("%1", base_url).replace("%2", str(error)))
    console = Console(None, attached=thread)
    return run_window(app, console)


class _EngineWatch(QObject):
    """Carries the engine process's unexpected end to the GUI thread."""

    ended = Signal(int)


def run_console_in_child(
    config: EngineConfig,
    api: dict[str, Any],
    demo: bool = False,
    on_started: Callable[[Console], Callable[[], None] | None] | None = None,
) -> int:
    """The single-desk console with its engine in a child process it starts, watches and
    stops with itself; the window attaches to it through its API on this PC.

    Raises EngineProcessError when the child cannot start (its port taken, say): the
    caller then runs the engine in a thread, which says what is wrong in its own words.
    """
    app = create_application()
    assert config.pki_folder is not None, "the child engine's API needs the site CA"
    # Fixed ports, so a restarted engine is found where the window looks for it.
    api = {**api, "port": api.get("port") or free_port()}
    config = replace(
        config,
        port=config.port or free_port(),
        tls_port=config.tls_port or (free_port() if config.tls_port == 0 else None),
    )
    watch = _EngineWatch()
    child = EngineProcess(
        config, api, desk_folder() / "logs" / "engine.log", demo, watch.ended.emit
    )
    ready = child.start()  # EngineProcessError: the caller runs the engine in a thread
    pki = config.pki_folder
    assert pki is not None
    tls = ssl.create_default_context(cafile=str(pki / "ca.pem"))
    thread = AttachedThread(ready.api_url, tls, desk_folder() / "attached", console_version())
    try:
        thread.start()
    except (VersionMismatch, LinkLost, RemoteError, TimeoutError, OSError) as error:
        child.stop()
        return _refuse(app, str(error))
    thread.engine.demo = list(ready.demo_accounts)
    # One desk, its own data: the status bar names the database, not the API.
    thread.engine.remote_database = database_location(config.database_url)
    console = Console(None, attached=thread, demo=demo)

    def on_engine_ended(code: int) -> None:
        # The engine stopped by itself (a crash): start it again and ask for a login,
        # since the logins it held ended with it. Nothing acknowledged is lost: the
        # engine answers a charger only after its data is committed.
        QMessageBox.warning(
            console.window,
            app.tr("The engine stopped"),
            app.tr(
                "ChargeDesk's engine stopped unexpectedly (exit code %1); it starts again "
                "now. Log in again when asked."
            ).replace("%1", str(code)),
        )
        try:
            child.start()
        except EngineProcessError as error:
            _refuse(app, app.tr("The engine could not start again: %1").replace("%1", str(error)))
            console.window.close()
            return
        console.window.desk.lock()

    watch.ended.connect(on_engine_ended)
    try:
        return run_window(app, console, on_started)
    finally:
        child.stop()
