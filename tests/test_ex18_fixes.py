"""ex18: the README's shell examples that read a CSV run on a fresh install.

`--csv promo.csv`, `my.csv`, `load.csv`, ... named files no one had; the package now ships
them (``lstmkit/examples``, written by a seeded recipe) and ``lstmkit datasets --example
NAME`` prints one, which the README's loop writes into the current folder. Each README command
that reads a CSV runs here as the README gives it (from the files its loop writes, in a fresh
folder), with one member trained for one epoch, and prints a forecast of the right dates.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

import lstmkit
from lstmkit._examples import EXAMPLES, build_example, example_text
from lstmkit.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
SHIPPED = Path(lstmkit.__file__).resolve().parent / "examples"
QUICK = ["--epochs", "1", "--ensemble", "1", "--no-progress"]
# the file the README has Rscript write (`air.csv`), as R's write.csv writes AirPassengers
_R_TIME = re.compile(r"Rscript .*\"air\.csv\"")


def _shell_lines() -> list[str]:
    text = README.read_text("utf-8")
    blocks = re.findall(r"```(?:bash|console)\n(.*?)```", text, re.S)
    return [line.removeprefix("$ ") for block in blocks for line in block.splitlines()]


def _words(line: str) -> list[str]:
    words = shlex.split(line, comments=True)
    for i, word in enumerate(words):
        if word in ("|", ">", ">>"):
            return words[:i]
    return words


def _example_loop() -> list[str]:
    """The names the README's loop passes to `lstmkit datasets --example`."""
    (loop,) = [line for line in _shell_lines() if "lstmkit datasets --example $f" in line]
    names = re.fullmatch(
        r"for f in ([\w ]+); do lstmkit datasets --example \$f > \$f\.csv; done.*", loop
    )
    assert names is not None, loop
    return names.group(1).split()


def _made_by_the_readme() -> set[str]:
    """Every file a README shell line writes: its example loop, `> FILE`, R's air.csv."""
    lines = _shell_lines()
    made = {f"{name}.csv" for name in _example_loop()}
    made |= {m for line in lines for m in re.findall(r"(?<![\d|])> ?([\w.-]+)", line)}
    made |= {"air.csv"} if any(_R_TIME.search(line) for line in lines) else set()
    return made


def _csv_commands() -> list[str]:
    """The README's `lstmkit ...` lines that read a CSV of the current folder (not a
    packaged one named by its path)."""
    found = []
    for line in _shell_lines():
        words = _words(line)
        if words[:2] in (["lstmkit", "forecast"], ["lstmkit", "predict"]) and "--csv" in words:
            if "/" not in words[words.index("--csv") + 1]:
                found.append(line)
    return found


def _csv_of(command: str) -> str:
    """A README command's test id: the file it reads."""
    words = _words(command)
    return words[words.index("--csv") + 1] + (
        "" if "--where" in words else " (every series)" if "--series-col" in words else ""
    )


def test_every_file_a_readme_command_reads_is_one_the_readme_makes() -> None:
    """`--csv my.csv` and the others named files no fresh clone had; each `--csv`/`--file` now
    names a file a README line writes, the user's own text aside."""
    read = []
    for line in _shell_lines():
        words = _words(line)
        read += [words[k + 1] for k, w in enumerate(words) if w in ("--csv", "--file")]
    own = {"my_text.txt", "-"}  # "your own UTF-8 text", as the README says of them
    missing = {f for f in read if "/" not in f} - _made_by_the_readme() - own
    assert missing == set()
    assert _example_loop() == [
        "my",
        "promo",
        "eu",
        "umsatz",
        "umsatz_new",
        "load",
        "stores",
        "newer",
    ]
    assert set(_example_loop()) == set(EXAMPLES)


def test_the_readme_loop_writes_the_shipped_files(tmp_path, monkeypatch, capsys) -> None:
    """`lstmkit datasets --example NAME > NAME.csv` writes the packaged file, byte for byte,
    and a few KB each."""
    monkeypatch.chdir(tmp_path)
    for name in _example_loop():
        assert main(["datasets", "--example", name]) == 0
        printed = capsys.readouterr().out
        assert printed == (SHIPPED / f"{name}.csv").read_text("utf-8") == example_text(name)
        assert 1_500 < len(printed.encode()) < 20_000
    assert printed.splitlines()[:2] == ["month,value", "1949-01,112"]  # newer: the airline series


@pytest.mark.parametrize("name", list(EXAMPLES))
def test_each_example_is_its_seeded_recipe(name: str) -> None:
    """What PROVENANCE.md says wrote each file writes it again, byte for byte."""
    assert build_example(name) == (SHIPPED / f"{name}.csv").read_text("utf-8")
    import hashlib

    data = (SHIPPED / f"{name}.csv").read_bytes()
    rows = data.count(b"\n") - 1  # the header aside
    digest = hashlib.sha256(data).hexdigest()[:12]
    row = f"| `{name}.csv` | {rows} | {len(data):,} | `{digest}` |"
    assert row in (SHIPPED / "PROVENANCE.md").read_text("utf-8")


def test_an_unknown_example_is_refused_with_the_names(capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["datasets", "--example", "sales"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        "error: argument --example: invalid choice: 'sales' (choose from 'my', 'promo', 'eu', "
        "'umsatz', 'umsatz_new', 'load', 'stores', 'newer') (`lstmkit datasets --help` lists "
        "the flags)\n"
    )
    with pytest.raises(ValueError) as caught:
        example_text("sales")
    assert str(caught.value) == (
        "`name` must be one of the examples (my, promo, eu, umsatz, umsatz_new, load, stores, "
        "newer), got 'sales'."
    )


def test_an_example_with_json_is_refused(capsys) -> None:
    """A CSV is no JSON: `--json` was silently left unread."""
    with pytest.raises(SystemExit) as stop:
        main(["datasets", "--example", "promo", "--json"])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        "error: give --example or --json, not both (`lstmkit datasets --help` lists the flags)\n"
    )


