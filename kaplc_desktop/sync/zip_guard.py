"""Checks the decrypted payload zip before anything in it is read: names, links, duplicates, sizes."""

from __future__ import annotations

import stat
import zipfile

from .manifest import MANIFEST, MEMBER_PATTERN, SIGNATURE
from .refusals import BundleRefused

MAX_MEMBERS = 200_000
MAX_TOTAL = 8 * 1024**3
MAX_ROWS_MEMBER = 512 * 1024**2
MAX_RATIO = 100


def check_members(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise BundleRefused("zip-bomb", "members")
    seen: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        name = info.filename
        if name in seen:
            raise BundleRefused("duplicate-member", name[:80])
        if name not in (MANIFEST, SIGNATURE) and not MEMBER_PATTERN.match(name):
            raise BundleRefused("bad-member-name", name[:80])
        mode = info.external_attr >> 16
        if mode and stat.S_ISLNK(mode):
            raise BundleRefused("link-member", name[:80])
        if info.flag_bits & 0x1:
            raise BundleRefused("bad-zip", "encrypted member")
        total += info.file_size
        if total > MAX_TOTAL:
            raise BundleRefused("zip-bomb", "total size")
        if name.startswith("data/") and info.file_size > MAX_ROWS_MEMBER:
            raise BundleRefused("zip-bomb", name)
        if info.compress_size and info.file_size > 1_000_000 and info.file_size / info.compress_size > MAX_RATIO:
            raise BundleRefused("zip-bomb", name)
        seen[name] = info
    if MANIFEST not in seen:
        raise BundleRefused("bad-manifest", "missing")
    if SIGNATURE not in seen:
        raise BundleRefused("unsigned")
    return seen
