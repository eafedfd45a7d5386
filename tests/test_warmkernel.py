"""Kernels forked from a warmed process (rusregions.warmkernel): the same outputs as a kernel started from nothing,
nothing shared between notebooks, no project code preloaded, and no process left behind."""
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_client.kernelspec import KernelSpecManager

from conftest import ROOT
from rusregions import execution, warmkernel


def _run(*sources, cwd=ROOT / "chapters", timeout=60, warm=True):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    run = execution.execute_notebook(nb, cwd, timeout, "test", warm=warm)
    return run, [out.get("text", "") for cell in nb.cells for out in cell.outputs]


def _gone(pid: int, within: float = 10) -> bool:
    """True once the process has ended (a zombie counts as ended: its parent may not be ours to reap it)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return True
        if state in ("Z", "X"):
            return True
        time.sleep(0.1)
    return False


def test_a_chapter_gives_the_same_outputs_in_a_warm_kernel_as_in_a_plain_one():
    # Chapter 3: a figure drawn by matplotlib and glued as PNG, glued values, tables and printed text.
    path = ROOT / "chapters" / "03_federalism_and_law.ipynb"
    outputs = {}
    for warm in (False, True):
        run = execution.execute_notebook(nbformat.read(path, as_version=4), path.parent, 300, path.name, warm=warm)
        assert run.error is None
        outputs[warm] = [cell.get("outputs") for cell in run.nb.cells if cell.cell_type == "code"]
    kinds = {out.output_type for cell in outputs[True] for out in cell}
    glued_png = "application/papermill.record/image/png"
    images = [out for cell in outputs[True] for out in cell if glued_png in out.get("data", {})]
    assert kinds == {"display_data", "execute_result", "stream"} and images
    assert outputs[True] == outputs[False]


def test_a_warm_kernel_has_the_third_party_modules_loaded_and_no_project_code():
    run, text = _run("import sys\n"
                     "print(sorted(m for m in sys.modules if m.split('.')[0] == 'rusregions'))\n"
                     "print(all(m in sys.modules for m in ('pandas', 'seaborn', 'statsmodels.api')))")
    assert run.error is None
    assert text == ["[]\nTrue\n"]


def test_each_notebook_gets_a_new_process_in_its_own_folder():
    first, [pid] = _run("import os\nleft_behind = 1\nprint(os.getpid())")
    second, [seen] = _run("import os\nprint(os.getpid(), 'left_behind' in globals())")
    assert first.error is None and second.error is None
    assert seen.split()[0] != pid.strip() and seen.split()[1] == "False"


def test_a_warm_kernel_starts_where_and_as_a_plain_one_does():
    where = "import os, sys\nprint(os.getcwd(), sys.argv[0], sys.path)"
    profiles = ROOT / "chapters" / "profiles"
    (warm, [seen]), (plain, [expected]) = _run(where, cwd=profiles), _run(where, cwd=profiles, warm=False)
    assert warm.error is None and plain.error is None
    assert seen == expected and seen.startswith(f"{profiles} ")


def test_a_cell_that_times_out_is_interrupted_and_its_kernel_ends():
    run, text = _run("import os\nprint(os.getpid(), flush=True)", "import time\ntime.sleep(120)", timeout=3)
    assert run.error == "a cell ran longer than the 3 s allowed"
    assert run.seconds < 60
    assert _gone(int(text[0]))


def test_the_kernels_end_with_the_command_that_started_them(tmp_path):
    # A command killed outright (no clean-up of its own): its zygote reads end-of-file and kills the kernels.
    script = tmp_path / "client.py"
    script.write_text(
        "import asyncio, os, sys\n"
        "from rusregions import warmkernel\n"
        "km = warmkernel.WarmKernelManager(kernel_name=warmkernel.KERNEL)\n"
        "asyncio.run(km.start_kernel())\n"
        "print(warmkernel.Zygote.current().proc.pid, km.provisioner.pid, flush=True)\n"
        "sys.stdin.read()\n", encoding="utf-8")
    client = subprocess.Popen([sys.executable, str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    zygote, kernel = map(int, client.stdout.readline().split())
    assert not _gone(kernel, within=1)
    client.kill()
    client.wait()
    assert _gone(zygote) and _gone(kernel)


def test_only_an_ipykernel_command_line_can_be_forked(tmp_path):
    spec = tmp_path / "kernels" / "not-ipykernel"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": ["python", "-m", "some_other_kernel", "-f", "{connection_file}"], "display_name": "x",
        "language": "python", "metadata": {"kernel_provisioner": {"provisioner_name": warmkernel.KERNEL}}}))
    km = warmkernel.WarmKernelManager(kernel_name="not-ipykernel",
                                      kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(spec.parent)]))
    with pytest.raises(ValueError) as exc:
        asyncio.run(km.start_kernel())
    km.cleanup_connection_file()
    assert str(exc.value) == (f"{warmkernel.KERNEL}: can fork only an ipykernel kernel, not "
                              f"{sys.executable} -m some_other_kernel -f {km.connection_file}")


def test_the_warm_kernel_spec_is_the_plain_one_with_the_provisioner_named():
    plain = KernelSpecManager().get_kernel_spec(execution.KERNEL)
    warm = warmkernel.WarmKernelManager(kernel_name=warmkernel.KERNEL).kernel_spec
    assert warm.argv[1:] == plain.argv[1:]
    assert warm.metadata.pop("kernel_provisioner")["provisioner_name"] == warmkernel.KERNEL
    assert (warm.metadata, warm.language, warm.interrupt_mode) == (plain.metadata, plain.language, plain.interrupt_mode)


def test_ctrl_c_reaches_the_command_not_the_zygote():
    zygote = warmkernel.Zygote.current()
    _run("1")  # the zygote is up and has forked a kernel
    os.kill(zygote.proc.pid, signal.SIGINT)
    run, text = _run("print('still forking')")
    assert run.error is None and text == ["still forking\n"] and zygote.proc.poll() is None
