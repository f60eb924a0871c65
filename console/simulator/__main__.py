"""``python -m console.simulator --url ws://...``: the same as ``chargedesk simulate``."""

from __future__ import annotations

import sys

from console.simulator.cli import main

sys.exit(main())
