"""Input files opened safely: regular files only, read whole once, up to a size a load is willing to hold."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from relgraph.errors import Problem

__all__ = ["MAX_SIZE", "read_input", "too_big"]

MAX_SIZE = 256 * 2**20  # bytes; `load --max-size MB` raises it

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def megabytes(size: int) -> str:
    return f"{size / 2**20:,.1f} MB"


def too_big(shown: str, size: int, max_size: int, what: str = "is") -> Problem:
    needed = -(-size // 2**20)
    return Problem(shown, None, None, None, f"{what} {megabytes(size)}, more than the {megabytes(max_size)} a load "
                                            f"reads; pass --max-size {needed} (MB) if the file is meant to be this big")


def read_input(path: str | Path, max_size: int = MAX_SIZE) -> tuple[bytes, Problem | None]:
    """The bytes of a regular file of at most `max_size` bytes, or the problem that keeps it from being read.

    The file is opened without blocking (a named pipe must not hang the load) and checked once it is open,
    so that it cannot be swapped for something else between the check and the read.
    """
    shown = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        if isinstance(error, FileNotFoundError) and os.path.islink(path):
            return b"", Problem(shown, None, None, None, f"is a symbolic link to a missing file ({os.readlink(path)})")
        return b"", Problem(shown, None, None, None, f"cannot read the file: {error.strerror}")
    try:
        problem = _not_readable(shown, os.fstat(fd), max_size)
        if problem:
            return b"", problem
        with open(fd, "rb", closefd=False) as file:
            data = file.read(max_size + 1)
    except OSError as error:
        return b"", Problem(shown, None, None, None, f"cannot read the file: {error.strerror}")
    finally:
        os.close(fd)
    if len(data) > max_size:  # it grew while it was read
        return b"", too_big(shown, len(data), max_size)
    return data, None


def _not_readable(shown: str, info: os.stat_result, max_size: int) -> Problem | None:
    if not stat.S_ISREG(info.st_mode):
        what = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
        return Problem(shown, None, None, None, f"is {what}, not a regular file; give a file's path")
    if info.st_size > max_size:
        return too_big(shown, info.st_size, max_size)
    return None
