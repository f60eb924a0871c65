"""The reason recorded for a failed TLS handshake on the wss:// port.

The words come from the site CA's ``handshake_failure_words`` (OpenSSL's reasons in
plain words); the refusal record keeps one of a few reasons a technician can act on, and
the full words go to the log.
"""

from __future__ import annotations

import logging

from console.core.enums import RefusalReason
from console.protocol.tls import TooManyHandshakes
from console.services.site_ca_words import handshake_failure_words

log = logging.getLogger(__name__)

# Fragments of the words, checked in this order (the first that matches wins).
_BY_WORDS = (
    ("server certificate", RefusalReason.TLS_NOT_TRUSTED),
    ("does not trust", RefusalReason.TLS_NOT_TRUSTED),
    ("closed the connection", RefusalReason.TLS_HUNG_UP),
    ("unknown ca", RefusalReason.TLS_UNKNOWN_CA),
    ("expired", RefusalReason.TLS_EXPIRED),
    ("no client certificate", RefusalReason.NO_CLIENT_CERTIFICATE),
    ("certificate", RefusalReason.TLS_BAD_CERTIFICATE),
    ("version", RefusalReason.TLS_VERSION),
    ("cipher", RefusalReason.TLS_VERSION),
    ("not tls", RefusalReason.TLS_NOT_TLS),
    ("timed out", RefusalReason.TLS_TIMEOUT),
)


def tls_refusal_reason(error: BaseException) -> RefusalReason:
    """The refusal reason of a TLS handshake that failed with ``error``."""
    if isinstance(error, TooManyHandshakes):
        return RefusalReason.TLS_TOO_MANY
    if isinstance(error, ConnectionAbortedError) and "longer than" in str(error):
        # asyncio's handshake timeout: a socket that never finished its hello.
        return RefusalReason.TLS_TIMEOUT
    words = handshake_failure_words(error)
    log.info("TLS handshake failed: %s", words)
    lowered = words.lower()
    for fragment, reason in _BY_WORDS:
        if fragment in lowered:
            return reason
    return RefusalReason.TLS_HANDSHAKE
