"""ARM logic functions (stub)."""
