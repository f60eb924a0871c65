"""The API's browsable page: bundled files only, and its logic run under Node on a sample.

The page (console/api/static) must work on a site with no internet, so no file may name
an outside URL and index.html loads only /api/docs/ assets. The JavaScript's functions
($ref resolution, examples, requests) and its rendering run under Node with a fake DOM
(tests/api/docs_harness.cjs) against a small OpenAPI 3.1 document shaped like pydantic's.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from console.api.openapi import build_document
from console.api.resources import all_routers
from tests.api.api_helpers import ApiSite

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "console" / "api" / "static"
HARNESS = Path(__file__).with_name("docs_harness.cjs")
FILES = ("index.html", "docs.js", "docs.css")

PROBLEM = {"$ref": "#/components/schemas/Problem"}


def _nullable(schema: dict[str, Any], description: str) -> dict[str, Any]:
    """A field as pydantic writes ``X | None = None``."""
    return {"anyOf": [schema, {"type": "null"}], "default": None, "description": description}


SAMPLE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {
        "title": "ChargeDesk API",
        "version": "1.2.3",
        "description": "The site's own API.\n\nEverything needs a token.",
    },
    "tags": [
        {"name": "cards", "description": "RFID cards"},
        {"name": "reports", "description": "Exports"},
    ],
    "paths": {
        "/api/cards": {
            "get": {
                "operationId": "list_cards",
                "tags": ["cards"],
                "summary": "List cards",
                "x-required-role": "viewer",
                "parameters": [
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "description": "Items on one page",
                        "schema": {
                            "type": "integer",
                            "minimum": 1,
                            "maximum": 1000,
                            "default": 100,
                        },
                    },
                    {
                        "name": "status",
                        "in": "query",
                        "schema": _nullable({"$ref": "#/components/schemas/CardStatus"}, "Only"),
                    },
                    {
                        "name": "charger",
                        "in": "query",
                        "schema": {"type": "array", "items": {"type": "string"}},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "A page of cards",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/CardPage"}
                            }
                        },
                    },
                    "401": {"$ref": "#/components/responses/Problem"},
                },
            },
            "post": {
                "operationId": "add_card",
                "tags": ["cards"],
                "summary": "Register a card",
                "description": "Adds a card;\n    its id is compared without case.",
                "x-required-role": "operator",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/CardCreate"}}
                    },
                },
                "responses": {
                    "201": {
                        "description": "The card",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Card"}}
                        },
                    },
                    "422": {"$ref": "#/components/responses/Problem"},
                },
            },
        },
        "/api/cards/{card_id}": {
            "parameters": [
                {"name": "card_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "get": {
                "operationId": "get_card",
                "tags": ["cards"],
                "summary": "One card",
                "responses": {"200": {"description": "The card"}},
            },
        },
        "/api/reports/sessions.csv": {
            "get": {
                "operationId": "sessions_csv",
                "tags": ["reports"],
                "summary": "Sessions as CSV",
                "x-required-role": "viewer",
                "responses": {
                    "200": {
                        "description": "CSV",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    }
                },
            }
        },
        "/api/tree": {
            "get": {
                "operationId": "tree",
                "summary": "A recursive shape",
                "responses": {
                    "200": {
                        "description": "Tree",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/TreeNode"}
                            }
                        },
                    }
                },
            }
        },
        "/api/login": {
            "post": {
                "operationId": "login",
                "tags": ["auth"],
                "summary": "Log in",
                "security": [],
                "responses": {"200": {"description": "A token"}},
            }
        },
    },
    "components": {
        "responses": {
            "Problem": {
                "description": "Problem details",
                "content": {"application/problem+json": {"schema": PROBLEM}},
            }
        },
        "schemas": {
            "CardStatus": {"type": "string", "enum": ["active", "blocked"], "title": "CardStatus"},
            "Card": {
                "type": "object",
                "additionalProperties": False,
                "required": ["card_id", "status", "created_at"],
                "properties": {
                    "card_id": {"type": "string", "minLength": 1, "maxLength": 20},
                    "name": _nullable({"type": "string"}, "Who holds it"),
                    "status": {"$ref": "#/components/schemas/CardStatus"},
                    "tariff_id": {"type": ["integer", "null"]},
                    "created_at": {"type": "string", "format": "date-time", "readOnly": True},
                    "price": {
                        "anyOf": [
                            {"type": "number"},
                            {"type": "string", "pattern": "^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$"},
                        ]
                    },
                },
            },
            "CardCreate": {
                "type": "object",
                "additionalProperties": False,
                "required": ["card_id"],
                "properties": {
                    "card_id": {"type": "string", "maxLength": 20, "description": "The idTag"},
                    "name": _nullable({"type": "string"}, "Who holds it"),
                    "status": {
                        "$ref": "#/components/schemas/CardStatus",
                        "description": "At start",
                    },
                    "groups": {"type": "array", "items": {"type": "string", "format": "uuid"}},
                    "labels": {
                        "type": "object",
                        "additionalProperties": {"type": "string"},
                        "description": "Free labels",
                    },
                },
            },
            "CardPage": {
                "type": "object",
                "required": ["items"],
                "properties": {
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/Card"}},
                    "next_offset": _nullable({"type": "integer"}, "Next page"),
                },
            },
            "TreeNode": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "children": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/TreeNode"},
                    },
                },
            },
            "Problem": {
                "type": "object",
                "required": ["title", "status"],
                "properties": {
                    "type": {"type": "string", "default": "about:blank"},
                    "title": {"type": "string"},
                    "status": {"type": "integer"},
                    "detail": {"type": "string", "default": ""},
                },
            },
        },
    },
}


class _Assets(HTMLParser):
    """Collects what a page loads (script src, link href, img src) and inline code."""

    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []
        self.inline_scripts = 0
        self.style_attributes = 0
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self._in_script = True
            if values.get("src"):
                self.assets.append(values["src"] or "")
        if tag in ("link", "img", "iframe", "source") and (values.get("href") or values.get("src")):
            self.assets.append(values.get("href") or values.get("src") or "")
        if "style" in values:
            self.style_attributes += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1


def test_the_page_files_exist() -> None:
    for name in FILES:
        assert (STATIC / name).stat().st_size > 0, name


@pytest.mark.parametrize("name", FILES)
def test_no_file_names_an_outside_url(name: str) -> None:
    text = (STATIC / name).read_text(encoding="utf-8")
    assert not re.search(r"https?://", text, re.IGNORECASE)
    # Protocol-relative URLs and CSS imports would reach outside as well.
    assert not re.search(r"""(src|href)\s*=\s*["']?//""", text, re.IGNORECASE)
    assert "@import" not in text
    assert "url(" not in text


