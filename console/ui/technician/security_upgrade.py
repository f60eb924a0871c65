"""The guided move up of a charger's security profile (to 2 or 3), as a dialog.

The technician chooses the target, sees the steps the engine will take, runs them and
watches each step's progress live, then reads one outcome in words. The engine reports
steps on its own thread; they reach this dialog through a Qt signal with a queued
connection, never by touching widgets from the engine thread.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.core.staff import PermissionDenied
from console.ui.engine_client import EngineClient
from console.ui.technician import security_calls as calls
from console.ui.technician import security_words as words
from console.ui.technician.security_words import field, tr

# The charger restarts its connection and may take two minutes to come back (the
# service's own reconnect timeout is 120 s); the GUI waits longer than the engine.
UPGRADE_TIMEOUT = 300.0

WAITING, RUNNING, DONE, FAILED, SKIPPED = "waiting", "running", "done", "failed", "skipped"
_SYMBOLS = {WAITING: "○", RUNNING: "◷", DONE: "✓", FAILED: "✗", SKIPPED: "-"}
_COLOURS = {DONE: "#0B6E4F", FAILED: "#B04A00", RUNNING: "#1F4E79", SKIPPED: "#5A6570"}
_OUTCOME_STYLES = {
    "ok": "background:#E6F4EE; border:1px solid #9CCFB8; color:#0B3D2A; padding:8px;",
    "failed": "background:#FBE3D6; border:2px solid #D55E00; color:#5A1E00; padding:8px;",
    "pending": "background:#EEF3F8; border:1px solid #B8C7D6; color:#1F2D3A; padding:8px;",
}


@dataclass(frozen=True, slots=True)
class PlannedStep:
    """One step of the move up as shown before it runs."""

    key: str
    text: str


def planned_steps(target: int) -> list[PlannedStep]:
    """The steps moving up to ``target`` (2 or 3) takes, in order."""
    steps = [
        PlannedStep("install_ca", tr("Install the site CA certificate on the charger")),
        PlannedStep("password", tr("Set a new generated password (AuthorizationKey)")),
    ]
    if target >= 3:
        steps.append(
            PlannedStep(
                "certificate", tr("Have the charger get its own certificate from the site CA")
            )
        )
    steps.append(
        PlannedStep(
            "profile",
            tr("Switch the charger to security profile %1 (SecurityProfile)").replace(
                "%1", str(target)
            ),
        )
    )
    steps.append(
        PlannedStep(
            "reconnect",
            tr("Wait for the charger to connect again on security profile %1").replace(
                "%1", str(target)
            ),
        )
    )
    return steps


# Words in a step's key or name that say which planned step it is.
_KEY_HINTS = (
    ("install_ca", ("install", "root")),
    ("password", ("password", "authorization")),
    ("reconnect", ("reconnect", "connect", "follow", "wait")),
    ("certificate", ("certificate", "sign")),
    ("profile", ("switch", "securityprofile", "profile")),
)


def step_key(step: Any, keys: list[str]) -> str | None:
    """Which planned step a reported ``step`` is (by its key, its name, or its number)."""
    raw = field(step, "key", "name", "step", "kind", default="")
    name = str(getattr(raw, "value", raw)).lower()  # an enum's value, or the text
    if name in keys:
        return name
    for key, hints in _KEY_HINTS:
        if key in keys and any(hint in name.replace(" ", "") for hint in hints):
            return key
    index = field(step, "index", "number")
    if isinstance(index, int):
        position = index - 1 if field(step, "number") is not None else index
        if 0 <= position < len(keys):
            return keys[position]
    return None


def step_state(step: Any) -> str:
    """A reported step's state: running, done, failed or skipped."""
    state = field(step, "state", "status", "result", default="")
    state = str(getattr(state, "value", state)).lower()
    if field(step, "failed") is True or "fail" in state or "error" in state:
        return FAILED
    if "skip" in state:
        return SKIPPED
    if field(step, "done") is True or any(w in state for w in ("done", "ok", "succe", "finish")):
        return DONE
    return RUNNING


