"""Command-line options of the wss:// listener (security profiles 2 and 3) and ws://."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

DEFAULT_TLS_PORT = 9443


def add_tls_options(parser: argparse.ArgumentParser) -> None:
    """--tls-port, --no-tls, --no-plain-port and --pki-dir."""
    parser.add_argument(
        "--tls-port",
        type=int,
        default=DEFAULT_TLS_PORT,
        metavar="N",
        help=f"wss:// port for security profiles 2 and 3 (default {DEFAULT_TLS_PORT}; "
        "0: any free port)",
    )
    parser.add_argument(
        "--no-tls", action="store_true", help="no wss:// port (chargers on ws:// only)"
    )
    parser.add_argument(
        "--no-plain-port",
        action="store_true",
        help="no ws:// port: every charger must use wss:// (profiles 2 and 3)",
    )
    parser.add_argument(
        "--pki-dir",
        type=Path,
        metavar="DIR",
        help="the site CA's folder (default: 'pki' beside the database)",
    )


def pki_folder_of(database_url: str) -> Path:
    """The site CA's folder of a database: "pki" in ChargeDesk's data folder for it."""
    from console.services.transfers import data_folder_of

    return data_folder_of(database_url) / "pki"


def tls_settings(args: argparse.Namespace, database_url: str) -> dict[str, Any]:
    """EngineConfig's tls_port, plain_port and pki_folder from the options."""
    no_tls = getattr(args, "no_tls", False)
    return {
        "tls_port": None if no_tls else getattr(args, "tls_port", DEFAULT_TLS_PORT),
        "plain_port": not getattr(args, "no_plain_port", False),
        "pki_folder": None if no_tls else (args.pki_dir or pki_folder_of(database_url)),
    }
