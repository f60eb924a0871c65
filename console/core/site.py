"""Live state of the site in memory: what every charger and connector is doing now."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from console.core.enums import Approval, ConnectorStatus
from console.core.model import BootInfo


@dataclass(slots=True)
class ConnectorState:
    """A connector as last reported."""

    connector_id: int
    status: ConnectorStatus | None = None
    error_code: str = "NoError"
    info: str | None = None
    status_at: datetime | None = None
    transaction_id: int | None = None
    id_tag: str | None = None
    power_w: float | None = None
    energy_wh: float | None = None  # register reading of the meter
    session_start_wh: int | None = None
    soc_percent: float | None = None

    @property
    def session_energy_wh(self) -> float | None:
        """Energy of the running session so far, from the meter register."""
        if self.session_start_wh is None or self.energy_wh is None:
            return None
        return max(0.0, self.energy_wh - self.session_start_wh)


@dataclass(slots=True)
class ChargerState:
    """A charger as the central system sees it now."""

    charger_id: str
    approval: Approval = Approval.PENDING
    online: bool = False
    peer: str | None = None
    connected_at: datetime | None = None
    last_seen: datetime | None = None
    boot: BootInfo | None = None
    heartbeat_interval: int = 300
    connectors: dict[int, ConnectorState] = field(default_factory=dict)

    def connector(self, connector_id: int) -> ConnectorState:
        """The state of a connector, created on first mention."""
        state = self.connectors.get(connector_id)
        if state is None:
            state = self.connectors[connector_id] = ConnectorState(connector_id)
        return state

    @property
    def power_w(self) -> float:
        """Present power of all connectors together."""
        return sum(c.power_w or 0.0 for c in self.connectors.values() if c.connector_id > 0)

    def snapshot(self) -> ChargerState:
        """An independent copy, safe to hand to another thread."""
        return replace(self, connectors={k: replace(v) for k, v in self.connectors.items()})


class SiteState:
    """Every charger known to the engine; changed only on the engine loop."""

    def __init__(self) -> None:
        self.chargers: dict[str, ChargerState] = {}

    def charger(self, charger_id: str) -> ChargerState:
        """The state of a charger, created on first mention."""
        state = self.chargers.get(charger_id)
        if state is None:
            state = self.chargers[charger_id] = ChargerState(charger_id)
        return state

    @property
    def online_count(self) -> int:
        """How many chargers have an open connection."""
        return sum(1 for c in self.chargers.values() if c.online)

    @property
    def power_w(self) -> float:
        """Present power of the whole site."""
        return sum(c.power_w for c in self.chargers.values())
