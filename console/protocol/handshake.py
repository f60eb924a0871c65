"""Reading the opening handshake: the charger id in the path, Basic auth, subprotocols."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import unquote

from websockets.datastructures import Headers
from websockets.exceptions import InvalidHeader
from websockets.headers import parse_subprotocol

PATH_PREFIX = "ocpp"


def charger_id_from_path(path: str) -> str | None:
    """The charger id of ``/ocpp/<id>`` or ``/<id>``, URL-decoded; None for any other path.

    The id is decoded after splitting, so an id holding "%2F" is refused rather than
    read as a deeper path. ``/ocpp`` alone is refused too: it is a base URL whose
    charger forgot to append its id, not a charger called "ocpp".
    """
    path = path.split("?", 1)[0]
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == "" and parts[1] == PATH_PREFIX:
        raw = parts[2]
    elif len(parts) == 2 and parts[0] == "" and parts[1] != PATH_PREFIX:
        raw = parts[1]
    else:
        return None
    try:
        charger_id = unquote(raw, errors="strict")
    except UnicodeDecodeError:
        return None
    if not charger_id or "/" in charger_id or not charger_id.isprintable():
        return None
    return charger_id


def peer_host(peer: str | None) -> str | None:
    """The host of a ``host:port`` or ``[host]:port`` peer: limits and locks count per host."""
    if not peer:
        return None
    host = peer.rsplit(":", 1)[0] if ":" in peer else peer
    return host.strip("[]") or None


def basic_credentials(header: str | None) -> tuple[str | None, str | None]:
    """Username and password of an ``Authorization: Basic`` header, None where absent.

    A username without a colon gives password None. Credentials that are not UTF-8
    are read as Latin-1 so that a binary key still compares equal to itself.
    """
    if not header:
        return None, None
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return None, None
    try:
        raw = base64.b64decode(token.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None, None
    user, colon, password = raw.partition(b":")
    return _text(user), (_text(password) if colon else None)


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def offered_subprotocols(headers: Headers) -> list[str]:
    """The subprotocols the client offers, in its order of preference."""
    offered: list[str] = []
    for value in headers.get_all("Sec-WebSocket-Protocol"):
        try:
            offered.extend(parse_subprotocol(value))
        except InvalidHeader:
            continue
    return offered


def choose_subprotocol(offered: Iterable[str], supported: Sequence[str]) -> str | None:
    """The first of the client's subprotocols that we support: its preference wins."""
    for name in offered:
        if name in supported:
            return name
    return None


def format_peer(address: Any) -> str | None:
    """``host:port`` of a socket address (``[host]:port`` for IPv6), None when unknown."""
    if not isinstance(address, tuple) or len(address) < 2:
        return None
    host, port = address[0], address[1]
    return f"[{host}]:{port}" if ":" in str(host) else f"{host}:{port}"
