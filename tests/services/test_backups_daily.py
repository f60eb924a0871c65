"""The daily backup in a running engine, "back up now", and the command line's backup and
restore beside (or refused by) a running engine."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from console.cli import main
from console.core.alarms import AlarmKind
from console.core.staff import PermissionDenied
from console.services.audit_log import AuditFilter
from console.services.backup_settings import BackupSettings
from console.services.backups import BACKUP_ALARM_SOURCE
from console.services.engine import CentralSystem
from console.storage import alarms as alarm_repo
from console.storage.logs import set_setting
from console.storage.tariffs import SITE_TIMEZONE_KEY
from tests.actors import ADMIN, DESK, TECHNICIAN

START = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)  # Berlin: 13:00


def _files(folder: Path, pattern: str) -> list[Path]:
    return list(folder.glob(pattern))


async def _open_backup_alarm(engine: CentralSystem) -> object:
    return await engine.writer.submit(
        lambda c: alarm_repo.open_alarm(c, BACKUP_ALARM_SOURCE, None, AlarmKind.BACKUP_FAILED)
    )


async def test_the_daily_backup_keeps_n_copies_and_its_failure_is_an_alarm(
    engine: CentralSystem, tmp_path: Path
) -> None:
    folder = tmp_path / "copies"
    folder.mkdir()
    (folder / "chargedesk-notes.txt").write_text("not ours")  # never counted nor removed
    await engine.writer.submit(lambda c: set_setting(c, SITE_TIMEZONE_KEY, "Europe/Berlin"))
    settings = BackupSettings(str(folder), time(2, 30), keep=3)
    await engine.backups.save_settings(settings, actor=ADMIN)
    assert await engine.backups.settings() == settings

    backups = engine.backups
    # Never backed up: the first check makes one at once, named in site time.
    first = await backups.run_due(START, actor=TECHNICIAN)
    assert first is not None and first.ok, first
    assert Path(first.file).name == "chargedesk-2026-03-01-1300.db"
    assert await backups.run_due(START + timedelta(hours=12), actor=TECHNICIAN) is None
    # Each day at 02:30 Berlin (01:30 UTC) one more; three are kept.
    made = []
    for day in range(1, 6):
        moment = START.replace(hour=1, minute=31) + timedelta(days=day)
        assert await backups.run_due(moment - timedelta(minutes=2), actor=TECHNICIAN) is None
        status = await backups.run_due(moment, actor=TECHNICIAN)
        assert status is not None and status.ok
        made.append(Path(status.file).name)
    assert made[-1] == "chargedesk-2026-03-06-0231.db"
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == sorted([*made[-3:], "chargedesk-notes.txt"])
    last = await backups.status()
    assert last is not None and last.ok and last.size > 0 and last.file.endswith(made[-1])
    assert "older copy removed" in last.outcome

    # The folder goes away (a USB disk unplugged): the next backup fails, an alarm says so.
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    failed = await backups.run_due(START + timedelta(days=6, hours=-10), actor=TECHNICIAN)
    assert failed is not None and not failed.ok and "does not exist" in failed.outcome
    alarm = await _open_backup_alarm(engine)
    assert alarm is not None
    assert str(folder) in alarm.message and "failed" in alarm.message  # type: ignore[attr-defined]
    # Tried again an hour later, still failing: one alarm, not two.
    again = START + timedelta(days=6, hours=-9)
    assert not (await backups.run_due(again, actor=TECHNICIAN)).ok  # type: ignore[union-attr]
    everything = await engine.writer.submit(alarm_repo.list_alarms)
    assert sum(a.kind is AlarmKind.BACKUP_FAILED for a in everything) == 1
    # The folder is back: the next backup succeeds and clears the alarm.
    folder.mkdir()
    fixed = await backups.run_due(again + timedelta(hours=1), actor=TECHNICIAN)
    assert fixed is not None and fixed.ok
    assert await _open_backup_alarm(engine) is None


async def test_back_up_now_needs_a_technician_or_an_admin_and_is_audited(
    engine: CentralSystem, tmp_path: Path
) -> None:
    with pytest.raises(PermissionDenied, match="technician"):
        await engine.backups.back_up_now(actor=DESK)
    with pytest.raises(PermissionDenied, match="admin"):
        await engine.backups.save_settings(BackupSettings(), actor=TECHNICIAN)
    with pytest.raises(ValueError, match="full path"):
        await engine.backups.save_settings(BackupSettings("relative"), actor=ADMIN)
    status = await engine.backups.back_up_now(actor=TECHNICIAN)
    # The default folder: "backups" beside the database, made private.
    assert status.ok and Path(status.file).parent == tmp_path / "backups"
    assert not status.automatic
    entries = await engine.audit.entries(AuditFilter(action="backup."), actor=ADMIN)
    assert [e.action for e in entries] == ["backup.run"]
    assert entries[0].actor == TECHNICIAN.name


async def test_the_command_line_backs_up_beside_the_engine_and_restore_waits_for_it(
    engine: CentralSystem, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import asyncio

    url = engine.config.database_url
    database = url.removeprefix("sqlite:///")
    copy = tmp_path / "by-hand.db"
    code = await asyncio.to_thread(main, ["backup", str(copy), "--db", database])
    assert code == 0 and copy.exists(), capsys.readouterr().err
    assert "backed up to" in capsys.readouterr().out

    code = await asyncio.to_thread(main, ["restore", str(copy), "--db", database])
    error = capsys.readouterr().err
    assert code == 1 and "in use by a running ChargeDesk" in error and "stop it" in error
    assert not _files(tmp_path, "*before-restore*")

    await engine.stop()
    code = await asyncio.to_thread(main, ["restore", str(copy), "--db", database])
    assert code == 0, capsys.readouterr().err
    assert len(_files(tmp_path, "engine.before-restore-*.db")) == 1


async def test_no_engine_starts_while_a_restore_holds_the_database(tmp_path: Path) -> None:
    from console.services.engine import EngineConfig
    from console.services.engine_lock import DatabaseInUse, hold_exclusively

    database = tmp_path / "held.db"
    engine = CentralSystem(EngineConfig(f"sqlite:///{database}", host="127.0.0.1", port=0))
    with hold_exclusively(database), pytest.raises(DatabaseInUse, match="being restored"):
        await engine.start()
    await engine.start()  # the restore is over
    try:
        with pytest.raises(DatabaseInUse, match="stop it"):
            hold_exclusively(database)
    finally:
        await engine.stop()
    hold_exclusively(database).release()


async def test_the_command_line_never_copies_over_the_live_databases_own_files(
    engine: CentralSystem, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not its WAL (uncheckpointed commits) nor the engine's lock file."""
    import asyncio

    database = engine.config.database_url.removeprefix("sqlite:///")
    for name in (f"{database}-wal", f"{database}.engine-lock"):
        code = await asyncio.to_thread(main, ["backup", name, "--db", database])
        error = capsys.readouterr().err
        assert code == 1 and "cannot replace" in error, error


