"""Command line: python -m rusregions COMMAND (see --help)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def cmd_validate(args) -> int:
    from . import data

    if args.update_checksums:
        changed = data.update_checksums()
        print(f"checksums recorded; changed: {', '.join(changed) or 'none'}")
    problems = [p for path in args.paths for p in data.validate_path(path)] if args.paths else data.validate_all()
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return 1
    n = len(args.paths) if args.paths else len(data.resource_names())
    print(f"data OK: {n} resource(s) valid")
    return 0


def cmd_audit(args) -> int:
    from . import audit, data

    findings = audit.audit(data.load("table_4_1"))
    findings.to_csv(sys.stdout, index=False)
    return 0


def cmd_build(args) -> int:
    from . import build

    targets = args.targets or ["html"]
    if args.clean:  # before either target, so a clean HTML build cannot delete the PDF just built
        build.remove_build()
    try:
        # PDF first so the HTML build can offer it for download from every page.
        if "pdf" in targets:
            print(f"PDF: {build.build_pdf()}")
        if "html" in targets:
            print(f"HTML: {build.build_html(strict=args.strict)}")
    except build.BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_execute(args) -> int:
    from . import build

    paths = [Path(p).resolve() for p in args.notebooks] or None
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

    for p in profiles.generate():
        print(f"wrote {p}")
    return 0


def cmd_release(args) -> int:
    from . import release

    try:
        for p in release.release():
            print(f"wrote {p}")
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

    p = sub.add_parser("validate", help="validate data/ (all resources, or the CSV files given)")
    p.add_argument("paths", nargs="*", help="CSV files to check against the datapackage.json beside them")
    p.add_argument("--update-checksums", action="store_true",
                   help="record the current sha256 of every data file first (after an intended change)")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("audit", help="print the consistency findings of Table 4.1 as CSV")
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("build", help="build the book: html, pdf or both (output in _build/)")
    p.add_argument("targets", nargs="*", choices=["html", "pdf"], help="default: html")
    p.add_argument("--strict", action="store_true", help="warnings are errors (-W -n --keep-going)")
    p.add_argument("--clean", action="store_true", help="remove _build/ first")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("execute", help="re-run notebooks and store their outputs (after a data or code change)")
    p.add_argument("notebooks", nargs="*", help="default: every notebook under chapters/")
    p.set_defaults(func=cmd_execute)

    p = sub.add_parser("catalogue", help="regenerate book/data_catalogue.md from data/datapackage.json")
    p.set_defaults(func=cmd_catalogue)

    p = sub.add_parser("profiles", help="regenerate the nine region profile notebooks from the template")
    p.set_defaults(func=cmd_profiles)

    p = sub.add_parser("test", help="run the whole test suite (data, units, nbval, build, browser, PDF)")
    p.set_defaults(func=cmd_test)  # any further arguments are passed to pytest

    p = sub.add_parser("release", help="build from a clean tree and write dist/ (PDF, HTML zip, data, checksums)")
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
    return args.func(args)
