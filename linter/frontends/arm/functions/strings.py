"""ARM strings functions (stub)."""
