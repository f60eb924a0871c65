"""Logging in and out, who am I, and whether the API answers at all."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from pydantic import Field

from console.api.models import ApiModel
from console.api.problems import ApiProblem
from console.api.routing import ApiCall, ApiRouter
from console.core.staff import Origin
from console.services.staff_login import LoginRefused

router = ApiRouter("access", "Logging in for a token, logging out, who the token belongs to")


class LoginBody(ApiModel):
    """A staff account's username and password."""

    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=1024)


class LoginOut(ApiModel):
    """A login token: send it as ``Authorization: Bearer <token>``."""

    token: str
    expires_at: datetime = Field(description="The token ends then at the latest")
    idle_minutes: int = Field(description="It also ends after this long without a call")
    username: str
    staff_id: int | None = Field(description="The staff account's id")
    roles: list[str]


class WhoOut(ApiModel):
    """Who the token belongs to and what they may do."""

    name: str
    roles: list[str]
    permissions: list[str]
    origin: str
    address: str


class HealthOut(ApiModel):
    """The API answers."""

    status: str = "ok"


@router.post(
    "/api/login",
    summary="Log in with a staff account for a token",
    public=True,
    body=LoginBody,
    response=LoginOut,
    errors=(401, 429),
)
async def login(call: ApiCall) -> LoginOut:
    """Checks the password like the console's login: failures are answered more and more
    slowly and lock the account after five; at most ten attempts a minute from one
    address. The token ends after an hour without use, after 12 hours at the latest, at
    logout, and when an admin changes the account."""
    api = call.api
    wait = api.throttle.admit(call.address)
    if wait:
        raise ApiProblem(
            429,
            "Too many login attempts",
            f"Too many login attempts from {call.address}; try again in {int(wait)} s.",
            kind="login-throttled",
            headers={"Retry-After": str(int(wait))},
        )
    body: LoginBody = call.body
    try:
        actor = await call.engine.staff.login(
            body.username, body.password, origin=Origin.API, place=call.address
        )
    except LoginRefused as refused:
        extra: dict[str, Any] = (
            {"locked_until": refused.locked_until.isoformat()} if refused.locked_until else {}
        )
        raise ApiProblem(
            401, "Login refused", refused.words, kind="login-refused", **extra
        ) from None
    token, session = api.sessions.open(api.login_actor(actor, call.request))
    return LoginOut(
        token=token,
        expires_at=session.expires_at,
        idle_minutes=int(api.sessions.idle.total_seconds() // 60),
        username=actor.name,
        staff_id=actor.staff_id,
        roles=sorted(role.value for role in actor.roles),
    )


@router.post("/api/logout", summary="End this login token now")
async def logout(call: ApiCall) -> None:
    """The token stops working at once. API tokens are revoked by an admin instead."""
    header = call.request.headers.get("Authorization", "")
    call.api.sessions.close(header.partition(" ")[2].strip())


@router.get("/api/me", summary="Who this token belongs to", response=WhoOut)
async def who_am_i(call: ApiCall) -> WhoOut:
    """The name, roles and permissions the token acts with."""
    actor = call.actor
    return WhoOut(
        name=actor.name,
        roles=sorted(role.value for role in actor.roles),
        permissions=sorted(p.value for p in actor.permissions),
        origin=actor.origin.value,
        address=actor.place,
    )


@router.get(
    "/api/site-ca.pem",
    summary="The site CA's certificate (PEM)",
    public=True,
    response=str,
    response_media="application/x-pem-file",
    errors=(404,),
)
async def site_ca_certificate(call: ApiCall) -> str:
    """The certificate authority that issued this API's certificate (and the chargers'):
    trust it in scripts and at other desks after comparing its SHA-256 fingerprint with
    the one the site PC shows (Technician → Security, or `chargedesk ca show`)."""
    authority = call.engine.authority
    if authority is None:
        raise ApiProblem(404, "No site CA", "This ChargeDesk runs without a site CA.")
    pem: bytes = await asyncio.to_thread(authority.ca_pem)
    return pem.decode("ascii")


@router.get("/api/health", summary="Whether the API answers", public=True, response=HealthOut)
async def health(_call: ApiCall) -> HealthOut:
    """For monitoring; says nothing about the site."""
    return HealthOut()
