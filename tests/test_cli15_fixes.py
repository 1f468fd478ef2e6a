"""cli15: command-line internals, behaviour-neutral (run.json read once by predict and explain
with --csv), and the README's `lstmkit explain` commands run as written."""

import contextlib
import io
import json
import re
import shlex
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


# -- README's "Command line" section of Explanations, run as a user pastes it -----------------

README = Path(__file__).resolve().parents[1] / "README.md"


def _explain_block() -> list[str]:
    """The lines of the ```bash block of README's explanations' "### Command line"."""
    section = README.read_text("utf-8").split("\n### Command line\n", 1)[1]
    return re.search(r"```bash\n(.*?)```", section, re.S).group(1).splitlines()


def _run(line: str, capsys: pytest.CaptureFixture[str]) -> str:
    """``line`` (``lstmkit ...``, up to a comment or a redirection) run in-process: its stdout."""
    words = shlex.split(line, comments=True)
    words = words[: words.index(">")] if ">" in words else words
    assert words[:2] == ["lstmkit", "explain"] and main(words[1:]) == 0, line
    return capsys.readouterr().out


def test_the_readme_explain_commands_of_a_classifier_run_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the section's commands had no run of their own: only their flags were parsed
    # (test_readme), and the forecaster's occlusion output compared
    from lstmkit.text.sentiment import SentimentConfig, save_classifier, train_classifier

    lines = _explain_block()
    monkeypatch.chdir(tmp_path)
    texts = [f"film {k} was {w}" for k in range(6) for w in ("witty", "dull")]
    config = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, batch_size=4, progress=False)
    result = train_classifier(texts, ["positive", "negative"] * 6, config, name="films")
    save_classifier(result, "models/sst2-explain")
    (printf,) = [line for line in lines if line.startswith("printf")]
    text = shlex.split(printf)[1].replace("\\n", "\n")
    Path(shlex.split(printf)[-1]).write_text(text, encoding="utf-8")
    outs = [_run(line, capsys) for line in lines if "explain models/sst2-explain" in line]
    assert len(outs) == 5
    # as the README's output of the first command ends
    assert outs[0].splitlines()[-1] == (
        "wrote explain-out/explanation.html, explain-out/relevance.json and "
        "explain-out/relevance.png"
    )
    assert outs[1].splitlines()[1].startswith("explained: negative, score ")
    assert outs[1].splitlines()[1].endswith(", method ig")
    blocks = outs[2].split("\n\n")
    assert [b.splitlines()[0] for b in blocks] == [
        "> a gorgeous , witty movie",
        "> a dull , lifeless mess",
    ]
    records = [json.loads(line) for line in outs[3].splitlines()]
    assert [(r["line"], r["text"]) for r in records] == list(enumerate(text.splitlines(), 1))
    assert sorted(p.name for p in Path("explain-out").iterdir()) == [
        "explanation.html",
        "relevance.json",
        "relevance.png",
    ]
    assert sorted(p.name for p in Path("explain-many").iterdir()) == [
        "explanation-1.html",
        "explanation-2.html",
        "relevance-1.json",
        "relevance-2.json",
        "relevance.png",
    ]


def test_the_readme_explain_commands_of_a_forecaster_run_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # its model saved by the README's `python -c`, in one epoch (test_readme fits its 100)
    lines = _explain_block()
    monkeypatch.chdir(tmp_path)
    (save,) = [line for line in lines if line.startswith('python -c "from lstmkit.data')]
    code = shlex.split(save)[2]
    assert "epochs=100" in code
    exec(code.replace("epochs=100", "epochs=1"), {})
    (step,) = [line for line in lines if "--step 0 --top 5" in line]
    out = _run(step, capsys).splitlines()
    assert out[0].startswith("explained: forecast step 1 after 1959-12-01 (1960-01-01), network")
    assert out[1] == "top 5 lags:"
    assert len(out) == 9  # the two lines above, five lags, their sum, what it wrote
    assert out[-2].startswith("relevance in all: lags ")
    assert out[-1] == (
        "wrote airline-explain/relevance.png, airline-explain/relevance.csv and "
        "airline-explain/explanation.json"
    )
    # "With --bias-factor 1 the lags', the decoder inputs' and the initial state's relevance
    # sum to score": the README's pipe into python prints the two
    (pipe,) = [
        line
        for line in README.read_text("utf-8").splitlines()
        if "--bias-factor 1 --json |" in line
    ]
    command, check = pipe.split(" | ")
    printed = _run(command, capsys)
    monkeypatch.setattr("sys.stdin", io.StringIO(printed))
    with contextlib.redirect_stdout(io.StringIO()) as said:
        exec(shlex.split(check)[2], {})
    total, score = map(float, said.getvalue().split())
    assert total == pytest.approx(score, abs=1e-12)
    assert score == json.loads(printed)["score"]
