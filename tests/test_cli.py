"""The command line as a user meets it."""
import csv
import io

from conftest import run_cli


def test_help_lists_the_commands():
    out = run_cli("--help").stdout
    for command in ("build", "validate", "execute", "audit", "catalogue", "profiles", "test", "release"):
        assert command in out


def test_version_comes_from_the_version_file():
    from conftest import ROOT
    assert run_cli("--version").stdout.strip() == (ROOT / "VERSION").read_text().strip()


def test_audit_prints_its_findings_as_csv_and_exits_0():
    result = run_cli("audit")
    assert result.returncode == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["table", "region", "indicator", "published_value", "expected_value", "reason"]
    found = {(r["region"], r["indicator"]) for r in rows}
    assert found == {("sakha_republic", "students_overall"), ("amur_oblast", "fdi_overall"),
                     ("jewish_autonomous_oblast", "tourists_overall")}
    amur = next(r for r in rows if r["region"] == "amur_oblast")
    assert float(amur["published_value"]) == 64.7
