"""What the command-line modules share: the sub-parser type and a person's mistake."""

from __future__ import annotations

import argparse
from typing import TypeAlias

SubParsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class UserError(Exception):
    """A mistake of the person at the keyboard, shown as one line."""
