"""CI probe: one simulated OCPP 1.6 charger asks a running ``chargedesk serve`` to boot.

    python packaging/ci_boot_probe.py ws://127.0.0.1:PORT/ocpp --since EPOCH [--timeout 60]

It retries the connection until the server listens (or the timeout ends), sends a
BootNotification and prints the status and the seconds from ``--since`` (the server's
start) to the answer. Exit 0 only when the server accepted the charger.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time

import websockets
from ocpp.v16 import ChargePoint, call
from websockets.typing import Subprotocol

CHARGER_ID = "CI-PROBE-1"


async def boot(url: str, deadline: float) -> str:
    """Connect (retrying while the server starts) and return the BootNotification status."""
    while True:
        try:
            socket = await websockets.connect(
                f"{url}/{CHARGER_ID}", subprotocols=[Subprotocol("ocpp1.6")]
            )
            break
        except OSError:
            if time.time() > deadline:
                raise
            await asyncio.sleep(0.1)  # polling a port that is not open yet: nothing to await
    async with socket:
        charger = ChargePoint(CHARGER_ID, socket)
        listener = asyncio.create_task(charger.start())
        try:
            request = call.BootNotification(
                charge_point_vendor="ChargeDesk CI", charge_point_model="Probe"
            )
            answer = await asyncio.wait_for(charger.call(request), deadline - time.time())
        finally:
            listener.cancel()
    return str(answer.status)


def main() -> int:
    """Boot one charger; print its status and the time to the answer."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("url")
    parser.add_argument("--since", type=float, default=time.time())
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    # The server asks the booted charger things (GetLocalListVersion...) the probe has no
    # handler for; the library's tracebacks about that are noise here.
    logging.getLogger("ocpp").setLevel(logging.CRITICAL)
    status = asyncio.run(boot(args.url, time.time() + args.timeout))
    print(f"status={status} first_answer_s={time.time() - args.since:.2f}")
    return 0 if status.lower().endswith("accepted") else 1


if __name__ == "__main__":
    sys.exit(main())
