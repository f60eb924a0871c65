"""Secrets in URLs, kept out of what is stored and shown.

The URLs ChargeDesk gives chargers for file transfers carry a secret: an FTP user's
password (``ftp://user:password@host/``) or the unguessable path token of the HTTP file
endpoint (``/upload/<token>/``, ``/firmware/<token>/name``). Other URLs may carry one as a
query parameter (``?token=...``). The secret lives in memory for the grant's life; the
database and the message log keep the URL with the secret replaced by ``***`` and, where
a record must be matched later, a digest of it.
"""

from __future__ import annotations

import hashlib
import re

MASK = "***"

_USER_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^/\s:@\"'<>]+:)[^@\s/\"'<>]+@")
_PATH_TOKEN = re.compile(r"(?P<head>/(?:upload|firmware)/)[A-Za-z0-9_\-]{16,}(?=/|\"|'|\s|$)")
_QUERY_SECRET = re.compile(
    r"(?P<head>[?&;](?:token|access_token|auth|password|passwd|pass|pwd|secret|key)=)"
    r"[^&;#\s\"'<>]+",
    re.IGNORECASE,
)
# Cheap look before the regular expressions: most frames (MeterValues) hold no URL at all.
_HINTS = ("://", "/upload/", "/firmware/")


def redact_secrets(text: str) -> str:
    """``text`` with every URL secret replaced by ``***``.

    ``ftp://t1-ab:s3cret@host:21/`` becomes ``ftp://t1-ab:***@host:21/``,
    ``http://host:80/upload/<token>/`` becomes ``http://host:80/upload/***/`` and
    ``...?token=abc`` becomes ``...?token=***``. Text without secrets comes back as it is.
    """
    # Every hint has a slash; most frames have none at all, and one scan settles them.
    if "/" not in text or not any(hint in text for hint in _HINTS):
        return text
    text = _USER_PASSWORD.sub(rf"\g<head>{MASK}@", text)
    text = _PATH_TOKEN.sub(rf"\g<head>{MASK}", text)
    return _QUERY_SECRET.sub(rf"\g<head>{MASK}", text)


def url_secret(url: str) -> str | None:
    """The secret a transfer URL carries (password, path token, token parameter), or None."""
    for pattern in (_USER_PASSWORD, _PATH_TOKEN, _QUERY_SECRET):
        match = pattern.search(url)
        if match is not None:
            secret = match.group(0)[len(match.group("head")) :]
            return secret.removesuffix("@")
    return None


def secret_digest(secret: str) -> str:
    """A SHA-256 hex digest of a secret: enough to recognise it, useless to use it.

    The secrets are random (at least 128 bits), so a plain digest cannot be guessed back.
    """
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()
