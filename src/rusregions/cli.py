"""Command line: python -m rusregions COMMAND (see --help)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__

# Exit statuses: 0 done, 1 bad data or a failed build, 2 bad usage, 130 interrupted (Ctrl-C).
BAD_DATA, BAD_USAGE, INTERRUPTED = 1, 2, 130


class UsageError(ValueError):
    """The command line asks for something that cannot be done (exit 2)."""


def _locked(what: str):
    """The checkout's lock, for commands that write _build/ or notebooks (see fsutil.checkout_lock)."""
    from .build import BUILD
    from .fsutil import checkout_lock

    return checkout_lock(BUILD, what)


def _validate_targets(paths: list[str]) -> list[tuple[str, Path]]:
    """(resource name, data folder) for each command-line path: a CSV file, or a folder (its whole package)."""
    from . import data

    targets = []
    for arg in paths:
        path = Path(arg)
        if not path.exists() and not path.is_symlink():
            raise UsageError(f"{arg}: no such file or folder")
        if path.is_dir():
            if not (path / data.DESCRIPTOR).exists():
                raise UsageError(f"{arg}: a folder with no {data.DESCRIPTOR} in it; name a data folder or a CSV file")
            targets += [(name, path) for name in data.resource_names(path)]
        else:
            targets.append(data.resource_for(path))
    return targets


def cmd_validate(args) -> int:
    from . import data

    named = [] if args.update_checksums in (None, True) else _validate_targets([args.update_checksums])
    if args.paths:
        targets = _validate_targets(args.paths)
    else:  # the whole package: data/, or the folder of the file whose checksum is recorded
        folder = named[0][1] if named else data.DATA_DIR
        targets = [(n, folder) for n in data.resource_names(folder)]
    if args.update_checksums:
        record = named or targets
        for data_dir in dict.fromkeys(d for _, d in record):
            try:
                changed = data.update_checksums(data_dir, [n for n, d in record if d == data_dir])
            except data.DataError as exc:
                for p in exc.problems:
                    print(p, file=sys.stderr)
                print("checksums not recorded: fix the problem(s) above first", file=sys.stderr)
                return BAD_DATA
            print(f"checksums recorded; changed: {', '.join(changed) or 'none'}")
    problems = [p for name, data_dir in targets for p in data.validate_resource(name, data_dir)]
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return BAD_DATA
    print(f"data OK: {len(targets)} resource(s) valid")
    return 0


def cmd_audit(args) -> int:
    from . import audit, data

    findings = audit.audit(data.load("table_4_1"))
    findings.to_csv(sys.stdout, index=False)
    return 0


def cmd_build(args) -> int:
    from . import build

    targets = args.targets or ["html"]
    unknown = [t for t in targets if t not in ("html", "pdf")]
    if unknown:
        raise UsageError(f"unknown target(s) {', '.join(unknown)}; choose html, pdf or both")
    with _locked("build"):
        if args.clean:  # before either target, so a clean HTML build cannot delete the PDF just built
            build.remove_build()
        try:
            # PDF first so the HTML build can offer it for download from every page.
            outputs = "stored" if args.stored_outputs else "execute"
            if "pdf" in targets:
                print(f"PDF: {build.build_pdf(outputs=outputs)}")
            if "html" in targets:
                print(f"HTML: {build.build_html(strict=args.strict, outputs=outputs)}")
        except build.BuildError as exc:
            print(f"build failed: {exc}", file=sys.stderr)
            return 1
    return 0


def cmd_execute(args) -> int:
    from . import build

    try:
        paths = [build.notebook_argument(p) for p in args.notebooks] or None
    except build.UsageError as exc:
        raise UsageError(str(exc)) from None
    with _locked("execute"):
        try:
            for p in build.execute(paths):
                print(f"executed {p.relative_to(build.ROOT)}")
        except build.BuildError as exc:
            print(f"execution failed: {exc}", file=sys.stderr)
            return 1
    return 0


def cmd_catalogue(args) -> int:
    from . import catalogue

    print(f"wrote {catalogue.write()}")
    return 0


def cmd_test(args) -> int:
    from . import build

    return build.run_tests(args.pytest_args)


def cmd_profiles(args) -> int:
    from . import profiles

    try:
        profiles.check_regions(args.regions)  # before the lock: a typo is said at once, even beside a build
    except profiles.UnknownRegion as exc:
        raise UsageError(str(exc)) from None
    with _locked("profiles"):
        for p in profiles.generate(args.regions or None):
            print(f"wrote {p}")
    return 0


