"""Who the command line acts as.

Working on the local database directly, the command line acts as the operating-system
account that runs it (only the account that owns the database can open it), so scripted
set-up works without a prompt; its changes are recorded in the audit log under that
account's name, with the origin "command line".

A site can require a staff login for the command line as well (the security setting
"command line needs a staff login"): the command then acts as that staff account, with
its roles. The username and password come from CHARGEDESK_USER and CHARGEDESK_PASSWORD,
else from a prompt when a person is at a terminal; a script without them is refused.
"""

from __future__ import annotations

import getpass
import os
import socket
import sys
from typing import NoReturn

from console.core.staff import Actor, Origin, Role

USER_VARIABLE = "CHARGEDESK_USER"
PASSWORD_VARIABLE = "CHARGEDESK_PASSWORD"


def os_account_actor() -> Actor:
    """The operating-system account running this command, with every role."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container, say)
        name = "unknown account"
    return Actor(name, frozenset(Role), Origin.CLI, None, socket.gethostname())


def refuse(line: str) -> NoReturn:
    """Say why the command cannot go on, in one line, and exit with code 1."""
    print(f"chargedesk: {line}", file=sys.stderr)
    raise SystemExit(1)


def _credentials() -> tuple[str, str]:
    username = os.environ.get(USER_VARIABLE, "")
    password = os.environ.get(PASSWORD_VARIABLE, "")
    if username and password:
        return username, password
    if not sys.stdin.isatty():
        refuse(
            "this site needs a staff login for the command line: set "
            f"{USER_VARIABLE} and {PASSWORD_VARIABLE}, or run the command in a terminal"
        )
    username = username or input("ChargeDesk username: ")
    password = password or getpass.getpass("Password: ")
    return username, password


def _staff_login(url: str) -> Actor:
    from console.services.staff_local import cli_login
    from console.services.staff_login import LoginRefused

    username, password = _credentials()
    try:
        return cli_login(url, username, password)
    except LoginRefused as refused:
        refuse(refused.words)


def cli_actor(url: str) -> Actor:
    """The actor for a command working on the database at ``url``.

    Exits with code 1 (one line on stderr) when this account does not own the SQLite
    file, or when the site needs a staff login and none is given or it is refused.
    """
    from console.services.staff_local import cli_login_required, database_owner_problem

    problem = database_owner_problem(url)
    if problem is not None:
        refuse(problem)
    if cli_login_required(url):
        return _staff_login(url)
    return os_account_actor()
