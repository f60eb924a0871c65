"""The rule that keeps permissions and the audit log complete: every public async method
of a service that writes through the engine's writer takes ``actor`` (keyword-only).

Methods that only read, and the engine's own handlers of what chargers send (they act
for no person), are listed below by name; a new method must either take ``actor`` or be
added here with the reason it needs none.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import console.services

# Writes go through these: the writer itself, or the helpers wrapping it.
WRITES = re.compile(r"_writer\.(submit|insert_rows|append_rows)|submit_checked\(|audited_write\(")

#: "Class.method": why it takes no actor.
NO_ACTOR = {
    # reads (through the writer's connection, for a consistent view)
    "AdmissionService.approval_of": "read",
    "ApiTokenService.tokens": "read",
    "BackupService.settings": "read",
    "BackupService.status": "read",
    "ApiTokenService.resolve": "API authentication: no person yet (writes only the last use)",
    "ConfigurationService.snapshots": "read",
    "ConfigurationService.snapshot": "read",
    "ConfigurationService.baseline_for": "read",
    "ConfigurationService.compare_snapshots": "read",
    "ConfigurationService.compare_with_baseline": "read (GetConfiguration)",
    "ConfigurationService.read": "read (GetConfiguration)",
    "LocalListService.states": "read",
    "NoteService.list": "read",
    "ReceiptService.receipt": "read",
    "BillingService.cost_so_far": "read",
    "BillingService.bill": "read",
    "BillingService.tariffs": "read",
    "MessageLogService.start": "read at start",
    # the engine's own work: what chargers send, start-up, housekeeping, reconciles
    "AdmissionService.check_handshake": "charger handshake",
    "AdmissionService.record_refusal": "charger handshake",
    "AdmissionService.charger_connected": "charger connection",
    "AdmissionService.charger_disconnected": "charger connection",
    "AdmissionService.flush_seen": "housekeeping",
    "AlarmService.start": "start-up",
    "AlarmService.raise_condition": "the engine's own alarms",
    "AlarmService.clear_condition": "the engine's own alarms",
    "BillingService.bill_session": "billing follows the charger's StopTransaction",
    "BillingService.rebill_late_stop": "billing follows the charger's StopTransaction",
    "BillingService.bill_backlog": "start-up",
    "ChargingService.boot": "charger message",
    "ChargingService.status": "charger message",
    "ChargingService.authorize": "charger message",
    "ChargingService.start_transaction": "charger message",
    "ChargingService.stop_transaction": "charger message",
    "ChargingService.meter_values": "charger message",
    "ChargingService.notice": "charger message",
    "HandshakeJudge.judge": "charger handshake",
    "LocalListService.reconcile": "the lists follow the cards on their own",
    "MeterIntake.store": "charger message",
    "SessionService.end_sessions_left_available": "the watchdog (ChargeDesk itself)",
    "StorageWatch.maintain": "housekeeping",
    "TransferService.start": "start-up",
    "TransferService.on_notice": "charger message",
    "VisitorService.retire_token": "the engine retires a visitor's token",
    "VisitorService.retire_unused": "housekeeping",
    "CentralSystem.start": "start-up",
    "ChargerSecurityService.sign_certificate": "charger message (SignCertificate)",
    "ChargerSecurityService.issued_certificates": "read",
    "SecurityEventService.record": "charger message (SecurityEventNotification)",
    "SecurityEventService.events": "read",
    # staff accounts: before anyone is logged in, or the person proves who they are
    "StaffService.needs_first_admin": "read",
    "StaffService.accounts": "read",
    "StaffService.account": "read",
    "StaffService.settings": "read",
    "StaffService.create_first_admin": "first start: nobody to log in yet",
    "StaffService.ensure_demo_accounts": "the demo's set-up",
    "StaffService.change_own_password": "the person gives their own password",
    "LoginGate.login": "the login itself (audited as staff.login)",
}


def _service_methods() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for module_info in pkgutil.iter_modules(console.services.__path__):
        module = importlib.import_module(f"console.services.{module_info.name}")
        for cls_name, cls in vars(module).items():
            if not inspect.isclass(cls) or cls.__module__ != module.__name__:
                continue
            for klass in cls.__mro__:
                if not klass.__module__.startswith("console.services"):
                    continue
                for name, member in vars(klass).items():
                    if not name.startswith("_") and inspect.iscoroutinefunction(member):
                        found.append((f"{cls_name}.{name}", member))
    return found


def test_every_public_async_write_takes_an_actor() -> None:
    missing = []
    for qualified, method in _service_methods():
        source = inspect.getsource(method)  # type: ignore[arg-type]
        if qualified in NO_ACTOR or not WRITES.search(source):
            continue
        parameter = inspect.signature(method).parameters.get("actor")  # type: ignore[arg-type]
        if parameter is None or parameter.kind is not inspect.Parameter.KEYWORD_ONLY:
            missing.append(qualified)
    assert not missing, f"take `*, actor: Actor` (or list in NO_ACTOR why not): {missing}"


def test_the_list_of_exceptions_names_methods_that_exist() -> None:
    known = {qualified for qualified, _method in _service_methods()}
    assert not set(NO_ACTOR) - known
