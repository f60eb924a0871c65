"""The addresses a technician types into a charger, one per network interface, and
whether a port is free to listen on."""

from __future__ import annotations

import socket
import sys

import psutil


def interface_addresses(include_loopback: bool = True) -> list[tuple[str, str]]:
    """(interface name, IPv4 address) of every interface that is up."""
    stats = psutil.net_if_stats()
    found: list[tuple[str, str]] = []
    for name, addresses in psutil.net_if_addrs().items():
        if name in stats and not stats[name].isup:
            continue
        for address in addresses:
            if address.family != socket.AF_INET:
                continue
            if not include_loopback and address.address.startswith("127."):
                continue
            found.append((name, address.address))
    return sorted(found, key=lambda item: (item[1].startswith("127."), item[0]))


def port_is_free(port: int, host: str = "0.0.0.0") -> bool:
    """True when the central system could listen on ``host``:``port`` now.

    The probe sets SO_REUSEADDR as the server's listener does (asyncio sets it on POSIX):
    without it a port whose last connections still linger in TIME_WAIT, as after a
    restart within a minute, looks taken although the server would get it.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if hasattr(socket, "SO_REUSEADDR") and not sys.platform.startswith("win"):
            # On Windows SO_REUSEADDR lets a second program steal a port in use.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    """A port free now on ``host`` (the OS picks it); for a child process to listen on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port
