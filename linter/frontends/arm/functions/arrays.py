"""ARM arrays functions (stub)."""
