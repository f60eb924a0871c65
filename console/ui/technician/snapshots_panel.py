"""Configuration snapshots: save, mark a baseline, compare, apply a baseline to chargers."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.core.configuration import ConfigSnapshot, KeyDifference
from console.core.enums import CommandResult
from console.core.model import CommandOutcome
from console.core.staff import Permission
from console.services.configuration import BaselineApplied, BaselineComparison
from console.services.engine import CentralSystem
from console.ui.actions import StaffActions
from console.ui.engine_client import EngineClient
from console.ui.role_controls import gate, when_actor_changes
from console.ui.site_mirror import SiteMirror
from console.ui.staff.roles import allow
from console.ui.tasks import loop_running
from console.ui.technician.charger_choice import ChargerChoice
from console.ui.technician.config_models import (
    BaselineResultsModel,
    DifferencesModel,
    ResultRow,
    SnapshotsModel,
    outcome_look,
)

SCOPE_CHARGER, SCOPE_MODEL, SCOPE_ALL = range(3)


def _table(model: object) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class SnapshotsPanel(QWidget):
    """Snapshots of the chosen charger (or its model), their differences, baseline runs."""

    def __init__(
        self,
        client: EngineClient,
        mirror: SiteMirror,
        picker: ChargerChoice,
        staff: StaffActions,
    ) -> None:
        super().__init__()
        self.client = client
        self.mirror = mirror
        self.picker = picker
        self.staff = staff
        self.banner = staff.banner
        self.last_results: list[BaselineApplied] = []
        self._build()
        allow(self.client, self.save_button, Permission.CONFIGURATION)
        when_actor_changes(self.client, self, self._on_selection)

    def _build(self) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Snapshot name (optional)"))
        self.save_button = QPushButton(self.tr("Save snapshot"))
        self.save_button.setToolTip(self.tr("Read the charger's configuration and keep it"))
        self.save_button.clicked.connect(lambda: self.staff.tasks.start(self.save()))
        self.scope = QComboBox()
        self.scope.addItems([self.tr("This charger"), self.tr("This model"), self.tr("All")])
        self.scope.setToolTip(self.tr("Which snapshots to list"))
        self.scope.currentIndexChanged.connect(lambda _: self.staff.tasks.start(self.reload()))

        self.model = SnapshotsModel(self)
        self.list_view = _table(self.model)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list_view.selectionModel().selectionChanged.connect(self._on_selection)
        self.baseline_button = QPushButton(self.tr("Mark as baseline"))
        self.baseline_button.setToolTip(
            self.tr("Make the selected snapshot the reference of its charger model")
        )
        self.baseline_button.clicked.connect(lambda: self.staff.tasks.start(self.mark_baseline()))
        self.compare_button = QPushButton(self.tr("Compare two"))
        self.compare_button.setToolTip(self.tr("Select two snapshots to compare"))
        self.compare_button.clicked.connect(lambda: self.staff.tasks.start(self.compare_selected()))
        self.versus_button = QPushButton(self.tr("Charger vs baseline"))
        self.versus_button.setToolTip(
            self.tr("Compare the charger's live configuration with its model's baseline")
        )
        self.versus_button.clicked.connect(lambda: self.staff.tasks.start(self.compare_baseline()))

        self.diff_model = DifferencesModel(self)
        self.diff_caption = QLabel(self.tr("Select two snapshots and press Compare two."))
        self.diff_caption.setWordWrap(True)
        self.diff_view = _table(self.diff_model)
        differences = QWidget()
        diff_layout = QVBoxLayout(differences)
        diff_layout.setContentsMargins(4, 4, 4, 4)
        diff_layout.addWidget(self.diff_caption)
        diff_layout.addWidget(self.diff_view, 1)

        self.apply_caption = QLabel()
        self.apply_caption.setWordWrap(True)
        self.targets = QListWidget()
        self.targets.setMaximumWidth(190)
        self.targets.setToolTip(self.tr("Chargers of the baseline's model"))
        self.apply_button = QPushButton(self.tr("Apply to checked"))
        self.apply_button.setToolTip(
            self.tr("Set, on each checked charger, the writable keys that differ")
        )
        self.apply_button.clicked.connect(lambda: self.staff.tasks.start(self.apply_baseline()))
        self.results_model = BaselineResultsModel(self)
        self.results_view = _table(self.results_model)
        applying = QWidget()
        apply_layout = QVBoxLayout(applying)
        apply_layout.setContentsMargins(4, 4, 4, 4)
        apply_layout.addWidget(self.apply_caption)
        row = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.targets, 1)
        left.addWidget(self.apply_button)
        row.addLayout(left)
        row.addWidget(self.results_view, 1)
        apply_layout.addLayout(row, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(differences, self.tr("Differences"))
        self.tabs.addTab(applying, self.tr("Apply baseline"))

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("<b>Snapshots</b>"))
        save_row = QHBoxLayout()
        save_row.addWidget(heading)
        save_row.addWidget(self.scope)
        save_row.addWidget(self.name_edit, 1)
        save_row.addWidget(self.save_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.baseline_button)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.versus_button)
        buttons.addStretch(1)
        top_layout.addLayout(save_row)
        top_layout.addWidget(self.list_view, 1)
        top_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._on_selection()

    # ----------------------------------------------------------------- public

    def charger_changed(self) -> None:
        """The page now shows another charger: list its snapshots."""
        self.diff_model.set_differences([])
        self.results_model.set_rows([])
        self._launch_reload()

    def _launch_reload(self) -> None:
        # A charger chosen while the console is still being built (the restored choice)
        # comes before its loop runs: a task made then would bind to no loop and never
        # run, so the read waits for the loop's first turn.
        if loop_running():
            self.staff.tasks.start(self.reload())
        else:
            QTimer.singleShot(0, self, self._launch_reload)

    def selected(self) -> list[ConfigSnapshot]:
        """The selected snapshots, in list order."""
        rows = sorted({index.row() for index in self.list_view.selectionModel().selectedRows()})
        return [self.model.snapshots[row] for row in rows]

    def select(self, *snapshot_ids: int) -> None:
        """Select snapshots by id (for the person's convenience and for tests)."""
        selection = self.list_view.selectionModel()
        selection.clearSelection()
        for row, snapshot in enumerate(self.model.snapshots):
            if snapshot.id in snapshot_ids:
                selection.select(
                    self.model.index(row, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )

    async def reload(self) -> list[ConfigSnapshot]:
        """List the snapshots of the chosen scope."""
        scope = self.scope.currentIndex()
        charger_id = self.picker.charger_id
        boot = self.picker.boot()
        model = None if boot is None else boot.model
        if scope == SCOPE_CHARGER and charger_id is None:
            snapshots: list[ConfigSnapshot] = []
        else:
            wanted_charger = charger_id if scope == SCOPE_CHARGER else None
            wanted_model = model if scope == SCOPE_MODEL else None
            snapshots = await self.client.call(
                lambda e: e.configuration.snapshots(wanted_charger, wanted_model)
            )
        chosen = [s.id for s in self.selected()]
        self.model.set_snapshots(snapshots)
        self.select(*chosen)
        self._on_selection()
        return snapshots

    async def save(self) -> ConfigSnapshot | None:
        """Read the charger's configuration and save it as a snapshot."""
        charger_id = self.picker.charger_id
        if charger_id is None:
            return None
        name = self.name_edit.text()
        title = self.tr("Save snapshot")
        self.banner.show_pending(charger_id, title)
        try:
            outcome, snapshot = await self.client.call(
                lambda e: e.configuration.save_snapshot(charger_id, name, actor=self.client.actor)
            )
        except Exception as error:  # refused (no permission) or failed: shown
            self.banner.show_error(f"{title}: {error}")
            return None
        if snapshot is not None:
            title = self.tr("Save snapshot “%1”").replace("%1", snapshot.name)
            self.name_edit.clear()
            await self.reload()
            self.select(snapshot.id)
        self.staff.outcome.emit(charger_id, title, outcome)
        return snapshot

    async def mark_baseline(self) -> ConfigSnapshot | None:
        """Make the selected snapshot the baseline of its model."""
        chosen = self.selected()
        if len(chosen) != 1:
            return None
        try:
            marked = await self.client.call(
                lambda e: e.configuration.mark_baseline(chosen[0].id, actor=self.client.actor)
            )
        except Exception as error:  # refused (no permission) or failed: shown
            self.banner.show_error(str(error))
            return None
        await self.reload()
        if marked is not None:
            title = self.tr("Baseline of %1").replace(
                "%1", marked.model or self.tr("unknown model")
            )
            outcome = CommandOutcome(CommandResult.ANSWERED, status="Accepted")
            self.banner.show_outcome(marked.name, title, outcome)
        return marked

    async def compare_selected(self) -> list[KeyDifference]:
        """Compare the two selected snapshots (older on the left)."""
        chosen = self.selected()
        if len(chosen) != 2:
            self.banner.show_error(self.tr("Select exactly two snapshots to compare."))
            return []
        older, newer = sorted(chosen, key=lambda s: (s.taken_at, s.id))
        differences = await self.client.call(
            lambda e: e.configuration.compare_snapshots(older.id, newer.id)
        )
        self.diff_model.set_sides(older.name, newer.name)
        self.diff_model.set_differences(differences)
        self.diff_caption.setText(
            self.tr("“%1” → “%2”: %3 key(s) differ.")
            .replace("%1", older.name)
            .replace("%2", newer.name)
            .replace("%3", str(len(differences)))
        )
        self.tabs.setCurrentIndex(0)
        return differences

    async def compare_baseline(self) -> BaselineComparison | None:
        """Compare the charger's live configuration with its model's baseline."""
        charger_id = self.picker.charger_id
        if charger_id is None:
            return None
        title = self.tr("Compare with baseline")
        self.banner.show_pending(charger_id, title)

        async def work(engine: CentralSystem) -> BaselineComparison:
            return await engine.configuration.compare_with_baseline(charger_id)

        comparison = await self.client.call(work)
        if comparison.read.outcome.result is not CommandResult.ANSWERED:
            self.banner.show_outcome(charger_id, title, comparison.read.outcome)
            return comparison
        self.banner.hide()
        baseline = comparison.baseline
        assert baseline is not None
        self.diff_model.set_sides(self.tr("Baseline"), charger_id)
        self.diff_model.set_differences(comparison.differences)
        self.diff_caption.setText(
            self.tr("%1 against the baseline “%2”: %3 key(s) differ.")
            .replace("%1", charger_id)
            .replace("%2", baseline.name)
            .replace("%3", str(len(comparison.differences)))
        )
        self.tabs.setCurrentIndex(0)
        return comparison

    def baseline_to_apply(self) -> ConfigSnapshot | None:
        """The selected snapshot, or else the listed baseline of the charger's model."""
        chosen = self.selected()
        if len(chosen) == 1:
            return chosen[0]
        boot = self.picker.boot()
        for snapshot in self.model.snapshots:
            if snapshot.baseline and boot is not None and snapshot.model == boot.model:
                return snapshot
        return None

    def check(self, *charger_ids: str) -> None:
        """Check these chargers in the target list (uncheck the others)."""
        for row in range(self.targets.count()):
            item = self.targets.item(row)
            state = item.data(Qt.ItemDataRole.UserRole) in charger_ids
            item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)

    def checked(self) -> list[str]:
        """The chargers checked in the target list."""
        return [
            str(self.targets.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.targets.count())
            if self.targets.item(row).checkState() == Qt.CheckState.Checked
        ]

    async def apply_baseline(self) -> list[BaselineApplied]:
        """Apply the baseline to every checked charger; show per-charger, per-key results."""
        baseline = self.baseline_to_apply()
        targets = self.checked()
        if baseline is None or not targets:
            self.banner.show_error(self.tr("Choose a baseline and check at least one charger."))
            return []
        title = self.tr("Apply baseline “%1”").replace("%1", baseline.name)
        self.banner.show_pending(", ".join(targets), title)

        async def work(engine: CentralSystem) -> list[BaselineApplied]:
            return await engine.configuration.apply_baseline(
                baseline.id, targets, actor=self.client.actor
            )

        try:
            results = await self.client.call(work)
        except Exception as error:  # refused (no permission) or failed: shown
            self.banner.show_error(f"{title}: {error}")
            return []
        self.last_results = results
        self.results_model.set_rows(self._result_rows(results))
        self.tabs.setCurrentIndex(1)
        failed = [r for r in results if r.problem is not None] + [
            r for r in results if any(not c.outcome.accepted for c in r.changes)
        ]
        reboot = [r.charger_id for r in results if r.reboot_required]
        if failed or reboot:
            text = self.tr("%1: see the results; %2 charger(s) need attention.").replace(
                "%1", title
            )
            text = text.replace("%2", str(len({r.charger_id for r in failed} | set(reboot))))
            if reboot:
                text += " " + self.tr("Reboot required: %1.").replace("%1", ", ".join(reboot))
            self.banner.show_error(text)
        else:
            outcome = CommandOutcome(CommandResult.ANSWERED, status="Accepted")
            self.banner.show_outcome(", ".join(targets), title, outcome)
        return results

    # ----------------------------------------------------------------- internals

    def _result_rows(self, results: list[BaselineApplied]) -> list[ResultRow]:
        rows: list[ResultRow] = []
        for result in results:
            if result.problem is not None:
                look = outcome_look(result.problem)
                rows.append(ResultRow(result.charger_id, "—", "", look))
            elif not result.changes:
                ok = outcome_look(CommandOutcome(CommandResult.ANSWERED))
                rows.append(ResultRow(result.charger_id, "—", self.tr("already matches"), ok))
            for change in result.changes:
                rows.append(
                    ResultRow(
                        change.charger_id, change.key, change.value, outcome_look(change.outcome)
                    )
                )
        return rows

    def _on_selection(self, *_: object) -> None:
        count = len(self.selected())
        gate(self.client, self.baseline_button, Permission.CONFIGURATION, count == 1)
        self.compare_button.setEnabled(count == 2)
        self.versus_button.setEnabled(self.picker.charger_id is not None)
        self._fill_targets()

    def _fill_targets(self) -> None:
        baseline = self.baseline_to_apply()
        checked = set(self.checked())
        self.targets.clear()
        if baseline is None:
            self.apply_caption.setText(
                self.tr("Select a snapshot (or mark a baseline) to apply it to chargers.")
            )
            gate(self.client, self.apply_button, Permission.CONFIGURATION, False)
            return
        self.apply_caption.setText(
            self.tr("Apply “%1” (%2) to the checked chargers of the same model:")
            .replace("%1", baseline.name)
            .replace("%2", " ".join(v for v in (baseline.vendor, baseline.model) if v))
        )
        for charger_id in sorted(self.mirror.chargers):
            boot = self.mirror.chargers[charger_id].boot
            if boot is None or (boot.vendor, boot.model) != (baseline.vendor, baseline.model):
                continue
            item = QListWidgetItem(charger_id)
            item.setData(Qt.ItemDataRole.UserRole, charger_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            wanted = charger_id in checked
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
            self.targets.addItem(item)
        gate(self.client, self.apply_button, Permission.CONFIGURATION, self.targets.count() > 0)
