"""The message log: every OCPP frame in and out, searched like the console's Messages
page and exported as JSON lines."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from functools import partial

from aiohttp import web
from pydantic import AwareDatetime, Field, model_validator

from console.api.models import ApiModel, QueryModel
from console.api.routing import ApiCall, ApiRouter
from console.core.enums import Direction, FrameKind
from console.services.message_export import FrameFilter, StoredFrame, frame_json
from console.services.queries import SiteQueries

log = logging.getLogger(__name__)

router = ApiRouter("messages", "The OCPP message log: search it, page through it, export it")

NDJSON = "application/x-ndjson"
EXPORT_BATCH = 2000  # frames read per worker-thread call while streaming an export
_STREAM_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Disposition": 'attachment; filename="messages.jsonl"',
}


class MessageFilterQuery(QueryModel):
    """Which frames: every filter given must match (empty: all frames)."""

    charger: str | None = Field(None, max_length=100, description="Only this charger (exact id)")
    action: list[str] = Field(
        default_factory=list,
        max_length=50,
        description="Only these OCPP actions (repeatable); a reply carries its call's action",
    )
    direction: Direction | None = Field(
        None, description="in: from the charger, out: from ChargeDesk"
    )
    kind: list[FrameKind] = Field(default_factory=list, description="Only these frame kinds")
    since: AwareDatetime | None = Field(None, description="From this time (inclusive, ISO 8601)")
    until: AwareDatetime | None = Field(None, description="Before this time (exclusive)")
    text: str = Field(
        "", max_length=200, description="In the payload or the message id, ignoring case"
    )

    @model_validator(mode="after")
    def _ordered(self) -> MessageFilterQuery:
        if self.since is not None and self.until is not None and self.since >= self.until:
            raise ValueError("since must be before until")
        return self

    def frame_filter(self) -> FrameFilter:
        """The same filter the console's Messages page builds."""
        return FrameFilter(
            charger_id=self.charger,
            actions=tuple(self.action),
            direction=self.direction,
            kinds=tuple(self.kind),
            since=self.since,
            until=self.until,
            text=self.text,
        )


class MessageQuery(MessageFilterQuery):
    """A page of the frames matching the filter, newest first."""

    limit: int = Field(100, ge=1, le=1000, description="Frames on one page (1 to 1000)")
    before_id: int | None = Field(
        None, ge=1, description="Frames older than this id: the next_before_id of a page"
    )


class MessageOut(ApiModel):
    """One websocket frame as it crossed the wire."""

    id: int = Field(description="Its place in the log (higher: later)")
    at: datetime = Field(description="When ChargeDesk received or sent it")
    charger_id: str
    direction: Direction
    kind: FrameKind
    message_id: str | None = Field(None, description="The OCPP message id; null if unparsable")
    action: str | None = None
    latency_ms: float | None = Field(None, description="For a reply: time since its call")
    payload: str = Field(description="The frame's text exactly as on the wire")


class MessagePage(ApiModel):
    """A page of frames, newest first; ask for older ones with
    ``before_id=next_before_id``."""

    items: list[MessageOut]
    next_before_id: int | None = Field(None, description="Null on the last page")


def message_out(stored: StoredFrame) -> MessageOut:
    """The API form of a logged frame."""
    frame = stored.frame
    return MessageOut(
        id=stored.id,
        at=frame.at,
        charger_id=frame.charger_id,
        direction=frame.direction,
        kind=frame.kind,
        message_id=frame.message_id,
        action=frame.action,
        latency_ms=frame.latency_ms,
        payload=frame.payload,
    )


@router.get(
    "/api/messages", summary="Search the message log", query=MessageQuery, response=MessagePage
)
async def search_messages(call: ApiCall) -> MessagePage:
    """Frames newest first, filtered like the console's Messages page. Pages are keyed
    on the frame id, not an offset: frames arriving meanwhile neither repeat nor vanish
    between pages, and a page deep in a big log costs as little as the first. A `text`
    search reads the payloads and is the one slow filter on a big log."""
    query: MessageQuery = call.query
    where = query.frame_filter()
    rows = await call.read(
        lambda q: q.search_frames(where, before_id=query.before_id, limit=query.limit + 1)
    )
    page = rows[: query.limit]
    more = len(rows) > query.limit
    return MessagePage(
        items=[message_out(row) for row in page],
        next_before_id=page[-1].id if more else None,
    )


@router.get(
    "/api/messages/export",
    summary="Export the message log as JSON lines",
    query=MessageFilterQuery,
    response=str,
    response_media=NDJSON,
)
async def export_messages(call: ApiCall) -> web.StreamResponse:
    """Every frame matching the filter, oldest first, one JSON object a line, streamed
    (any size: nothing is held in memory). The same lines as the console's Export:
    `id`, `at` (UTC with its offset), `zone`, `charger_id`, `direction`, `kind`,
    `message_id`, `action`, `latency_ms` and `payload` (the frame's text). Frames that
    arrive during the export are left out. Should reading fail half way, the last line
    is `{"error": "..."}`: then the export is incomplete."""
    where = call.query.frame_filter()
    newest = await call.read(lambda q: q.search_frames(where, limit=1))
    upto = newest[0].id if newest else 0
    response = web.StreamResponse(headers=_STREAM_HEADERS)
    response.content_type = NDJSON
    response.charset = "utf-8"
    await response.prepare(call.request)
    after = 0

    def batch_after(queries: SiteQueries, start: int) -> list[StoredFrame]:
        return queries.search_frames(
            where, before_id=upto + 1, after_id=start, limit=EXPORT_BATCH, oldest_first=True
        )

    try:
        while upto:
            batch = await call.read(partial(batch_after, start=after))
            if not batch:
                break
            lines = "".join(
                json.dumps(frame_json(stored, UTC), ensure_ascii=False) + "\n" for stored in batch
            )
            await response.write(lines.encode("utf-8"))
            after = batch[-1].id
    except (ConnectionError, OSError):
        raise  # the client went away: nothing to tell it
    except Exception as error:
        # The status line has been sent: the stream itself must say it is incomplete.
        log.exception("message export failed after frame %s", after)
        failed = {"error": f"the export stopped after frame {after}: {error}"}
        await response.write((json.dumps(failed) + "\n").encode("utf-8"))
    await response.write_eof()
    return response
