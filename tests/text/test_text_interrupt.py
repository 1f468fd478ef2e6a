"""Ctrl-C and SIGTERM during the text trainers: the step ends, the best model so far is measured
and kept (raised with TrainingInterrupted; saved by the command line, exit 130 or 143); a second
signal stops at once, keeping nothing.

The signals are real (``signal.raise_signal``) and sent from inside a step, where the trainers
check their loss, so each test stops at a step it chooses.
"""

from __future__ import annotations

import json
import signal
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from lstmkit._interrupts import _raise_terminated
from lstmkit.cli import main
from lstmkit.text import charlm, sentiment, seq2seq
from lstmkit.train import TrainingInterrupted

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

LM = charlm.CharLMConfig(
    embed_dim=4, hidden_size=8, num_layers=1, batch_size=2, bptt=8, max_steps=50, eval_every=2
)
CORPUS = "abcd\n" * 40


def _signal_at(
    monkeypatch: pytest.MonkeyPatch,
    module: ModuleType,
    steps: dict[str, list[int]],
) -> list[str]:
    """Makes ``module``'s trainer send itself the signals ``steps[where]`` while it checks the
    loss of step ``where`` (its own words: "step 3", "epoch 1, step 2"); returns the steps seen."""
    real = module.check_loss
    seen: list[str] = []

    def check_loss(loss: object, where: str, lr: float, **untrained: Any) -> float:
        seen.append(where)
        for signum in steps.get(where, []):
            if signum == signal.SIGTERM:  # the default action would end the test's process
                assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
            signal.raise_signal(signum)
        return real(loss, where, lr, **untrained)

    monkeypatch.setattr(module, "check_loss", check_loss)
    return seen


def test_ctrl_c_stops_the_char_lm_after_its_step_with_the_best_model_so_far(monkeypatch):
    seen = _signal_at(monkeypatch, charlm, {"step 5": [signal.SIGINT]})
    with pytest.raises(TrainingInterrupted) as stopped:
        charlm.train_charlm(CORPUS, LM)
    assert isinstance(stopped.value, KeyboardInterrupt)  # a script still stops
    assert str(stopped.value) == (
        "training interrupted (SIGINT) after step 5; the model so far is in `.result` "
        "(uncaught, as in a notebook cell: `sys.last_value.result`)"
    )
    assert (stopped.value.signal, stopped.value.step) == ("SIGINT", 5)
    assert seen == [f"step {k}" for k in range(1, 6)]  # step 5 ended, no step 6
    m = stopped.value.result.metrics
    assert m["interrupted"] == {"signal": "SIGINT", "step": 5}
    assert m["steps"] == 5 and [s for s, _, _ in m["history"]] == [2, 4, 5]  # a check on stopping
    losses = [loss for _, _, loss in m["history"]]
    assert m["best_val_loss"] == min(losses) and m["final_val_loss"] == losses[-1]
    # the kept model is the one measured
    vocab = stopped.value.result.vocab
    val = vocab._ids(charlm._code_points(CORPUS[charlm._train_length(len(CORPUS), 0.1) :]))
    kept = charlm.evaluate_loss(stopped.value.result.model, val, 1)
    assert kept == pytest.approx(m["best_val_loss"], abs=1e-6)
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # given back


def test_a_second_ctrl_c_stops_at_once_keeping_nothing(monkeypatch):
    seen = _signal_at(monkeypatch, charlm, {"step 3": [signal.SIGINT, signal.SIGINT]})
    with pytest.raises(KeyboardInterrupt) as stopped:
        charlm.train_charlm(CORPUS, LM)
    assert type(stopped.value) is KeyboardInterrupt
    assert seen == ["step 1", "step 2", "step 3"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_an_uninterrupted_run_says_so_and_leaves_the_handlers_alone():
    result = charlm.train_charlm(CORPUS, replace(LM, max_steps=3))
    assert result.metrics["interrupted"] is None and result.metrics["steps"] == 3
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_a_handler_of_the_callers_own_is_left_alone(monkeypatch):
    calls: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: calls.append(signum))
    try:
        _signal_at(monkeypatch, charlm, {"step 2": [signal.SIGINT]})
        result = charlm.train_charlm(CORPUS, replace(LM, max_steps=3))
    finally:
        signal.signal(signal.SIGINT, previous)
    assert calls == [signal.SIGINT] and result.metrics["steps"] == 3
    assert result.metrics["interrupted"] is None


