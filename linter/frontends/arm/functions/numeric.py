"""ARM numeric functions (stub)."""
