"""Use cases, one module per area. They take and return plain values, never ORM objects."""
