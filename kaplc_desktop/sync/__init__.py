"""Sync bundles: signed, encrypted files that carry records between schools and the district.

Versioned format (docs/bundle-format.md). Cryptography comes from libsodium (PyNaCl), loaded only here.
"""
