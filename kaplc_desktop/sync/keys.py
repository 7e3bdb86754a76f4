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
        """Sixteen hex digits in four groups, e.g. 3F2A-91C0-77DE-0B45."""
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


def format_fingerprint(hex_digest: str) -> str:
    text = hex_digest[:16].upper()
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


def short_file_fingerprint(sha256_hex: str) -> str:
    """The short fingerprint of a bundle file, for a phone check between school and district."""
    return format_fingerprint(sha256_hex)
