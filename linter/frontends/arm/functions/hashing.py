"""ARM hashing functions (stub)."""
