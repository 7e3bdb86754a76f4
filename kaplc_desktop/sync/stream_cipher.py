"""Encrypting a stream in authenticated chunks with libsodium's secretstream (XChaCha20-Poly1305).

Each chunk is framed by its 4-byte length; the last chunk carries the FINAL tag, so a truncated file is
detected; the clear-text header is bound to the first chunk as associated data, so it cannot be altered.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import BinaryIO

CHUNK = 1 << 20
_LEN = struct.Struct(">I")


class StreamError(Exception):
    """The ciphertext is damaged, truncated, or was made with another key."""


def new_file_key() -> bytes:
    from nacl.utils import random

    return random(32)


class Encryptor:
    """A write-only file object that encrypts what is written to it, chunk by chunk, into `dst`.

    On creation it calls `begin(stream_header)`, which writes the clear-text header to dst and returns its
    bytes; the first chunk authenticates them. close() writes the final chunk.
    """

    def __init__(
        self, dst: BinaryIO, key: bytes, begin: Callable[[bytes], bytes], on_bytes: Callable[[int], None] | None = None
    ) -> None:
        from nacl.bindings import (
            crypto_secretstream_xchacha20poly1305_init_push,
            crypto_secretstream_xchacha20poly1305_state,
        )

        self._state = crypto_secretstream_xchacha20poly1305_state()
        header = crypto_secretstream_xchacha20poly1305_init_push(self._state, key)
        self._dst = dst
        self._ad: bytes | None = begin(header)
        self._buffer = bytearray()
        self._on_bytes = on_bytes
        self.closed = False

    def _push(self, data: bytes, final: bool) -> None:
        from nacl.bindings import (
            crypto_secretstream_xchacha20poly1305_push,
            crypto_secretstream_xchacha20poly1305_TAG_FINAL,
            crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,
        )

        tag = (
            crypto_secretstream_xchacha20poly1305_TAG_FINAL
            if final
            else crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
        )
        sealed = crypto_secretstream_xchacha20poly1305_push(self._state, data, self._ad, tag)
        self._ad = None
        self._dst.write(_LEN.pack(len(sealed)))
        self._dst.write(sealed)
        if self._on_bytes is not None:
            self._on_bytes(len(data))

    def write(self, data: bytes) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK:  # keep at least one byte back: the last chunk must be the final one
            self._push(bytes(self._buffer[:CHUNK]), final=False)
            del self._buffer[:CHUNK]
        return len(data)

    def flush(self) -> None:
        """Nothing to do: chunks are written when full (zipfile calls flush)."""

    def close(self) -> None:
        if not self.closed:
            self._push(bytes(self._buffer), final=True)
            self._buffer.clear()
            self.closed = True


def encrypt(
    src: BinaryIO,
    dst: BinaryIO,
    key: bytes,
    begin: Callable[[bytes], bytes],
    on_bytes: Callable[[int], None] | None = None,
) -> None:
    """Encrypts the whole of src into dst (see Encryptor)."""
    encryptor = Encryptor(dst, key, begin, on_bytes)
    while chunk := src.read(CHUNK):
        encryptor.write(chunk)
    encryptor.close()


def decrypt(
    src: BinaryIO,
    dst: BinaryIO,
    key: bytes,
    header: bytes,
    associated: bytes,
    max_plain_bytes: int,
    on_bytes: Callable[[int], None] | None = None,
) -> int:
    """Decrypts into dst, checking every chunk; returns the plaintext size. Raises StreamError."""
    from nacl.bindings import (
        crypto_secretstream_xchacha20poly1305_ABYTES,
        crypto_secretstream_xchacha20poly1305_init_pull,
        crypto_secretstream_xchacha20poly1305_pull,
        crypto_secretstream_xchacha20poly1305_state,
        crypto_secretstream_xchacha20poly1305_TAG_FINAL,
    )
    from nacl.exceptions import CryptoError

    state = crypto_secretstream_xchacha20poly1305_state()
    try:
        crypto_secretstream_xchacha20poly1305_init_pull(state, header, key)
    except (CryptoError, ValueError, TypeError) as exc:
        raise StreamError("bad stream header") from exc
    ad: bytes | None = associated
    total = 0
    while True:
        prefix = src.read(_LEN.size)
        if len(prefix) < _LEN.size:
            raise StreamError("truncated")
        (size,) = _LEN.unpack(prefix)
        if (
            size < crypto_secretstream_xchacha20poly1305_ABYTES
            or size > CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES
        ):
            raise StreamError("bad chunk length")
        sealed = src.read(size)
        if len(sealed) < size:
            raise StreamError("truncated")
        try:
            plain, tag = crypto_secretstream_xchacha20poly1305_pull(state, sealed, ad)
        except (CryptoError, ValueError, TypeError) as exc:
            raise StreamError("altered") from exc
        ad = None
        total += len(plain)
        if total > max_plain_bytes:
            raise StreamError("too large")
        dst.write(plain)
        if on_bytes is not None:
            on_bytes(len(plain))
        if tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL:
            if src.read(1):
                raise StreamError("trailing data")
            return total
