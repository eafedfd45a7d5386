"""Kernels forked from a warmed process, for the notebooks this project runs itself: the build, `execute`,
`profiles` and nbval in the test command.

Before a notebook's first own line runs, its kernel has started ipykernel and imported pandas, matplotlib, seaborn
and statsmodels: about 2.5 s of a chapter's 5. A zygote process does that once; each kernel is then forked from it.
A forked kernel is a new process holding nothing of any other notebook, as a fresh kernel would be; it only finds
those modules already loaded. Only third-party modules are preloaded, never rusregions, so a kernel always runs the
package as it is on disk; and a zygote lives only as long as the command that started it. The test suite checks that
a notebook gives the same outputs in a warm kernel as in a plain one (tests/test_warmkernel.py).

JupyterLab keeps the plain "rusregions" kernel: this kernel spec is not installed, only named by the commands
(KERNELSPECS, on $JUPYTER_PATH for nbval), and a long-running server would hand out modules as they were at its start.

How: jupyter_client starts a kernel through a provisioner named in its kernel spec. WarmProvisioner is
jupyter_client's own local provisioner with one step changed: instead of running the kernel's command line, it asks
this client process's zygote (`python -m rusregions.warmkernel`, one JSON line per request on its stdin) to fork a
kernel with that command line's arguments, working directory and environment. The zygote reports each kernel's
pid and, when it ends, its exit status.
"""
from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import default

KERNEL = "rusregions-warm"
KERNELSPECS = Path(__file__).parent / "jupyter"  # a Jupyter data directory: kernels/rusregions-warm/kernel.json
# What every notebook imports before its own code runs. Third-party only: see the module's docstring.
PRELOAD = ("ipykernel.kernelapp", "IPython.display", "pandas", "matplotlib.pyplot", "seaborn", "statsmodels.api")
# ipykernel sets this before a notebook can import matplotlib; the zygote imports matplotlib, so it sets it first.
# (matplotlib_inline's backend module itself is not preloaded: on import it hooks into the running IPython shell,
# which exists only in the kernel.)
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def client_options() -> dict:
    """What nbclient's NotebookClient (and papermill, which passes them on) needs to run a warm kernel."""
    return {"kernel_name": KERNEL, "kernel_manager_class": WarmKernelManager}


class WarmKernelManager(AsyncKernelManager):
    """A kernel manager that finds the warm kernel spec (for nbclient's kernel_manager_class)."""

    @default("kernel_spec_manager")
    def _kernel_spec_manager_default(self) -> KernelSpecManager:
        return KernelSpecManager(kernel_dirs=[str(KERNELSPECS / "kernels")])


class WarmProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, with the kernel forked from the zygote instead of started afresh."""

    async def launch_kernel(self, cmd: list[str], **kwargs):
        if "ipykernel_launcher" not in cmd[2:] or cmd[cmd.index("ipykernel_launcher") - 1] != "-m":
            raise ValueError(f"{KERNEL}: can fork only an ipykernel kernel, not {' '.join(cmd)}")
        cwd = str(kwargs.get("cwd") or os.getcwd())
        request = {"argv": cmd[cmd.index("ipykernel_launcher") + 1:], "cwd": cwd,
                   "env": dict(kwargs.get("env") or os.environ),
                   # nbclient and nbval discard a kernel's own log (stderr=DEVNULL); otherwise it goes to ours
                   "quiet": kwargs.get("stderr") is not None}
        zygote = Zygote.current()
        pid = await asyncio.get_running_loop().run_in_executor(None, zygote.fork, request)
        self.process = Forked(zygote, pid)
        self.pid = self.pgid = pid  # the kernel leads a session of its own, as jupyter_client's launcher makes it
        self.cwd = cwd
        return self.connection_info


class ZygoteError(RuntimeError):
    pass


class Zygote:
    """This process's warmed process: started on first use, ended with this process (its stdin closes)."""

    _by_pid: dict[int, Zygote] = {}  # a forked worker process starts its own
    _lock = threading.Lock()

    @classmethod
    def current(cls) -> Zygote:
        with cls._lock:
            zygote = cls._by_pid.get(os.getpid())
            if zygote is None or zygote.ended:
                zygote = cls._by_pid[os.getpid()] = cls()
            return zygote

    def __init__(self):
        # -Xfrozen_modules=off as in the plain kernel's spec (ipykernel's debugger asks for it)
        self.proc = subprocess.Popen([sys.executable, "-Xfrozen_modules=off", "-m", __name__],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.changed = threading.Condition()
        self.started: list[int] = []  # pids, in the order of the requests
        self.exits: dict[int, int] = {}
        self.ended = False
        self.request_lock = threading.Lock()  # one request at a time, so replies come back in request order
        threading.Thread(target=self._read, name="rusregions-zygote", daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            message = json.loads(line)
            with self.changed:
                if "exit" in message:
                    self.exits[message["exit"]] = message["status"]
                else:
                    self.started.append(message["pid"])
                self.changed.notify_all()
        with self.changed:
            self.ended = True
            self.changed.notify_all()

    def fork(self, request: dict) -> int:
        with self.request_lock:
            try:
                self.proc.stdin.write(json.dumps(request).encode() + b"\n")
                self.proc.stdin.flush()
            except BrokenPipeError:
                pass  # said below
            with self.changed:
                self.changed.wait_for(lambda: self.started or self.ended)
                if not self.started:
                    raise ZygoteError(f"the warm kernels' process ended (exit {self.proc.wait()}); "
                                      "its own message, if any, is printed above")
                return self.started.pop(0)

    def status(self, pid: int, wait: bool = False) -> int | None:
        """The kernel's exit status (negative: the signal that ended it), or None while it runs."""
        with self.changed:
            if wait:
                self.changed.wait_for(lambda: pid in self.exits or self.ended)
            if pid in self.exits:
                return self.exits[pid]
            return -signal.SIGKILL if self.ended else None  # the zygote kills its kernels when it ends


class Forked:
    """A forked kernel, as the local provisioner handles a subprocess.Popen."""
    stdin = stdout = stderr = None

    def __init__(self, zygote: Zygote, pid: int):
        self.zygote, self.pid = zygote, pid

    def poll(self) -> int | None:
        return self.zygote.status(self.pid)

    def wait(self, timeout: float | None = None) -> int:
        return self.zygote.status(self.pid, wait=True)

    def send_signal(self, signum: int) -> None:
        os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


# The zygote's side.

def serve() -> None:
    """Preload, then fork a kernel for each request line on stdin; report pids and exit statuses on stdout."""
    import importlib
    import selectors

    if sys.path[0] == "" or Path(sys.path[0]) == Path.cwd():  # as ipykernel_launcher does; IPython adds '' back
        del sys.path[0]
    os.environ["JPY_PARENT_PID"] = str(os.getpid())  # ipykernel reads it once, on import: kernels watch this process
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the command's to handle; it stops its kernels itself
    for name in PRELOAD:
        importlib.import_module(name)
    for name in [m for m in sys.modules if m.split(".")[0] == "rusregions"]:  # running this module imported them
        del sys.modules[name]  # a kernel imports the package afresh, from disk
    if threading.active_count() != 1:  # forking a process with threads can leave a lock held in the child
        sys.exit(f"{__name__}: a preloaded module started a thread; cannot fork kernels safely")

    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # only to wake the loop below
    kernels: set[int] = set()
    pending = b""

    def say(message: dict) -> None:
        os.write(1, json.dumps(message).encode() + b"\n")

    with selectors.DefaultSelector() as selector:
        selector.register(0, selectors.EVENT_READ)
        selector.register(wake_r, selectors.EVENT_READ)
        while True:
            for key, _ in selector.select():
                if key.fd == wake_r:
                    os.read(wake_r, 4096)
                    while kernels:
                        pid, status = os.waitpid(-1, os.WNOHANG)
                        if not pid:
                            break
                        kernels.discard(pid)
                        say({"exit": pid, "status": os.waitstatus_to_exitcode(status)})
                    continue
                data = os.read(0, 1 << 16)
                if not data:  # the client process has gone: its kernels go with it
                    for pid in kernels:
                        try:
                            os.killpg(pid, signal.SIGKILL)
                        except ProcessLookupError:
                            pass
                    return
                pending += data
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    pid = os.fork()
                    if pid == 0:
                        _kernel(json.loads(line), (wake_r, wake_w))
                    kernels.add(pid)
                    say({"pid": pid})


def _kernel(request: dict, zygote_fds: tuple[int, int]) -> None:
    """In the forked child: become the kernel `python -m ipykernel_launcher ARGV` started in CWD with ENV would be."""
    import atexit
    import importlib.util

    status = 1
    try:
        os.setsid()
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for fd in zygote_fds:
            os.close(fd)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2) if request["quiet"] else (0, 1):  # 0 and 1 were the zygote's pipes
            os.dup2(devnull, fd)
        os.close(devnull)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.environ["JPY_PARENT_PID"] = str(os.getppid())
        sys.argv = [importlib.util.find_spec("ipykernel_launcher").origin, *request["argv"]]
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=request["argv"])
        status = 0
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        atexit._run_exitfuncs()  # what an interpreter's normal exit does; os._exit skips it
        os._exit(status)


if __name__ == "__main__":
    serve()
