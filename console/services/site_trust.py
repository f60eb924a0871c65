"""Trusting a site's certificate authority on first use, for consoles at other desks.

The site's API shows a certificate of its own CA. The first time a desk attaches, it
fetches that CA certificate without checking it, shows its SHA-256 fingerprint and asks
the person to compare it with the one the site PC shows (Technician → Security, or
``chargedesk ca show``). Once trusted, the CA is kept in this desk's data folder and
every later connection must present a certificate it issued for the name in the URL:
a changed CA is refused, never silently trusted again.
"""

from __future__ import annotations

import hashlib
import re
import ssl
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from console.storage.database import default_data_dir


def desk_folder() -> Path:
    """This desk's own data folder (the trusted site CAs, an attached console's files)."""
    return default_data_dir()


class TrustError(ValueError):
    """The site's address or its CA cannot be used; the message says why."""


def site_key(base_url: str) -> str:
    """A file name for the site: its host and port."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise TrustError(f"{base_url} is no site address: give https://HOST:PORT")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return re.sub(r"[^A-Za-z0-9.-]", "_", f"{parts.hostname}_{port}")


def fingerprint(pem: bytes) -> str:
    """The SHA-256 fingerprint of a PEM certificate, as the site PC shows it (hex)."""
    certificate = x509.load_pem_x509_certificate(pem)
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def spaced(fingerprint_hex: str) -> str:
    """A fingerprint in pairs (AB:CD:...), easier to compare by eye."""
    text = fingerprint_hex.upper()
    return ":".join(text[i : i + 2] for i in range(0, len(text), 2))


class SiteTrust:
    """The site CAs this desk trusts, one PEM file per site in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, base_url: str) -> Path:
        """Where the trusted CA of ``base_url`` is kept."""
        return self.folder / f"{site_key(base_url)}.pem"

    def trusted(self, base_url: str) -> bytes | None:
        """The CA trusted for ``base_url``, or None before the first attach."""
        path = self.path(base_url)
        return path.read_bytes() if path.exists() else None

    def trust(self, base_url: str, pem: bytes) -> None:
        """Keep ``pem`` as the CA of ``base_url`` (readable by this account only)."""
        fingerprint(pem)  # refuses what is no certificate
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = self.path(base_url)
        path.write_bytes(pem)
        path.chmod(0o600)

    def context(self, base_url: str) -> ssl.SSLContext | None:
        """A TLS context trusting only the site's CA; None for plain http:// (this PC)."""
        if urlsplit(base_url).scheme == "http":
            host = urlsplit(base_url).hostname
            if host not in ("127.0.0.1", "localhost", "::1"):
                raise TrustError("plain http:// is only for this PC: use https://")
            return None
        pem = self.trusted(base_url)
        if pem is None:
            raise TrustError(f"{base_url} is not trusted yet")
        return ssl.create_default_context(cadata=pem.decode("ascii"))


async def fetch_site_ca(base_url: str) -> bytes:
    """The CA certificate a site's API offers, fetched WITHOUT checking it (to be shown
    to a person with its fingerprint before it is trusted)."""
    url = base_url.rstrip("/") + "/api/site-ca.pem"
    timeout = aiohttp.ClientTimeout(total=15)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as http,
            http.get(url, ssl=False) as response,
        ):
            if response.status != 200:
                raise TrustError(f"{base_url} offers no site CA (HTTP {response.status})")
            pem = await response.read()
    except aiohttp.ClientError as error:
        raise TrustError(f"{base_url} cannot be reached: {error}") from error
    try:
        fingerprint(pem)
    except ValueError as error:
        raise TrustError(f"{base_url} sent no certificate: {error}") from error
    return pem
