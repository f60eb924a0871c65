"""The API's operations, one module per tag; each module has a ``router``.

Modules are found by name, so adding a resource is adding a module here.
"""

from __future__ import annotations

import importlib
import pkgutil

from console.api.routing import ApiRouter

# The order of the tags in the document and the browsable page.
_FIRST = ("access", "site", "chargers", "sessions", "cards")


def all_routers() -> list[ApiRouter]:
    """The router of every resource module, the main ones first."""
    names = sorted(
        (info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_")),
        key=lambda name: (_FIRST.index(name) if name in _FIRST else len(_FIRST), name),
    )
    routers = []
    for name in names:
        module = importlib.import_module(f"{__name__}.{name}")
        router = getattr(module, "router", None)
        if isinstance(router, ApiRouter):
            routers.append(router)
    return routers