def cmd_release(args) -> int:
    from . import release

    try:
        v = release.check_releasable()  # before taking the lock, which would create _build/
        with _locked("release"):
            for p in release.release(outputs="stored" if args.stored_outputs else "execute"):
                print(f"wrote {p}")
        print(release.next_steps(v))
    except release.ReleaseError as exc:
        print(f"release refused: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_diff(args) -> int:
    from . import diff

    try:
        d = diff.compare(args.old, args.new)
    except diff.DiffError as exc:
        print(f"diff failed: {exc}", file=sys.stderr)
        return 1
    if args.csv:
        d.values.to_csv(sys.stdout, index=False)
    else:
        print(diff.to_markdown(d, args.old, args.new))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rusregions",
                                     description="Russia's Regions report series: data, analysis and build tools.")
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="validate data/ (all resources, or the CSV files or folders given)")
    p.add_argument("paths", nargs="*", help="CSV files to check against the datapackage.json beside them, "
                                            "or folders holding a datapackage.json")
    p.add_argument("--update-checksums", nargs="?", const=True, metavar="FILE",
                   help="after an intended change: validate FILE (default: every data file) and, if it has no "
                        "other problem, record its sha256")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("audit", help="print the consistency findings of Table 4.1 as CSV")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("build", help="build the book: html, pdf or both (output in _build/)")
    # checked in cmd_build: argparse rejects an empty list against `choices`, so a bare `build` failed
    p.add_argument("targets", nargs="*", metavar="{html,pdf}", help="default: html")
    p.add_argument("--strict", action="store_true", help="warnings are errors (-W -n --keep-going)")
    p.add_argument("--clean", action="store_true", help="remove _build/ first")
    p.add_argument("--stored-outputs", action="store_true",
                   help="show the outputs saved in the notebooks instead of executing them (the test command "
                        "does this after nbval has re-run and compared every notebook)")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("execute", help="re-run notebooks and store their outputs (after a data or code change)")
    p.add_argument("notebooks", nargs="*", help="default: every notebook under chapters/")
    p.set_defaults(func=cmd_execute)

    p = sub.add_parser("catalogue", help="regenerate book/data_catalogue.md from data/datapackage.json")
    p.set_defaults(func=cmd_catalogue)

    p = sub.add_parser("profiles", help="regenerate the nine region profile notebooks from the template")
    p.add_argument("regions", nargs="*", metavar="REGION_ID",
                   help="only these regions (default: every region of far_east_regions, and generated profiles of "
                        "regions no longer there are removed)")
    p.set_defaults(func=cmd_profiles)

    p = sub.add_parser("test", help="run the whole test suite (data, units, nbval, build, browser, PDF)")
    p.set_defaults(func=cmd_test)  # any further arguments are passed to pytest

    p = sub.add_parser("release", help="build from a clean tree and write dist/ (PDF, HTML zip, data, checksums)")
    p.add_argument("--stored-outputs", action="store_true",
                   help="publish the outputs saved in the notebooks instead of executing them again; only right "
                        "after the test command has re-run and compared every notebook on this commit")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("diff", help="list every published value added, removed or changed between two editions")
    p.add_argument("old", help="git revision, release:X.Y.Z (found via CHANGELOG.md) or WORKTREE (data/ now)")
    p.add_argument("new", help="as OLD")
    p.add_argument("--csv", action="store_true", help="print the value changes as CSV")
    p.set_defaults(func=cmd_diff)

    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "test":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.pytest_args = extra
    return run(parser, args)


def run(parser, args) -> int:
    """Run one command; its expected failures become one line each on stderr, never a traceback."""
    from .data import DataError
    from .execution import JobsError, jobs
    from .fsutil import Busy

    try:
        if args.command in ("build", "execute", "profiles", "test", "release"):
            jobs()  # a bad $RUSREGIONS_JOBS is bad usage, said before any lock is taken or notebook run
        return args.func(args)
    except DataError as exc:
        for p in exc.problems:
            print(p, file=sys.stderr)
        return BAD_DATA
    except (UsageError, JobsError) as exc:
        print(f"{parser.prog} {args.command}: {exc}", file=sys.stderr)
        return BAD_USAGE
    except Busy as exc:
        print(f"{args.command} refused: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\n{args.command} interrupted", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:  # e.g. `audit | head`: the reader left, nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
