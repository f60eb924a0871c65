"""An OCPP 1.6J charge point simulator built on the ocpp library."""
