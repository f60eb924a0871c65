"""Kept for the views that import it from here: see ``console.ui.tasks``."""

from __future__ import annotations

from console.ui.tasks import TaskKeeper, loop_running

__all__ = ["TaskKeeper", "loop_running"]
