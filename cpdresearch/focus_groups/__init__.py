"""Focus groups (being built)."""
