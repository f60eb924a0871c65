"""Logging in and out over HTTPS, tokens, throttling, problem details and strict inputs."""

from __future__ import annotations

from pathlib import Path

import aiohttp

from console.api.server import ApiServer
from console.core.staff import Role
from console.core.staff_accounts import SecuritySettings
from console.services.engine import CentralSystem, EngineConfig
from console.services.staff_settings import write_security_settings
from console.storage.database import open_database
from tests.api.api_helpers import ApiSite, api_config


async def test_login_gives_a_token_that_says_who_it_is(api_site: ApiSite) -> None:
    desk = await api_site.as_role(Role.DESK)
    me = await desk.get("/api/me")
    assert me.status == 200
    assert me.body["name"] == "desk" and me.body["roles"] == ["desk"]
    assert me.body["origin"] == "api" and me.body["address"] == "127.0.0.1"
    assert "cards" in me.body["permissions"] and "tariffs" not in me.body["permissions"]


async def test_without_a_token_nothing_but_the_public_paths_answer(api_site: ApiSite) -> None:
    anonymous = api_site.anonymous
    assert (await anonymous.get("/api/health")).status == 200
    assert (await anonymous.get("/api/openapi.json")).status == 200
    me = await anonymous.get("/api/me")
    assert me.status == 401
    assert me.headers["WWW-Authenticate"].startswith("Bearer")
    assert me.problem["title"] == "Not logged in"
    forged = await anonymous.with_token("cds_" + "A" * 43).get("/api/me")
    assert forged.status == 401


async def test_a_wrong_password_is_refused_in_words(api_site: ApiSite) -> None:
    reply = await api_site.anonymous.post(
        "/api/login", json={"username": "nobody-here", "password": "wrong-password"}
    )
    assert reply.status == 401
    assert "username or the password is wrong" in reply.problem["detail"]


async def test_logout_ends_the_token_at_once(api_site: ApiSite) -> None:
    viewer = await api_site.as_role(Role.VIEWER)
    assert (await viewer.post("/api/logout")).status == 204
    assert (await viewer.get("/api/me")).status == 401


async def test_login_attempts_from_one_address_are_limited(api_site: ApiSite) -> None:
    api_site.api.throttle.per_address = 3
    answers = []
    for _ in range(4):
        reply = await api_site.anonymous.post(
            "/api/login", json={"username": "admin", "password": "admin-password"}
        )
        answers.append(reply.status)
    assert answers == [200, 200, 200, 429]
    assert int(reply.headers["Retry-After"]) >= 1


async def test_unknown_fields_parameters_and_paths_are_refused(api_site: ApiSite) -> None:
    viewer = await api_site.as_role(Role.VIEWER)
    extra = await api_site.anonymous.post(
        "/api/login", json={"username": "admin", "password": "x", "remember": True}
    )
    assert extra.status == 422
    assert extra.problem["errors"][0]["field"] == "body.remember"
    query = await viewer.get("/api/me", params={"verbose": "1"})
    assert query.status == 400 and "verbose" in query.problem["detail"]
    missing = await viewer.get("/api/no-such-thing")
    assert missing.status == 404 and missing.problem["instance"] == "/api/no-such-thing"
    not_json = await api_site.anonymous.post(
        "/api/login", data=b"{", headers={"Content-Type": "application/json"}
    )
    assert not_json.status == 400


async def test_a_changed_account_must_log_in_again(api_site: ApiSite) -> None:
    desk = await api_site.as_role(Role.DESK)
    engine = api_site.engine
    account = next(a for a in await engine.staff.accounts() if a.username == "desk")
    from tests.actors import ADMIN

    await engine.staff.set_roles(account.id, frozenset({Role.VIEWER}), actor=ADMIN)
    assert (await desk.get("/api/me")).status == 401


async def test_plain_http_only_on_127_0_0_1_and_only_when_the_site_allows_it(
    tmp_path: Path,
) -> None:
    async def start(allowed: bool) -> tuple[CentralSystem, ApiServer]:
        url = f"sqlite:///{tmp_path / 'plain.db'}"
        database = open_database(url)
        with database.begin() as connection:
            write_security_settings(connection, SecuritySettings(api_plain_local=allowed))
        database.dispose()
        api = ApiServer(api_config())
        config = EngineConfig(
            database_url=url, host="127.0.0.1", port=0, tls_port=0, pki_folder=tmp_path / "pki"
        )
        engine = CentralSystem(config, [api])
        await engine.start()
        return engine, api

    engine, api = await start(False)
    try:
        assert api.local_port is None and api.port is not None
    finally:
        await engine.stop()
    engine, api = await start(True)
    try:
        assert api.local_port is not None
        assert api.urls[-1] == f"http://127.0.0.1:{api.local_port}/api/"
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"http://127.0.0.1:{api.local_port}/api/health") as reply,
        ):
            assert reply.status == 200
    finally:
        await engine.stop()


async def test_a_token_guesser_is_turned_away_before_the_database(api_site: ApiSite) -> None:
    api_site.api.bad_tokens.per_address = 3
    reads: list[str] = []
    tokens = api_site.engine.api_tokens
    resolve = tokens.resolve

    async def counted(secret: str, address: str) -> object:
        reads.append(secret)
        return await resolve(secret, address)

    tokens.resolve = counted  # type: ignore[method-assign]
    answers = []
    for guess in range(5):
        reply = await api_site.anonymous.with_token(f"cdk_{guess:043d}").get("/api/me")
        answers.append(reply.status)
    assert answers == [401, 401, 401, 429, 429]
    assert len(reads) == 3  # the refused guesses never reached the token store
    assert int(reply.headers["Retry-After"]) >= 1
