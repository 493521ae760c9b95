"""The one way relgraph writes a file: whole, private, and never through a link someone planted.

Every file relgraph writes (exports, views, pictures, briefs, generated accounts) is written to a new
temporary file in the target's folder, created exclusively under a random name (`tempfile.mkstemp`:
O_EXCL | O_NOFOLLOW), then renamed onto the final name (`os.replace`), which replaces a symlink or a hard
link there instead of writing through it; a reader never sees half a file. Files are created 0600 and
folders 0700, since they hold what the account team knows about people; with RELGRAPH_USE_UMASK=1 they get
what the umask allows instead, as other programs' files do (0644 and 0755 with the usual umask 022).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from relgraph.errors import RelgraphError

__all__ = ["write_private", "make_private_folder", "USE_UMASK"]

USE_UMASK = "RELGRAPH_USE_UMASK"


def write_private(path: str | Path, content: str | bytes) -> None:
    """Write `content` (text is UTF-8) to `path` as a new private file, replacing whatever the name held."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            os.fsync(handle.fileno())  # on disk before the rename, so a crash cannot leave an empty file at the name
        if _umask_allowed():
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise _cannot_write(path, error) from None


def make_private_folder(folder: str | Path) -> None:
    """Create `folder` 0700 (missing parents get the usual mode); a folder that exists keeps its mode."""
    folder = Path(folder)
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=0o700, parents=True)
        os.chmod(folder, 0o777 & ~_umask() if _umask_allowed() else 0o700)
    except OSError as error:
        raise RelgraphError(f"cannot create the folder {folder}: {error.strerror}") from None


def _cannot_write(path: Path, error: OSError) -> RelgraphError:
    missing = "" if path.parent.exists() else f"; the folder {path.parent} does not exist"
    return RelgraphError(f"cannot write {path}: {error.strerror}{missing}")


def _umask_allowed() -> bool:
    return os.environ.get(USE_UMASK, "") not in ("", "0")


def _umask() -> int:
    current = os.umask(0o077)  # reading the umask means setting it; put it straight back
    os.umask(current)
    return current
