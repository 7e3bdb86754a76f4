"""A smaller ICU data library for the Linux build (PySide6's libicudata.so.73 holds 31 MB of data for every
language of the world; the app needs Thai and English).

The data is cut out of the wheel's library and filtered here — other languages' locale, collation, currency,
zone-name, unit and language-name data, transliterators, the Chinese/Japanese/Burmese/Khmer/Lao word
dictionaries and non-Thai legacy converters are removed; Thai's dictionary and break rules, the Unicode
properties, normalisation and time-zone rules stay — and linked into a library of the same name and exported
symbol with `gcc` (an assembler .incbin). Without gcc the original library is shipped unchanged.

The package is rewritten by this module, not by ICU's `icupkg`: Debian's icupkg (ICU 72) rewrote even an unfiltered
ICU 73 package in a way that made every collator fail to open ("Could not create collator: 4"). The common-data
format is small: a header, a table of contents (count, then name and data offsets from the table's start, sorted
by name), the names, then each item aligned to 16 bytes.

Measured with PySide6 6.12 (ICU 73): 32.0 MB → 5.4 MB; Thai line breaks, word boundaries, Thai collation,
case mapping and Thai month names came out the same as with the full data (`python packaging/icu_data.py LIB OUT`).
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

KEEP_LANGUAGES = ("root", "en", "th")
LOCALE_FILE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]*)*\.res$")
SUBTREES = ("brkitr", "coll", "curr", "lang", "rbnf", "region", "unit", "zone", "translit")
SHARED = ("pool.res", "res_index.res")
DROP_TOP = ("unames.icu", "confusables.cfu")
KEEP_CONVERTERS = ("windows-874-2000.cnv", "ibm-874_P100-1995.cnv", "iso-8859_11-2001.cnv")
DROP_DICTIONARIES = ("cjdict.dict", "burmesedict.dict", "khmerdict.dict", "laodict.dict")


def _locale_kept(name: str) -> bool:
    match = LOCALE_FILE.match(name)
    return match is None or match.group(1) in KEEP_LANGUAGES or name in SHARED


def removable(item: str) -> bool:
    """Whether an item of the data package (e.g. "coll/zh.res", "ibm-37_P100-1995.cnv") can go."""
    folder, _, name = item.rpartition("/")
    if folder == "translit":
        return name not in SHARED and name != "root.res"
    if folder in SUBTREES:
        if folder == "brkitr" and name in DROP_DICTIONARIES:
            return True
        return not _locale_kept(name)
    if folder:
        return False
    if name.endswith(".cnv"):
        return name not in KEEP_CONVERTERS
    return name in DROP_TOP or not _locale_kept(name)


def symbol_bytes(library: Path, symbol: str) -> bytes:
    """The bytes of an exported data symbol, read with readelf (section address, file offset, symbol value)."""
    symbols = subprocess.run(["readelf", "-Ws", str(library)], capture_output=True, text=True, check=True).stdout
    value = size = section = None
    for line in symbols.splitlines():
        parts = line.split()
        if len(parts) >= 8 and parts[7] == symbol:
            value, size, section = int(parts[1], 16), int(parts[2], 0), int(parts[6])
    if value is None:
        raise ValueError(f"{library} exports no {symbol}")
    headers = subprocess.run(["readelf", "-SW", str(library)], capture_output=True, text=True, check=True).stdout
    for line in headers.splitlines():
        found = re.match(rf"\s*\[\s*{section}\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)", line)
        if found:
            address, offset = int(found.group(1), 16), int(found.group(2), 16)
            with open(library, "rb") as fh:
                fh.seek(offset + value - address)
                return fh.read(size)
    raise ValueError(f"section {section} of {library} not found")


def _items(data: bytes) -> tuple[int, list[tuple[str, bytes]]]:
    """(header size, [(name, bytes)] in the table's order) of an ICU common-data package."""
    header = struct.unpack_from("<H", data, 0)[0]
    if data[2:4] != b"\xda\x27":
        raise ValueError("not an ICU data package")
    count = struct.unpack_from("<I", data, header)[0]
    entries = [struct.unpack_from("<II", data, header + 4 + 8 * i) for i in range(count)]
    starts = [*sorted(off for _name, off in entries), len(data) - header]
    end_of = {start: starts[n + 1] for n, start in enumerate(starts[:-1])}
    items = []
    for name_off, data_off in entries:
        raw = data[header + name_off : data.index(b"\0", header + name_off)].decode("ascii")
        items.append((raw, data[header + data_off : header + end_of[data_off]]))
    return header, items


def filtered_package(data: bytes, keep: Callable[[str], bool]) -> bytes:
    """The package with only the items `keep` accepts (names without the "icudt73l/" prefix)."""
    header, items = _items(data)
    kept = [(name, body) for name, body in items if keep(name.split("/", 1)[1] if "/" in name else name)]
    names = b"".join(name.encode("ascii") + b"\0" for name, _body in kept)
    toc = 4 + 8 * len(kept)
    first = header + toc + len(names)
    offset = (first + 15) // 16 * 16 - header  # items start 16-aligned from the package's start
    name_off, table, blobs = toc, [], []
    for name, body in kept:
        table.append(struct.pack("<II", name_off, offset))
        name_off += len(name) + 1
        padded = body + b"\0" * (-len(body) % 16)
        blobs.append(padded)
        offset += len(padded)
    gap = b"\0" * ((first + 15) // 16 * 16 - first)
    return data[:header] + struct.pack("<I", len(kept)) + b"".join(table) + names + gap + b"".join(blobs)


def smaller_library(original: Path, out_dir: Path) -> Path | None:
    """Builds out_dir/<same name> with the filtered data; None when gcc or readelf is missing."""
    if not (shutil.which("gcc") and shutil.which("readelf")):
        return None
    version = re.search(r"libicudata\.so\.(\d+)", original.name)
    if version is None:
        return None
    symbol = f"icudt{version.group(1)}_dat"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        small = work / "small.dat"
        # the break rules name every script's dictionary; ICU breaks text without the ones removed (CJK, Lao…)
        small.write_bytes(filtered_package(symbol_bytes(original, symbol), lambda item: not removable(item)))
        asm = work / "data.S"
        asm.write_text(
            f".section .rodata\n.global {symbol}\n.type {symbol}, @object\n.balign 16\n{symbol}:\n"
            f'.incbin "{small}"\n.size {symbol}, .-{symbol}\n.section .note.GNU-stack,"",@progbits\n'
        )
        target = out_dir / original.name
        subprocess.run(
            ["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{original.name}", "-o", str(target), str(asm)], check=True
        )
    return target


if __name__ == "__main__":
    lib, out = Path(sys.argv[1]), Path(sys.argv[2])
    built = smaller_library(lib, out)
    print(f"{lib.stat().st_size / 1e6:.1f} MB → {built.stat().st_size / 1e6:.1f} MB" if built else "tools missing")
