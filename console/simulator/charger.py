"""The simulated OCPP 1.6J charge point."""

from __future__ import annotations

from console.simulator.security import SecurityMixin


class SimulatedCharger(SecurityMixin):
    """An OCPP 1.6J charge point that behaves like a real one, for demos and tests.

    ``SimulatedCharger(charger_id, url, connectors=2, kind="AC", power_kw=None,
    password=None, meter_interval=10.0, **options)`` connects to ``url`` with the
    charger id appended as last path segment (HTTP Basic auth with the id as user
    name when ``password`` is set), boots (retrying while Pending/Rejected), reports
    every connector's status and sends heartbeats. Drive it with ``start_session``,
    ``stop_session``, ``fault``, ``go_offline``/``come_back``; it answers all 19
    central-system commands of OCPP 1.6 and those of its security extension.

    Keyword options (all optional):
      vendor, model, serial, firmware -- BootNotification strings.
      subprotocols -- offered in order, default ``("ocpp1.6",)``.
      reconnect -- re-open a lost connection (else stay offline until ``come_back``).
      heartbeat_interval -- override the interval the boot reply gives.
      boot_retry_floor -- least wait before re-sending a Pending/Rejected boot.
      reconnect_delay, reconnect_max_delay -- exponential back-off bounds.
      response_timeout -- seconds to wait for a reply to each call.
      retry_interval -- wait before re-sending an unanswered transaction message.
      authorize_before_start -- send Authorize before a local start.
      allow_offline_tx -- AllowOfflineTxForUnknownId: start offline for unknown cards.
      supports_local_list -- without it SendLocalList answers NotSupported.
      local_list_max_length, send_local_list_max_length -- LocalAuthListMaxLength and
        SendLocalListMaxLength: entries held in all and per SendLocalList (else Failed).
      unlock_supported -- without it UnlockConnector answers NotSupported.
      soc_start -- DC: the car's SoC at plug-in (else random 20-60 %).
      battery_kwh -- DC: the car's battery, for the SoC curve.
      speed -- simulated seconds per real second for energy and SoC (timestamps
        stay real), so tests see energy and SoC move within milliseconds.
      seed -- makes jitter, SoC and meter registers reproducible.
      validate_messages -- validate our calls against the OCPP JSON schemas.
      clock_offset -- seconds the charger's clock is off (its message timestamps).

    Security extension (1.6 edition 3; see ``security.py`` for the rules):
      security_profile -- 0..3 (default: 2, or 3 with ``cert``, for a wss:// URL;
        else 1 with a ``password``, the AuthorizationKey, or 0).
      ca -- PEM text or file of the CentralSystemRootCertificate(s) wss trusts.
      cert, key -- PEM text or files of the ChargePointCertificate (profile 3).
      urls -- {profile: base URL}; tls_port -- the wss port for a ws->wss swap.
      check_hostname -- check the server certificate names the host (default on).
      cpo_name -- CpoName, the O of our certificate signing requests.
      profile_attempts -- failed connections with a new profile before falling back.
      security_events -- "off" (default), "critical" or "all": which security events
        are sent as SecurityEventNotification (all are logged; GetLog SecurityLog).
      certificate_store_max_length, certificate_signed_max_chain_size -- limits.

    For tests: ``received`` (commands, in order), ``sent`` (calls per action),
    ``replies``, ``queued``, ``accepted``, ``connected``, ``status()``,
    ``transaction_id()``, and ``wait_for(predicate)`` / ``wait_booted()`` /
    ``wait_delivered()`` to wait on state instead of sleeping. ``call(payload)``
    and ``send_raw(frame)`` send anything, for repeated or malformed messages.
    ``send_security_event(type, tech_info)`` sends one security event on demand,
    ``set_clock(offset)`` sets the clock (SettingSystemTime), ``certificates`` is the
    certificate store and ``security_log`` the security log.
    """
