"""An OCPP 1.6J charge point simulator built on the ocpp library.

Standalone: it talks to a central system only over the websocket, and imports
nothing from the console's other packages.
"""

from __future__ import annotations

from console.simulator.charger import SimulatedCharger
from console.simulator.fleet import FleetReport, run_fleet
from console.simulator.handlers import COMMANDS, SECURITY_COMMANDS
from console.simulator.state import CallReply, ReceivedCommand

__all__ = [
    "COMMANDS",
    "SECURITY_COMMANDS",
    "CallReply",
    "FleetReport",
    "ReceivedCommand",
    "SimulatedCharger",
    "run_fleet",
]