def test_index_loads_only_its_own_assets_by_absolute_path() -> None:
    parser = _Assets()
    parser.feed((STATIC / "index.html").read_text(encoding="utf-8"))
    # Absolute paths: /api/docs has no trailing slash, so relative ones would miss.
    assert sorted(parser.assets) == ["/api/docs/docs.css", "/api/docs/docs.js"]
    # No inline code, so a strict Content-Security-Policy ('self') can be used.
    assert parser.inline_scripts == 0
    assert parser.style_attributes == 0


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    return node


def test_docs_js_is_valid_javascript() -> None:
    result = subprocess.run(
        [_node(), "--check", str(STATIC / "docs.js")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the page's logic did with the sample document (see docs_harness.cjs)."""
    node = _node()
    folder = tmp_path_factory.mktemp("docs_page")
    spec = folder / "openapi.json"
    spec.write_text(json.dumps(SAMPLE), encoding="utf-8")
    rendered = folder / "rendered.html"
    result = subprocess.run(
        [node, str(HARNESS), "sample", str(STATIC / "docs.js"), str(spec), str(rendered)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out: dict[str, Any] = json.loads(result.stdout)
    out["rendered"] = rendered.read_text(encoding="utf-8")
    return out


def test_operations_are_grouped_by_tag_in_the_documents_order(seen: dict[str, Any]) -> None:
    assert seen["groups"] == [
        ["cards", ["list_cards", "add_card", "get_card"]],
        ["reports", ["sessions_csv"]],
        ["other", ["tree"]],
        ["auth", ["login"]],
    ]


def test_the_role_an_operation_needs_is_named(seen: dict[str, Any]) -> None:
    assert seen["roles"]["list_cards"] == "viewer"
    assert seen["roles"]["add_card"] == "operator"
    assert seen["roles"]["get_card"] == "any logged-in person"
    assert seen["roles"]["login"] == "no sign-in needed"


def test_types_read_through_refs_nulls_and_formats(seen: dict[str, Any]) -> None:
    assert seen["resolved"]["enum"] == ["active", "blocked"]
    assert seen["labels"] == {
        "card_id": "string",
        "name": "string",
        "status": "CardStatus: string",
        "tariff_id": "integer",
        "created_at": "string (date-time)",
        "price": "number or string",
    }


def test_schema_tree_of_a_page_of_cards(seen: dict[str, Any]) -> None:
    tree = seen["tree"]
    fields = {field["name"]: field for field in tree["fields"]}
    assert fields["items"]["required"] is True
    assert fields["items"]["node"]["label"] == "array of Card"
    assert fields["next_offset"]["node"]["nullable"] is True
    assert fields["next_offset"]["node"]["description"] == "Next page"
    card = fields["items"]["node"]["items"]
    assert card["closed"] is True
    card_fields = {field["name"]: field for field in card["fields"]}
    assert card_fields["status"]["node"]["enumValues"] == ["active", "blocked"]
    assert card_fields["card_id"]["node"]["constraints"] == ["1 to 20 characters"]
    assert card_fields["name"]["required"] is False
    assert card_fields["name"]["node"]["nullable"] is True


def test_a_shape_nested_in_itself_stops(seen: dict[str, Any]) -> None:
    children = next(f for f in seen["recursive"]["fields"] if f["name"] == "children")
    assert children["node"]["items"]["recursive"] is True
    assert seen["treeExample"] == {"name": "string", "children": [{}]}


def test_example_body_built_from_the_schema(seen: dict[str, Any]) -> None:
    assert seen["example"] == {
        "card_id": "string",
        "name": "string",
        "status": "active",
        "groups": ["00000000-0000-4000-8000-000000000000"],
        "labels": {},
    }
    assert seen["prefilledBody"] == seen["example"]


def test_requests_are_built_from_the_inputs(seen: dict[str, Any]) -> None:
    request = seen["request"]
    assert request["url"] == "/api/cards?limit=5&charger=CP-1&charger=CP%202"
    assert request["init"]["method"] == "GET"
    assert request["init"]["headers"]["Authorization"] == "Bearer tok"
    assert "application/problem+json" in request["init"]["headers"]["Accept"]
    assert seen["missingPath"] == {"error": "Give a value for card_id."}
    assert seen["pathRequest"]["url"] == "/api/cards/A%2FB"
    assert seen["badBody"]["error"].startswith("The body is not valid JSON")


def test_filter_download_names_and_content_kinds(seen: dict[str, Any]) -> None:
    assert seen["filter"] == {"csv": ["sessions_csv"], "postCards": ["add_card"]}
    assert seen["downloadNames"] == ["a b.csv", "résumé.pdf", "receipt_pdf.pdf"]
    assert seen["classes"] == ["problem", "json", "text", "binary"]


def test_the_rendered_page(seen: dict[str, Any]) -> None:
    page = seen["page"]
    assert page["title"] == "ChargeDesk API"
    assert page["version"] == "Version 1.2.3 · OpenAPI 3.1.0"
    assert "Everything needs a token." in page["description"]
    assert page["count"] == "6 of 6 operations shown."
    assert page["signedOut"].startswith("Not signed in")
    # A wrapped docstring reads as one paragraph.
    assert "Adds a card; its id is compared without case." in page["text"]
    for words in (
        "Register a card",
        "Needs role: operator",
        "any logged-in person",
        "No other fields are accepted.",
        'One of: "active", "blocked".',
        "Same shape as TreeNode.",
        "Any key, each value string.",
        "map of string",
        "application/problem+json",
        "1 to 1000",
    ):
        assert words in page["text"], words
    assert page["filtered"] == {
        "count": "1 of 6 operations shown.",
        "hiddenOperations": 5,
        "hiddenGroups": 3,
    }
    # Text from the document is set as text: the rendered markup has no script.
    assert "<script" not in seen["rendered"]
    assert 'class="method method-post"' in seen["rendered"]


def test_try_it_sign_in_and_sign_out(seen: dict[str, Any]) -> None:
    assert seen["tryControls"] == [
        "try-list_cards-query-limit",
        "try-list_cards-query-status",
        "try-list_cards-query-charger",
    ]
    assert "Authorization" not in seen["unsignedCall"]["headers"]
    assert "Wrong username or password." in seen["loginFailed"]
    signed_in = seen["signedIn"]
    assert signed_in["state"].startswith("Signed in as alice (operator)")
    assert signed_in["stored"]["token"] == "cds_login_secret"
    assert signed_in["loginHidden"] and signed_in["signoutShown"] and signed_in["passwordCleared"]

    add = seen["addCall"]
    assert add["url"] == "/api/cards"
    assert add["method"] == "POST"
    assert add["headers"]["Authorization"] == "Bearer cds_login_secret"
    assert add["headers"]["Content-Type"] == "application/json"
    assert json.loads(add["body"]) == seen["example"]
    assert seen["problemShown"] is True
    assert "422" in seen["addResult"] and "body.card_id: too long" in seen["addResult"]

    assert seen["download"]["name"] == "sessions.csv"
    assert seen["download"]["href"].startswith("blob:")
    assert "1,7.5" in seen["download"]["text"]
    assert "Give a value for card_id." in seen["missingPathShown"]

    logout = seen["logoutCall"]
    assert (logout["url"], logout["method"]) == ("/api/logout", "POST")
    assert logout["headers"]["Authorization"] == "Bearer cds_login_secret"
    assert seen["afterSignout"]["stored"] is None
    assert seen["afterSignout"]["focused"] is True
    assert "This token was refused" in seen["refusedToken"]["message"]
    assert "This token is revoked." in seen["refusedToken"]["message"]
    assert seen["refusedToken"]["stored"] is None
    assert seen["tokenState"] == (
        "Signed in as nightly-export (viewer) with the API token cdk_past…"
    )
    # A pasted API token is forgotten by the page, never logged out on the server.
    assert seen["tokenSignoutCalls"] == 0


def test_every_operation_of_the_real_document_renders(tmp_path: Path) -> None:
    routes = [route for router in all_routers() for route in router.routes]
    document = build_document(all_routers(), title="ChargeDesk API", version="1", description="")
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(document), encoding="utf-8")
    result = subprocess.run(
        [_node(), str(HARNESS), "render", str(STATIC / "docs.js"), str(spec)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    page = json.loads(result.stdout)
    assert len(page["operations"]) == len(routes)
    assert page["forms"] == len(routes)
    assert page["count"] == f"{len(routes)} of {len(routes)} operations shown."
    assert not page["unresolved"] and not page["problem"]
    json_bodies = [route for route in routes if route.body is not None]
    parsed = [json.loads(body) for body in page["bodies"] if body.lstrip().startswith("{")]
    assert len(parsed) == len(json_bodies)


async def test_the_page_signs_in_tries_and_signs_out_on_a_real_server(api_site: ApiSite) -> None:
    node = _node()
    # The page is same-origin; Node reaches the server over HTTPS trusting the site CA.
    environment = dict(os.environ, NODE_EXTRA_CA_CERTS=str(api_site.folder / "pki" / "ca.pem"))
    process = await asyncio.create_subprocess_exec(
        node,
        str(HARNESS),
        "live",
        str(STATIC / "docs.js"),
        api_site.anonymous.base,
        "viewer",
        "viewer-password",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=environment,
    )
    # The server runs on this test's loop: wait for Node without blocking it.
    stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 0, stderr.decode()
    seen = json.loads(stdout)
    assert seen["count"].endswith("operations shown.")
    assert "401" in seen["before"] and "Sign in at the top of the page first." in seen["before"]
    assert seen["message"] == ""
    assert seen["signedIn"].startswith("Signed in as viewer (viewer)")
    assert "200" in seen["during"] and '"name": "viewer"' in seen["during"]
    assert seen["signedOut"].startswith("Not signed in")
    assert seen["oldToken"].startswith("This token was refused")
