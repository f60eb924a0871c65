"""Logging in and out over HTTPS, tokens, throttling, problem details and strict inputs."""

from __future__ import annotations

from console.core.staff import Role
from tests.api.api_helpers import ApiSite


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
