"""What backups were made, kept beside the database (not in it, so a restore does not rewind it): for the
Overview's reminder, `kaplc backup list` and the daily automatic backups."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from ..atomic_file import write_text_atomic
from ..paths import backups_dir
from ..progress import NO_PROGRESS, Progress
from .backup_format import SUFFIX
from .backup_places import is_off_this_disk
from .backup_writer import BackupResult, create_backup

HISTORY_FILE = "history.json"
DAILY_FOLDER = "daily"
KEEP_DAILY = 14
REMIND_AFTER_DAYS = 30
MAX_ENTRIES = 500

MANUAL, DAILY = "manual", "daily"


@dataclass(frozen=True)
class BackupEntry:
    made_at: dt.datetime  # UTC
    path: str
    kind: str  # manual | daily
    size: int
    people: int
    off_this_disk: bool

    @property
    def exists(self) -> bool:
        return Path(self.path).is_file()


def _history_path(data_dir: Path) -> Path:
    return backups_dir(data_dir) / HISTORY_FILE


def history(data_dir: Path) -> list[BackupEntry]:
    """Every backup recorded, oldest first; a damaged history file counts as empty (it holds no records)."""
    try:
        raw = json.loads(_history_path(data_dir).read_text(encoding="utf-8"))
        return [
            BackupEntry(
                made_at=dt.datetime.fromisoformat(item["made_at"]),
                path=str(item["path"]),
                kind=str(item["kind"]),
                size=int(item["size"]),
                people=int(item["people"]),
                off_this_disk=item["off_this_disk"] is True,
            )
            for item in raw
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def record(data_dir: Path, result: BackupResult, kind: str) -> BackupEntry:
    entry = BackupEntry(
        made_at=dt.datetime.now(dt.UTC).replace(microsecond=0),
        path=str(result.path.resolve()),
        kind=kind,
        size=result.size,
        people=result.manifest.people,
        off_this_disk=kind == MANUAL and is_off_this_disk(result.path, data_dir),
    )
    entries = [*history(data_dir), entry][-MAX_ENTRIES:]
    folder = backups_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    data = [{**asdict(e), "made_at": e.made_at.isoformat()} for e in entries]
    write_text_atomic(_history_path(data_dir), json.dumps(data, ensure_ascii=False, indent=1))
    return entry


def back_up_to(data_dir: Path, target: Path, progress: Progress = NO_PROGRESS) -> BackupEntry:
    """A backup the user asked for, at `target` (a file name ending in .kaplc-backup)."""
    return record(data_dir, create_backup(data_dir, target, progress), MANUAL)


def default_name(code: str, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now()
    return f"kaplc-backup-{code or 'data'}-{now:%Y%m%d-%H%M}{SUFFIX}"


def daily_folder(data_dir: Path) -> Path:
    return backups_dir(data_dir) / DAILY_FOLDER


def daily_backup_if_due(data_dir: Path, keep: int = KEEP_DAILY, today: dt.date | None = None) -> BackupEntry | None:
    """The first start of each day makes one backup in backups/daily and keeps the newest `keep` of them."""
    today = today or dt.date.today()
    folder = daily_folder(data_dir)
    if any(folder.glob(f"kaplc-daily-{today:%Y%m%d}-*{SUFFIX}")):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"kaplc-daily-{today:%Y%m%d}-{dt.datetime.now():%H%M%S}{SUFFIX}"
    entry = record(data_dir, create_backup(data_dir, target), DAILY)
    prune_daily(data_dir, keep)
    return entry


def prune_daily(data_dir: Path, keep: int) -> None:
    """Keeps the newest `keep` daily backups (file names sort by date); leftovers of an interrupted one go too."""
    folder = daily_folder(data_dir)
    copies = sorted(folder.glob(f"kaplc-daily-*{SUFFIX}"))
    for old in copies[: max(len(copies) - max(keep, 1), 0)]:
        old.unlink(missing_ok=True)
    for partial in folder.glob(".kaplc-daily-*.tmp"):
        partial.unlink(missing_ok=True)


def last_off_disk(data_dir: Path, entries: list[BackupEntry] | None = None) -> BackupEntry | None:
    """The newest backup made to a USB stick or another disk that is still recorded (`entries`: the history,
    when the caller has read it already)."""
    off = [e for e in (history(data_dir) if entries is None else entries) if e.off_this_disk]
    return off[-1] if off else None


def reminder_due(data_dir: Path, now: dt.datetime | None = None, entries: list[BackupEntry] | None = None) -> bool:
    """True when no backup went to a USB stick or another disk in the last REMIND_AFTER_DAYS days."""
    last = last_off_disk(data_dir, entries)
    now = now or dt.datetime.now(dt.UTC)
    return last is None or now - last.made_at > dt.timedelta(days=REMIND_AFTER_DAYS)
