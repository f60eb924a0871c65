"""Runnable benchmarks: ChargeDesk's central system against a plain ``ocpp`` server.

Run ``python -m benchmarks.run --help`` from the repository root; docs/benchmarks.md
explains the figures.
"""
