"""A record's content apart from its version: two copies with the same version must hold the same content.

A database that was rewound (a folder restored in place, a VM snapshot) can reuse a version number it had
already sent; comparing content as well as versions turns that into a visible conflict, never "unchanged".
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .kinds import encode_value

# what a version is, not what it says: two copies that differ only here hold the same content
VERSION_FIELDS = frozenset({"version_db", "version_counter", "version_vector", "created_at", "updated_at"})


def content_hash(row: dict[str, Any]) -> str:
    body = {k: encode_value(v) for k, v in row.items() if k not in VERSION_FIELDS}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def same_content(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return content_hash(a) == content_hash(b)
