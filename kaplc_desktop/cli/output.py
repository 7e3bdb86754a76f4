"""Printing results: plain text for people, JSON for scripts; refusals on stderr as one line."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from ..errors import KaplcError
from ..i18n import _

# what a terminal would act on instead of showing (a bell, an escape sequence, text turned right to left): a
# forged name kept in a parked row prints as �, never as a command to the terminal
_TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")


def _printable(text: str) -> str:
    """A lone surrogate cannot be written as UTF-8, and control characters would act on the terminal: both
    show as �."""
    return _TERMINAL_CONTROLS.sub("\ufffd", text).encode("utf-8", "replace").decode("utf-8")


def emit_json(data: Any) -> None:
    """Thai as it is; the characters a terminal would act on as JSON escapes, so a script still reads them."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(_TERMINAL_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n")


def say(text: str = "") -> None:
    sys.stdout.write(_printable(text) + "\n")


def refuse(message: str) -> None:
    one_line = " ".join(message.split())
    sys.stderr.write(_printable(f"kaplc: {one_line}") + "\n")


def output_file(raw: str, suffix: str) -> Path:
    """A file the command will write: right extension, in a folder that exists (checked before any work)."""
    path = Path(raw).expanduser()
    if path.is_dir():  # found now, not after minutes of work; and said before the extension (it is not the fix)
        raise KaplcError(_("{path} is a folder; name the file in it.").format(path=path))
    if path.suffix.lower() != suffix:
        raise KaplcError(_("The file name must end in {suffix}.").format(suffix=suffix))
    if not path.parent.resolve().is_dir():
        raise KaplcError(_("The folder {folder} does not exist. Choose an existing folder.").format(folder=path.parent))
    return path


def input_file(raw: str) -> Path:
    """A file the command will read: it must exist (said the same way by every command)."""
    path = Path(raw).expanduser()
    if path.is_dir():
        raise KaplcError(_("{path} is a folder; name the file in it.").format(path=path))
    if path.exists() and not path.is_file():  # a device or a named pipe would be read for ever
        raise KaplcError(_("{path} is not an ordinary file; name a file saved on the disk.").format(path=path))
    if not path.is_file():
        raise KaplcError(_("The file {path} was not found.").format(path=path))
    return path


def field_changes(items: list[str], example: str) -> dict[str, object]:
    """FIELD=VALUE arguments as a dict of changes; `example` shows one in the refusal (quoted if it has spaces)."""
    changes: dict[str, object] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise KaplcError(_("Write each change as FIELD=VALUE, for example {example}.").format(example=example))
        changes[name.strip()] = value
    return changes
