"""ARM deployment functions (stub)."""
