"""The pool that runs notebooks side by side: how many at once, real kernels, failures, and errors in workers."""
import os

import nbformat
import pytest

from conftest import run_cli
from rusregions import execution


def test_jobs_is_one_per_core_unless_set(monkeypatch):
    monkeypatch.delenv(execution.JOBS_VARIABLE, raising=False)
    assert execution.jobs() == len(os.sched_getaffinity(0))
    monkeypatch.setenv(execution.JOBS_VARIABLE, "3")
    assert execution.jobs() == 3


@pytest.mark.parametrize("value", ["0", "two", "-1", "1.5"])
def test_a_bad_jobs_setting_is_refused_in_one_line(monkeypatch, value):
    monkeypatch.setenv(execution.JOBS_VARIABLE, value)
    result = run_cli("execute", "chapters/09_regionalism_today.ipynb")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"python -m rusregions execute: RUSREGIONS_JOBS={value!r}: give a whole number of notebooks to run at once "
        "(1 or more)"]


def _square(x):
    return x * x, os.getpid()


def _fails(x):
    if x == 3:
        raise ArithmeticError(f"no {x}")
    return x


def test_tasks_run_in_other_processes_and_all_results_come_back():
    results = list(execution.run_parallel(_square, [(x,) for x in range(6)], n_jobs=2))
    assert sorted(r for r, _ in results) == [0, 1, 4, 9, 16, 25]
    assert os.getpid() not in {pid for _, pid in results}


def test_one_job_runs_here_in_order():
    results = list(execution.run_parallel(_square, [(x,) for x in range(4)], n_jobs=1))
    assert results == [(0, os.getpid()), (1, os.getpid()), (4, os.getpid()), (9, os.getpid())]


def test_an_error_in_a_worker_reaches_the_caller():
    with pytest.raises(ArithmeticError, match="no 3"):
        list(execution.run_parallel(_fails, [(x,) for x in range(6)], n_jobs=2))


def _notebook(*sources):
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources],
                                    metadata={"kernelspec": {"name": "rusregions", "language": "python",
                                                             "display_name": "Python (rusregions)"}})


def test_a_notebook_runs_in_a_fresh_kernel_in_its_folder(tmp_path):
    run = execution.execute_notebook(_notebook("import os\nprint(os.getcwd())", "6 * 7"), tmp_path, 60, "nb")
    assert run.error is None and run.seconds > 0
    assert run.nb.cells[0].outputs[0].text.strip() == str(tmp_path)
    assert run.nb.cells[1].outputs[0].data["text/plain"] == "42"
    assert "execution" not in run.nb.cells[0].metadata  # no timestamps: an unchanged re-run changes nothing


def test_a_failing_cell_is_reported_in_one_line_not_raised(tmp_path):
    run = execution.execute_notebook(_notebook("x = 1", "1 / 0", "never = True"), tmp_path, 60, "nb")
    assert run.nb is None
    assert run.error == "a cell raised ZeroDivisionError: division by zero"


def test_text_printed_in_several_messages_is_stored_as_one_output(tmp_path):
    """The kernel sends text flushed at different moments as separate messages; stored as they came, the notebook
    would change from run to run."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import sys, time\nprint('a', flush=True)\ntime.sleep(0.2)\nprint('b', flush=True)\n"
        "print('warned', file=sys.stderr, flush=True)\ntime.sleep(0.2)\nprint('c')")])
    run = execution.execute_notebook(nb, tmp_path, 60, "streams")
    assert run.error is None
    assert [(o.output_type, o.name, o.text) for o in run.nb.cells[0].outputs] == [
        ("stream", "stdout", "a\nb\n"), ("stream", "stderr", "warned\n"), ("stream", "stdout", "c\n")]
