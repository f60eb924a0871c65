"""Starts the console: the engine in its thread, the GUI on Qt's loop through qasync."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import sys
from collections.abc import Callable, Sequence

import qasync
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from console.assets import resource_path
from console.core.staff import Actor
from console.services.attached_queries import AttachedQueries
from console.services.attached_thread import AttachedThread
from console.services.engine import EngineConfig, EngineExtension
from console.services.engine_thread import EngineThread
from console.services.queries import SiteQueries
from console.ui.bridge import EngineBridge
from console.ui.engine_client import EngineClient
from console.ui.main_window import MainWindow
from console.ui.site_mirror import SiteMirror
from console.ui.tasks import set_gui_loop
from console.ui.translations import install_translations
from console.ui.xcb_check import check_xcb_libraries

log = logging.getLogger(__name__)
APPLICATION_ID = "org.chargedesk.ChargeDesk"  # the desktop file's and AppStream's id
CANCEL_ROUNDS = 5  # cancel, let wind down, repeat: timers may start reads meanwhile


class GuiThreadGarbageCollector:
    """Runs Python's cyclic garbage collector on the GUI thread only.

    Left automatic, a collection runs in whichever thread allocates when a threshold is
    crossed, often the engine's; Qt objects freed there (a closed dialog, an old plot)
    leave timers behind on the wrong thread and Qt crashes later. A GUI timer collects
    instead, one generation at a time, as the automatic collector would.
    """

    def __init__(self, interval_ms: int = 1000) -> None:
        self._timer = QTimer()
        self._timer.timeout.connect(self._on_tick)
        self._interval_ms = interval_ms

    def start(self) -> None:
        """Take over from the automatic collector."""
        gc.disable()
        self._timer.start(self._interval_ms)

    def stop(self) -> None:
        """Hand collection back to Python."""
        self._timer.stop()
        gc.enable()

    def _on_tick(self) -> None:
        thresholds = gc.get_threshold()
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                break


class Console:
    """The running console: engine thread, bridge, mirror and window, started and stopped as one.

    Without ``actor`` the window asks who is at the desk (a login, or the first admin's
    creation); with one (tests, screenshots) that person is at the desk from the start.
    """

    def __init__(
        self,
        config: EngineConfig | None,
        demo: bool = False,
        actor: Actor | None = None,
        extensions: Sequence[EngineExtension] = (),
        attached: AttachedThread | None = None,
    ) -> None:
        self.thread: EngineThread | AttachedThread
        self.queries: SiteQueries | AttachedQueries
        if attached is None:
            assert config is not None, "a console without a site to attach to needs a config"
            self.thread = EngineThread(config, extensions)
            self.thread.start()  # raises when the port is taken or the database cannot open
            self.queries = SiteQueries(config.database_url)
        else:
            # A console at another desk: the site's engine through its API (already reached).
            assert attached.queries is not None, "start the attached thread first"
            self.thread, self.queries = attached, attached.queries
            config = attached.engine.config
        self.config = config
        # Every time on screen and in files is the site's (DESIGN: stored UTC, shown local).
        self.queries.follow_site_zone()
        self.client = EngineClient(self.thread, self.queries)
        if actor is not None:
            self.client.actor = actor
        self.mirror = SiteMirror()
        self.bridge = EngineBridge()
        self.bridge.updated.connect(self.mirror.apply)
        self.bridge.attach(self.thread)
        self.window = MainWindow(self.client, self.mirror, demo=demo)
        self.collector = GuiThreadGarbageCollector()
        self.collector.start()

    def closing(self) -> None:
        """The window closed: reads of an attached console still waiting for a login end
        now, so the window's worker threads (and the program) can end."""
        if isinstance(self.thread, AttachedThread):
            self.thread.stop_waiting()

    def stop(self) -> None:
        """Stop pumping, close every charger connection cleanly, release the database."""
        self.collector.stop()
        self.window.desk.idle.pause()  # its application-wide watch must not outlive us
        self.bridge.detach(self.thread)
        self.thread.stop()
        self.queries.close()


def cancel_pending_tasks(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel the GUI's unfinished tasks (reads, commands) and let them end before closing.

    While the cancelled tasks wind down, Qt timers and events still run and may start new
    reads; those are cancelled in the next round, so none is left pending at close.
    """
    for _round in range(CANCEL_ROUNDS):
        pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
        if not pending:
            return
        for task in pending:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
    log.warning("tasks still starting while the console closed; left to the loop's close")


def create_application() -> QApplication:
    """The QApplication with the names QSettings uses."""
    QCoreApplication.setOrganizationName("ChargeDesk")
    QCoreApplication.setApplicationName("ChargeDesk")
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        check_xcb_libraries()  # a bare Linux desktop: say which packages, not Qt's line
        app = QApplication(sys.argv)
    # The window, every dialog and the tray take the application's icon; the desktop
    # file name ties the window to its menu entry (Wayland shows that entry's icon).
    app.setWindowIcon(application_icon())
    QGuiApplication.setDesktopFileName(APPLICATION_ID)
    install_translations()  # before any widget: each translates its texts when made
    return app


def application_icon() -> QIcon:
    """ChargeDesk's icon, drawn from the SVG (empty when the resource is missing)."""
    path = resource_path("icons", "chargedesk.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


def _close_on_interrupt(window: QWidget) -> None:
    """Ctrl+C in the terminal (SIGINT) or SIGTERM closes the window like its close button.

    Python only runs a signal handler between bytecodes; the timer makes sure it gets
    the chance while Qt waits for events.
    """

    def close(_signal: int, _frame: object) -> None:
        QTimer.singleShot(0, window.close)

    signal.signal(signal.SIGINT, close)
    signal.signal(signal.SIGTERM, close)
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(250)


def run_console(
    config: EngineConfig,
    demo: bool = False,
    on_started: Callable[[Console], Callable[[], None] | None] | None = None,
    actor: Actor | None = None,
    extensions: Sequence[EngineExtension] = (),
) -> int:
    """Open the window and run until it is closed. ``on_started`` may return a cleanup.

    ``actor`` starts the console with that person at the desk (no login asked).
    """
    app = create_application()
    try:
        console = Console(config, demo=demo, actor=actor, extensions=extensions)
    except OSError as error:
        QMessageBox.critical(
            None,
            app.tr("ChargeDesk cannot start"),
            app.tr("The OCPP port %1 cannot be opened: %2\n\nIs ChargeDesk already running?")
            .replace("%1", str(config.port))
            .replace("%2", str(error)),
        )
        return 1
    return run_window(app, console, on_started)


def run_window(
    app: QApplication,
    console: Console,
    on_started: Callable[[Console], Callable[[], None] | None] | None = None,
) -> int:
    """Show the console's window and run Qt's loop until it is closed, then stop it."""
    cleanup = on_started(console) if on_started is not None else None
    loop = qasync.QEventLoop(app)
    set_gui_loop(loop)
    closed = asyncio.Event()
    app.lastWindowClosed.connect(closed.set)
    _close_on_interrupt(console.window)
    console.window.show()
    try:
        with loop:
            loop.run_until_complete(closed.wait())
            console.closing()
            cancel_pending_tasks(loop)
    finally:
        set_gui_loop(None)  # closed: nothing may be started on it any more
        if cleanup is not None:
            cleanup()
        console.stop()
    return 0
