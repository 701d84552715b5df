"""ARM JSON template frontend: template structure and the ARM expression language."""
