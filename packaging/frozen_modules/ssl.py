"""Stands in for Python's `ssl` in the frozen app, which ships no OpenSSL of Python's own (the app never opens a
network connection itself; see the spec's excludes).

psycopg imports `ssl` only so that Python's OpenSSL, when there is one, is set up before libpq's; libpq brings
and sets up its own OpenSSL for connections to a district's server. Anything that really wants Python's TLS gets
an ImportError, as it would if this module were missing.
"""


def __getattr__(name: str) -> object:
    raise ImportError(f"ssl.{name}: Python's TLS is not part of KA-PLC Desktop (the PostgreSQL driver has its own)")