def test_ctrl_c_stops_seq2seq_after_its_step_and_measures_the_model(monkeypatch):
    config = seq2seq.Seq2SeqConfig(
        max_digits=2, train_size=40, test_size=6, embed_dim=4, hidden_size=6, epochs=3,
        batch_size=8, progress=False,
    )  # fmt: skip
    seen = _signal_at(monkeypatch, seq2seq, {"epoch 2, step 7": [signal.SIGINT]})
    with pytest.raises(TrainingInterrupted) as stopped:
        seq2seq.train_numbers(config)
    assert seen[-1] == "epoch 2, step 7" and len(seen) == 7
    m = stopped.value.result.metrics
    assert m["interrupted"] == {"signal": "SIGINT", "step": 7} and m["steps"] == 7
    assert m["test_pairs"] == 6 and 0 <= m["greedy_accuracy"] <= 1  # measured as any run is
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def _films() -> tuple[list[str], list[str]]:
    words = {"pos": ("good", "great", "fine"), "neg": ("bad", "dull", "poor")}
    texts = [
        f"a {w} {n}" for n in ("film", "show", "play", "book") for w in sum(words.values(), ())
    ]
    labels = [label for _ in range(4) for label, ws in words.items() for _ in ws]
    return texts, labels


@pytest.mark.parametrize(
    ("member", "kept"),
    [(1, 1), (2, 1), (3, 2)],  # the member stopped is dropped, unless it is the first
)
def test_ctrl_c_keeps_the_ensemble_members_trained_before(monkeypatch, member, kept):
    config = sentiment.SentimentConfig(
        embed_dim=4, hidden_size=4, epochs=2, batch_size=4, ensemble=3, progress=False
    )
    steps_per_member = 10  # 20 training texts in batches of 4, two epochs
    stop_at = (member - 1) * steps_per_member + 3  # the third step of the member
    where: list[int] = []
    real = sentiment.check_loss

    def check_loss(loss: object, at: str, lr: float, **untrained: Any) -> float:
        where.append(len(where) + 1)
        if len(where) == stop_at:
            signal.raise_signal(signal.SIGINT)
        return real(loss, at, lr, **untrained)

    monkeypatch.setattr(sentiment, "check_loss", check_loss)
    with pytest.raises(TrainingInterrupted) as stopped:
        sentiment.train_classifier(*_films(), config)
    assert len(where) == stop_at
    result = stopped.value.result
    m = result.metrics
    assert m["interrupted"] == {"signal": "SIGINT", "step": 3, "member": member}
    assert [r["seed"] for r in m["members"]] == list(range(kept))
    assert [r["steps"] for r in m["members"]] == [3 if member == 1 else 10] * kept
    members = getattr(result.model, "members", [result.model])
    assert len(members) == kept


def _tiny_lm_argv(tmp_path: Path, *extra: str) -> list[str]:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(CORPUS)
    return [
        "text", "train-lm", "--file", str(corpus), "--out", str(tmp_path / "lm"),
        "--embed-dim", "4", "--hidden-size", "8", "--num-layers", "1", "--batch-size", "2",
        "--bptt", "8", "--max-steps", "50", "--eval-every", "2", "--no-progress", *extra,
    ]  # fmt: skip


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_cli_train_lm_saves_the_best_model_so_far_on_ctrl_c_or_sigterm(
    tmp_path, capsys, monkeypatch, signum, code
):
    _signal_at(monkeypatch, charlm, {"step 5": [signum]})
    assert main(_tiny_lm_argv(tmp_path, "--json")) == code
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    name = signal.Signals(signum).name
    assert payload["interrupted"] == {"signal": name, "step": 5} and payload["steps"] == 5
    best = payload["val"]["best_step"]
    how = "Ctrl-C" if signum == signal.SIGINT else "SIGTERM"
    assert captured.err.splitlines()[-1] == (
        f"interrupted ({how}) after step 5: the best model so far (step {best}) is saved to "
        f"{tmp_path / 'lm'}"
    )
    saved = json.loads((tmp_path / "lm" / "config.json").read_text())
    assert saved["metrics"]["interrupted"] == {"signal": name, "step": 5}
    model, _ = charlm.load_charlm(tmp_path / "lm")  # a normal model folder
    assert model.hidden_size == 8
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the command line's is gone


