"""relgraph: stakeholder power maps for key-account and bid teams, kept as a graph."""

__version__ = "0.1.0"
