"""ChargeDesk: operations console and OCPP central system for small EV charging sites."""
