"""ARM resource_ids functions (stub)."""
