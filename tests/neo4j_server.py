"""The test Neo4j: tools/neo4j-test-server, built once with Maven and run with plain java for one test session."""

from __future__ import annotations

import os
import secrets
import select
import shutil
import subprocess
from pathlib import Path

PROJECT = Path(__file__).parent.parent / "tools" / "neo4j-test-server"
MAIN_CLASS = "relgraph.testserver.Neo4jTestServer"
CONFIG = PROJECT / "neo4j.conf"  # the transaction memory limits, sized for a load of 100,000 people
# Heap: 4g by default, room for those 3 GB of transactions (a JVM takes it only as it needs it). Serial GC: the
# machine has 2 cores shared with other work.
START_SECONDS = 300  # a cold JVM on a busy 2-core machine can take minutes
STOP_SECONDS = 120


def missing_tools() -> str | None:
    """Why the test Neo4j cannot be built here, or None."""
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if missing:
        return (f"{' and '.join(missing)} not found: the Neo4j variants start Neo4j 5 from tools/neo4j-test-server "
                "with Java 17 and Maven (or set NEO4J_URI to a Neo4j 5 that the tests may wipe)")
    return None


def build() -> None:
    """`mvn package` unless target/ is newer than the project's files (dependencies are cached in ~/.m2)."""
    built = PROJECT / "target" / "lib"
    sources = [PROJECT / "pom.xml", *PROJECT.glob("src/**/*.java")]
    if built.is_dir() and all(source.stat().st_mtime < built.stat().st_mtime for source in sources):
        return
    done = subprocess.run(["mvn", "-q", "-B", "package"], cwd=PROJECT, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"building {PROJECT} failed:\n{done.stdout[-4000:]}{done.stderr[-4000:]}")
    built.touch()


class Neo4jTestServer:
    """One Neo4j JVM on 127.0.0.1 with a random password, its data in `root`."""

    def __init__(self, root: Path, config: Path = CONFIG, heap: str = "4g"):
        self.root = root
        self.password = secrets.token_urlsafe(18)
        classpath = f"{PROJECT / 'target' / 'classes'}:{PROJECT / 'target' / 'lib' / '*'}"
        self._stderr = open(root / "stderr.log", "w")
        self.process = subprocess.Popen(
            ["java", f"-Xmx{heap}", "-XX:+UseSerialGC", "-cp", classpath, MAIN_CLASS, str(root / "db"), str(config)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr, text=True,
            env={**os.environ, "NEO4J_PASSWORD": self.password})
        self.uri = self._read_uri()

    def _read_uri(self) -> str:
        ready, _, _ = select.select([self.process.stdout], [], [], START_SECONDS)
        line = self.process.stdout.readline().strip() if ready else ""
        if not line.startswith("bolt://"):
            self.stop()
            log = (self.root / "stderr.log").read_text()[-4000:]
            raise RuntimeError(f"the test Neo4j did not start within {START_SECONDS}s (logs in {self.root / 'db' / 'logs'}):\n{log}")
        return line

    @property
    def environment(self) -> dict[str, str]:
        """What relgraph's Neo4j store reads."""
        return {"NEO4J_URI": self.uri, "NEO4J_USERNAME": "neo4j", "NEO4J_PASSWORD": self.password,
                "NEO4J_DATABASE": "neo4j"}

    def stop(self) -> None:
        """Close its standard input (it shuts down cleanly); kill it if it takes too long."""
        self.process.stdin.close()
        try:
            self.process.wait(STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._stderr.close()
