"""initrev39: review of ``text train-lm --init-from`` (``train_charlm(init_from=)``): the
model it started from kept where training made it worse, a left-out --dropout taken from the
saved model, the model loaded once, and ``--file - --file -`` told to give standard input once."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from lstmkit.cli import main

FOX = "the quick brown fox jumps over the lazy dog.\n" * 80
RUN = {"embed_dim": 8, "hidden_size": 16, "num_layers": 1, "dropout": 0.0, "batch_size": 4}
RUN |= {"bptt": 16, "eval_every": 1000, "progress": False}
FLAGS = ["--batch-size", "4", "--bptt", "16", "--no-progress", "--threads", "1"]


@pytest.fixture(scope="module")
def saved_lm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A model of 20 steps on FOX, saved, and its metrics."""
    import torch

    from lstmkit.text.charlm import CharLMConfig, save_charlm, train_charlm

    torch.set_num_threads(1)
    result = train_charlm(FOX, CharLMConfig(max_steps=20, **RUN))
    return save_charlm(result, tmp_path_factory.mktemp("fox") / "lm"), result.metrics


def test_a_continued_run_that_only_got_worse_keeps_the_model_it_started_from(saved_lm) -> None:
    # the best of the run's own checks was kept: 3 steps at lr 0.5 saved a model of 3.4944
    # nats/char in place of the 3.3442 it started from, unsaid; the start is check 0
    import torch

    from lstmkit.text.charlm import CharLMConfig, load_charlm, train_charlm

    folder, before = saved_lm
    config = CharLMConfig(max_steps=3, **(RUN | {"lr": 0.5, "eval_every": 1}))
    result = train_charlm(FOX, config, init_from=folder)
    m = result.metrics
    start = m["init_from"]["val_loss_at_start"]
    assert start == before["best_val_loss"] == pytest.approx(3.3442, abs=1e-4)
    assert [(step, loss) for step, _, loss in m["history"]] == [
        (0, start),
        (1, pytest.approx(4.2668, abs=1e-4)),
        (2, pytest.approx(3.7469, abs=1e-4)),
        (3, pytest.approx(3.4944, abs=1e-4)),
    ]
    assert (m["best_step"], m["best_val_loss"], m["val_checks"]) == (0, start, 4)
    assert m["final_val_loss"] == pytest.approx(3.4944, abs=1e-4)
    saved = load_charlm(folder)[0].state_dict()
    kept = result.model.state_dict()
    assert all(torch.equal(kept[name], saved[name]) for name in saved)  # unchanged
    # a run that learns keeps its best check, as before
    better = train_charlm(FOX, CharLMConfig(max_steps=10, **RUN), init_from=folder).metrics
    assert better["history"][0] == (0, 0.0, start)
    assert better["best_step"] == 10 and better["best_val_loss"] < start - 0.02


