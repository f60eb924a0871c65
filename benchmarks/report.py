"""Ratios, targets and the printed table of a benchmark run."""

from __future__ import annotations

import copy
import statistics
from typing import Any

CHARGEDESK = "chargedesk"
PLAIN = "plain"

# (key, label, which way is better); ratios are always ChargeDesk / plain.
FIGURES: list[tuple[str, str, str]] = [
    ("calls_per_s", "calls/s", "higher"),
    ("metervalues_per_s", "MeterValues/s", "higher"),
    ("latency.p50_ms", "reply latency p50 ms", "lower"),
    ("latency.p99_ms", "reply latency p99 ms", "lower"),
    ("loop_lag_p99_ms", "server loop lag p99 ms", "lower"),
    ("memory_per_charger_kib", "memory per charger KiB", "lower"),
    ("server_cpu_us_per_call", "server CPU us per call", "lower"),
]
STEADY_P99_TARGET_MS = 50.0


def figure(result: dict[str, Any] | None, key: str) -> float | None:
    """A dotted key of a result, or None when it is not there (or the run failed)."""
    value: Any = result
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return float(value) if isinstance(value, int | float) else None


def combine_repeats(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """One result from repeated measurements of one server: the median of each figure.

    Other fields come from the repeat with the median calls/s; ``connected_at_end`` is the
    worst repeat's, and each repeat's figures are kept under ``repeats``.
    """
    if len(samples) == 1:
        return samples[0]
    ok = [sample for sample in samples if sample.get("status") == "ok"]
    if not ok:
        return samples[0]
    ok.sort(key=lambda sample: figure(sample, "calls_per_s") or 0.0)
    combined = copy.deepcopy(ok[len(ok) // 2])
    for key, _, _ in FIGURES:
        values = [v for v in (figure(sample, key) for sample in ok) if v is not None]
        if values:
            _set(combined, key, round(statistics.median(values), 3))
    combined["connected_at_end"] = min(sample["connected_at_end"] for sample in ok)
    combined["repeats"] = [
        {"status": sample.get("status"), **{key: figure(sample, key) for key, _, _ in FIGURES}}
        for sample in samples
    ]
    if len(ok) < len(samples):
        combined["status"] = "some repeats failed"
        combined["error"] = next(s.get("error") for s in samples if s.get("status") != "ok")
    return combined


def _set(result: dict[str, Any], key: str, value: float) -> None:
    *parents, last = key.split(".")
    for part in parents:
        result = result[part]
    result[last] = value


def ratios(chargedesk: dict[str, Any] | None, plain: dict[str, Any] | None) -> dict[str, Any]:
    """ChargeDesk / plain for each figure (None where either is missing or plain is 0)."""
    out: dict[str, Any] = {}
    for key, _, _ in FIGURES:
        a, b = figure(chargedesk, key), figure(plain, key)
        out[key] = round(a / b, 3) if a is not None and b else None
    return out


def targets(runs: list[dict[str, Any]], mode: str) -> list[dict[str, Any]]:
    """The design targets this invocation can speak to, each with its verdict."""
    verdicts: list[dict[str, Any]] = []
    for run in runs:
        cd = run["results"].get(CHARGEDESK)
        ok_cd = cd is not None and cd.get("status") == "ok"
        if run["chargers"] == 100 and mode == "flood":
            ratio = run["ratios"].get("metervalues_per_s")
            verdicts.append(
                {
                    "target": "100 chargers flood: ChargeDesk MeterValues/s >= plain",
                    "value": ratio,
                    "verdict": "not measured" if ratio is None else _pass(ratio >= 1.0),
                }
            )
        if run["chargers"] == 1000 and mode == "steady":
            p99 = figure(cd, "latency.p99_ms")
            connected = cd.get("connected_at_end") if ok_cd and cd else None
            verdict = "not measured"
            if ok_cd and p99 is not None:
                verdict = _pass(connected == 1000 and p99 < STEADY_P99_TARGET_MS)
            verdicts.append(
                {
                    "target": "1000 chargers steady: all connected, p99 reply < 50 ms",
                    "value": {"connected_at_end": connected, "p99_ms": p99},
                    "verdict": verdict,
                }
            )
    return verdicts


def _loadgen_lagged(result: dict[str, Any]) -> bool:
    """Whether the load generator's own lag is large enough to blur the latencies."""
    lag = figure(result, "loadgen_loop_lag_p99_ms") or 0.0
    p99 = figure(result, "latency.p99_ms") or 0.0
    return lag > max(20.0, 0.1 * p99)


def _pass(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _cell(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"


def _info(result: dict[str, Any] | None, key: str) -> str:
    if result is None:
        return "-"
    if result.get("status") != "ok":
        return "-"
    if key.endswith("_pct"):
        value = figure(result, key)
        return "-" if value is None else f"{value:.0f}"
    if key == "connected":
        return f"{result['connected_at_end']}/{result['chargers']}"
    if key == "errors":
        return str(sum(result.get("errors", {}).values()))
    if key == "deflate":
        return f"{result['compression_negotiated']}/{result['chargers']}"
    return _cell(figure(result, key))


def render(report: dict[str, Any]) -> str:
    """The human-readable table of a whole run."""
    cfg = report["config"]
    lines = [
        f"mode {cfg['mode']}, compression {cfg['compression']} (client offers "
        f"{'permessage-deflate' if cfg['compression'] == 'on' else 'none'}), "
        f"warm-up {cfg['warmup']} s, window {cfg['seconds']} s, median of {cfg['repeat']}",
    ]
    for run in report["runs"]:
        cd, plain = run["results"].get(CHARGEDESK), run["results"].get(PLAIN)
        lines += ["", f"N = {run['chargers']} chargers"]
        lines.append(f"  {'figure':<26}{'ChargeDesk':>14}{'plain ocpp':>14}{'CD/plain':>10}")
        for key, label, better in FIGURES:
            ratio = run["ratios"].get(key)
            ratio_cell = "-" if ratio is None else f"{ratio:.2f}"
            lines.append(
                f"  {label:<26}{_cell(figure(cd, key)):>14}{_cell(figure(plain, key)):>14}"
                f"{ratio_cell:>10}  ({better} is better)"
            )
        for key, label in (
            ("connected", "connected at end"),
            ("deflate", "deflate negotiated"),
            ("server_cpu_pct", "server CPU % (window)"),
            ("loadgen_cpu_pct", "loadgen CPU % (window)"),
            ("loadgen_loop_lag_p99_ms", "loadgen loop lag p99 ms"),
            ("other_cpu_pct", "other processes CPU %"),
            ("errors", "errors"),
        ):
            lines.append(f"  {label:<26}{_info(cd, key):>14}{_info(plain, key):>14}")
        for name, result in ((CHARGEDESK, cd), (PLAIN, plain)):
            if result is not None and result.get("status") != "ok":
                error = "\n    ".join(filter(None, str(result.get("error", "")).splitlines()))
                lines.append(f"  {name}: {result.get('status')}: {error}")
            elif result is not None and result.get("errors"):
                lines.append(f"  {name} errors: {result['errors']}")
            if result is not None and (result.get("loadgen_cpu_pct") or 0) > 85:
                lines.append(f"  warning: load generator near a full core against {name}")
            metrics = (result or {}).get("server_metrics") or {}
            for problem in ("error", "metrics_error"):
                if metrics.get(problem):
                    lines.append(f"  {name} server: {metrics[problem]}")
            if result is not None and (result.get("other_cpu_pct") or 0) > 25:
                lines.append(
                    f"  warning: other processes (or kernel I/O) were busy while measuring {name}"
                )
            if result is not None and _loadgen_lagged(result):
                lines.append(f"  warning: load generator's own loop lagged against {name}")
    if report["targets"]:
        lines += ["", "targets"]
        for target in report["targets"]:
            lines.append(f"  {target['verdict']:<13}{target['target']}  ({target['value']})")
    return "\n".join(lines)
