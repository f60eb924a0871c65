"""Words, symbols and colours of the Connections page: why a charger was refused, what to do.

Every state has a colour, a symbol and a word, so colour is never the only cue.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from console.core.enums import RefusalReason
from console.services.connections import HistoryKind, Reachability

ACCEPTED_STYLE = ("#009E73", "✔")  # bluish green
REFUSED_STYLE = ("#D55E00", "✖")  # vermillion
WARNING_STYLE = ("#E69F00", "⚠")  # orange
NEUTRAL_STYLE = ("#0072B2", "●")  # blue
MUTED_STYLE = ("#7F7F7F", "○")  # grey


def tr(text: str) -> str:
    """Translate a string of the Connections page."""
    return QCoreApplication.translate("Connections", text)


def reason_text(reason: RefusalReason | None) -> str:
    """Why a handshake was refused, in plain words (``Accepted`` when it was not)."""
    if reason is None:
        return tr("Accepted")
    words = {
        RefusalReason.UNKNOWN_CHARGER: tr("Unknown charger id"),
        RefusalReason.REJECTED_CHARGER: tr("Charger was rejected by staff"),
        RefusalReason.MISSING_PASSWORD: tr("No password given"),
        RefusalReason.WRONG_PASSWORD: tr("Wrong password"),
        RefusalReason.USERNAME_MISMATCH: tr("Username is not the charger id"),
        RefusalReason.NO_SUBPROTOCOL: tr("No common OCPP version (subprotocol)"),
        RefusalReason.BAD_PATH: tr("Bad URL path"),
        RefusalReason.TLS_FAILURE: tr("TLS failure: the charger sent wss:// to the ws:// port"),
        RefusalReason.INVALID_ID: tr("Charger id breaks the OCPP rules"),
        RefusalReason.RETIRED_CHARGER: tr("Charger was retired"),
        RefusalReason.LOCKED: tr("Locked after wrong passwords"),
        RefusalReason.TOO_MANY_WAITING: tr("Too many unknown chargers waiting"),
        RefusalReason.TOO_MANY_WAITING_FROM_PEER: tr(
            "Too many unknown chargers waiting from this address"
        ),
        RefusalReason.NEEDS_TLS_2: tr("Needs TLS (wss://): security profile 2 is required"),
        RefusalReason.NEEDS_TLS_3: tr("Needs TLS (wss://): security profile 3 is required"),
        RefusalReason.NO_CLIENT_CERTIFICATE: tr(
            "No client certificate: security profile 3 is required"
        ),
        RefusalReason.CERTIFICATE_MISMATCH: tr(
            "Client certificate is for another charger (CN is not the charger id)"
        ),
        RefusalReason.NO_PASSWORD_SET: tr("Its security profile needs a password; none is set"),
        RefusalReason.TLS_UNKNOWN_CA: tr("TLS: certificate from an unknown CA"),
        RefusalReason.TLS_EXPIRED: tr("TLS: the charger's certificate has expired"),
        RefusalReason.TLS_BAD_CERTIFICATE: tr("TLS: the charger's certificate is not valid"),
        RefusalReason.TLS_NOT_TRUSTED: tr("TLS: the charger does not trust the site CA"),
        RefusalReason.TLS_HUNG_UP: tr("TLS: the charger broke off the handshake"),
        RefusalReason.TLS_VERSION: tr("TLS: version too old or no common cipher"),
        RefusalReason.TLS_NOT_TLS: tr("Not TLS: ws:// sent to the wss:// port"),
        RefusalReason.TLS_TIMEOUT: tr("TLS handshake timed out"),
        RefusalReason.TLS_TOO_MANY: tr("Too many TLS handshakes at once"),
        RefusalReason.TLS_HANDSHAKE: tr("TLS handshake failed"),
    }
    return words.get(reason, reason.value)


def reason_advice(reason: RefusalReason | None) -> str:
    """What the technician can do about a refusal."""
    if reason is None:
        return tr("The charger got in.")
    advice = {
        RefusalReason.UNKNOWN_CHARGER: tr(
            "Register the charger here, or let unknown chargers wait for approval."
        ),
        RefusalReason.REJECTED_CHARGER: tr("Register the charger again to let it in."),
        RefusalReason.MISSING_PASSWORD: tr(
            "Enter the password in the charger's OCPP settings, or clear it here."
        ),
        RefusalReason.WRONG_PASSWORD: tr(
            "Set the password here to the one configured in the charger (or the other way)."
        ),
        RefusalReason.USERNAME_MISMATCH: tr(
            "The Basic auth user name in the charger must be its charge point id."
        ),
        RefusalReason.NO_SUBPROTOCOL: tr("Set the charger to OCPP 1.6J (subprotocol ocpp1.6)."),
        RefusalReason.BAD_PATH: tr(
            "The URL must end in /ocpp/<charger id> (or /<charger id>); see the addresses above."
        ),
        RefusalReason.TLS_FAILURE: tr(
            "Use a wss:// address shown above (its own port), or change the charger's URL to ws://."
        ),
        RefusalReason.INVALID_ID: tr(
            "Give the charger an id of at most 48 letters, digits and - . _ ~ (no spaces)."
        ),
        RefusalReason.RETIRED_CHARGER: tr("Register the charger again to bring it back."),
        RefusalReason.LOCKED: tr("Correct the password, then Unlock (or wait 15 minutes)."),
        RefusalReason.TOO_MANY_WAITING: tr(
            "Accept or reject the chargers waiting for approval, or register this one here."
        ),
        RefusalReason.TOO_MANY_WAITING_FROM_PEER: tr(
            "Accept or reject the chargers waiting from this address, or register this one here."
        ),
        **_security_advice(),
    }
    return advice.get(reason, "")


def _security_advice() -> dict[RefusalReason, str]:
    """What to do about refusals of security profiles and TLS handshakes."""
    install_ca = tr("Install the site CA certificate (Security page) on the charger.")
    return {
        RefusalReason.NEEDS_TLS_2: tr(
            "Change the charger's URL to a wss:// address shown above; ws:// is refused for it."
        ),
        RefusalReason.NEEDS_TLS_3: tr(
            "Change the charger's URL to a wss:// address shown above; ws:// is refused for it."
        ),
        RefusalReason.NO_CLIENT_CERTIFICATE: tr(
            "Give the charger a certificate from the site CA (Security page), or lower its "
            "profile to 2."
        ),
        RefusalReason.CERTIFICATE_MISMATCH: tr(
            "The certificate's name must be the charger's id: issue one for this charger."
        ),
        RefusalReason.NO_PASSWORD_SET: tr(
            "Set the charger's password here and in the charger (AuthorizationKey)."
        ),
        RefusalReason.TLS_UNKNOWN_CA: tr(
            "The charger's certificate is not from the site CA: issue one from it."
        ),
        RefusalReason.TLS_EXPIRED: tr("Give the charger a new certificate (and check its clock)."),
        RefusalReason.TLS_BAD_CERTIFICATE: tr(
            "Check the charger's clock, then give it a new certificate from the site CA."
        ),
        RefusalReason.TLS_NOT_TRUSTED: install_ca,
        RefusalReason.TLS_HUNG_UP: tr(
            "Often the charger does not trust the site CA: install its certificate on it."
        ),
        RefusalReason.TLS_VERSION: tr(
            "Update the charger's firmware: TLS 1.2 or newer is required."
        ),
        RefusalReason.TLS_NOT_TLS: tr(
            "Use the ws:// address for this charger, or change its URL to wss://."
        ),
        RefusalReason.TLS_TIMEOUT: tr(
            "The charger (or something else at this address) opened a connection and "
            "sent nothing: check its network and URL."
        ),
        RefusalReason.TLS_TOO_MANY: tr(
            "Many idle connections at once: look for a scanner or a faulty device here."
        ),
        RefusalReason.TLS_HANDSHAKE: tr("See the log for the TLS library's reason."),
    }


def offer_text(subprotocols: tuple[str, ...], username: str | None) -> str:
    """What a refused charger offered: its OCPP versions and Basic-auth user name."""
    parts = []
    if subprotocols:
        parts.append(tr("offered %1").replace("%1", ", ".join(subprotocols)))
    else:
        parts.append(tr("offered no OCPP version"))
    if username is not None:
        parts.append(tr("user %1").replace("%1", username))
    return " · ".join(parts)


def attempt_style(reason: RefusalReason | None) -> tuple[str, str]:
    """(colour, symbol) of an accepted or refused attempt."""
    return ACCEPTED_STYLE if reason is None else REFUSED_STYLE


def history_text(kind: HistoryKind) -> str:
    """The kind of a history entry in words."""
    return {
        HistoryKind.CONNECTED: tr("Connected"),
        HistoryKind.DISCONNECTED: tr("Disconnected"),
        HistoryKind.BOOT: tr("Rebooted (BootNotification)"),
        HistoryKind.HEARTBEAT_GAP: tr("Heartbeat gap"),
    }[kind]


def history_style(kind: HistoryKind) -> tuple[str, str]:
    """(colour, symbol) of a history entry."""
    return {
        HistoryKind.CONNECTED: ACCEPTED_STYLE,
        HistoryKind.DISCONNECTED: REFUSED_STYLE,
        HistoryKind.BOOT: NEUTRAL_STYLE,
        HistoryKind.HEARTBEAT_GAP: WARNING_STYLE,
    }[kind]


def close_code_text(code: int | None) -> str:
    """A websocket close code with its meaning."""
    if code is None:
        return tr("no close code")
    meanings = {
        1000: tr("normal close"),
        1001: tr("going away"),
        1006: tr("connection lost without a close"),
        1008: tr("policy violation"),
        1011: tr("server error"),
        1012: tr("service restart"),
    }
    meaning = meanings.get(code)
    return f"{code} ({meaning})" if meaning else str(code)


def reachability_text(result: Reachability | None) -> str:
    """The result of a port check in words."""
    if result is None:
        return tr("Not checked")
    return {
        Reachability.REACHABLE: tr("Reachable"),
        Reachability.REFUSED: tr("Connection refused"),
        Reachability.TIMEOUT: tr("No answer (timeout, firewall?)"),
        Reachability.ERROR: tr("Error"),
    }[result]


def reachability_style(result: Reachability | None) -> tuple[str, str]:
    """(colour, symbol) of a port check result."""
    if result is None:
        return MUTED_STYLE
    if result is Reachability.REACHABLE:
        return ACCEPTED_STYLE
    if result is Reachability.TIMEOUT:
        return WARNING_STYLE
    return REFUSED_STYLE


def duration_text(seconds: float) -> str:
    """A duration for people: 45 s, 12 min, 3 h 5 min."""
    seconds = abs(seconds)
    if seconds < 90:
        return tr("%1 s").replace("%1", f"{seconds:.0f}")
    minutes = round(seconds / 60)
    if minutes < 90:
        return tr("%1 min").replace("%1", str(minutes))
    return tr("%1 h %2 min").replace("%1", str(minutes // 60)).replace("%2", str(minutes % 60))


def colour(style: tuple[str, str]) -> QColor:
    """The QColor of a style."""
    return QColor(style[0])