def test_train_lm_says_when_no_check_beat_the_model_it_continued(
    saved_lm, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, _ = saved_lm
    corpus = tmp_path / "fox.txt"
    corpus.write_text(FOX, encoding="utf-8")
    run = ["text", "train-lm", "--file", str(corpus), "--init-from", str(folder), *FLAGS]
    run += ["--max-steps", "3", "--eval-every", "1", "--dropout", "0"]
    assert main([*run, "--lr", "0.5", "--out", str(tmp_path / "worse")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f"continued {folder}: validation loss 3.3442 nats/char before the first step; no check "
        "beat it: the model saved is the one continued, unchanged (a lower --lr may help)"
    )
    assert lines[1].startswith(
        "fox.txt: best validation loss 3.3442 nats/char (4.825 bits/char, perplexity 28.34) of "
        "4 checks (step 0; optimistic, the kept model's), 3.4944 after the last of 3 steps "
    )
    start = f"continued {folder}: validation loss 3.3442 nats/char before the first step"
    assert main([*run, "--out", str(tmp_path / "better")]) == 0  # learns: nothing more said
    assert capsys.readouterr().out.splitlines()[0] == start
    # no step made (the budget spent at once): nothing to beat it, nothing said of the --lr
    assert main([*run, "--minutes", "1e-9", "--max-steps", "0", "--out", str(tmp_path / "0")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == start
    assert (
        "of 1 check (step 0; optimistic, the kept model's), 3.3442 after the last of 0 " in lines[1]
    )


def test_a_left_out_dropout_is_the_saved_models(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --dropout left out was 0.1 whatever the continued model had learnt with, where its
    # sizes were taken from it
    corpus = tmp_path / "fox.txt"
    corpus.write_text(FOX, encoding="utf-8")
    tiny = ["--embed-dim", "4", "--hidden-size", "4", "--num-layers", "1", "--max-steps", "1"]
    run = ["text", "train-lm", "--file", str(corpus), *tiny, *FLAGS, "--json"]
    assert main([*run, "--dropout", "0.25", "--out", str(tmp_path / "a")]) == 0
    capsys.readouterr()

    def dropout(out: str, *more: str) -> tuple[float, float]:
        assert main([*run, "--out", str(tmp_path / out), *more]) == 0
        said = json.loads(capsys.readouterr().out)["config"]["dropout"]
        saved = json.loads((tmp_path / out / "config.json").read_text(encoding="utf-8"))
        return said, saved["model"]["dropout"]

    assert dropout("b", "--init-from", str(tmp_path / "a")) == (0.25, 0.25)
    assert dropout("c", "--init-from", str(tmp_path / "a"), "--dropout", "0") == (0.0, 0.0)
    assert dropout("d") == (0.1, 0.1)  # a new model: the default
    with pytest.raises(SystemExit):
        main(["text", "train-lm", "--help"])
    assert "(default: 0.1, or the --init-from model's)" in " ".join(capsys.readouterr().out.split())


def test_train_lm_loads_the_init_from_model_once(
    saved_lm, tmp_path: Path, monkeypatch: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # checked by _start_from, then loaded again by train_charlm(init_from=)
    from lstmkit.text import charlm

    loads: list[Any] = []
    load = charlm.load_charlm
    monkeypatch.setattr(charlm, "load_charlm", lambda *a, **k: (loads.append(a), load(*a, **k))[1])
    corpus = tmp_path / "fox.txt"
    corpus.write_text(FOX, encoding="utf-8")
    folder, _ = saved_lm
    run = ["text", "train-lm", "--file", str(corpus), "--init-from", str(folder), *FLAGS]
    assert main([*run, "--max-steps", "1", "--out", str(tmp_path / "lm")]) == 0
    assert loads == [(folder,)]
    assert capsys.readouterr().out.startswith(f"continued {folder}: ")


def test_standard_input_given_twice_is_told_to_be_given_once(
    tmp_path: Path, monkeypatch: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    # `cat - - | ...` was advised: cat reads standard input, then nothing, so the text came
    # once, unsaid
    out = tmp_path / "lm"
    tiny = ["--embed-dim", "4", "--hidden-size", "4", "--num-layers", "1", "--max-steps", "1"]
    run = ["text", "train-lm", "--file", "-", "--out", str(out), *tiny, *FLAGS]
    assert main([*run, "--file", "-"]) == 2
    advice = f"lstmkit text train-lm --file - --out {out} {' '.join([*tiny, *FLAGS])}"
    assert capsys.readouterr().err == (
        "error: --file takes one file, got 2: '-', '-'; standard input (-) is read once, so "
        f"give --file - once (`{advice}`).\n"
    )
    assert not out.exists()
    monkeypatch.setattr("sys.stdin", io.StringIO(FOX))  # the advice, taken
    assert main(advice.split()[1:]) == 0
    assert "saved to " in capsys.readouterr().out
    # beside a file: named once in the files to join
    assert main(["text", "predict", "m", "--file", "-", "--file", "./-", "--file", "-"]) == 2
    assert capsys.readouterr().err == (
        "error: --file takes one file, got 3: '-', './-', '-'; standard input (-) is read "
        "once, so name it once, and join them into one (`cat - ./- | lstmkit text predict m "
        "--file -`, its lines numbered as joined) or run text predict once per file.\n"
    )
    # once, it is one of the files joined, as before
    assert main(["text", "predict", "m", "--file", "a.txt", "--file", "-"]) == 2
    assert capsys.readouterr().err == (
        "error: --file takes one file, got 2: 'a.txt', '-'; join them into one (`cat a.txt - | "
        "lstmkit text predict m --file -`, its lines numbered as joined) or run text predict "
        "once per file.\n"
    )
