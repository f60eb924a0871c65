"""Errors as problem details (RFC 9457), and which service errors become which status.

A service raises the error a person can read (``PermissionDenied``, ``BillingError``…);
the API turns it into a problem with that message as ``detail``. Resources register
their own domain errors with ``register``; anything not registered is a 500 whose detail
names a reference to the log line, never a stack trace.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from typing import Any

import orjson
from aiohttp import web

from console.core.billing import BillingError
from console.core.cards import InvalidCardId
from console.core.staff import PermissionDenied
from console.core.staff_accounts import AccountNotFound, FirstAdminExists, StaffInputError
from console.services.admission import ChargerInputError
from console.services.cards import CardNotFound
from console.services.csv_text import CsvFormatError
from console.services.security_profiles import SecurityProfileError
from console.services.sessions import SessionError
from console.services.site_ca_checks import CsrRefused, PkiError
from console.services.statements import StatementError

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class ApiProblem(Exception):
    """An HTTP error with problem details; raise it from a handler."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str = "",
        *,
        kind: str = "",
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or title)
        self.status = status
        self.title = title
        self.detail = detail
        self.kind = kind
        self.headers = headers or {}
        self.extra = extra

    def body(self, instance: str) -> dict[str, Any]:
        """The problem details object."""
        return {
            "type": f"urn:chargedesk:problem:{self.kind}" if self.kind else "about:blank",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "instance": instance,
            **self.extra,
        }


def not_found(what: str) -> ApiProblem:
    """A 404 that says what was not found (``what``: "charger CP-9")."""
    return ApiProblem(404, "Not found", f"There is no {what}.", kind="not-found")


@dataclass(frozen=True, slots=True)
class _Mapping:
    status: int
    title: str
    kind: str


# Domain errors whose message is written for a person (checked in order: subclasses
# before their bases).
_MAPPINGS: list[tuple[type[BaseException], _Mapping]] = []


def register(error: type[BaseException], status: int, title: str, kind: str) -> None:
    """Answer ``error`` (and its subclasses) with ``status``; its message is the detail."""
    _MAPPINGS.insert(0, (error, _Mapping(status, title, kind)))


for _error, _status, _title, _kind in (
    (BillingError, 409, "Not possible now", "billing"),
    (StatementError, 409, "Not possible now", "statement"),
    (SessionError, 409, "Not possible now", "session"),
    (InvalidCardId, 422, "Invalid card id", "card-id"),
    (CardNotFound, 404, "Not found", "not-found"),
    (AccountNotFound, 404, "Not found", "not-found"),
    (StaffInputError, 422, "Not accepted", "staff-input"),
    (FirstAdminExists, 409, "Not possible now", "staff-input"),
    (ChargerInputError, 422, "Not accepted", "charger-input"),
    (SecurityProfileError, 409, "Not possible now", "security-profile"),
    (CsvFormatError, 422, "Not accepted", "csv"),
    (CsrRefused, 422, "Not accepted", "csr"),
    (PkiError, 409, "Not possible now", "pki"),
):
    register(_error, _status, _title, _kind)


def problem_of(error: BaseException) -> ApiProblem:
    """The problem to answer ``error`` with."""
    if isinstance(error, ApiProblem):
        return error
    if isinstance(error, PermissionDenied):
        return ApiProblem(
            403, "Not allowed", str(error), kind="permission", needs_role=error.role.value
        )
    for kind, mapping in _MAPPINGS:
        if isinstance(error, kind):
            return ApiProblem(mapping.status, mapping.title, str(error), kind=mapping.kind)
    if isinstance(error, TimeoutError):
        return ApiProblem(
            504, "Timed out", "ChargeDesk did not finish this in time; try again.", kind="timeout"
        )
    reference = secrets.token_hex(4)
    log.error("API request failed (reference %s)", reference, exc_info=error)
    return ApiProblem(
        500,
        "Internal error",
        f"ChargeDesk could not do this. The log has the details under reference {reference}.",
        kind="internal",
        reference=reference,
    )


def problem_response(problem: ApiProblem, instance: str) -> web.Response:
    """The HTTP response of ``problem``."""
    return web.Response(
        status=problem.status,
        body=orjson.dumps(problem.body(instance)),
        content_type=PROBLEM_JSON,
        headers=problem.headers,
    )
