"""Progress bars over the long, silent work of the text commands (``text predict --file`` and
``lstmkit explain --file`` on 20,000 lines ran for seconds to minutes with nothing shown)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.text.vocab import Vocabulary

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

_LINES = ["a good film", "a bad film", "good", "bad bad film", "a film"]


def _first(desc: str, total: int) -> str:
    """tqdm's first draw of a bar (its width is tqdm's choice: 10 columns, or the terminal's)."""
    return rf"{desc}:   0%\| +\| 0/{total} \[00:00<\?, \?text/s\]"


def _drawn(err: str) -> list[str]:
    """The bars' draws on stderr, in order, without the blank ones that clear them."""
    return [part for part in err.split("\r") if part.strip()]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A tiny saved classifier and a file of five sentences beside it (``lines.txt``)."""
    from lstmkit.text import SentimentConfig, TextClassifier, save_classifier
    from lstmkit.text.sentiment import SentimentResult

    torch.manual_seed(0)
    vocab = Vocabulary(["a", "good", "bad", "film"])
    model = TextClassifier(len(vocab), 4, 3, 2).eval()
    result = SentimentResult(model, vocab, SentimentConfig(), label_names=("bad", "good"))
    (tmp_path / "lines.txt").write_text("\n".join(_LINES) + "\n", encoding="utf-8")
    return save_classifier(result, tmp_path / "clf")


@pytest.mark.parametrize(
    ("command", "bars"),
    [
        (["text", "predict", "{model}", "--file", "{lines}", "--json"], [("predict", 5)]),
        # one explain bar over all the lines, whatever their labels (4 read "bad", 1 "good";
        # was one bar per label, 4 then 1)
        (
            ["text", "predict", "{model}", "--file", "{lines}", "--explain"],
            [("predict", 5), ("explain", 5)],
        ),
        # LRP's output check is the prediction: no predict bar (was explain, then predict)
        (["explain", "{model}", "--file", "{lines}", "--json"], [("explain", 5)]),
        (["explain", "{model}", "--file", "{lines}"], [("explain", 5)]),
        # occlusion's prediction runs with its batches too (was explain, then predict)
        (["explain", "{model}", "--file", "{lines}", "--method", "occlusion"], [("explain", 5)]),
    ],
)
def test_text_predict_and_explain_draw_a_bar_on_stderr_with_progress_only(
    folder: Path, capsys: pytest.CaptureFixture[str], command: list[str], bars: list
) -> None:
    argv = [a.format(model=folder, lines=folder.parent / "lines.txt") for a in command]
    assert main([*argv, "--no-progress"]) == 0
    quiet = capsys.readouterr()
    assert quiet.err == ""
    # explain's records name the command that ran, which differs in that flag only
    flag = ', "command": "' + shlex.join(["lstmkit", *argv]) + '{}"'
    assert main(argv) == 0  # the default: on when stderr is a terminal, which pytest's is not
    out, err = capsys.readouterr()
    assert (out.replace(flag.format(""), flag.format(" --no-progress")), err) == quiet
    assert main([*argv, "--progress"]) == 0
    shown = capsys.readouterr()
    # byte for byte: the bar never reaches stdout
    assert shown.out.replace(flag.format(" --progress"), flag.format(" --no-progress")) == quiet.out
    assert len(shown.out.splitlines()) >= len(_LINES)
    firsts = [d for d in _drawn(shown.err) if " 0/" in d]
    assert len(firsts) == len(bars)
    for drawn, (desc, total) in zip(firsts, bars, strict=True):
        assert re.fullmatch(_first(desc, total), drawn), drawn
    assert shown.err.endswith("\r")  # each bar is removed once its work is done


def test_predictor_methods_draw_no_bar_unless_asked(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.text.sentiment import SentimentPredictor

    predictor = SentimentPredictor.load(folder)
    quiet = predictor.predict_proba(_LINES)
    relevance = predictor.explain_many(_LINES, "good")
    labels = predictor.predict_many(_LINES)
    assert capsys.readouterr().err == ""  # the default, progress=False: as before
    assert torch.equal(predictor.predict_proba(_LINES, progress=True), quiet)
    assert re.fullmatch(_first("predict", 5), _drawn(capsys.readouterr().err)[0])
    assert predictor.explain_many(_LINES, "good", progress=True) == relevance
    assert re.fullmatch(_first("explain", 5), _drawn(capsys.readouterr().err)[0])
    assert predictor.predict_many(_LINES, progress=True) == labels
    assert re.fullmatch(_first("predict", 5), _drawn(capsys.readouterr().err)[0])
    assert predictor.predict_many(_LINES, progress=None) == labels  # stderr: no terminal
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("method", ["predict_proba", "predict_many", "explain_many"])
def test_predictor_methods_refuse_a_progress_that_is_not_a_bool(
    folder: Path, capsys: pytest.CaptureFixture[str], method: str
) -> None:
    from lstmkit.text.sentiment import SentimentPredictor

    predictor = SentimentPredictor.load(folder)
    with pytest.raises(TypeError) as info:
        getattr(predictor, method)(_LINES, progress="yes")
    assert str(info.value) == "`progress` must be True, False or None, got 'yes'."
    assert capsys.readouterr().err == ""


def _tiny_csv(path: Path, nouns: tuple[str, ...] = ("film", "show", "play")) -> Path:
    """25 labelled texts (5 of each class at least, as a split needs)."""
    words = ("good", "fine", "great", "bad", "dull")
    texts = [f"a {w} {n}{k}" for n in nouns for k in ("", "!") for w in words][:25]
    labels = ["pos", "pos", "pos", "neg", "neg"] * 5
    rows = "".join(f"{t},{y}\n" for t, y in zip(texts, labels, strict=True))
    path.write_text("text,label\n" + rows, encoding="utf-8")
    return path


def _run_facts(out: str) -> dict:
    """``text train --json``'s object without what differs between two runs (the seconds, the
    folder, the command line and the progress setting)."""
    import json

    facts = json.loads(out)
    for key in ("train_seconds", "out", "command"):
        facts.pop(key)
    facts["config"].pop("progress")
    for member in facts["members"]:
        member.pop("train_seconds")
    return facts


@pytest.mark.parametrize("dev", [False, True])
def test_text_train_csv_shows_a_bar_while_it_reads_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], dev: bool
) -> None:
    # reading and tokenising 50,000 rows took 1.4 s (3 s on a busy machine) before the
    # training's bar, with nothing shown
    data = _tiny_csv(tmp_path / "reviews.csv")
    argv = ["text", "train", "--csv", str(data), "--text-col", "text", "--label-col", "label"]
    argv += ["--epochs", "1", "--embed-dim", "4", "--hidden-size", "4", "--json"]
    if dev:
        argv += ["--dev-csv", str(_tiny_csv(tmp_path / "dev.csv", ("book", "song", "game")))]
    assert main([*argv, "--out", str(tmp_path / "quiet"), "--no-progress"]) == 0
    quiet = capsys.readouterr()
    assert quiet.err == ""
    assert main([*argv, "--out", str(tmp_path / "shown"), "--progress"]) == 0
    shown = capsys.readouterr()
    assert _run_facts(shown.out) == _run_facts(quiet.out)
    drawn = _drawn(shown.err)
    files = 2 if dev else 1
    assert re.fullmatch(rf"read:   0%\| +\| 0/{files} \[00:00<\?, \?file/s\]", drawn[0]), drawn
    # (the files' later counts are drawn where reading them took a tenth of a second or more)
    first_train = next(k for k, d in enumerate(drawn) if d.startswith("train:"))
    assert all(d.startswith("read: ") for d in drawn[:first_train])
    # removed before the training's bar starts
    assert re.fullmatch(r"train:   0%\| +\| 0/1 \[00:00<\?, \?it/s\]", drawn[first_train])
    assert shown.err.split("\rtrain:")[0].endswith("\r")
