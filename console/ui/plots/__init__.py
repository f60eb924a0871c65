"""Power graphs of the console: the whole site, or the connectors of one charger."""

from console.ui.plots.widget import (
    RANGES,
    ConnectorPowerPlotWidget,
    PowerPlotWidget,
    SitePowerPlotWidget,
)

__all__ = ["RANGES", "ConnectorPowerPlotWidget", "PowerPlotWidget", "SitePowerPlotWidget"]
