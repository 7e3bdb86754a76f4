"""Pure domain rules and value types: no I/O besides reading bundled vocabularies, no Qt, no SQL."""
