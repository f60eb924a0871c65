"""Operations for ChargeDesk consoles attached to this site from other desks.

A console started with ``--connect`` shows the same screens as the one on the site PC.
It asks for the same service operations (``POST /api/console/call``), reads the live
state of the chargers it is told have changed (``GET /api/console/live``) and follows
the event stream. Scripts should use the resource operations instead: these follow the
console's own calls and change with its version.
"""

from __future__ import annotations

import asyncio
import base64
from datetime import UTC, datetime
from typing import Any

from pydantic import Field, TypeAdapter

from console.api import console_ops
from console.api.models import ApiModel, QueryModel
from console.api.problems import ApiProblem
from console.api.resources.access import LoginOut
from console.api.routing import ApiCall, ApiRouter
from console.core.site import ChargerState
from console.core.staff import Origin
from console.services.connections import listener_urls

router = ApiRouter(
    "console",
    "For ChargeDesk consoles attached from other desks (scripts: use the other operations)",
)

_STATES = TypeAdapter(list[ChargerState])
MAX_CALL_BYTES = 256 << 20  # firmware files come in a call


class ConsoleCallBody(ApiModel):
    """One console operation: ``target.operation(**args)``; files as base64."""

    target: str = Field(max_length=40, pattern=r"^[a-z_]+$")
    operation: str = Field(max_length=60, pattern=r"^[a-z_]+$")
    args: dict[str, Any] = Field(default_factory=dict)
    files: dict[str, str] = Field(default_factory=dict, description="base64 file contents")


class ConsoleCallOut(ApiModel):
    """The operation's result as JSON, and the file it wrote (base64), if any."""

    result: Any = None
    file: str | None = None


class ConsoleLiveQuery(QueryModel):
    """Which chargers (none: every charger)."""

    charger: list[str] = Field(default_factory=list, max_length=5000)


class ConsoleLiveOut(ApiModel):
    """The live state of chargers, as the console's overview shows it."""

    chargers: list[dict[str, Any]]
    profiles: dict[str, int | None] = Field(
        description="The security profile each connected charger's connection met"
    )
    site_power_w: float
    online: int
    read_at: datetime


class ConsoleHelloOut(ApiModel):
    """What an attached console needs to know of the site's engine."""

    version: str
    host: str
    plain_port: int | None
    tls_port: int | None
    charger_urls: list[str]
    heartbeat_interval: int
    site_zone: str | None
    needs_first_admin: bool = Field(
        description="No staff account exists yet (the first admin is made at the site PC)"
    )


class FirstAdminBody(ApiModel):
    """The site's first account: every role."""

    username: str = Field(min_length=1, max_length=64)
    display_name: str = Field(max_length=200)
    password: str = Field(min_length=1, max_length=1024)


@router.post(
    "/api/console/call",
    summary="Call one of the console's operations (attached consoles)",
    body=ConsoleCallBody,
    response=ConsoleCallOut,
    errors=(404, 409),
    max_body=MAX_CALL_BYTES,
)
async def console_call(call: ApiCall) -> ConsoleCallOut:
    """Runs the operation the console at the site PC would run for the same click, with
    the logged-in account as the person who asks: the service checks the permission and
    writes the audit entry. Only the console's own operations can be called."""
    body: ConsoleCallBody = call.body
    owner, operation = console_ops.find(call.engine, call.queries, body.target, body.operation)
    result, written = await console_ops.invoke(owner, operation, body.args, body.files, call.actor)
    return ConsoleCallOut(
        result=result, file=base64.b64encode(written).decode("ascii") if written else None
    )


@router.get(
    "/api/console/live",
    summary="Live state of chargers (attached consoles)",
    query=ConsoleLiveQuery,
    response=ConsoleLiveOut,
)
async def console_live(call: ApiCall) -> ConsoleLiveOut:
    """Every charger's (or the named ones') status, connectors, power and session, as
    the overview shows it. Unknown ids are left out."""
    site = call.engine.site
    wanted = call.query.charger or list(site.chargers)
    states = [site.chargers[i].snapshot() for i in wanted if i in site.chargers]
    admission = call.engine.admission
    # Copied on the engine loop, written out in a worker thread: a console asks for this
    # several times a second, and the chargers' answers must not wait for it.
    loop = asyncio.get_running_loop()
    chargers = await loop.run_in_executor(
        call.api.workers, lambda: _STATES.dump_python(states, mode="json")
    )
    return ConsoleLiveOut(
        chargers=chargers,
        profiles={s.charger_id: admission.connection_profile(s.charger_id) for s in states},
        site_power_w=site.power_w,
        online=site.online_count,
        read_at=datetime.now(UTC),
    )


@router.get(
    "/api/console/hello",
    summary="The site's engine (attached consoles)",
    response=ConsoleHelloOut,
    public=True,
)
async def console_hello(call: ApiCall) -> ConsoleHelloOut:
    """The version (an attached console must match it), the addresses chargers connect
    to and the site's time zone: what a console shows before anyone logs in."""
    engine = call.engine
    config = engine.config
    zone = await call.read(lambda q: q.site_zone())
    return ConsoleHelloOut(
        version=call.api.document["info"]["version"],
        host=config.host,
        plain_port=engine.plain_port,
        tls_port=engine.tls_port,
        charger_urls=listener_urls(config.host, engine.plain_port, engine.tls_port),
        heartbeat_interval=config.heartbeat_interval,
        site_zone=getattr(zone, "key", None),
        needs_first_admin=await engine.staff.needs_first_admin(),
    )


@router.post(
    "/api/console/first-admin",
    summary="Create the site's first admin (the console on this PC only)",
    public=True,
    body=FirstAdminBody,
    response=LoginOut,
    status=201,
    errors=(403, 409),
)
async def create_first_admin(call: ApiCall) -> LoginOut:
    """Only from this PC (127.0.0.1) and only while no account exists: how the console
    whose engine runs in its own process makes the site's first admin. Answers a login
    token for the new account."""
    if call.address not in ("127.0.0.1", "::1"):
        raise ApiProblem(
            403,
            "Not allowed",
            "The first admin is made at the site PC, not over the network.",
            kind="first-admin-remote",
        )
    body: FirstAdminBody = call.body
    actor = await call.engine.staff.create_first_admin(
        body.username, body.display_name, body.password, place=call.address, origin=Origin.API
    )
    token, session = call.api.sessions.open(call.api.login_actor(actor, call.request))
    return LoginOut(
        token=token,
        expires_at=session.expires_at,
        idle_minutes=int(call.api.sessions.idle.total_seconds() // 60),
        username=actor.name,
        staff_id=actor.staff_id,
        roles=sorted(role.value for role in actor.roles),
    )
