"""Input formats turned into validated domain rows."""

from relgraph.loaders.canonical import Table, parse_file, parse_folder, read_file, read_folder
from relgraph.loaders.references import Known, check_references, reference_problems

__all__ = [
    "Table", "parse_file", "parse_folder", "read_file", "read_folder",
    "Known", "check_references", "reference_problems",
]
