"""revcli15: review of cli15 (predict/explain DIR --csv read as the run, README's explain
commands): the run's recorded command parsed once, and the README's --csv file one a fresh
clone has."""

import shlex
from pathlib import Path

import pytest

from lstmkit.cli import _forecast_run, main

ROOT = Path(__file__).resolve().parents[1]

_SALES = "month;sales\n" + "".join(
    f"{2010 + k // 12}-{k % 12 + 1:02d}-01;{100 + 3 * (k % 12) + k},5\n" for k in range(48)
)
_FIT = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
_FIT += ["--no-progress", "--interval", "0"]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``sales.csv`` (``;``-separated, decimal commas) and ``run/``, its
    forecast saved with ``--out`` (and a ``--fill``, which its run.json records)."""
    folder = tmp_path_factory.mktemp("revcli15")
    (folder / "sales.csv").write_text(_SALES)
    argv = ["forecast", "--csv", str(folder / "sales.csv"), "--sep", ";", "--decimal", ","]
    argv += ["--date-col", "month", "--value-col", "sales", "--fill", "ffill"]
    assert main([*argv, *_FIT, "--out", str(folder / "run")]) == 0
    return folder


@pytest.mark.parametrize("command", ["predict", "explain"])
@pytest.mark.parametrize(
    ("flags", "said"),
    [
        ([], "as the run did: --sep ';' --decimal ',' --fill ffill"),
        # a separator of the run's left out, and the user's --fill none read as no fill
        (["--thousands", ",", "--fill", "none"], "as the run did: --sep ';' (not its "),
    ],
)
def test_the_runs_command_is_parsed_once(
    command: str,
    flags: list[str],
    said: str,
    run: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # cli15 read run.json once, but still parsed its recorded command twice (_run_reading,
    # then _runs_separators, once to refuse the reading flags and again to read the file as
    # the run did), behind an `args.csv is None` guard its only caller never reached
    calls: list[str] = []
    for name in ("_run_reading", "_runs_separators"):
        real = getattr(_forecast_run, name)
        monkeypatch.setattr(
            _forecast_run, name, lambda *a, _n=name, _f=real: calls.append(_n) or _f(*a)
        )
    read: list[object] = []
    real_load = _forecast_run._load if command == "predict" else None
    if real_load is not None:  # the fill predict reads the file with
        monkeypatch.setattr(
            _forecast_run, "_load", lambda a, **k: read.append(a.fill) or real_load(a, **k)
        )
    argv = [command, str(run / "run" / "model"), "--csv", str(run / "sales.csv"), "--json"]
    capsys.readouterr()
    code = main([*argv, *flags, *(["--no-progress"] if command == "explain" else [])])
    err = capsys.readouterr().err
    assert err.startswith(f"note: read {str(run / 'sales.csv')!r} {said}")
    assert calls == ["_run_reading", "_runs_separators"]
    if flags:  # read with a thousands comma: refused as the decimal comma it is
        assert code == 2
        assert "(not its --decimal ',', beside --thousands ',')\n" in err
        assert read == ([None] if command == "predict" else [])
    else:
        assert code == 0
        assert read == (["ffill"] if command == "predict" else [])


def test_a_saved_model_without_a_run_reads_its_csv_as_given(
    run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # a model folder not named model/ (a Forecaster.save folder): no run.json looked for, no
    # note; its file read with the flags given, --fill none as no fill
    import shutil

    shutil.copytree(run / "run" / "model", tmp_path / "saved")
    calls: list[object] = []
    real = _forecast_run._run_reading
    monkeypatch.setattr(_forecast_run, "_run_reading", lambda w: calls.append(w) or real(w))
    argv = ["predict", str(tmp_path / "saved"), "--csv", str(run / "sales.csv"), "--json"]
    capsys.readouterr()
    assert main([*argv, "--sep", ";", "--decimal", ",", "--fill", "none"]) == 0
    assert capsys.readouterr().err == ""
    assert calls == []


# -- README's `lstmkit explain models/airline --csv FILE`: a file a fresh clone has -----------


def _occlusion_command() -> list[str]:
    text = (ROOT / "README.md").read_text("utf-8")
    (line,) = [line for line in text.splitlines() if "--method occlusion --top 3" in line]
    return shlex.split(line, comments=True)


def test_the_readme_explains_from_a_csv_file_a_fresh_clone_has() -> None:
    # it read ../shared/data/series/airline_passengers.csv, there only in a checkout beside
    # the project's shared/ folder (test_readme swapped the packaged file in)
    words = _occlusion_command()
    path = words[words.index("--csv") + 1]
    assert path == "src/lstmkit/datasets/airline_passengers.csv"
    tracked = (ROOT / path).resolve()
    assert tracked.is_relative_to(ROOT) and tracked.is_file()
    # the installed package's copy, whose folder `lstmkit datasets` names (PROVENANCE.md)
    from lstmkit.data import _packaged_file

    assert tracked.read_bytes() == _packaged_file("airline").read_bytes()
    text = " ".join((ROOT / "README.md").read_text("utf-8").split())
    assert "an installed lstmkit has it beside the PROVENANCE.md that `lstmkit datasets`" in text
