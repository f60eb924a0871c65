"""Command-line options of the HTTP API (its HTTPS port and the local plain port)."""

from __future__ import annotations

import argparse
from typing import Any

DEFAULT_API_PORT = 9444
DEFAULT_API_LOCAL_PORT = 9081


def add_api_options(parser: argparse.ArgumentParser) -> None:
    """--api-port, --api-local-port and --no-api."""
    parser.add_argument(
        "--api-port",
        type=int,
        default=DEFAULT_API_PORT,
        metavar="N",
        help=f"HTTPS port of the API (default {DEFAULT_API_PORT}; 0: any free port); it "
        "uses the site CA's server certificate, so it needs wss:// on",
    )
    parser.add_argument(
        "--api-local-port",
        type=int,
        default=DEFAULT_API_LOCAL_PORT,
        metavar="N",
        help=f"plain-HTTP port of the API on 127.0.0.1 (default {DEFAULT_API_LOCAL_PORT}); "
        "opened only when an admin allows it in the security settings",
    )
    parser.add_argument("--no-api", action="store_true", help="no HTTP API")


def api_settings(args: argparse.Namespace, host: str = "0.0.0.0") -> dict[str, Any] | None:
    """The API's port, host and local port from the options; None with --no-api."""
    if getattr(args, "no_api", False):
        return None
    return {
        "port": None if getattr(args, "no_tls", False) else args.api_port,
        "host": host,
        "local_port": args.api_local_port,
    }
