"""Configuration keys (GetConfiguration / ChangeConfiguration) of a simulated charger."""

from __future__ import annotations

from dataclasses import dataclass

from ocpp.v16.enums import Measurand

_MEASURANDS = frozenset(m.value for m in Measurand)


@dataclass
class Setting:
    """One configuration key: its value as OCPP carries it (a string) and its rules."""

    key: str
    value: str
    kind: str = "str"  # "bool" | "int" | "str" | "measurands"
    readonly: bool = False
    reboot_required: bool = False
    # Write-only (AuthorizationKey): GetConfiguration lists the key without its value.
    writeonly: bool = False

    def accepts(self, value: str) -> bool:
        """Whether ``value`` is well-formed for this key."""
        if self.kind == "bool":
            return value.lower() in ("true", "false")
        if self.kind == "int":
            try:
                return int(value) >= 0
            except ValueError:
                return False
        if self.kind == "measurands":
            items = [v.strip() for v in value.split(",") if v.strip()]
            return all(item in _MEASURANDS for item in items)
        return True


def default_settings(
    connectors: int,
    kind: str,
    *,
    heartbeat_interval: int,
    meter_interval: str,
    allow_offline_tx: bool,
    supports_local_list: bool,
    retry_interval: int,
    local_list_max_length: int = 1000,
    send_local_list_max_length: int = 250,
) -> list[Setting]:
    """A realistic key set for a charger supporting the 1.6 feature profiles it claims."""
    profiles = ["Core", "FirmwareManagement", "Reservation", "SmartCharging", "RemoteTrigger"]
    if supports_local_list:
        profiles.insert(2, "LocalAuthListManagement")
    sampled = "Energy.Active.Import.Register,Power.Active.Import"
    if kind == "DC":
        sampled += ",SoC"
    settings = [
        Setting("AllowOfflineTxForUnknownId", _b(allow_offline_tx), "bool"),
        Setting("AuthorizationCacheEnabled", "true", "bool"),
        Setting("AuthorizeRemoteTxRequests", "false", "bool"),
        Setting("ClockAlignedDataInterval", "0", "int"),
        Setting("ConnectionTimeOut", "60", "int"),
        Setting("ConnectorPhaseRotation", ",".join(f"{i}.RST" for i in range(connectors + 1))),
        Setting("GetConfigurationMaxKeys", "64", "int", readonly=True),
        Setting("HeartbeatInterval", str(heartbeat_interval), "int"),
        Setting("LocalAuthorizeOffline", "true", "bool"),
        Setting("LocalPreAuthorize", "false", "bool"),
        Setting("MeterValuesAlignedData", "Energy.Active.Import.Register", "measurands"),
        Setting("MeterValuesSampledData", sampled, "measurands"),
        Setting("MeterValueSampleInterval", meter_interval, "int"),
        Setting("MinimumStatusDuration", "0", "int"),
        Setting("NumberOfConnectors", str(connectors), "int", readonly=True),
        Setting("ResetRetries", "3", "int"),
        Setting("StopTransactionOnEVSideDisconnect", "true", "bool"),
        Setting("StopTransactionOnInvalidId", "true", "bool"),
        Setting("StopTxnAlignedData", "", "measurands"),
        Setting("StopTxnSampledData", "Energy.Active.Import.Register", "measurands"),
        Setting("SupportedFeatureProfiles", ",".join(profiles), readonly=True),
        Setting("TransactionMessageAttempts", "3", "int"),
        Setting("TransactionMessageRetryInterval", str(retry_interval), "int"),
        Setting("UnlockConnectorOnEVSideDisconnect", "true", "bool"),
        # The socket is only re-opened with new ping settings on the next boot.
        Setting("WebSocketPingInterval", "60", "int", reboot_required=True),
        Setting("ReserveConnectorZeroSupported", "false", "bool", readonly=True),
        Setting("ChargeProfileMaxStackLevel", "8", "int", readonly=True),
        Setting("ChargingScheduleAllowedChargingRateUnit", "Current,Power", readonly=True),
        Setting("ChargingScheduleMaxPeriods", "24", "int", readonly=True),
        Setting("ConnectorSwitch3to1PhaseSupported", "false", "bool", readonly=True),
        Setting("MaxChargingProfilesInstalled", "16", "int", readonly=True),
    ]
    if supports_local_list:
        settings += [
            Setting("LocalAuthListEnabled", "true", "bool"),
            Setting("LocalAuthListMaxLength", str(local_list_max_length), "int", readonly=True),
            Setting(
                "SendLocalListMaxLength", str(send_local_list_max_length), "int", readonly=True
            ),
        ]
    return settings


def _b(value: bool) -> str:
    return "true" if value else "false"


class Configuration:
    """The charger's configuration keys; keys are matched case-insensitively."""

    def __init__(self, settings: list[Setting]) -> None:
        self._settings = {s.key.casefold(): s for s in settings}

    def get(self, keys: list[str] | None = None) -> tuple[list[dict[str, object]], list[str]]:
        """GetConfiguration: (configurationKey entries, unknownKey list)."""
        if not keys:
            return [self._entry(s) for s in self._settings.values()], []
        known, unknown = [], []
        for key in keys:
            setting = self._settings.get(key.casefold())
            if setting is None:
                unknown.append(key)
            else:
                known.append(self._entry(setting))
        return known, unknown

    def change(self, key: str, value: str) -> str:
        """ChangeConfiguration: apply and return the OCPP ConfigurationStatus."""
        setting = self._settings.get(key.casefold())
        if setting is None:
            return "NotSupported"
        if setting.readonly or not setting.accepts(value):
            return "Rejected"
        setting.value = value.lower() if setting.kind == "bool" else value
        return "RebootRequired" if setting.reboot_required else "Accepted"

    def set(self, key: str, value: str) -> None:
        """Set a value from inside the charger (e.g. the interval a boot reply gave)."""
        self._settings[key.casefold()].value = value

    def value(self, key: str, default: str = "") -> str:
        """The current value of ``key``, or ``default`` if the key does not exist."""
        setting = self._settings.get(key.casefold())
        return default if setting is None else setting.value

    def flag(self, key: str, default: bool = False) -> bool:
        """A boolean key's value."""
        return self.value(key, _b(default)).lower() == "true"

    def integer(self, key: str, default: int = 0) -> int:
        """An integer key's value."""
        try:
            return int(self.value(key, str(default)))
        except ValueError:
            return default

    def as_dict(self) -> dict[str, str]:
        """All keys and values, for display and tests."""
        return {s.key: s.value for s in self._settings.values() if not s.writeonly}

    def add(self, settings: list[Setting]) -> None:
        """Add keys (a layer of the charger that brings its own, e.g. the security extension)."""
        for setting in settings:
            self._settings[setting.key.casefold()] = setting

    @staticmethod
    def _entry(setting: Setting) -> dict[str, object]:
        if setting.writeonly:
            # KeyValue.value is optional in 1.6: the key exists, its value is not told.
            return {"key": setting.key, "readonly": False}
        return {"key": setting.key, "readonly": setting.readonly, "value": setting.value}
