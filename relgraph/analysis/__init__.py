"""The analyses: who decides, whom we have not reached, where we are uncovered, how we stand."""
