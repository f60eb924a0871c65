"""Base models of the API: strict inputs, problem details, pages of a long list."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class ApiModel(BaseModel):
    """Every request and response body: unknown fields are refused, never ignored.

    ``from_attributes`` lets a response be built straight from a core dataclass.
    """

    model_config = ConfigDict(extra="forbid", from_attributes=True)


class QueryModel(ApiModel):
    """The query parameters of one operation (each field one parameter).

    A field typed as a list is a parameter that may be repeated (``?charger=A&charger=B``).
    """


class Problem(ApiModel):
    """An error as problem details (RFC 9457): ``detail`` says what to do in words."""

    model_config = ConfigDict(extra="allow")

    type: str = Field("about:blank", description="A URI reference naming the kind of problem")
    title: str = Field(description="A short summary of the kind of problem")
    status: int = Field(description="The HTTP status code")
    detail: str = Field("", description="What went wrong with this request and what to do")
    instance: str = Field("", description="The path of the request")


class FieldProblem(ApiModel):
    """One input that could not be used."""

    field: str = Field(description="Where: body.name, query.limit, path.charger_id")
    message: str


class Page(ApiModel):
    """A page of a long list; ask for the next one with ``offset=next_offset``.

    Subclasses add ``items``.
    """

    next_offset: int | None = Field(
        None, description="The offset of the next page; null on the last page"
    )


class PageQuery(QueryModel):
    """Paging of a long list: at most ``limit`` items from ``offset``."""

    limit: int = Field(100, ge=1, le=1000, description="Items on one page (1 to 1000)")
    offset: int = Field(0, ge=0, le=1_000_000, description="Items to skip")


def page_of(rows: list, query: PageQuery) -> tuple[list, int | None]:  # type: ignore[type-arg]
    """Cut one page from ``rows`` read with ``limit = offset + limit + 1``.

    The read asks for one row more than the page, so the last page is known without a
    second count query.
    """
    window = rows[query.offset : query.offset + query.limit + 1]
    more = len(window) > query.limit
    return window[: query.limit], (query.offset + query.limit) if more else None


class Timestamped(ApiModel):
    """A response that says when it was read (live state changes from second to second)."""

    read_at: datetime
