"""The console's own operations, callable by consoles attached from other desks.

An attached console (``chargedesk --connect``) runs the same screens as the console on
the site PC; where that console calls a service operation on its engine, the attached one
sends the call here. Only the operations listed in ``OPERATIONS`` can be called; their
arguments are validated against the service method's own type hints (pydantic), the
caller's ``actor`` is always the logged-in token's (never taken from the request), and the
service checks the permission and writes the audit entry as it does for the console.

Files cross as content: a parameter that names a file the operation writes (``path`` of
an export) is given a temporary file here whose bytes go back in the answer; a file the
operation reads (firmware, a card CSV) comes in the request.
"""

from __future__ import annotations

import asyncio
import base64
import inspect
import tempfile
import typing
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from console.api.inputs import invalid
from console.api.problems import ApiProblem
from console.core.staff import Actor
from console.services.attached_calls import INPUT_FILES, OUTPUT_FILES
from console.services.engine import CentralSystem
from console.services.queries import SiteQueries
from console.services.site_ca import SiteAuthority

#: target -> operations. "queries" are the console's database reads (SiteQueries, run
#: in a worker thread); "authority" is the site CA's files (read in a worker thread).
OPERATIONS: dict[str, frozenset[str]] = {
    "admission": frozenset(
        {"add_charger", "connection_profile", "set_approval", "set_password", "unlock"}
    ),
    "alarms": frozenset({"acknowledge", "acknowledge_all"}),
    "api_tokens": frozenset({"create", "revoke", "tokens"}),
    "audit": frozenset({"check", "entries", "export"}),
    "billing": frozenset(
        {
            "cost_so_far",
            "decide_readings",
            "retire_tariff",
            "save_site_details",
            "save_tariff",
            "save_tariff_placed",
            "assign_group",
            "set_default_tariff",
            "set_visitor_tariff",
        }
    ),
    "cards": frozenset(
        {"import_cards", "next_unknown_card", "save_card", "save_person", "set_status"}
    ),
    "commands": frozenset({"reset", "send", "set_available", "unlock"}),
    "configuration": frozenset(
        {
            "apply_baseline",
            "change",
            "compare_snapshots",
            "compare_with_baseline",
            "mark_baseline",
            "read",
            "save_snapshot",
            "snapshots",
        }
    ),
    "follow_through": frozenset({"start_session", "start_visitor", "stop_session"}),
    "local_lists": frozenset({"states", "sync"}),
    "notes": frozenset({"add"}),
    "pki_upkeep": frozenset(
        {"create_signing_certificate", "import_signing_certificate", "renew_server_certificate"}
    ),
    "profile_upgrade": frozenset({"move_down", "move_up"}),
    "raw_calls": frozenset({"send"}),
    "receipts": frozenset({"issue", "record_payment", "void"}),
    "security": frozenset(
        {
            "delete_certificate",
            "extended_trigger",
            "install_ca",
            "installed_certificates",
            "issued_certificates",
            "request_charger_certificate",
            "security_events",
        }
    ),
    "backups": frozenset({"back_up_now", "save_settings", "settings", "status"}),
    "sessions": frozenset({"end_session"}),
    "staff": frozenset(
        {
            "account",
            "accounts",
            "add_account",
            "change_own_password",
            "needs_first_admin",
            "reset_password",
            "save_settings",
            "set_active",
            "set_roles",
            "settings",
            "unlock",
        }
    ),
    "transfers": frozenset({"request_diagnostics", "request_log", "update_firmware"}),
    "authority": frozenset({"ca", "server", "signing_certificate", "ca_pem", "ca_der"}),
    "queries": frozenset(
        {
            "alarms",
            "bill",
            "bills",
            "billed_departments",
            "card",
            "card_history",
            "cards",
            "chargers",
            "connection_attempts",
            "connection_history",
            "count_frames",
            "default_tariff_id",
            "energy_report",
            "export_cards",
            "export_frames",
            "file_transfers",
            "holders",
            "kept_aside",
            "monthly_statement",
            "partner_frame",
            "people",
            "person_history",
            "plan_card_import",
            "power_history",
            "receipt_by_label",
            "receipt_years",
            "receipts",
            "receipts_of_session",
            "recent_frames",
            "refused_cards",
            "running_sessions",
            "search_frames",
            "service_report",
            "sessions",
            "sessions_between",
            "sessions_of_cards",
            "site_details",
            "status_history",
            "tariff_groups",
            "tariffs",
            "technician_notes",
            "usage_heatmap",
            "usage_heatmap_totals",
            "utilisation",
            "visitor_group",
            "visitor_quote",
            "visitor_tariff_id",
            "visitors",
        }
    ),
}

#: Parameters the attached console cannot send (callbacks): the operation runs without.
LEFT_OUT = {"progress"}


@dataclass(frozen=True, slots=True)
class Operation:
    """One callable operation with the adapters of its parameters and its result."""

    target: str
    name: str
    function: Callable[..., Any]
    parameters: dict[str, TypeAdapter[Any]]
    required: frozenset[str]
    result: TypeAdapter[Any] | None
    takes_actor: bool
    is_property: bool


