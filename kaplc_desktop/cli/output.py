"""Printing results: plain text for people, JSON for scripts; refusals on stderr as one line."""

from __future__ import annotations

import json
import sys
from typing import Any


def emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def say(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def refuse(message: str) -> None:
    one_line = " ".join(message.split())
    sys.stderr.write(f"kaplc: {one_line}\n")
