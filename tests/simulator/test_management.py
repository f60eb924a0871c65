"""Management commands: configuration, local list, smart charging, diagnostics, firmware."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ocpp.v16 import call
from sim_helpers import iso, profile

from console.simulator import SimulatedCharger

if TYPE_CHECKING:
    from conftest import MiniCentral

Factory = Callable[..., SimulatedCharger]


def last_status(central: MiniCentral, connector_id: int) -> str | None:
    found = [s for s in central.of("StatusNotification") if s["connector_id"] == connector_id]
    return found[-1]["status"] if found else None


async def test_configuration_keys(central: MiniCentral, booted: SimulatedCharger) -> None:
    everything = await central.call("CP-1", call.GetConfiguration())
    keys = {k["key"]: k for k in everything.configuration_key}
    for key in (
        "HeartbeatInterval",
        "MeterValueSampleInterval",
        "LocalAuthListEnabled",
        "LocalAuthListMaxLength",
        "SupportedFeatureProfiles",
        "NumberOfConnectors",
        "AuthorizeRemoteTxRequests",
        "MeterValuesSampledData",
        "ConnectionTimeOut",
        "StopTransactionOnInvalidId",
    ):
        assert key in keys
    assert keys["NumberOfConnectors"] == {
        "key": "NumberOfConnectors",
        "readonly": True,
        "value": "2",
    }
    assert "LocalAuthListManagement" in keys["SupportedFeatureProfiles"]["value"]

    async def change(key: str, value: str) -> str:
        return str(
            (await central.call("CP-1", call.ChangeConfiguration(key=key, value=value))).status
        )

    assert await change("MeterValueSampleInterval", "30") == "Accepted"
    assert booted.meter_interval == 30.0
    assert await change("WebSocketPingInterval", "30") == "RebootRequired"
    assert await change("NumberOfConnectors", "4") == "Rejected"
    assert await change("HeartbeatInterval", "soon") == "Rejected"
    assert await change("FluxCapacitor", "1.21") == "NotSupported"
    assert await change("heartbeatinterval", "45") == "Accepted"  # keys ignore case
    assert booted.heartbeat_s == 45


async def test_local_list_full_differential_and_offline_use(
    central: MiniCentral, booted: SimulatedCharger
) -> None:
    def entry(tag: str, status: str | None) -> dict[str, Any]:
        return (
            {"id_tag": tag}
            if status is None
            else {"id_tag": tag, "id_tag_info": {"status": status}}
        )

    async def send(version: int, kind: str, entries: list[dict[str, Any]]) -> str:
        reply = await central.call(
            "CP-1",
            call.SendLocalList(
                list_version=version, update_type=kind, local_authorization_list=entries
            ),
        )
        return str(reply.status)

    assert await send(3, "Full", [entry("A", "Accepted"), entry("B", "Blocked")]) == "Accepted"
    assert (await central.call("CP-1", call.GetLocalListVersion())).list_version == 3
    assert await send(4, "Differential", [entry("A", None), entry("C", "Accepted")]) == "Accepted"
    assert booted.local_list == {"B": "Blocked", "C": "Accepted"}
    assert await send(4, "Differential", [entry("D", "Accepted")]) == "VersionMismatch"
    assert await send(2, "Full", [entry("E", "Accepted")]) == "Accepted"  # a full list replaces
    assert booted.local_list == {"E": "Accepted"} and booted.local_auth.version == 2

    await send(5, "Full", [entry("blocked-card", "Blocked")])
    await booted.go_offline()
    assert await booted.start_session(1, "BLOCKED-CARD") is None  # the list decides offline
    assert await booted.start_session(1, "UNKNOWN") is not None  # AllowOfflineTxForUnknownId


async def test_local_list_not_supported(central: MiniCentral, make_charger: Factory) -> None:
    charger = make_charger(supports_local_list=False)
    await charger.start()
    assert (await central.call("CP-1", call.GetLocalListVersion())).list_version == -1
    reply = await central.call(
        "CP-1", call.SendLocalList(list_version=1, update_type="Full", local_authorization_list=[])
    )
    assert reply.status == "NotSupported"
    config = await central.call("CP-1", call.GetConfiguration(key=["LocalAuthListEnabled"]))
    assert config.unknown_key == ["LocalAuthListEnabled"]


async def test_charging_profiles_limit_power(
    central: MiniCentral, booted: SimulatedCharger
) -> None:
    # 10 A on three phases: 6.9 kW instead of the rated 11 kW.
    reply = await central.call(
        "CP-1",
        call.SetChargingProfile(
            connector_id=1, cs_charging_profiles=profile("TxDefaultProfile", 10.0, unit="A")
        ),
    )
    assert reply.status == "Accepted"
    await booted.start_session(1, "CARD")
    n = len(central.of("MeterValues"))
    await central.wait_for(lambda: len(central.of("MeterValues")) >= n + 2)
    power = float(central.of("MeterValues")[-1]["meter_value"][0]["sampled_value"][1]["value"])
    assert power <= 6_900

    composite = await central.call(
        "CP-1", call.GetCompositeSchedule(connector_id=1, duration=300, charging_rate_unit="A")
    )
    assert composite.status == "Accepted"
    assert composite.charging_schedule["charging_schedule_period"][0]["limit"] == 10.0

    # A TxProfile of 0 W suspends the session; clearing it resumes.
    tx_profile = profile("TxProfile", 0.0, profile_id=2, stack_level=1)
    reply = await central.call(
        "CP-1", call.SetChargingProfile(connector_id=1, cs_charging_profiles=tx_profile)
    )
    assert reply.status == "Accepted"
    await central.wait_for(lambda: last_status(central, 1) == "SuspendedEVSE")
    assert (await central.call("CP-1", call.ClearChargingProfile(id=2))).status == "Accepted"
    await central.wait_for(lambda: last_status(central, 1) == "Charging")
    assert (await central.call("CP-1", call.ClearChargingProfile(id=2))).status == "Unknown"

    no_session = await central.call(
        "CP-1",
        call.SetChargingProfile(connector_id=2, cs_charging_profiles=profile("TxProfile", 1.0)),
    )
    assert no_session.status == "Rejected"


async def test_diagnostics_and_firmware_status_sequences(
    central: MiniCentral, booted: SimulatedCharger
) -> None:
    await central.call("CP-1", call.GetDiagnostics(location="ftp://diag.invalid/"))
    await central.wait_for(lambda: len(central.of("DiagnosticsStatusNotification")) == 2)
    assert [d["status"] for d in central.of("DiagnosticsStatusNotification")] == [
        "Uploading",
        "Uploaded",
    ]

    await central.call(
        "CP-1", call.UpdateFirmware(location="https://fw.invalid/fw-2.0.bin", retrieve_date=iso())
    )
    await central.wait_for(lambda: len(central.of("FirmwareStatusNotification")) == 4)
    assert [f["status"] for f in central.of("FirmwareStatusNotification")] == [
        "Downloading",
        "Downloaded",
        "Installing",
        "Installed",
    ]
    # Installed comes after the reboot into the new firmware.
    boots = central.of("BootNotification")
    assert len(boots) == 2 and boots[-1]["firmware_version"] == "fw-2.0"
    actions = central.actions()
    last_boot = max(i for i, a in enumerate(actions) if a == "BootNotification")
    last_firmware = max(i for i, a in enumerate(actions) if a == "FirmwareStatusNotification")
    assert last_firmware > last_boot


async def test_data_transfer_handler(central: MiniCentral, booted: SimulatedCharger) -> None:
    booted.data_transfer_handler = lambda vendor, message, data: (
        ("Accepted", f"echo:{data}") if vendor == "com.acme" else ("UnknownVendorId", None)
    )
    reply = await central.call("CP-1", call.DataTransfer(vendor_id="com.acme", data="hi"))
    assert (reply.status, reply.data) == ("Accepted", "echo:hi")
    other = await central.call("CP-1", call.DataTransfer(vendor_id="org.other"))
    assert other.status == "UnknownVendorId"
