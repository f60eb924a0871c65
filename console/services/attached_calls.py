"""Service operations of a site's engine called from an attached console.

``ServiceProxy`` stands where the console on the site PC has a service object: the
screens call ``engine.cards.save_card(card, actor=...)`` exactly as they do there. The
proxy binds the arguments to the real method's signature, turns them into JSON with the
method's own type hints, sends them to ``POST /api/console/call`` and turns the answer
back into the core types the screens expect. The ``actor`` is never sent: the site's
engine acts as the person logged in with this desk's token.
"""

from __future__ import annotations

import asyncio
import inspect
import typing
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from console.services.attached_link import SiteLink

#: Parameters that name a file the operation writes, or reads: (target, operation) -> name.
#: The site's side (console/api/console_ops.py) reads the same tables.
OUTPUT_FILES = {
    ("audit", "export"): "path",
    ("queries", "export_cards"): "path",
    ("queries", "export_frames"): "path",
}
INPUT_FILES = {
    ("transfers", "update_firmware"): "firmware",
    ("queries", "plan_card_import"): "path",
}
#: Callbacks cannot cross the network: the operation runs without them.
LEFT_OUT = {"progress", "actor"}


@dataclass(frozen=True, slots=True)
class _Shape:
    signature: inspect.Signature
    hints: dict[str, Any]
    result: TypeAdapter[Any] | None
    is_async: bool


@cache
def _shape(cls: type, name: str) -> _Shape:
    function = inspect.getattr_static(cls, name)
    if isinstance(function, property):
        assert function.fget is not None
        function = function.fget
    hints = typing.get_type_hints(function)
    result = hints.get("return")
    adapter = None if result is None or result is type(None) else TypeAdapter(result)
    return _Shape(
        inspect.signature(function), hints, adapter, inspect.iscoroutinefunction(function)
    )


def _adapter(hint: Any) -> TypeAdapter[Any]:
    return _adapters(hint) if _hashable(hint) else TypeAdapter(hint)


@cache
def _adapters(hint: Any) -> TypeAdapter[Any]:
    return TypeAdapter(hint)


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


async def remote_call(
    link: SiteLink, target: str, cls: type, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> Any:
    """Call ``target.name(*args, **kwargs)`` on the site's engine; the result in core types."""
    shape = _shape(cls, name)
    bound = shape.signature.bind(None, *args, **kwargs)
    payload: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    output: Path | None = None
    for parameter, value in list(bound.arguments.items())[1:]:
        if parameter in LEFT_OUT:
            continue
        if OUTPUT_FILES.get((target, name)) == parameter:
            output = Path(value)
            continue
        if INPUT_FILES.get((target, name)) == parameter:
            path = Path(value)
            files[parameter] = await asyncio.to_thread(path.read_bytes)
            payload[parameter] = path.name
            continue
        hint = shape.hints.get(parameter, Any)
        payload[parameter] = _adapter(hint).dump_python(value, mode="json")
    result, written = await link.call(target, name, payload, files)
    if output is not None and written is not None:
        await asyncio.to_thread(output.write_bytes, written)
    if _returns_bytes(shape):
        return written  # binary results travel as a file
    if shape.result is None:
        return None
    return shape.result.validate_python(result)


def _returns_bytes(shape: _Shape) -> bool:
    return shape.hints.get("return") is bytes


class ServiceProxy:
    """Stands for one service of the site's engine (``engine.cards`` and so on)."""

    def __init__(self, link: SiteLink, target: str, cls: type) -> None:
        self._link = link
        self._target = target
        self._cls = cls
        self._local: dict[str, Any] = {}

    def answer_locally(self, name: str, value: Any) -> None:
        """Answer ``name`` here instead of asking the site (facts this desk already has):
        a function for a method, a value for a property."""
        self._local[name] = value

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self._local:
            return self._local[name]
        inspect.getattr_static(self._cls, name)  # AttributeError for what the service lacks
        link, target, cls = self._link, self._target, self._cls

        async def call(*args: Any, **kwargs: Any) -> Any:
            return await remote_call(link, target, cls, name, args, kwargs)

        call.__name__ = name
        return call


class BlockingProxy:
    """A service whose methods the screens call from a worker thread and expect a value
    from at once (the database reads, the site CA's files): each call waits for the
    answer on the link's loop. Never call it on that loop itself."""

    def __init__(
        self, link: SiteLink, target: str, cls: type, loop: asyncio.AbstractEventLoop
    ) -> None:
        self._link = link
        self._target = target
        self._cls = cls
        self._loop = loop

    def _wait(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self._loop:
            raise RuntimeError(f"{self._target}.{name} must be called off the link's loop")
        work = remote_call(self._link, self._target, self._cls, name, args, kwargs)
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(120)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        attribute = inspect.getattr_static(self._cls, name)
        if isinstance(attribute, property):
            return self._wait(name, (), {})

        def call(*args: Any, **kwargs: Any) -> Any:
            return self._wait(name, args, kwargs)

        call.__name__ = name
        return call
