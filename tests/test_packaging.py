"""What ships: the installed layout, docker-compose.yml, and the CI script in step with the README."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).parent.parent


def test_the_installed_names_all_live_under_relgraph():
    import relgraph.cypher
    import relgraph.loaders
    import relgraph.viz

    assert relgraph.loaders.read_folder and relgraph.cypher and relgraph.viz


def test_docker_compose_runs_neo4j_5_with_a_password_from_the_environment():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"].startswith("neo4j:5")
    assert "${NEO4J_PASSWORD" in neo4j["environment"]["NEO4J_AUTH"]
    assert neo4j["healthcheck"]["test"]
    volume = neo4j["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]
    assert all(port.startswith("127.0.0.1:") for port in neo4j["ports"])


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text()
    command = re.search(r"^python3 -m venv .* && pytest$", readme, flags=re.MULTILINE).group(0)
    assert command in ci.splitlines()
