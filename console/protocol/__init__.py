"""OCPP-J over websockets: framing, validation, connections, the server. No Qt."""
