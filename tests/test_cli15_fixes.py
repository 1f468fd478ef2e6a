"""cli15: command-line internals, behaviour-neutral (run.json read once by predict and explain
with --csv)."""

from pathlib import Path

import pytest

from lstmkit.cli import main

_SALES = "month;sales\n" + "".join(
    f"{2010 + k // 12}-{k % 12 + 1:02d}-01;{100 + 3 * (k % 12) + k}\n" for k in range(48)
)
_FIT = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
_FIT += ["--no-progress", "--interval", "0"]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``sales.csv`` (``;``-separated) and ``run/``, its forecast saved with
    ``--out``."""
    folder = tmp_path_factory.mktemp("cli15")
    (folder / "sales.csv").write_text(_SALES)
    argv = ["forecast", "--csv", str(folder / "sales.csv"), "--sep", ";", "--date-col", "month"]
    assert main([*argv, "--value-col", "sales", *_FIT, "--out", str(folder / "run")]) == 0
    return folder


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_predict_and_explain_read_the_runs_run_json_once(
    command: str,
    run: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # `lstmkit predict RUN --csv FILE` read and parsed run/run.json twice: once to check the
    # reading flags (_check_reading_flags), once to read the file as the run did
    read_text = Path.read_text
    reads: list[Path] = []

    def counting(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == "run.json":
            reads.append(self)
        return read_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counting)
    flags = ["--json"] if command == "predict" else ["--json", "--no-progress"]
    capsys.readouterr()
    assert main([command, str(run / "run" / "model"), "--csv", str(run / "sales.csv"), *flags]) == 0
    err = capsys.readouterr().err
    assert f"note: read {str(run / 'sales.csv')!r} as the run did: --sep ';'" in err
    assert [str(path) for path in reads] == [str(run / "run" / "run.json")]
