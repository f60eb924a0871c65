"""A restarted central system finds its port free again (issue 11: the demo's usual port).

When the central system stops, it closes its chargers' connections itself; those
connections then linger in TIME_WAIT on its port for a minute. The listener binds with
SO_REUSEADDR and gets the port back; the free-port check must judge the same way.
"""

from __future__ import annotations

import socket
from pathlib import Path

from console.core.enums import AdmissionMode
from console.services.engine import CentralSystem, EngineConfig
from console.services.network import port_is_free
from console.simulator.charger import SimulatedCharger

HOST = "127.0.0.1"


def _config(tmp_path: Path, port: int) -> EngineConfig:
    return EngineConfig(
        database_url=f"sqlite:///{tmp_path / 'engine.db'}",
        host=HOST,
        port=port,
        admission=AdmissionMode.OPEN,
    )


def _plain_bind_fails(port: int) -> bool:
    """True when a bind without SO_REUSEADDR is refused (a connection in TIME_WAIT)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return True
    return False


async def test_a_port_left_with_connections_in_time_wait_is_free_and_the_engine_gets_it(
    tmp_path: Path,
) -> None:
    first = CentralSystem(_config(tmp_path, 0))
    await first.start()
    port = first.port
    charger = SimulatedCharger(
        "CP-PORT", f"ws://{HOST}:{port}/ocpp/", connectors=1, reconnect=False,
        boot_retry_floor=0.05, response_timeout=5.0,
    )  # fmt: skip
    try:
        await charger.start()
        await charger.wait_booted()
        assert not port_is_free(port, HOST)  # listening: taken, reuse or not
        await first.stop()  # closes the charger's connection from our side
        await charger.wait_for(lambda: not charger.connected)
    finally:
        await charger.stop()

    # The premise: the closed connection lingers, a bind without reuse is refused, as the
    # old check's was. The check says free, and a new engine really listens there.
    assert _plain_bind_fails(port)
    assert port_is_free(port, HOST)
    second = CentralSystem(_config(tmp_path, port))
    await second.start()
    try:
        assert second.port == port
        assert not port_is_free(port, HOST)
    finally:
        await second.stop()


def test_a_port_another_program_listens_on_is_not_free() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as other:
        other.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        other.bind((HOST, 0))
        other.listen()
        port = other.getsockname()[1]
        assert not port_is_free(port, HOST)
    assert port_is_free(port, HOST)
