"""Per-data-folder user preferences (the UI language), kept in settings.json and written atomically."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .atomic_file import write_text_atomic
from .i18n import DEFAULT_LANGUAGE, LANGUAGES

SETTINGS_FILE = "settings.json"


@dataclass
class UserSettings:
    language: str = DEFAULT_LANGUAGE
    demo_open: bool = False  # the window opens the demo folder until the user starts real data


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
    return UserSettings(
        language=language if language in LANGUAGES else DEFAULT_LANGUAGE, demo_open=raw.get("demo_open") is True
    )


def save_settings(data_dir: Path, settings: UserSettings) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    write_text_atomic(data_dir / SETTINGS_FILE, json.dumps(asdict(settings), ensure_ascii=False, indent=1))
