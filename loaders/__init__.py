"""Input formats turned into validated domain rows."""

from relgraph.loaders.canonical import KINDS, Table, read_file, read_folder
from relgraph.loaders.references import Known, check_references

__all__ = ["KINDS", "Table", "read_file", "read_folder", "Known", "check_references"]