def _owner(engine: CentralSystem, target: str) -> Any:
    if target == "authority":
        return engine.authority
    return getattr(engine, target, None)


@cache
def _operation(owner_type: type, target: str, name: str) -> Operation:
    attribute = inspect.getattr_static(owner_type, name)
    if isinstance(attribute, property):
        assert attribute.fget is not None
        hints = typing.get_type_hints(attribute.fget)
        return Operation(
            target, name, attribute.fget, {}, frozenset(), _adapter(hints), False, True
        )
    function = getattr(owner_type, name)
    hints = typing.get_type_hints(function)
    signature = inspect.signature(function)
    parameters: dict[str, TypeAdapter[Any]] = {}
    required: set[str] = set()
    takes_actor = False
    for parameter in list(signature.parameters.values())[1:]:
        if parameter.name == "actor":
            takes_actor = True
            continue
        if parameter.name in LEFT_OUT:
            continue
        parameters[parameter.name] = TypeAdapter(hints.get(parameter.name, Any))
        if parameter.default is inspect.Parameter.empty:
            required.add(parameter.name)
    return Operation(
        target, name, function, parameters, frozenset(required), _adapter(hints), takes_actor, False
    )


def _adapter(hints: dict[str, Any]) -> TypeAdapter[Any] | None:
    result = hints.get("return")
    return None if result is None or result is type(None) else TypeAdapter(result)


def find(
    engine: CentralSystem, queries: SiteQueries, target: str, name: str
) -> tuple[Any, Operation]:
    """The object to call and the operation, or a 404 problem when it is not callable here."""
    if name not in OPERATIONS.get(target, frozenset()):
        raise ApiProblem(
            404,
            "No such console operation",
            f"{target}.{name} is not an operation an attached console may call; is this "
            "console the same version as the site's ChargeDesk?",
            kind="console-operation",
        )
    owner = queries if target == "queries" else _owner(engine, target)
    if owner is None:
        raise ApiProblem(
            409,
            "Not available on this site",
            f"This ChargeDesk runs without {target} (no site CA: wss:// is off).",
            kind="console-unavailable",
        )
    owner_type: type = SiteAuthority if target == "authority" else type(owner)
    return owner, _operation(owner_type, target, name)


async def invoke(
    owner: Any,
    operation: Operation,
    arguments: dict[str, Any],
    files: dict[str, str],
    actor: Actor,
) -> tuple[Any, bytes | None]:
    """Call ``operation`` with validated ``arguments``; its JSON result and any file it wrote."""
    unknown = sorted(set(arguments) - set(operation.parameters))
    if unknown:
        raise ApiProblem(
            422,
            "Invalid input",
            f"{operation.target}.{operation.name} takes no argument {', '.join(unknown)}.",
            kind="invalid-input",
        )
    kwargs: dict[str, Any] = {}
    for name, adapter in operation.parameters.items():
        if name in arguments:
            try:
                kwargs[name] = adapter.validate_python(arguments[name])
            except ValidationError as error:
                raise invalid(error, f"args.{name}") from None
    key = (operation.target, operation.name)
    with tempfile.TemporaryDirectory(prefix="chargedesk-console-") as folder:
        output = OUTPUT_FILES.get(key)
        if output is not None:
            kwargs[output] = Path(folder) / "output"
        given = INPUT_FILES.get(key)
        if given is not None:
            if given not in files:
                raise ApiProblem(
                    422, "Invalid input", f"Send the file {given}.", kind="invalid-input"
                )
            path = Path(folder) / Path(str(arguments.get(given, "upload"))).name
            await asyncio.to_thread(path.write_bytes, base64.b64decode(files[given]))
            kwargs[given] = path
        missing = sorted(operation.required - set(kwargs))
        if missing:
            raise ApiProblem(
                422, "Invalid input", f"Give {', '.join(missing)}.", kind="invalid-input"
            )
        if operation.takes_actor:
            kwargs["actor"] = actor
        result = await _run(owner, operation, kwargs)
        written = None
        if output is not None and kwargs[output].exists():
            written = await asyncio.to_thread(kwargs[output].read_bytes)
    if isinstance(result, bytes):
        return None, result  # binary results (a DER certificate) travel as a file
    if operation.result is None:
        return None, written
    return operation.result.dump_python(_portable(result), mode="json"), written


async def _run(owner: Any, operation: Operation, kwargs: dict[str, Any]) -> Any:
    if operation.target in ("queries", "authority"):
        # Database reads and the CA's files: off the engine loop.
        if operation.is_property:
            return await asyncio.to_thread(operation.function, owner)
        if operation.name == "export_frames":
            from console.services.message_export import ExportProgress

            kwargs["progress"] = ExportProgress()
        return await asyncio.to_thread(lambda: operation.function(owner, **kwargs))
    result = operation.function(owner, **kwargs)
    if inspect.isawaitable(result):
        result = await result
    return result


def _portable(result: Any) -> Any:
    """Values JSON cannot carry, made portable (a statement's zone goes by its name)."""
    if hasattr(result, "tz") and hasattr(result, "sections"):
        return replace(result, tz=None)
    return result
