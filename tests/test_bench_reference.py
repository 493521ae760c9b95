"""bench/reference.py, the plain script the analyses are timed against, reads a generated account folder."""

import datetime as dt
import importlib.util
from pathlib import Path

from relgraph.generate import generate

SPEC = importlib.util.spec_from_file_location("reference", Path(__file__).parent.parent / "bench" / "reference.py")
reference = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(reference)


def test_the_reference_reads_a_generated_folder_and_answers_each_analysis(tmp_path):
    folder = generate(tmp_path, 300, accounts=1, seed=1)[0]
    today = dt.date(2026, 12, 2)
    people = reference.read_people(folder)
    centres = reference.centres(folder, today)
    assert [p["rank"] for p in centres["people"]] == list(range(1, 21)) and 0 < centres["modularity"] < 1
    scores = [p["score"] for p in centres["people"]]
    assert scores == sorted(scores, reverse=True)
    assert 0 < len(reference.unreached(folder, today)["people"]) <= 10
    cells = reference.gaps(folder, today)["cells"]
    assert sorted(pid for c in cells for pid in c["people"]) == sorted(people)
    position = reference.position(folder, today)
    assert len(position["table"]) == len(people) and -1 <= position["support"]["us"] <= 1
