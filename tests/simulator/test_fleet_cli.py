"""The fleet runner and the ``simulate`` command line."""

from __future__ import annotations

import argparse
import asyncio
import socket
from typing import TYPE_CHECKING, Any

import pytest

from console.simulator import run_fleet
from console.simulator.cli import add_arguments, run
from console.simulator.fleet import build_fleet

if TYPE_CHECKING:
    from conftest import MiniCentral

FAST: dict[str, Any] = {
    "boot_retry_floor": 0.02,
    "reconnect_delay": 0.02,
    "retry_interval": 0.05,
    "speed": 60.0,
}


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return parser.parse_args(list(argv))


async def test_fleet_runs_sessions_and_stops_them_cleanly(central: MiniCentral) -> None:
    central.password = "fleet-pw"
    stop = asyncio.Event()
    fleet = asyncio.create_task(
        run_fleet(
            central.url,
            chargers=3,
            connectors=2,
            password="fleet-pw",
            id_prefix="SIM-",
            meter_interval=0.02,
            idle=(0.0, 0.05),
            session_length=(0.05, 0.1),
            ramp=0.0,
            seed=1,
            stop=stop,
            **FAST,
        )
    )
    await central.wait_for(lambda: len(central.of("StopTransaction")) >= 4, timeout=10)
    stop.set()
    report = await fleet

    assert {m.charger_id for m in central.messages} == {"SIM-001", "SIM-002", "SIM-003"}
    assert report.booted == 3 and report.chargers == 3
    assert report.sessions_started >= 4
    # Every session that was started was also stopped, and the server heard of both.
    assert len(central.of("StartTransaction")) == len(central.of("StopTransaction"))
    assert report.sessions_stopped == report.sessions_started
    assert all(
        m.payload["transaction_id"] > 0 for m in central.messages if m.action == "MeterValues"
    )
    await central.wait_for(lambda: not central.points)  # all disconnected


async def test_fleet_duration_ends_the_run(central: MiniCentral) -> None:
    report = await run_fleet(
        central.url, chargers=2, duration=0.3, auto_sessions=False, ramp=0.0, **FAST
    )
    assert report.booted == 2 and report.sessions_started == 0


def test_build_fleet_names_and_kinds() -> None:
    fleet = build_fleet("ws://127.0.0.1:1/ocpp", 12, 3, id_prefix="X-", dc_share=0.5, seed=3)
    assert [c.charger_id for c in fleet][:2] == ["X-001", "X-002"]
    assert {c.kind for c in fleet} == {"AC", "DC"}
    assert all(len(c.connector_ids) == 3 for c in fleet)
    assert {c.power_kw for c in fleet if c.kind == "DC"} == {50.0}
    assert fleet[0].endpoint == "ws://127.0.0.1:1/ocpp/X-001"


def test_cli_arguments() -> None:
    args = parse(
        "--url",
        "ws://127.0.0.1:9000/ocpp",
        "--chargers",
        "5",
        "--connectors",
        "3",
        "--password",
        "pw",
        "--duration",
        "60",
        "--meter-interval",
        "2.5",
        "--id-prefix",
        "LAB-",
    )
    assert (args.url, args.chargers, args.connectors, args.password) == (
        "ws://127.0.0.1:9000/ocpp",
        5,
        3,
        "pw",
    )
    assert (args.duration, args.meter_interval, args.id_prefix) == (60.0, 2.5, "LAB-")
    defaults = parse("--url", "ws://h/ocpp")
    assert (defaults.chargers, defaults.connectors, defaults.password) == (1, 2, None)
    assert (defaults.duration, defaults.meter_interval, defaults.id_prefix) == (None, 10.0, "SIM-")


def test_cli_rejects_bad_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(parse("--url", "http://h/ocpp")) == 2
    assert run(parse("--url", "ws://h/ocpp", "--chargers", "0")) == 2
    assert "simulate:" in capsys.readouterr().err


def test_cli_survives_an_absent_server(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert run(parse("--url", f"ws://127.0.0.1:{port}/ocpp", "--duration", "0.2")) == 0
    assert "booted: 0/1" in capsys.readouterr().err


async def test_cli_runs_a_fleet(central: MiniCentral) -> None:
    args = parse("--url", central.url, "--chargers", "2", "--duration", "0.5", "--no-sessions")
    # The CLI runs its own event loop, so it gets a thread; the server stays on ours.
    assert await asyncio.to_thread(run, args) == 0
    assert {m.charger_id for m in central.messages if m.action == "BootNotification"} == {
        "SIM-001",
        "SIM-002",
    }
