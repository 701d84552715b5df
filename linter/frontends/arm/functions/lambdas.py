"""ARM lambdas functions (stub)."""