async def test_settings_changed_by_hand_to_nonsense_read_as_the_defaults(
    engine: CentralSystem,
) -> None:
    """keep "0" would remove every copy, the one just made too."""
    for key, value in (("backup.keep", "0"), ("backup.folder", "relative/path")):
        await engine.writer.submit(lambda c, k=key, v=value: set_setting(c, k, v))
        assert await engine.backups.settings() == BackupSettings()
        await engine.writer.submit(lambda c, k=key: set_setting(c, k, ""))


async def test_stopping_the_engine_waits_for_a_copy_under_way(
    engine: CentralSystem, tmp_path: Path
) -> None:
    """The copy runs in a thread; the engine's database must not close under it."""
    import asyncio
    import threading

    backups = engine.backups
    started, release = threading.Event(), threading.Event()
    copy = backups._copy

    def slow_copy(*args: object) -> object:
        started.set()
        release.wait(30)
        return copy(*args)  # type: ignore[arg-type]

    backups._copy = slow_copy  # type: ignore[method-assign]
    backups.first_delay = 0.0
    backups.start()
    await asyncio.to_thread(started.wait, 30)
    closing = asyncio.ensure_future(backups.close())
    await asyncio.to_thread(lambda: None)  # a turn of the loop: close() is now waiting
    assert not closing.done()
    release.set()
    await closing
    assert backups._copying is not None and backups._copying.done()
    status = backups._copying.result()
    assert status.ok and status.size > 0
