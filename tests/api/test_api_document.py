"""The OpenAPI document: generated from the routes, valid OpenAPI 3.1, complete."""

from __future__ import annotations

from collections import Counter

from openapi_spec_validator import validate

from console.api.openapi import build_document
from console.api.resources import all_routers
from tests.api.api_helpers import ApiSite


def _document() -> dict:  # type: ignore[type-arg]
    return build_document(all_routers(), title="ChargeDesk API", version="1", description="d")


def test_the_document_is_valid_openapi_31() -> None:
    document = _document()
    assert document["openapi"] == "3.1.0"
    validate(document)  # raises on the first error, with its place in the document


def test_every_operation_is_described_and_named_once() -> None:
    routes = [route for router in all_routers() for route in router.routes]
    names = Counter(route.operation_id for route in routes)
    assert [name for name, count in names.items() if count > 1] == []
    places = Counter((route.method, route.open_path) for route in routes)
    assert [place for place, count in places.items() if count > 1] == []
    for route in routes:
        assert route.summary, route.operation_id
        assert route.description, f"{route.operation_id} has no docstring"
        assert route.path.startswith("/api/"), route.path


def test_every_protected_operation_names_the_role_it_needs() -> None:
    document = _document()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if operation.get("security") == []:
                continue  # public: login, health
            assert operation["x-required-role"] in {"viewer", "desk", "technician", "admin"}
            assert "401" in operation["responses"], (method, path)


async def test_the_server_serves_the_document_and_the_page(api_site: ApiSite) -> None:
    document = await api_site.anonymous.get("/api/openapi.json")
    assert document.status == 200
    assert document.body["paths"] == _document()["paths"]
    page = await api_site.anonymous.get("/api/docs")
    assert page.status == 200 and page.headers["Content-Type"].startswith("text/html")
    for asset in ("/api/docs/docs.js", "/api/docs/docs.css"):
        assert (await api_site.anonymous.get(asset)).status == 200
