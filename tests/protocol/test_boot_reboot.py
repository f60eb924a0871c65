"""Only the first BootNotification of a connection is a reboot (stale sessions rely on it)."""

from __future__ import annotations

from protocol_helpers import Ports, exchange, open_ws

from console.protocol.server import CentralSystemServer

BOOT = {"chargePointVendor": "V", "chargePointModel": "M"}


async def test_a_boot_repeated_on_the_same_connection_is_no_reboot(
    server: CentralSystemServer, ports: Ports
) -> None:
    ws = await open_ws(server, "CP1")
    assert (await exchange(ws, [2, "b1", "BootNotification", BOOT]))[0] == 3
    # A pending charger's retry, or a boot asked for with TriggerMessage: same connection.
    assert (await exchange(ws, [2, "b2", "BootNotification", BOOT]))[0] == 3
    await ws.close()
    again = await open_ws(server, "CP1")
    assert (await exchange(again, [2, "b3", "BootNotification", BOOT]))[0] == 3
    await again.close()
    boots = [arg for name, _, arg in ports.messages.calls if name == "boot"]
    assert [boot.reboot for boot in boots] == [True, False, True]
    assert boots[0] == boots[1]  # the same details: the flag is no part of them
