"""The wheel carries what a non-editable install needs: the rule specs for `leaklint explain`, LL007's table."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_every_rule_spec(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    [wheel] = tmp_path.glob("leaklint_js-*.whl")  # distribution leaklint-js; the package is `leaklint`
    names = set(zipfile.ZipFile(wheel).namelist())
    specs = sorted(p.name for p in (ROOT / "rules").glob("LL*.md"))
    assert specs, "no specs in rules/"
    for spec in specs:
        assert f"leaklint/specs/{spec}" in names
    assert "leaklint/cli.py" in names and "leaklint/model/scopes.py" in names
    assert "leaklint/resources.toml" in names, "LL007's acquire/release table must ship in the wheel"
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "leaklint = leaklint.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
