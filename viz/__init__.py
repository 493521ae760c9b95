"""Interactive HTML views of the power map (pyvis)."""
