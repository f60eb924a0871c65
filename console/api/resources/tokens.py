"""Named API tokens for scripts: list them, make one (its secret is in the answer, once),
revoke one. The same operations as the console's API tokens page and
``chargedesk api-tokens``."""

from __future__ import annotations

from datetime import datetime

from pydantic import AwareDatetime, Field

from console.api.models import ApiModel
from console.api.problems import not_found, register
from console.api.routing import ApiCall, ApiRouter
from console.core.api_tokens import (
    MAX_NAME_LENGTH,
    ApiToken,
    TokenInputError,
    TokenNotFound,
    TokenState,
)
from console.core.clock import utcnow
from console.core.staff import Permission, Role

router = ApiRouter(
    "api-tokens",
    "Long-lived named API tokens for scripts: each with roles, shown once, revocable",
)

register(TokenInputError, 422, "Not accepted", "api-token-input")
register(TokenNotFound, 404, "Not found", "not-found")


class ApiTokenOut(ApiModel):
    """An API token (never its secret: only the first characters, to recognise it)."""

    id: int
    name: str = Field(description="Which script uses it")
    roles: list[Role] = Field(description="What calls made with it may do")
    prefix: str = Field(description="The first characters of the secret, e.g. cdk_AbC1")
    state: TokenState = Field(description="active, expired or revoked (now)")
    created_by: str
    created_at: datetime
    expires_at: datetime | None = Field(None, description="null: it never expires")
    last_used_at: datetime | None = Field(None, description="Written at most once a minute")
    last_used_from: str | None = Field(None, description="The address of the last call")
    revoked_at: datetime | None = None
    revoked_by: str | None = None


class ApiTokenCreatedOut(ApiModel):
    """A new token and its secret: store the secret now, it is never shown again."""

    token: ApiTokenOut
    secret: str = Field(
        description="Send it as `Authorization: Bearer <secret>`; ChargeDesk keeps only "
        "its SHA-256, so a lost secret cannot be shown again (revoke and make another)"
    )


class ApiTokenBody(ApiModel):
    """A token to make."""

    name: str = Field(
        min_length=1,
        max_length=MAX_NAME_LENGTH,
        description="Which script uses it; unique among tokens not revoked (without case)",
    )
    roles: list[Role] = Field(
        min_length=1,
        max_length=4,
        description="viewer (reads everything, changes nothing), desk, technician, admin",
    )
    expires_at: AwareDatetime | None = Field(
        None, description="When it stops working (ISO 8601 with an offset); null: never"
    )


def api_token_out(token: ApiToken, now: datetime | None = None) -> ApiTokenOut:
    """The API form of a token; ``state`` as of ``now``."""
    order = list(Role)
    return ApiTokenOut(
        id=token.id,
        name=token.name,
        roles=sorted(token.roles, key=order.index),
        prefix=token.prefix,
        state=token.state_at(now or utcnow()),
        created_by=token.created_by,
        created_at=token.created_at,
        expires_at=token.expires_at,
        last_used_at=token.last_used_at,
        last_used_from=token.last_used_from,
        revoked_at=token.revoked_at,
        revoked_by=token.revoked_by,
    )


@router.get("/api/api-tokens", summary="API tokens, by name", response=list[ApiTokenOut])
async def list_api_tokens(call: ApiCall) -> list[ApiTokenOut]:
    """Every token, expired and revoked ones included, never a secret. Open to every
    role, like `chargedesk api-tokens list`."""
    now = utcnow()
    return [api_token_out(token, now) for token in await call.engine.api_tokens.tokens()]


@router.get(
    "/api/api-tokens/{token_id:int}",
    summary="One API token",
    response=ApiTokenOut,
    errors=(404,),
)
async def get_api_token(call: ApiCall) -> ApiTokenOut:
    """The token with this id (never its secret)."""
    token_id: int = call.path["token_id"]
    for token in await call.engine.api_tokens.tokens():
        if token.id == token_id:
            return api_token_out(token)
    raise not_found(f"API token {token_id}")


@router.post(
    "/api/api-tokens",
    summary="Make an API token (its secret is in this answer only)",
    needs=Permission.STAFF,
    body=ApiTokenBody,
    response=ApiTokenCreatedOut,
    status=201,
    errors=(403, 422),
)
async def create_api_token(call: ApiCall) -> ApiTokenCreatedOut:
    """Needs the admin role. The answer holds the secret; nothing can show it again.
    Calls made with the token act as "<name> (API token)" with the token's roles, pass
    the same permission checks and are in the audit log under that name. A name already
    used by a token that is not revoked, or an expiry in the past, is a 422."""
    body: ApiTokenBody = call.body
    token, secret = await call.engine.api_tokens.create(
        body.name, frozenset(body.roles), body.expires_at, actor=call.actor
    )
    return ApiTokenCreatedOut(token=api_token_out(token), secret=secret)


@router.post(
    "/api/api-tokens/{token_id:int}/revoke",
    summary="Revoke an API token now",
    needs=Permission.STAFF,
    response=ApiTokenOut,
    errors=(403, 404, 422),
)
async def revoke_api_token(call: ApiCall) -> ApiTokenOut:
    """Scripts using the token are refused from their next call (401). The token stays
    listed as revoked; revoking it again is a 422."""
    token_id: int = call.path["token_id"]
    token = await call.engine.api_tokens.revoke(token_id, actor=call.actor)
    return api_token_out(token)