def test_the_help_lists_the_examples(capsys) -> None:
    """Each name with what its file holds (eu's `%d/%m/%Y` once broke the help's formatting)."""
    with pytest.raises(SystemExit) as stop:
        main(["datasets", "--help"])
    assert stop.value.code == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "(`lstmkit datasets --example promo --out promo.csv`): my: monthly car sales" in said
    assert "eu: daily visitors, dates written day/month/year (--date-format %d/%m/%Y)" in said


def test_the_files_the_loop_writes_are_ignored_by_git() -> None:
    """Following the README from the repository root leaves `git status` clean."""
    ignored = (ROOT / ".gitignore").read_text("utf-8").splitlines()
    assert [
        f for f in sorted(_made_by_the_readme()) if f.endswith(".csv") and f"/{f}" not in ignored
    ] == []


def test_the_examples_ship_in_the_wheel() -> None:
    text = (ROOT / "pyproject.toml").read_text("utf-8")
    assert '"examples/*.csv", "examples/*.md"' in text


# each README command, the (first, last) forecast date it prints and how many rows
SHOWN = {
    "my.csv": ("1968-01-01", "1968-12-01", 12),
    "promo.csv": ("2024-05-23", "2024-05-29", 7),
    "eu.csv": ("2024-07-12", "2024-07-18", 7),
    "umsatz.csv": ("1967-01-01", "1967-12-01", 12),
    "load.csv": ("2024-02-04 00:00:00", "2024-02-04 23:00:00", 24),
    "air.csv": ("1960-01-01", "1960-12-01", 12),
    "newer.csv": ("1961-01-01", "1961-12-01", 12),
    "umsatz_new.csv": ("1969-01-01", "1969-12-01", 12),
}


def _write_readme_files(folder: Path, capsys) -> None:
    """The files as a user following the README has them: the loop's, and R's air.csv."""
    for name in _example_loop():
        assert main(["datasets", "--example", name]) == 0
        (folder / f"{name}.csv").write_text(capsys.readouterr().out, "utf-8")
    # R's write.csv: a quoted row-name column, and time() at 15 significant digits
    air = (ROOT / "src/lstmkit/datasets/airline_passengers.csv").read_text("utf-8").split()[1:]
    rows = [f'"{k + 1}",{1949 + k / 12:.15g},{v.split(",")[1]}' for k, v in enumerate(air)]
    (folder / "air.csv").write_text('"","time","value"\n' + "\n".join(rows) + "\n", "utf-8")


@pytest.mark.parametrize("command", _csv_commands(), ids=_csv_of)
def test_each_readme_csv_command_runs(command, tmp_path, monkeypatch, capsys) -> None:
    """As written (one member, one epoch, here), from a folder holding what the README's lines
    write; a `predict runs/X` first runs the README line that saved runs/X."""
    from matplotlib.figure import Figure

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(Figure, "savefig", lambda self, path, **kwargs: Path(path).touch())
    _write_readme_files(tmp_path, capsys)
    argv = _words(command)[1:]
    if argv[0] == "predict":
        saved = argv[1]
        before, *_ = [
            line
            for line in _shell_lines()
            if line.startswith("lstmkit forecast") and f"--out {saved} " in f"{line} "
        ]
        assert main([*_words(before)[1:], *QUICK]) == 0
        capsys.readouterr()
    assert main(argv + (QUICK if argv[0] == "forecast" else [])) == 0
    out = capsys.readouterr().out
    file = argv[argv.index("--csv") + 1]
    if "--series-col" in argv:  # one line per series in the summary, a folder for each
        assert re.findall(r"^([AB]) +144 ", out, re.M) == ["A", "B"]
        assert sorted(p.name for p in (tmp_path / "runs/stores").iterdir()) == [
            "A",
            "B",
            "summary.csv",
        ]
        return
    dates = re.findall(r"^(\d{4}-\d\d-\d\d(?: \d\d:\d\d:\d\d)?)  ", out, re.M)
    if file == "stores.csv":  # --where store=A: the airline series
        assert (dates[0], dates[-1], len(dates)) == ("1960-01-01", "1960-12-01", 12)
    else:
        assert (dates[0], dates[-1], len(dates)) == SHOWN[file]


def test_the_readme_loop_runs_in_a_shell(tmp_path) -> None:
    """The loop line itself, pasted into bash with this environment's `lstmkit` on PATH."""
    import os
    import shutil
    import subprocess
    import sys

    (loop,) = [line for line in _shell_lines() if "lstmkit datasets --example $f" in line]
    bin_dir = Path(sys.executable).parent
    if shutil.which("lstmkit", path=str(bin_dir)) is None:
        pytest.skip("no lstmkit script beside this Python (the package not installed)")
    path = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    # the lstmkit this test imported, where the script's own install is another checkout's
    here = str(Path(lstmkit.__file__).resolve().parents[1])
    python_path = os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PATH": path, "PYTHONPATH": python_path}
    done = subprocess.run(
        ["bash", "-c", loop], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert (done.returncode, done.stderr) == (0, "")
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"{name}.csv" for name in EXAMPLES)
    for name in EXAMPLES:
        assert (tmp_path / f"{name}.csv").read_bytes() == (SHIPPED / f"{name}.csv").read_bytes()
