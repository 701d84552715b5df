"""ARM dates functions (stub)."""