def outcome_text(outcome: Any, charger_id: str, target: int) -> tuple[str, str]:
    """(kind, sentence) of the move's outcome: "ok" or "failed" and the words to show."""
    succeeded = field(outcome, "succeeded", "ok", "success")
    if callable(succeeded):
        succeeded = succeeded()
    text = field(outcome, "text", "words", "message", "summary")
    if text is None and callable(getattr(outcome, "describe", None)):
        text = outcome.describe()
    if succeeded:
        default = (
            tr("%1 is connected again on security profile %2.")
            .replace("%1", charger_id)
            .replace("%2", str(target))
        )
        return "ok", str(text or default)
    failed = field(outcome, "failed_step", "step")
    default = tr("%1 was not moved up; it keeps working on its old profile.").replace(
        "%1", charger_id
    )
    if failed is not None and text is None:
        default = (
            tr("Step “%1” failed. ").replace(
                "%1", str(field(failed, "text", "name", default=failed))
            )
            + default
        )
    return "failed", str(text or default)


class UpgradeDialog(QDialog):
    """Move one charger up to security profile 2 or 3, step by step."""

    stepped = Signal(object)  # a step reported by the engine (emitted on its thread)

    def __init__(
        self,
        client: EngineClient,
        charger_id: str,
        required: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.client = client
        self.charger_id = charger_id
        self.required = required or 0
        self.running = False
        self.outcome: Any = None
        self.outcome_kind = ""
        self.setWindowTitle(self.tr("Move %1 up").replace("%1", charger_id))
        self.setMinimumWidth(560)
        self.target = QComboBox()
        for profile in (2, 3):
            if profile > self.required:
                self.target.addItem(words.profile_text(profile), profile)
        self.target.currentIndexChanged.connect(self._on_target_changed)
        self.steps = QListWidget()
        self.steps.setSpacing(3)
        self.steps.setMinimumHeight(150)
        # Only shows progress: nothing to select, no focus frame on a step.
        self.steps.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.steps.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        self.outcome_label.setMinimumHeight(54)
        self.run_button = QPushButton(self.tr("Move up"))
        self.run_button.setDefault(True)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        form = QFormLayout()
        self.required_label = QLabel(words.profile_text(self.required))
        form.addRow(self.tr("Required now:"), self.required_label)
        form.addRow(self.tr("Move up to:"), self.target)
        note = QLabel(
            self.tr(
                "Until the charger is back on the new profile it may also connect the old"
                " way, so nothing is locked out if a step fails."
            )
        )
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Steps:")))
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.outcome_label)
        layout.addWidget(note)
        layout.addLayout(buttons)
        self.stepped.connect(self._on_step, Qt.ConnectionType.QueuedConnection)
        if self.target.count() == 0:
            self.run_button.setEnabled(False)
            self._show_result(
                "ok",
                self.tr("%1 already requires profile 3, the highest.").replace("%1", charger_id),
            )
        self._on_target_changed()

    def chosen_target(self) -> int:
        """The profile chosen (3 when nothing is left to choose)."""
        data = self.target.currentData()
        return int(data) if data is not None else 3

    def choose_target(self, profile: int) -> None:
        """Choose ``profile`` (2 or 3) as the target."""
        index = self.target.findData(profile)
        if index >= 0:
            self.target.setCurrentIndex(index)

    def step_marks(self) -> list[str]:
        """Each step's state, in order (for tests and screenshots)."""
        return [
            str(self.steps.item(i).data(Qt.ItemDataRole.UserRole + 1))
            for i in range(self.steps.count())
        ]

    def _on_target_changed(self, *_: object) -> None:
        self.steps.clear()
        for planned in planned_steps(self.chosen_target()):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, planned.key)
            self.steps.addItem(item)
            self._mark(item, WAITING, planned.text)

    def _mark(self, item: QListWidgetItem, state: str, text: str | None = None) -> None:
        if text is not None:
            item.setData(Qt.ItemDataRole.UserRole + 2, text)
        label = str(item.data(Qt.ItemDataRole.UserRole + 2))
        item.setData(Qt.ItemDataRole.UserRole + 1, state)
        item.setText(f"{_SYMBOLS[state]}  {label}")
        colour = _COLOURS.get(state)
        if colour:
            item.setForeground(QColor(colour))

    def progress(self, step: Any) -> None:
        """Take a step's progress from any thread (the engine's): shown on the GUI thread."""
        with contextlib.suppress(RuntimeError):  # the dialog is gone; the move goes on
            self.stepped.emit(step)

    def _on_step(self, step: Any) -> None:
        keys = [
            str(self.steps.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.steps.count())
        ]
        key = step_key(step, keys)
        state = step_state(step)
        if key is None:
            # A step this dialog did not plan: say it, and mark nothing.
            detail = field(step, "text", "words", "detail", "message")
            if detail:
                self.details.setText(str(detail))
            return
        index = keys.index(key)
        if state in (RUNNING, DONE):
            # Steps before one that started are over, whatever their last report said.
            for earlier in range(index):
                item = self.steps.item(earlier)
                if item.data(Qt.ItemDataRole.UserRole + 1) in (WAITING, RUNNING):
                    self._mark(item, DONE)
        self._mark(self.steps.item(index), state)
        detail = field(step, "detail", "words", "text", "message")
        if detail:
            self.details.setText(str(detail))

    async def run(self) -> Any:
        """Run the move up in the engine and show its outcome; the outcome (or None)."""
        if self.running:
            return None
        target = self.chosen_target()
        actor = self.client.actor
        charger_id = self.charger_id
        self.running = True
        self.target.setEnabled(False)
        self.run_button.setEnabled(False)
        self._on_target_changed()
        self._show_result(
            "pending",
            self.tr("Moving %1 up to security profile %2…")
            .replace("%1", charger_id)
            .replace("%2", str(target)),
        )
        progress = self.progress
        try:
            outcome = await self.client.call(
                lambda e: calls.move_up(e, charger_id, target, actor, progress),
                timeout=UPGRADE_TIMEOUT,
            )
        except PermissionDenied as error:
            self._finish("failed", words.refusal_text(error, self.tr("Moving up")))
            return None
        except TimeoutError:
            self._finish(
                "failed",
                self.tr(
                    "%1 did not come back on the new profile in time. It may still connect"
                    " the old way: look at the Connections page for refused attempts."
                ).replace("%1", charger_id),
            )
            return None
        except Exception as error:  # shown in words, never swallowed
            self._finish("failed", words.refusal_text(error, self.tr("Moving up")))
            return None
        kind, text = outcome_text(outcome, charger_id, target)
        self.outcome = outcome
        if kind == "ok":
            self.required = target
            self.required_label.setText(words.profile_text(target))
        self._finish(kind, text)
        return outcome

    def _finish(self, kind: str, text: str) -> None:
        self.running = False
        if self.details.text() and self.details.text() in text:
            self.details.clear()  # the outcome says it already: once is enough
        if kind == "failed":
            for i in range(self.steps.count()):
                item = self.steps.item(i)
                if item.data(Qt.ItemDataRole.UserRole + 1) == RUNNING:
                    self._mark(item, FAILED)
        else:
            for i in range(self.steps.count()):
                item = self.steps.item(i)
                if item.data(Qt.ItemDataRole.UserRole + 1) in (WAITING, RUNNING):
                    self._mark(item, DONE)
        self.target.setEnabled(True)
        self.run_button.setEnabled(kind != "ok")
        self.run_button.setText(self.tr("Try again") if kind == "failed" else self.tr("Move up"))
        self._show_result(kind, text)

    def _show_result(self, kind: str, text: str) -> None:
        self.outcome_kind = kind
        self.outcome_label.setStyleSheet(
            f"QLabel {{{_OUTCOME_STYLES.get(kind, '')} border-radius:4px;}}"
        )
        self.outcome_label.setText(text)
