"""Key pairs of a workspace: Ed25519 to sign what it sends, X25519 to open what is sent to it.

A key id names both public keys; its fingerprint is what people compare over the phone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class PublicKeys:
    sign_public: bytes
    box_public: bytes

    @property
    def key_id(self) -> str:
        return hashlib.sha256(b"kaplc-key-v1" + self.sign_public + self.box_public).hexdigest()[:32]

    @property
    def fingerprint(self) -> str:
        """96 bits as 24 hex digits in six groups, e.g. 3F2A-91C0-77DE-0B45-A1B2-C3D4."""
        return format_fingerprint(self.key_id)

    def verify(self, message: bytes, signature: bytes) -> bool:
        from nacl.exceptions import BadSignatureError
        from nacl.signing import VerifyKey

        try:
            VerifyKey(self.sign_public).verify(message, signature)
        except (BadSignatureError, ValueError, TypeError):
            return False
        return True

    def seal(self, secret: bytes) -> bytes:
        """Encrypts a small secret (a file key) so only the holder of the box secret key can open it."""
        from nacl.public import PublicKey, SealedBox

        return bytes(SealedBox(PublicKey(self.box_public)).encrypt(secret))


@dataclass(frozen=True)
class KeyPair:
    sign_secret: bytes
    box_secret: bytes

    @staticmethod
    def generate() -> KeyPair:
        from nacl.public import PrivateKey
        from nacl.signing import SigningKey

        return KeyPair(bytes(SigningKey.generate()), bytes(PrivateKey.generate()))

    @property
    def public(self) -> PublicKeys:
        from nacl.public import PrivateKey
        from nacl.signing import SigningKey

        return PublicKeys(bytes(SigningKey(self.sign_secret).verify_key), bytes(PrivateKey(self.box_secret).public_key))

    @property
    def key_id(self) -> str:
        return self.public.key_id

    def sign(self, message: bytes) -> bytes:
        from nacl.signing import SigningKey

        return bytes(SigningKey(self.sign_secret).sign(message).signature)

    def unseal(self, sealed: bytes) -> bytes | None:
        """The secret sealed to our public key, or None if it was sealed to someone else or altered."""
        from nacl.exceptions import CryptoError
        from nacl.public import PrivateKey, SealedBox

        try:
            return bytes(SealedBox(PrivateKey(self.box_secret)).decrypt(sealed))
        except (CryptoError, ValueError, TypeError):
            return None


FINGERPRINT_HEX = 24  # 96 bits: what people read to each other by phone


def format_fingerprint(hex_digest: str) -> str:
    text = hex_digest[:FINGERPRINT_HEX].upper()
    return "-".join(text[i : i + 4] for i in range(0, FINGERPRINT_HEX, 4))


def normalize_fingerprint(typed: str) -> str:
    """A fingerprint as people type it (any case, dashes or spaces) in the printed form; '' if malformed."""
    hex_digits = "".join(ch for ch in typed.upper() if ch not in "- \t:")
    if len(hex_digits) != FINGERPRINT_HEX or any(ch not in "0123456789ABCDEF" for ch in hex_digits):
        return ""
    return format_fingerprint(hex_digits)


def fingerprint_of_key_id(key_id: str) -> str:
    return format_fingerprint(key_id)


def short_file_fingerprint(sha256_hex: str) -> str:
    """The short fingerprint of a bundle file, for a phone check between school and district."""
    return format_fingerprint(sha256_hex)
