"""Who the command line acts as.

Working on the local database directly, the command line acts as the operating-system
account that runs it (only the account that owns the database can open it), so scripted
set-up works without a prompt; its changes are recorded in the audit log under that
account's name, with the origin "command line".
"""

from __future__ import annotations

import getpass
import socket

from console.core.staff import Actor, Origin, Role


def os_account_actor() -> Actor:
    """The operating-system account running this command, with every role."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container, say)
        name = "unknown account"
    return Actor(name, frozenset(Role), Origin.CLI, None, socket.gethostname())


def cli_actor(url: str) -> Actor:
    """The actor for a command working on the database at ``url``."""
    del url  # the site's "staff login for the command line" setting will use it
    return os_account_actor()
