"""Safe file operations: atomic writes, and one lock per checkout for commands that write _build/ or chapters/."""
from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from pathlib import Path


def atomic_write_text(path: str | Path, text: str) -> Path:
    """Write `text` to `path` so that a reader sees the old file or the new one, never half of one.

    The text goes to a temporary file in the same folder (same file system), is flushed to disk,
    then renamed over the target; an interrupted write leaves the original untouched.
    """
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return path


def write_notebook(nb, path: str | Path) -> Path:
    """nbformat.write, atomically."""
    import nbformat

    text = nbformat.writes(nb)
    return atomic_write_text(path, text if text.endswith("\n") else text + "\n")


class Busy(RuntimeError):
    """Another process holds the checkout's lock."""


LOCK_NAME = ".lock"


@contextlib.contextmanager
def checkout_lock(build_dir: Path, what: str):
    """Hold the checkout's lock (build_dir/.lock) while `what` runs; Busy if another process holds it.

    Two builds at once would share one notebook cache and one output folder, so the second refuses
    rather than corrupt them. The kernel releases the lock when its holder exits, even on a crash.
    """
    build_dir.mkdir(parents=True, exist_ok=True)
    lock = build_dir / LOCK_NAME
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = Path(lock).read_text(encoding="utf-8", errors="replace").strip() or "another process"
            raise Busy(f"another command is already running in this checkout ({holder}); "
                       "wait for it to finish, then run this again") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{what}, pid {os.getpid()}".encode())
        yield
    finally:
        os.close(fd)  # releases the lock
