"""ARM objects functions (stub)."""
