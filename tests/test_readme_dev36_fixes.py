"""What a new contributor on a fresh clone and a packager met following the README's "Set up",
"A tour in seven commands" and "Development" to the letter."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _section(heading: str) -> str:
    text = README.read_text("utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def test_the_tour_tells_where_the_text_training_finds_its_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The tour's `lstmkit text train sst2` stopped in a clone outside the folder that holds
    ``shared/`` ("text data folder not found"), and nothing before the Text section said where
    the data comes from; the tour quotes the refusal and names the way out, as the command does."""
    import lstmkit.text.sst as sst
    from lstmkit.cli import main

    clone = tmp_path / "a" / "clone"
    monkeypatch.setattr(sst, "__file__", str(clone / "src" / "lstmkit" / "text" / "sst.py"))
    monkeypatch.delenv("LSTMKIT_DATA", raising=False)
    work = tmp_path / "b" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)

    assert main(["text", "train", "sst2", "--out", str(work / "m")]) == 2
    said = capsys.readouterr().err.strip()
    tour = _section("A tour in seven commands")
    assert "lstmkit text train sst2 --out runs/sst2" in tour
    (quoted,) = re.findall(r'it stops with "(error: text data folder not found.*?)":', tour, re.S)
    pattern = re.escape(" ".join(quoted.split())).replace(re.escape("..."), ".+")
    assert re.fullmatch(pattern, said), (quoted, said)
    # "beside the repository or beside the current folder", in that order
    beside = [str(p.parent / "shared" / "data" / "text") for p in (clone, work)]
    assert said.index(repr(beside[0])) < said.index(repr(beside[1]))
    assert "`../shared/data/text` beside the repository or beside the current folder" in " ".join(
        tour.split()
    )
    assert list(work.iterdir()) == []

    # "give `--data-dir DIR` or set `LSTMKIT_DATA` to the folder that holds `sst/`"
    data = tmp_path / "data"
    (data / "sst").mkdir(parents=True)
    assert sst.find_text_data(data) == data
    monkeypatch.setenv("LSTMKIT_DATA", str(data))
    assert sst.find_text_data() == data


def test_the_classifiers_name_the_pythons_the_readme_reports() -> None:
    """The classifiers named Python 3.11 alone, where the README reports the whole suite passed
    under Python 3.12 too (the GPU machine's session)."""
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert meta["requires-python"] == ">=3.11"
    setup = _section("Set up")
    assert "Python ≥ 3.11" in setup
    assert re.findall(r"Python (3\.\d+)\)?", setup) == ["3.12"]
    prefix = "Programming Language :: Python :: "
    versions = [c.removeprefix(prefix) for c in meta["classifiers"] if c.startswith(prefix)]
    assert versions == ["3", "3 :: Only", "3.11", "3.12"]


def test_ci_runs_exactly_the_second_set_up_command() -> None:
    """The README says its second set-up command is "exactly what `.ci/run` runs", and .ci/run
    says it runs "exactly the README's second set-up command"; .ci/run passed pip a `-q` the
    README's command has not."""
    commands = re.findall(r"```bash\n(.*?)\n```", _section("Set up"), re.S)
    assert "(exactly what `.ci/run` runs)" in _section("Set up")
    lines = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert lines[0] == "#!/usr/bin/env bash"
    assert commands[1] == lines[-1]
    assert commands[1] == (
        "python3 -m venv .venv && . .venv/bin/activate"
        ' && pip install -c constraints.txt -e ".[test]" && pytest -n 2'
    )


def test_set_up_tells_how_to_get_the_cpu_build_of_the_pinned_torch() -> None:
    """constraints.txt pins torch==2.13.0, which this machine finds as a local CPU wheel, but
    which on another Linux x86-64 machine is PyPI's CUDA build (several GB of nvidia-*
    packages); the README called the pin "a CPU build" and told no way to the CPU wheel. Set up
    gives PyTorch's CPU index in a command of its own, before the two set-up commands, which
    stay as .ci/run runs them; constraints.txt's comment gives the same command."""
    commands = re.findall(r"```bash\n(.*?)\n```", _section("Set up"), re.S)
    cpu = "pip install -c constraints.txt torch --index-url https://download.pytorch.org/whl/cpu"
    assert commands[2] == f"python3 -m venv .venv && . .venv/bin/activate && {cpu}"
    assert "a CPU build" not in _section("Set up")
    pins = (ROOT / "constraints.txt").read_text("utf-8").splitlines()
    # a pin without a local label, so that the index's 2.13.0+cpu satisfies it
    assert [line for line in pins if not line.startswith("#")] == ["torch==2.13.0"]
    assert f"#   {cpu}" in pins