def test_cli_a_second_ctrl_c_writes_nothing(tmp_path, capsys, monkeypatch):
    _signal_at(monkeypatch, charlm, {"step 3": [signal.SIGINT, signal.SIGINT]})
    assert main(_tiny_lm_argv(tmp_path)) == 130
    assert capsys.readouterr().err.splitlines()[-1] == "interrupted"
    assert not (tmp_path / "lm").exists()


@pytest.mark.parametrize(
    ("signum", "code", "said"),
    [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")],
)
def test_a_signal_before_the_first_step_keeps_nothing(
    tmp_path, capsys, monkeypatch, signum, code, said
):
    # the char LM reads its stop request before each step: a Ctrl-C while it prepared its
    # streams gave "interrupted (Ctrl-C) after step 0: the best model so far (step 0) is saved",
    # an untrained model written with exit 130
    real, calls = charlm.streams, []

    def streams(*args: object) -> object:
        calls.append(args)
        if len(calls) == 1:  # the training streams, before the first step
            signal.raise_signal(signum)
        return real(*args)

    monkeypatch.setattr(charlm, "streams", streams)
    assert main(_tiny_lm_argv(tmp_path)) == code
    assert capsys.readouterr().err.splitlines()[-1] == said
    assert not (tmp_path / "lm").exists()
    if signum == signal.SIGTERM:  # its default outside the command line ends the process
        return
    calls.clear()
    with pytest.raises(KeyboardInterrupt) as stopped:
        charlm.train_charlm(CORPUS, LM)
    assert type(stopped.value) is KeyboardInterrupt
    assert str(stopped.value) == (
        "training interrupted (SIGINT) before its first step: nothing to keep"
    )
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_cli_sigterm_outside_training_ends_the_command_writing_nothing(
    tmp_path, capsys, monkeypatch
):
    real = charlm.read_corpus

    def read_corpus(path: object) -> str:
        assert signal.getsignal(signal.SIGTERM) is _raise_terminated
        signal.raise_signal(signal.SIGTERM)
        return real(path)

    monkeypatch.setattr(charlm, "read_corpus", read_corpus)
    assert main(_tiny_lm_argv(tmp_path)) == 143
    assert capsys.readouterr().err == "terminated\n"
    assert not (tmp_path / "lm").exists()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


@pytest.mark.parametrize(
    ("command", "argv", "module", "where", "notice"),
    [
        (
            "train-seq2seq",
            ["numbers", "--max-digits", "2", "--train-size", "40", "--test-size", "6",
             "--embed-dim", "4", "--hidden-size", "6", "--epochs", "2", "--batch-size", "8"],
            seq2seq,
            "epoch 1, step 2",
            "the model so far, measured above, is",
        ),
        (
            "train",
            ["--csv", "films.csv", "--text-col", "text", "--label-col", "label",
             "--embed-dim", "4", "--hidden-size", "4", "--epochs", "2", "--batch-size", "4"],
            sentiment,
            "step 2",
            "the best model so far (step {best}) is",
        ),
    ],
)  # fmt: skip
def test_cli_other_trainers_save_what_they_have_on_ctrl_c(
    tmp_path, capsys, monkeypatch, command, argv, module, where, notice
):
    texts, labels = _films()
    films = tmp_path / "films.csv"
    films.write_text(
        "text,label\n" + "".join(f"{t},{y}\n" for t, y in zip(texts, labels, strict=True))
    )
    argv = [str(films) if a == "films.csv" else a for a in argv]
    _signal_at(monkeypatch, module, {where: [signal.SIGINT]})
    out = tmp_path / "model"
    assert main(["text", command, *argv, "--out", str(out), "--json", "--no-progress"]) == 130
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    stopped = payload["interrupted"]
    assert stopped["signal"] == "SIGINT" and stopped["step"] == 2
    notice = notice.format(best=payload.get("members", [{}])[0].get("best_step"))
    assert captured.err.splitlines()[-1] == (
        f"interrupted (Ctrl-C) after step 2: {notice} saved to {out}"
    )
    assert (out / "model.safetensors").is_file() and (out / "config.json").is_file()
