"""Words of the Security page: profiles, connections, certificates and refusals.

The services behind the page are written against small result objects (dataclasses or,
for the charger's own answers, OCPP dictionaries). ``field`` reads either, so the page
shows what it is given whether a value arrives as ``issuer_name_hash`` or
``issuerNameHash``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from console.core.staff import Permission, PermissionDenied, Role
from console.ui import locale_format
from console.ui.detail.models import local_time

#: The certificate types a charger lists (GetInstalledCertificateIds).
CERTIFICATE_TYPES = ("CentralSystemRootCertificate", "ManufacturerRootCertificate")


def tr(text: str) -> str:
    """Translate a Security page text."""
    return QCoreApplication.translate("SecurityPage", text)


def field(item: Any, *names: str, default: Any = None) -> Any:
    """The first of ``names`` that ``item`` has, as attribute or dictionary key."""
    for name in names:
        if isinstance(item, dict):
            if name in item and item[name] is not None:
                return item[name]
        else:
            value = getattr(item, name, None)
            if value is not None:
                return value
    return default


def profile_text(profile: int | None) -> str:
    """A security profile in words: "2 — TLS (wss://) and a password"."""
    texts = {
        0: tr("0 — no password, plain ws://"),
        1: tr("1 — password over plain ws://"),
        2: tr("2 — TLS (wss://) and a password"),
        3: tr("3 — TLS with a charger certificate"),
    }
    if profile is None:
        return tr("not known")
    return texts.get(profile, tr("profile %1").replace("%1", str(profile)))


def connected_text(state: Any, profile_now: int | None = None) -> str:
    """How the charger is connected now: ws:// or wss://, its profile, its certificate.

    ``state`` is the mirror's ChargerState; ``profile_now`` the profile its open
    connection met (the admission's ``connection_profile``). TLS facts (``tls`` with
    ``common_name`` and ``version``) are used when the state carries them.
    """
    if state is None or not getattr(state, "online", False):
        return tr("Not connected")
    tls = field(state, "tls", "tls_facts")
    if profile_now is None:
        profile_now = field(state, "connected_profile", "security_profile_now")
    scheme = field(state, "scheme")
    if scheme is None and tls is not None:
        scheme = "wss"
    elif scheme is None and profile_now is not None:
        scheme = "wss" if profile_now >= 2 else "ws"
    parts: list[str] = []
    if scheme:
        parts.append(f"{scheme}://")
    if profile_now is not None:
        parts.append(tr("security profile %1").replace("%1", str(profile_now)))
    common_name = field(tls, "common_name", "client_common_name", "cn") if tls else None
    if common_name is None and tls is None and profile_now == 3:
        # Profile 3 is only met by a certificate whose CN is the charger's id.
        common_name = field(state, "charger_id")
    if common_name:
        parts.append(tr("client certificate CN=%1").replace("%1", str(common_name)))
    elif tls is not None or profile_now == 2:
        parts.append(tr("no client certificate"))
    version = field(tls, "version", "tls_version") if tls else None
    if version:
        parts.append(str(version))
    peer = field(state, "peer")
    if peer:
        parts.append(tr("from %1").replace("%1", str(peer)))
    return tr("Connected") + (": " + " · ".join(parts) if parts else "")


def refusal_text(error: BaseException, what: str) -> str:
    """Why a change was refused, and what to do, for the message bar."""
    if isinstance(error, PermissionDenied):
        return (
            tr("%1 was refused: it needs the %2 role. Ask someone with that role to log in.")
            .replace("%1", what)
            .replace("%2", role_text(error.role))
        )
    detail = str(error) or type(error).__name__
    return tr("%1 did not work: %2").replace("%1", what).replace("%2", detail)


def role_text(role: Role) -> str:
    """A role's name for a person."""
    names = {
        Role.VIEWER: tr("viewer"),
        Role.DESK: tr("desk"),
        Role.TECHNICIAN: tr("technician"),
        Role.ADMIN: tr("admin"),
    }
    return names.get(role, role.value)


def may_move_down(actor: Any) -> bool:
    """True when ``actor`` may lower a charger's profile (an admin)."""
    may = getattr(actor, "may", None)
    return bool(may(Permission.SECURITY_SETTINGS)) if callable(may) else False


def time_text(at: datetime | None) -> str:
    """A stored UTC time in the site's zone."""
    return local_time(at)


def date_text(at: datetime | None) -> str:
    """A date (certificates run out on a day, not a second)."""
    return "—" if at is None else locale_format.date_text(at.date())


def fingerprint_text(fingerprint: str | None) -> str:
    """A SHA-256 fingerprint as pairs: "AB:CD:…" (how chargers' web pages show it)."""
    if not fingerprint:
        return "—"
    plain = fingerprint.replace(":", "").upper()
    return ":".join(plain[i : i + 2] for i in range(0, len(plain), 2))


def severity_text(severity: str | None) -> str:
    """A security event's severity in words."""
    texts = {
        "critical": tr("Critical"),
        "warning": tr("Warning"),
        "info": tr("Information"),
    }
    return texts.get((severity or "").lower(), severity or "—")


def certificate_type_text(kind: str | None) -> str:
    """An installed certificate's type in words."""
    texts = {
        "CentralSystemRootCertificate": tr("Central system root (site CA)"),
        "ManufacturerRootCertificate": tr("Manufacturer root"),
    }
    return texts.get(kind or "", kind or "—")


def expiry_text(not_after: datetime | None, now: datetime) -> str:
    """ "until 2036-12-07 (3652 days left)" or "expired on …"."""
    if not_after is None:
        return "—"
    days = (not_after - now).days
    if days < 0:
        return tr("expired on %1").replace("%1", date_text(not_after))
    return (
        tr("until %1 (%2 days left)").replace("%1", date_text(not_after)).replace("%2", str(days))
    )


def certificate_names(pem: str | None) -> list[str]:
    """The names and addresses a certificate is valid for (its subjectAltName)."""
    if not pem:
        return []
    # Imported here: only this page parses certificates, and only when it shows one.
    from cryptography import x509

    try:
        certificate = x509.load_pem_x509_certificate(pem.encode("ascii"))
        names = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except (ValueError, x509.ExtensionNotFound):
        return []
    return [str(value) for value in names.value.get_values_for_type(x509.DNSName)] + [
        str(value) for value in names.value.get_values_for_type(x509.IPAddress)
    ]
