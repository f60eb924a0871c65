"""The ``chargedesk ca`` sub-commands: the site CA, its certificates and firmware signing.

``show``, ``export`` and ``issue`` help a technician set chargers up; ``renew``, ``use``
and ``signing create|import`` change security settings and are recorded in the audit
log under the account running the command. A person's mistake (a file that cannot be
read, a key that does not fit) is one line on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from console.core.staff import Actor, PermissionDenied

if TYPE_CHECKING:  # the services load only when a ca command runs
    from console.services.site_ca import CertificateInfo, SiteAuthority


class _UserError(Exception):
    """A mistake of the person at the keyboard, shown as one line."""


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    add_db: Callable[[argparse.ArgumentParser], None],
) -> argparse.ArgumentParser:
    """Add ``ca`` and its actions to the ``chargedesk`` sub-commands."""
    ca = commands.add_parser("ca", help="the site CA: certificates for TLS and firmware signing")
    actions = ca.add_subparsers(dest="action", metavar="ACTION", required=True)

    def action(name: str, text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=text)
        sub.add_argument(
            "--pki-dir",
            type=Path,
            metavar="DIR",
            help="the CA's folder (default: pki beside the database)",
        )
        add_db(sub)
        return sub

    action("show", "the CA, server and signing certificates and when they run out")
    export = action("export", "write the CA certificate for chargers to a file")
    export.add_argument("file", metavar="FILE", help="the file to write; '-' for the screen")
    export.add_argument("--format", choices=["pem", "der"], help="default: from FILE, else pem")
    renew = action("renew", "make a new server certificate now")
    renew.add_argument(
        "--name", action="append", default=[], metavar="NAME", help="another name or address"
    )
    use = action("use", "use the site's own CA, server certificate and key")
    use.add_argument("--ca-cert", type=Path, metavar="FILE", help="the site's CA certificate")
    use.add_argument("--cert", type=Path, metavar="FILE", help="the server certificate")
    use.add_argument("--key", type=Path, metavar="FILE", help="the server certificate's key")
    use.add_argument(
        "--site-ca", action="store_true", help="go back to the CA ChargeDesk makes itself"
    )
    issue = action("issue", "a certificate and key for a charger that loads files by hand")
    issue.add_argument("charger_id", metavar="CHARGER_ID")
    issue.add_argument("--out-dir", type=Path, required=True, metavar="DIR")
    issue.add_argument("--days", type=int, default=730, help="valid for (default 730 days)")

    signing = actions.add_parser("signing", help="the firmware signing certificate")
    signing_actions = signing.add_subparsers(dest="signing_action", metavar="ACTION", required=True)
    for name, text in (
        ("show", "the firmware signing certificate"),
        ("create", "make a signing certificate issued by the site CA"),
        ("import", "use a signing certificate and key from elsewhere"),
    ):
        sub = signing_actions.add_parser(name, help=text)
        sub.add_argument("--pki-dir", type=Path, metavar="DIR", help="the CA's folder")
        if name == "import":
            sub.add_argument("cert", type=Path, metavar="CERT")
            sub.add_argument("key", type=Path, metavar="KEY")
        add_db(sub)
    return ca


def run(args: argparse.Namespace, url: str) -> int:
    """Run one ``ca`` action; the exit code."""
    from console.cli_tls import pki_folder_of
    from console.services.site_ca import CsrRefused, PkiError, SiteAuthority

    handlers: dict[str, Callable[[argparse.Namespace, str, SiteAuthority], int]] = {
        "show": _show,
        "export": _export,
        "renew": _renew,
        "use": _use,
        "issue": _issue,
        "signing": _signing,
    }
    try:
        # The folder `serve` and the console use for this database, unless told otherwise.
        authority = SiteAuthority(args.pki_dir or pki_folder_of(url))
        return handlers[args.action](args, url, authority)
    except (_UserError, PkiError, CsrRefused, PermissionDenied) as error:
        print(f"chargedesk: {error}", file=sys.stderr)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"chargedesk: {where}{error.strerror or error}", file=sys.stderr)
    return 1


def _actor(url: str) -> Actor:
    from console.cli_actor import cli_actor

    return cli_actor(url)


def _when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def _print_certificate(title: str, info: CertificateInfo | None, missing: str) -> None:
    from console.services.site_ca_files import now_utc

    if info is None:
        print(f"{title}: none ({missing})")
        return
    left = info.days_left(now_utc())
    print(f"{title}: {info.subject}")
    print(f"  serial       {info.serial}")
    print(f"  SHA-256      {info.fingerprint}")
    period = f"{_when(info.not_before)} to {_when(info.not_after)}"
    print(f"  valid        {period} ({int(left)} days left)")


def _warn(warnings: list[str] | tuple[str, ...]) -> None:
    for text in warnings:
        print(f"warning: {text}")


def _show(args: argparse.Namespace, url: str, authority: SiteAuthority) -> int:
    from console.services.site_ca_files import alt_names_text

    warnings = authority.ensure()
    status = authority.status()
    kind = "the site's own PKI" if status.own else "the site CA made by ChargeDesk"
    print(f"PKI folder: {status.folder} ({kind})")
    _print_certificate("CA certificate", status.ca, "")
    _print_certificate("Server certificate", status.server, "")
    if status.server is not None:
        print(f"  names        {', '.join(alt_names_text(status.server.pem))}")
    _print_certificate(
        "Firmware signing certificate", status.signing, "create one: chargedesk ca signing create"
    )
    _warn(sorted(set(warnings) | set(status.warnings)))
    return 0


def _export(args: argparse.Namespace, url: str, authority: SiteAuthority) -> int:
    authority.ensure()
    target = str(args.file)
    form = args.format or (
        "der" if target.lower().endswith((".der", ".cer", ".crt.der")) else "pem"
    )
    data = authority.ca_der() if form == "der" else authority.ca_pem()
    if target == "-":
        if form == "der":
            raise _UserError("DER is binary: give a file name to write it to")
        sys.stdout.write(data.decode("ascii"))
        return 0
    Path(target).write_bytes(data)
    print(
        f"CA certificate written to {target} ({form.upper()}), SHA-256 {authority.ca.fingerprint}"
    )
    return 0


def _renew(args: argparse.Namespace, url: str, authority: SiteAuthority) -> int:
    from console.services import site_ca_admin

    info = site_ca_admin.renew_server(url, authority, list(args.name), actor=_actor(url))
    print(f"new server certificate, valid until {_when(info.not_after)}")
    print("a running server uses it after its next start")
    return 0


def _use(args: argparse.Namespace, url: str, authority: SiteAuthority) -> int:
    from console.services import site_ca_admin
    from console.services.site_ca import OwnPki

    actor = _actor(url)
    if args.site_ca:
        if args.ca_cert or args.cert or args.key:
            raise _UserError("give either --site-ca or --ca-cert, --cert and --key")
        warnings = site_ca_admin.use_site_ca(url, authority, actor=actor)
        print(f"using the site CA made by ChargeDesk ({authority.ca.subject})")
        _warn(warnings)
        return 0
    if not (args.ca_cert and args.cert and args.key):
        raise _UserError("give --ca-cert, --cert and --key (or --site-ca to go back)")
    own = OwnPki(args.ca_cert, args.cert, args.key)
    warnings = site_ca_admin.use_own_pki(url, authority, own, actor=actor)
    print(f"using the site's own PKI: CA {authority.ca.subject}, server {authority.server.subject}")
    print("a running server uses it after its next start")
    _warn(warnings)
    return 0


def _issue(args: argparse.Namespace, url: str, authority: SiteAuthority) -> int:
    from console.core.charger_ids import charger_id_problem
    from console.services import site_ca_admin

    problem = charger_id_problem(args.charger_id)
    if problem:
        raise _UserError(f"charger id '{args.charger_id}': {problem}")
    if args.days < 1:
        raise _UserError("--days must be 1 or more")
    authority.ensure()  # a first command on a new PC makes the CA first
    info, key = site_ca_admin.issue_charger(
        url, authority, args.charger_id, args.days, actor=_actor(url)
    )
    folder: Path = args.out_dir
    folder.mkdir(parents=True, exist_ok=True)
    from console.services.site_ca_files import write_private

    cert_file, key_file = folder / f"{args.charger_id}.pem", folder / f"{args.charger_id}.key"
    write_private(key_file, key.encode("ascii"))  # the charger's key: owner only
    cert_file.write_text(info.pem, "ascii")
    (folder / "ca.pem").write_bytes(authority.ca_pem())
    print(f"certificate {cert_file} (valid until {_when(info.not_after)})")
    print(f"private key {key_file} (keep it secret; load it into the charger, then delete it)")
    print(f"site CA     {folder / 'ca.pem'} (the charger must trust it)")
    return 0


def _signing(args: argparse.Namespace, url: str, authority: SiteAuthority) -> int:
    from console.services import site_ca_admin

    if args.signing_action == "show":
        _print_certificate(
            "Firmware signing certificate",
            authority.signing_certificate(),
            "create one: chargedesk ca signing create",
        )
        return 0
    actor = _actor(url)
    if args.signing_action == "create":
        info = site_ca_admin.create_signing(url, authority, actor=actor)
    else:
        cert_text = args.cert.read_text("ascii", errors="replace")
        key_text = args.key.read_text("ascii", errors="replace")
        info = site_ca_admin.import_signing(url, authority, cert_text, key_text, actor=actor)
    _print_certificate("Firmware signing certificate", info, "")
    return 0
