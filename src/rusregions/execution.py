"""Run notebooks on every core: the build's cold start, `execute` and `profiles` share this pool.

Each notebook runs in a new kernel of its own, so no state passes from one notebook to the next; only the waiting
is shared. The kernels are forked from a warmed process (rusregions.warmkernel), which spares each one the 2.5 s of
starting ipykernel and importing pandas, matplotlib, seaborn and statsmodels; `warm=False` starts a plain one.

The workers are in process groups of their own: Ctrl-C in a terminal reaches only the command, which then stops
the workers and their kernels itself and raises KeyboardInterrupt (the CLI prints one line and exits 130).
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

if TYPE_CHECKING:  # every command imports this module (jobs()); nbformat costs 0.15 s, and only the runs need it
    import nbformat

KERNEL = "rusregions"  # the kernel the notebooks name, and JupyterLab runs
JOBS_VARIABLE = "RUSREGIONS_JOBS"


@dataclass
class Run:
    """One notebook's run: the executed notebook, or the one-line reason it failed."""
    name: str
    nb: nbformat.NotebookNode | None
    seconds: float
    error: str | None = None


class JobsError(ValueError):
    """$RUSREGIONS_JOBS is not a number of notebooks to run at once."""


def jobs() -> int:
    """How many notebooks run at once: $RUSREGIONS_JOBS, else one per core."""
    value = os.environ.get(JOBS_VARIABLE, "")
    if value:
        if not value.isdigit() or int(value) < 1:
            raise JobsError(f"{JOBS_VARIABLE}={value!r}: give a whole number of notebooks to run at once (1 or more)")
        return int(value)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def execute_notebook(nb: nbformat.NotebookNode, cwd: Path, timeout: int, name: str, warm: bool = True) -> Run:
    """Run every cell of `nb` (in place) in a new kernel started in `cwd`: forked from a warmed process
    (rusregions.warmkernel), or with warm=False started from nothing as JupyterLab starts one."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError

    from . import warmkernel

    start = time.perf_counter()
    kernel = warmkernel.client_options() if warm else {"kernel_name": KERNEL}
    # record_timing off: per-cell timestamps would change the notebook on every run (and its cache key)
    client = NotebookClient(nb, timeout=timeout, record_timing=False, resources={"metadata": {"path": str(cwd)}},
                            **kernel)
    try:
        client.execute(stderr=subprocess.DEVNULL)  # the kernel's own log; cell output comes by messages
    except CellExecutionError as exc:
        if exc.ename == "KeyboardInterrupt":  # Ctrl-C reached the kernel first: an interruption, not a failure
            raise KeyboardInterrupt from None
        return Run(name, None, time.perf_counter() - start, f"a cell raised {exc.ename}: {exc.evalue}")
    except CellTimeoutError:
        return Run(name, None, time.perf_counter() - start, f"a cell ran longer than the {timeout} s allowed")
    except Exception as exc:
        # nbclient answers Ctrl-C (SIGINT) by shutting the kernel down itself; the run then ends in
        # DeadKernelError or a failed cleanup. Its handler leaves this attribute behind.
        if getattr(client, "_async_cleanup_kernel_future", None) is not None:
            raise KeyboardInterrupt from None
        first = str(exc).splitlines()[0] if str(exc) else "no message"
        return Run(name, None, time.perf_counter() - start, f"the kernel stopped ({exc.__class__.__name__}: {first})")
    return Run(name, coalesce_streams(nb), time.perf_counter() - start)


def coalesce_streams(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Join each run of consecutive stdout (or stderr) outputs of a cell into one, in place: how the kernel
    splits printed text into messages depends on timing, and would change the stored notebook from run to run."""
    for cell in nb.cells:
        merged = []
        for out in cell.get("outputs", []):
            prev = merged[-1] if merged else None
            if out.output_type == "stream" and prev is not None and prev.output_type == "stream" \
                    and prev.name == out.name:
                prev.text += out.text
            else:
                merged.append(out)
        if "outputs" in cell:
            cell.outputs = merged
    return nb


def _worker_start() -> None:
    os.setpgrp()  # a process group of its own (its kernels join it): the terminal's Ctrl-C goes to the command only
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_parallel(task: Callable, args: list[tuple], n_jobs: int | None = None) -> Iterator:
    """Call task(*a) for every a in args, n_jobs at a time in worker processes; yield results as they finish.

    With one job (or one task) it runs here, in order, so a single notebook costs no extra process.
    """
    n_jobs = min(n_jobs or jobs(), len(args))
    if n_jobs <= 1:
        for a in args:
            yield task(*a)
        return
    pool = ProcessPoolExecutor(n_jobs, mp_context=multiprocessing.get_context("fork"), initializer=_worker_start)
    pending = {pool.submit(task, *a) for a in args}
    try:
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
    except BaseException:  # Ctrl-C, or the caller stopped early: stop the workers and their kernels now
        for pid in list(pool._processes or {}):  # noqa: SLF001 (the executor has no public way to kill)
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
