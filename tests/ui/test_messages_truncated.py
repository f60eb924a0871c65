"""A frame stored cut (too large) reads as such on the message page, not as an error."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QApplication

from console.core.enums import FrameKind
from console.services.message_log import truncate_payload
from console.ui.technician.message_detail import pretty_payload
from console.ui.technician.message_model import analyse


def test_a_cut_frame_says_how_much_was_left_out(qapp: QApplication) -> None:
    whole = json.dumps([2, "m1", "DataTransfer", {"vendorId": "v", "data": "D" * 200_000}])
    cut, omitted = truncate_payload(whole, 65_536)
    summary, problem = analyse(FrameKind.CALL, cut)
    assert problem is None  # the charger's frame was fine; we kept only part of it
    assert summary.startswith(f"…[truncated by ChargeDesk: {omitted} of {len(whole)} bytes")
    shown = pretty_payload(cut)
    assert shown.startswith(f"Too large to keep whole: {omitted:,} of {len(whole):,} bytes")
    assert shown.endswith(cut)
    # A frame that really is unreadable is still an error.
    assert analyse(FrameKind.CALL, '[2,"m1","DataTransfer",{')[1] == "error"
