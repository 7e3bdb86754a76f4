"""Per-data-folder user preferences (the UI language, backups, the Personnel columns), kept in settings.json and
written atomically."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .atomic_file import write_text_atomic
from .i18n import DEFAULT_LANGUAGE, LANGUAGES

SETTINGS_FILE = "settings.json"
MAX_KEEP = 365


@dataclass
class UserSettings:
    language: str = DEFAULT_LANGUAGE
    demo_open: bool = False  # the window opens the demo folder until the user starts real data
    daily_backups: bool = True  # the first start of each day backs up into backups/daily
    keep_daily_backups: int = 14
    list_columns: dict[str, list[str]] = field(default_factory=dict)  # kind → the columns its list shows
    support_contact: str = ""  # whom error reports go to (empty: the district office)


def load_settings(data_dir: Path) -> UserSettings:
    """Missing or damaged settings fall back to the defaults (they hold preferences, never records)."""
    path = data_dir / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return UserSettings()
    if not isinstance(raw, dict):
        return UserSettings()
    language = raw.get("language")
    keep = raw.get("keep_daily_backups")
    columns = raw.get("list_columns")
    return UserSettings(
        language=language if language in LANGUAGES else DEFAULT_LANGUAGE,
        demo_open=raw.get("demo_open") is True,
        daily_backups=raw.get("daily_backups") is not False,
        keep_daily_backups=keep if isinstance(keep, int) and 1 <= keep <= MAX_KEEP else UserSettings.keep_daily_backups,
        support_contact=raw["support_contact"][:300] if isinstance(raw.get("support_contact"), str) else "",
        list_columns={
            kind: [c for c in names if isinstance(c, str)][:50]
            for kind, names in (columns.items() if isinstance(columns, dict) else ())
            if isinstance(kind, str) and isinstance(names, list)
        },
    )


def save_settings(data_dir: Path, settings: UserSettings) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    write_text_atomic(data_dir / SETTINGS_FILE, json.dumps(asdict(settings), ensure_ascii=False, indent=1))
