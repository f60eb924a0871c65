"""A failed TLS handshake in plain words, for the connections page and the log.

The reasons are OpenSSL's (``ssl.SSLError.reason`` and, for a certificate the server
refused, ``SSLCertVerificationError.verify_code``), as a server context of the site CA
meets them on 127.0.0.1 in tests/services/test_site_ca.py.
"""

from __future__ import annotations

import asyncio
import ssl

# X509_V_ERR_* codes of a client certificate the server refused.
_VERIFY_WORDS = {
    2: "the charger's certificate is from an unknown CA",  # unable to get issuer cert
    7: "the charger's certificate is from an unknown CA",  # certificate signature failure
    9: "the charger's certificate is not valid yet (check the charger's clock)",
    10: "the charger's certificate has expired",
    18: "the charger's certificate is from an unknown CA",  # self-signed
    19: "the charger's certificate is from an unknown CA",  # self-signed in chain
    20: "the charger's certificate is from an unknown CA",  # unable to get local issuer
    21: "the charger's certificate is from an unknown CA",  # unable to verify first cert
    23: "the charger's certificate has been revoked",
    26: "the charger's certificate is not meant for a charger (wrong key usage)",
}

_NO_COMMON_SUITE = "no cipher suite in common (the charger needs one of the OCPP 1.6 ones)"

# OpenSSL reasons (upper case, as ssl.SSLError.reason has them).
_REASON_WORDS = {
    # The charger refused our server certificate: it lacks the site CA, or has another.
    "TLSV1_ALERT_UNKNOWN_CA": "the charger does not trust the site CA",
    "SSLV3_ALERT_BAD_CERTIFICATE": "the charger does not trust the site CA",
    "SSLV3_ALERT_CERTIFICATE_UNKNOWN": "the charger does not trust the site CA",
    "SSLV3_ALERT_UNSUPPORTED_CERTIFICATE": "the charger does not trust the site CA",
    "SSLV3_ALERT_CERTIFICATE_EXPIRED": "the charger says the server certificate has expired",
    "TLSV1_ALERT_DECRYPT_ERROR": "the charger does not trust the site CA",
    "PEER_DID_NOT_RETURN_A_CERTIFICATE": "no client certificate",
    "UNSUPPORTED_PROTOCOL": "TLS version too old (TLS 1.0/1.1)",
    "VERSION_TOO_LOW": "TLS version too old (TLS 1.0/1.1)",
    "WRONG_SSL_VERSION": "TLS version too old (TLS 1.0/1.1)",
    "NO_PROTOCOLS_AVAILABLE": "TLS version too old (TLS 1.0/1.1)",
    "HTTP_REQUEST": "not TLS (plain ws:// on the wss:// port)",
    "WRONG_VERSION_NUMBER": "not TLS (plain ws:// on the wss:// port)",
    "PACKET_LENGTH_TOO_LONG": "not TLS (plain ws:// on the wss:// port)",
    "RECORD_LAYER_FAILURE": "not TLS (plain ws:// on the wss:// port)",
    "NO_SHARED_CIPHER": _NO_COMMON_SUITE,
    "NO_SUITABLE_SIGNATURE_ALGORITHM": _NO_COMMON_SUITE,
}

NO_CLIENT_CERTIFICATE = _REASON_WORDS["PEER_DID_NOT_RETURN_A_CERTIFICATE"]
CLOSED = "the charger closed the connection during the handshake (does it trust the site CA?)"


def handshake_failure_words(error: BaseException) -> str:
    """What went wrong in a refused TLS handshake, in words a technician understands.

    Falls back to OpenSSL's own reason for anything not listed.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        words = _words_of(current)
        if words:
            return words
        current = current.__cause__ or current.__context__
    return str(error) or type(error).__name__


def _words_of(error: BaseException) -> str | None:
    if isinstance(error, TimeoutError | asyncio.TimeoutError):
        return "handshake timed out"
    if isinstance(error, ssl.SSLCertVerificationError):
        code = getattr(error, "verify_code", None)
        if code in _VERIFY_WORDS:
            return _VERIFY_WORDS[code]
        message = getattr(error, "verify_message", None)
        return f"the charger's certificate was refused: {message or error}"
    if isinstance(error, ssl.SSLEOFError | ssl.SSLZeroReturnError):
        return CLOSED
    if isinstance(error, ssl.SSLError):
        reason = (error.reason or "").upper()
        if reason in _REASON_WORDS:
            return _REASON_WORDS[reason]
        # The library's own reason in words ("tlsv1 alert internal error").
        return (reason.replace("_", " ").lower() or str(error)).strip()
    if isinstance(error, ConnectionResetError | BrokenPipeError):
        return CLOSED
    return None
