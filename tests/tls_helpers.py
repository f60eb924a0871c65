"""TLS clients for the wss:// tests: contexts that trust a site CA, with or without a
client certificate, and a raw websocket opened over them."""

from __future__ import annotations

import base64
import itertools
import ssl
from pathlib import Path

from websockets.asyncio.client import ClientConnection, connect

from console.services.site_ca import SiteAuthority

WAIT = 5.0
_files = itertools.count(1)


def client_context(
    trusted: SiteAuthority,
    folder: Path,
    certificate: tuple[str, str] | None = None,
) -> ssl.SSLContext:
    """A charger's TLS context: trusts ``trusted``'s CA; ``certificate`` is (cert PEM,
    key PEM) of a client certificate to present (profile 3)."""
    context = ssl.create_default_context(cadata=trusted.ca_pem().decode("ascii"))
    if certificate is not None:
        number = next(_files)
        cert_path, key_path = folder / f"client{number}.pem", folder / f"client{number}.key"
        cert_path.write_text(certificate[0])
        key_path.write_text(certificate[1])
        context.load_cert_chain(cert_path, key_path)
    return context


def charger_certificate(
    authority: SiteAuthority, charger_id: str, **options: object
) -> tuple[str, str]:
    """(certificate PEM, key PEM) of a charger certificate issued by ``authority``."""
    info, key = authority.issue_charger_certificate(charger_id, **options)  # type: ignore[arg-type]
    return info.pem, key


def basic(username: str, password: str) -> dict[str, str]:
    """The Basic auth header of a charger's id and password."""
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


async def open_wss(
    port: int,
    charger_id: str,
    context: ssl.SSLContext,
    headers: dict[str, str] | None = None,
) -> ClientConnection:
    """A websocket to ``wss://127.0.0.1:port/ocpp/<id>`` (the caller closes it)."""
    return await connect(
        f"wss://127.0.0.1:{port}/ocpp/{charger_id}",
        ssl=context,
        subprotocols=["ocpp1.6"],  # type: ignore[list-item]
        additional_headers=headers,
        open_timeout=WAIT,
    )
