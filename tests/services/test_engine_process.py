"""The console's engine as a child process: it answers chargers, survives nothing it
should not (killed, it loses nothing acknowledged), and never outlives its console."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import psutil

from console.core.clock import utcnow
from console.core.enums import AdmissionMode
from console.core.model import Card
from console.services.engine import EngineConfig
from console.services.engine_process import EngineProcess
from console.services.network import free_port
from console.simulator.charger import SimulatedCharger
from console.storage import cards as card_repo
from console.storage import sessions as session_repo
from console.storage.database import open_database


def _config(folder: Path) -> EngineConfig:
    return EngineConfig(
        database_url=f"sqlite:///{folder / 'child.db'}",
        host="127.0.0.1",
        port=free_port(),
        admission=AdmissionMode.OPEN,
        tls_port=free_port(),
        pki_folder=folder / "pki",
    )


def _api() -> dict[str, object]:
    return {"port": free_port(), "host": "127.0.0.1", "local_port": None}


async def test_a_killed_engine_loses_nothing_it_acknowledged(tmp_path: Path) -> None:
    ended = threading.Event()
    codes: list[int] = []

    def on_exit(code: int) -> None:
        codes.append(code)
        ended.set()

    config = _config(tmp_path)
    database = open_database(config.database_url)
    with database.begin() as connection:
        card_repo.save_card(connection, Card("CARD-K9"), utcnow())
    database.dispose()
    child = EngineProcess(config, _api(), tmp_path / "engine.log", on_exit=on_exit)
    ready = await asyncio.to_thread(child.start)
    try:
        assert ready.api_url.startswith("https://") and ready.port == config.port
        url = f"ws://127.0.0.1:{ready.port}/ocpp/"
        charger = SimulatedCharger("CP-K9", url, boot_retry_floor=0.05, reconnect_delay=30.0)
        await charger.start()
        await charger.wait_booted()
        tx = await charger.start_session(1, "CARD-K9")
        assert tx is not None  # acknowledged: committed before the answer
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        assert await asyncio.to_thread(ended.wait, 30)
        assert codes == [-signal.SIGKILL]
        await charger.stop()
    finally:
        await asyncio.to_thread(child.stop)
    database = open_database(config.database_url)
    with database.connect() as connection:
        session = session_repo.get_session(connection, tx)
    database.dispose()
    assert session is not None and session.charger_id == "CP-K9"
    # Started again on the same files, it answers as before.
    again = EngineProcess(config, _api(), tmp_path / "engine.log")
    await asyncio.to_thread(again.start)
    await asyncio.to_thread(again.stop)


def test_the_engine_stops_when_its_console_is_killed(tmp_path: Path) -> None:
    config = _config(tmp_path)
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from pydantic import TypeAdapter
        from console.services.engine import EngineConfig
        from console.services.engine_process import EngineProcess
        config = TypeAdapter(EngineConfig).validate_json({config_json(config)!r})
        child = EngineProcess(config, {_api()!r}, Path({str(tmp_path / "engine.log")!r}))
        child.start()
        print(child.pid, flush=True)
        time.sleep(600)
        """
    )
    console = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert console.stdout is not None
        child_pid = int(console.stdout.readline())
        engine = psutil.Process(child_pid)
        assert engine.is_running()
        console.kill()  # kill -9: no clean-up of its own runs
        console.wait(10)
        engine.wait(30)  # stopped by itself once its standard input closed
    finally:
        if console.poll() is None:
            console.kill()


def config_json(config: EngineConfig) -> str:
    """``config`` as JSON, for the script of the console stand-in."""
    from pydantic import TypeAdapter

    return TypeAdapter(EngineConfig).dump_json(config).decode()
