"""`lstmkit text`, exactly: the flags' help taken from the config docstrings, the data-flag
messages, the printed lines and JSON payloads of each command, with tiny models."""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch

from lstmkit.cli import build_parser, main
from lstmkit.cli.text import _bits_and_perplexity, _field_help, _kept_members, _stopped
from lstmkit.explain import lrp
from lstmkit.text import charlm, seq2seq
from lstmkit.text._checks import MAX_SEED
from lstmkit.text._configs import CharLMConfig

CORPUS = "abcd\n" * 40


def _text_commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    top = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    sub = next(a for a in top.choices["text"]._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


# --- help from the docstrings ----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Documented:
    """A config whose docstring has every case the help reader meets.

    Attributes:
        alpha: The first. A second sentence, left out.
        beta: Adam rate of :class:`~lstmkit.text.Thing`, at 10 % of ``x``
            (continued). Left out.
        gamma_rate: LSTM size.

    Note:
        delta: not an attribute entry, after the block.
    """

    alpha: int = 1
    beta: float = 0.5
    gamma_rate: int = 2
    delta: int = 3


def test_field_help_reads_the_first_sentence_of_each_attribute_entry_only() -> None:
    assert _field_help(_Documented) == {
        "alpha": "the first",
        "beta": "Adam rate of Thing, at 10 %% of x (continued)",
        "gamma_rate": "LSTM size",
    }


def test_field_help_of_the_char_lm_config() -> None:
    assert _field_help(CharLMConfig) == {
        "batch_size": "parallel text streams B",
        "bptt": "characters per truncated back-propagation window T",
        "clip": "gradient-norm clipping threshold",
        "device": "torch device to train on: cpu, cuda, cuda:1, mps (the CPU is the only one "
        "that repeats a run bit for bit)",
        "dropout": "dropout between layers and before the read-out",
        "embed_dim": "character embedding size",
        "eval_every": "validation every this many steps (the best validation state is kept)",
        "hidden_size": "LSTM hidden size",
        "lr": "peak Adam learning rate (cosine-decayed to 10 %% over the budget, or over the "
        "steps when they are capped)",
        "max_steps": "stop after this many steps even within the budget (0: no limit); the "
        "learning rate then decays over the steps, not the clock, so a seed repeats the run "
        "bit for bit unless the budget stops it first",
        "minutes": "wall-clock training budget",
        "num_layers": "stacked LSTM layers",
        "progress": "show a progress bar (None: when stderr is a terminal, or a Jupyter notebook "
        "with ipywidgets, as a widget)",
        "seed": "random seed",
        "val_fraction": "last fraction of the text held out (nanoGPT: 0.1)",
    }


def test_a_literal_field_is_a_flag_with_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["text", "train", "sst2", "--out", str(tmp_path / "m"), "--readout", "bogus"]
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    assert capsys.readouterr().err == (
        "error: argument --readout: invalid choice: 'bogus' (choose from 'last', 'max', "
        "'mean') (`lstmkit text train --help` lists the flags)\n"
    )
    assert not (tmp_path / "m").exists()


# --- the data flags of `text train` ----------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (
            [],
            "--csv needs --text-col and --label-col ({csv} has one column, 'review;rating': the "
            "file looks ';'-separated; pass --sep ';' too).",
        ),
        (
            ["--sep", ";"],
            "--csv needs --text-col and --label-col ({csv} has the columns review, rating).",
        ),
        (
            ["--text-col", "review", "--sentence-epochs", "-1"],
            "--sentence-epochs applies to SST only (a task), not to --csv; leave it out.",
        ),
        (
            ["--no-phrases", "--sentence-epochs", "1"],
            "--no-phrases, --sentence-epochs apply to SST only (a task), not to --csv; leave "
            "them out.",
        ),
    ],
)
def test_csv_data_flag_messages(
    flags: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "r.csv"
    csv.write_text("review;rating\na good film;up\na bad film;down\n")
    assert main(["text", "train", "--csv", str(csv), *flags, "--out", str(tmp_path / "m")]) == 2
    # the file named by its path as given, quoted (typed_path)
    said = message.format(csv=repr(str(csv)))
    assert capsys.readouterr().err == f"error: {said}\n"
    assert not (tmp_path / "m").exists()


def _stop_sst(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`text train sst2` stops where the training would start, with an error naming it."""
    import lstmkit.cli.text
    import lstmkit.text.sentiment
    from lstmkit.cli import CLIError

    def stop(config, data_dir):
        raise CLIError(f"stopped before training {config.ensemble} members")

    monkeypatch.setattr(lstmkit.cli.text, "_data_dir", lambda data_dir: tmp_path)
    monkeypatch.setattr(lstmkit.text.sentiment, "train_sentiment", stop)


def test_json_keeps_the_extra_jobs_note_off_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _stop_sst(monkeypatch, tmp_path)
    argv = ["text", "train", "sst2", "--out", str(tmp_path / "model"), "--ensemble", "2"]
    assert main([*argv, "--jobs", "3", "--json"]) == 2
    assert capsys.readouterr().err == "error: stopped before training 2 members\n"


def test_threads_is_refused_only_when_the_members_train_in_workers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _stop_sst(monkeypatch, tmp_path)
    argv = ["text", "train", "sst2", "--out", str(tmp_path / "model"), "--threads", "2"]
    # two members one after the other, or one member with jobs to spare: torch's threads
    for extra in (["--ensemble", "2", "--jobs", "1"], ["--ensemble", "1", "--jobs", "2"]):
        assert main([*argv, *extra, "--json"]) == 2
        members = extra[1]
        assert capsys.readouterr().err == f"error: stopped before training {members} members\n"


def test_csv_json_keeps_the_extra_jobs_note_off_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import lstmkit.text.sentiment
    from lstmkit.cli import CLIError

    def stop(*args, **kwargs):
        raise CLIError("stopped before training")

    monkeypatch.setattr(lstmkit.text.sentiment, "train_classifier", stop)
    csv = tmp_path / "r.csv"
    csv.write_text("review,rating\n" + "".join(f"film {k},{k % 2}\n" for k in range(40)))
    argv = ["text", "train", "--csv", str(csv), "--text-col", "review", "--label-col", "rating"]
    argv += ["--out", str(tmp_path / "m"), "--jobs", "2"]
    assert main([*argv, "--json"]) == 2
    assert capsys.readouterr().err == "error: stopped before training\n"
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "note: --jobs 2 is more than --ensemble 1: the one member trains in this process.\n"
        "error: stopped before training\n"
    )


# --- train-lm and generate -------------------------------------------------------------------


def _lm_argv(tmp_path: Path, *extra: str) -> list[str]:
    corpus = tmp_path / "corpus.txt"
    corpus.write_text(CORPUS)
    return [
        "text", "train-lm", "--file", str(corpus), "--out", str(tmp_path / "lm"),
        "--embed-dim", "4", "--hidden-size", "8", "--num-layers", "1", "--batch-size", "2",
        "--bptt", "8", "--max-steps", "4", "--eval-every", "2", "--no-progress", *extra,
    ]  # fmt: skip


def test_train_lm_prints_its_losses_and_where_it_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pinned_for_torch: Callable[..., Any]
) -> None:
    # the best step, best and final losses; under torch 2.13 a rate so high that the last check
    # is not the best
    best_step, best, final = pinned_for_torch(
        {
            "2.13": (2, 0.7280122857344778, 0.8247037184865851),
            "2.14": (2, 0.7280122857344778, 0.8247037184865851),
            "2.15": (2, 0.7280122857344778, 0.8247037184865851),
            "2.4": (4, 1.1378794218364514, 1.1378794218364514),
            "2.9": (2, 0.7280122857344778, 0.8247037184865851),
        }
    )
    argv = _lm_argv(tmp_path, "--lr", "1")
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    m = json.loads((tmp_path / "lm" / "config.json").read_text())["metrics"]
    assert (m["val_checks"], m["best_step"], m["steps"]) == (2, best_step, 4)
    assert m["best_val_loss"] == pytest.approx(best, rel=1e-6)
    assert m["final_val_loss"] == pytest.approx(final, rel=1e-6)
    assert m["command"] == "lstmkit " + " ".join(argv)
    assert lines == [
        f"corpus.txt: best validation loss {m['best_val_loss']:.4f} nats/char "
        f"({_bits_and_perplexity(m['best_val_loss'])}) of 2 checks "
        f"(step {best_step}; optimistic, the kept model's), {m['final_val_loss']:.4f} after the "
        f"last of "
        f"4 steps ({m['train_seconds']:.0f} s, seed 0)",
        f"saved to {tmp_path / 'lm'}",
    ]


def test_train_lm_json_is_one_line_with_the_kept_models_loss(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pinned_for_torch: Callable[..., Any]
) -> None:
    best = pinned_for_torch(
        {
            "2.13": 1.627128099140368,
            "2.14": 1.627128099140368,
            "2.15": 1.627128099140368,
            "2.4": 1.6270418669048108,
            "2.9": 1.627128099140368,
        }
    )
    argv = _lm_argv(tmp_path, "--max-steps", "2", "--json", "--threads", "2")
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    payload = json.loads(out)
    m = json.loads((tmp_path / "lm" / "config.json").read_text())["metrics"]
    assert payload["val"] == {
        "best_loss_nats_per_char": m["best_val_loss"],
        "best_step": 2,
        "checks": 1,
        "final_loss_nats_per_char": m["final_val_loss"],
    }
    assert payload["val"]["best_loss_nats_per_char"] == pytest.approx(best, rel=1e-6)
    assert (payload["corpus"], payload["file"]) == ("corpus.txt", str(tmp_path / "corpus.txt"))
    assert (payload["steps"], payload["parameters"], payload["interrupted"]) == (2, 513, None)
    assert (payload["seed"], payload["threads"], payload["out"]) == (0, 2, str(tmp_path / "lm"))
    assert payload["command"] == "lstmkit " + " ".join(argv)
    assert payload["config"] == dataclasses.asdict(
        CharLMConfig(
            embed_dim=4, hidden_size=8, num_layers=1, batch_size=2, bptt=8, max_steps=2,
            eval_every=2, progress=False,
        )
    )  # fmt: skip
    assert sorted(payload) == sorted(
        [
            "corpus",
            "file",
            "file_sha256",  # io10: which text it was, where its name does not say ('<stdin>')
            "val",
            "steps",
            "train_seconds",
            "parameters",
            "interrupted",
            "init_from",  # revlm39: the saved model continued (--init-from), or null
            "config",
            "seed",
            "command",
            "threads",
            "versions",
            "out",
        ]
    )


def test_train_lm_data_dir_is_refused_with_a_file_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = tmp_path / "nowhere"
    assert main([*_lm_argv(tmp_path), "--data-dir", str(nowhere)]) == 2
    assert capsys.readouterr().err == (
        "error: --data-dir finds a named corpus; with --file it has nothing to find.\n"
    )
    argv = ["text", "train-lm", "shakespeare", "--out", str(tmp_path / "lm")]
    assert main([*argv, "--data-dir", str(nowhere)]) == 2
    assert capsys.readouterr().err == (
        f"error: --data-dir ({str(nowhere)!r}) holds no text data (no such folder): expected "
        "`sst/` or "
        f"`tinyshakespeare/` in {str(nowhere)!r} or {str(nowhere / 'text')!r}.\n"
    )
    assert not (tmp_path / "lm").exists()


def _generated(lm_dir: Path, prompt: str, **options: object) -> str:
    model, vocab = charlm.load_charlm(lm_dir)
    return charlm.generate(model, vocab, prompt, **options)


def test_generate_at_the_edges_of_its_flags(
    lm_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # length 0, greedy (temperature 0), top-k the whole alphabet of 5, the largest seed
    argv = ["text", "generate", str(lm_dir), "--length", "0", "--temperature", "0"]
    assert main([*argv, "--top-k", "5", "--seed", str(MAX_SEED), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"text": "\n", "seed": MAX_SEED}
    argv = ["text", "generate", str(lm_dir), "--length", "6", "--top-k", "1", "--seed", "3"]
    assert main([*argv, "--prompt", "ab\\nc"]) == 0
    text = _generated(lm_dir, "ab\nc", length=6, temperature=0.8, top_k=1, seed=3)
    assert text.startswith("ab\nc") and len(text) == 10
    assert capsys.readouterr() == (text + "\n", "")


def test_generate_refuses_bad_flags_all_at_once(
    lm_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["text", "generate", str(lm_dir), "--length", "-1", "--temperature", "-0.5"]
    assert main([*argv, "--top-k", "0", "--seed", str(MAX_SEED + 1)]) == 2
    assert capsys.readouterr().err == (
        "error: --length must be an integer >= 0, got -1. --temperature must be a finite number "
        ">= 0 (0: greedy), got -0.5. --top-k must be a positive integer, got 0. --seed must be an "
        "integer in "
        f"[0, {MAX_SEED}], got {MAX_SEED + 1}.\n"
    )
    # --top-k 6, past the alphabet of 5, is capped (was refused; see test_revlm37_fixes.py)
    assert main(["text", "generate", str(lm_dir), "--top-k", "6", "--seed", "0"]) == 0
    assert capsys.readouterr().err == (
        "note: --top-k 6 is more than the model's alphabet of 5 characters: it samples among "
        "all 5, as --top-k 5 does.\n"
    )


class _LastSeed:
    """random.SystemRandom drawing the largest seed it may."""

    def randrange(self, stop: int) -> int:
        return stop - 1


def test_generate_without_a_seed_draws_one_and_says_it(
    lm_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(random, "SystemRandom", _LastSeed)
    argv = ["text", "generate", str(lm_dir), "--length", "3", "--top-k", "2"]
    assert main([*argv, "--json"]) == 0
    # the largest seed drawn is below 2**53: jq and JavaScript, which read JSON numbers as
    # doubles, read it exactly (2**63 - 1, drawn before, came back as another seed)
    drawn = 2**53 - 1
    assert int(float(drawn)) == drawn
    text = _generated(lm_dir, "\n", length=3, temperature=0.8, top_k=2, seed=drawn)
    assert capsys.readouterr() == (json.dumps({"text": text, "seed": drawn}) + "\n", "")
    assert main(argv) == 0
    assert capsys.readouterr() == (
        text + "\n",
        f"note: seed {drawn} (--seed {drawn} gives this text again)\n",
    )


def test_generate_and_spell_defaults() -> None:
    commands = _text_commands()
    generate = commands["generate"].parse_args(["m"])
    # prompt None: a newline, or a refusal naming --prompt where the alphabet has none
    # (tests/test_walk21a_fixes.py)
    assert (generate.prompt, generate.length, generate.temperature) == (None, 300, 0.8)
    assert (generate.top_k, generate.seed, generate.device) == (None, None, "cpu")
    spell = commands["spell"].parse_args(["m", "12", "--beam-size", "3"])
    assert (spell.number, spell.beam, spell.device) == ("12", 3, "cpu")
    assert commands["spell"].parse_args(["m", "12"]).beam == 1


# --- train-seq2seq and spell -----------------------------------------------------------------

S2S = ["--max-digits", "2", "--train-size", "40", "--test-size", "6", "--embed-dim", "4"]
S2S += ["--hidden-size", "6", "--epochs", "2", "--batch-size", "8", "--no-progress"]


def test_train_seq2seq_prints_its_accuracies_and_each_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "s2s"
    assert main(["text", "train-seq2seq", "numbers", *S2S, "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    m = json.loads((out / "config.json").read_text())["metrics"]
    assert m["command"] == "lstmkit text train-seq2seq numbers " + " ".join(S2S) + f" --out {out}"
    assert lines[0] == (
        f"numbers: held-out sequence accuracy 0.0000 greedy, 0.0000 beam 4 on 6 numbers "
        f"({m['train_seconds']:.0f} s, seed 0)"
    )
    zeros = " ".join(["zero"] * 10)  # two epochs of 40 pairs teach it nothing yet
    assert lines[1:] == [
        # two-digit numbers alone: the 10 one-digit ones are all trained on (split_numbers)
        f"  19: '{zeros}' (expected 'nineteen')",
        f"  70: '{zeros}' (expected 'seventy')",
        f"  79: '{zeros}' (expected 'seventy nine')",
        f"  83: '{zeros}' (expected 'eighty three')",
        f"  73: '{zeros}' (expected 'seventy three')",
        f"  66: '{zeros}' (expected 'sixty six')",
        f"saved to {out}",
    ]


def test_train_seq2seq_json_counts_the_pairs_of_each_measure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(seq2seq, "TRAIN_EVAL_PAIRS", 10)  # the training accuracy's first pairs
    out = tmp_path / "s2s"
    assert main(["text", "train-seq2seq", "numbers", *S2S, "--out", str(out), "--json"]) == 0
    stdout = capsys.readouterr().out
    assert stdout.count("\n") == 1
    payload = json.loads(stdout)
    assert payload["test"] == {
        "greedy_sequence_accuracy": 0.0,
        "beam_sequence_accuracy": 0.0,
        "pairs": 6,
    }
    assert payload["train"] == {"greedy_sequence_accuracy": 0.0, "pairs": 10, "training_pairs": 40}
    assert (payload["task"], payload["steps"], payload["interrupted"]) == ("numbers", 10, None)
    assert [e["number"] for e in payload["errors"]] == [19, 70, 79, 83, 73, 66]
    assert sorted(payload) == sorted(
        [
            "task",
            "test",
            "train",
            "steps",
            "train_seconds",
            "errors",
            "interrupted",
            "config",
            "seed",
            "command",
            "threads",
            "versions",
            "out",
        ]
    )


def test_spell_decodes_with_the_beam_asked_for(
    s2s_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = []

    def spelt(model: object, digits: str, beam_size: int, *rest: object) -> str:
        asked.append((digits, beam_size))
        return f"{digits} in words"

    # spell() of the number the command normalised for its messages (normalised once)
    monkeypatch.setattr(seq2seq, "_spelt", spelt)
    assert main(["text", "spell", str(s2s_dir), "007", "--beam-size", "3", "--json"]) == 0
    assert capsys.readouterr().out == '{"number": "7", "words": "7 in words", "beam": 3}\n'
    assert main(["text", "spell", str(s2s_dir), "42"]) == 0
    assert capsys.readouterr().out == "42 in words\n"
    assert asked == [("7", 3), ("42", 1)]


def test_spell_refuses_a_beam_below_1(s2s_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["text", "spell", str(s2s_dir), "42", "--beam", "0"]) == 2
    assert capsys.readouterr().err == "error: --beam must be a positive integer, got 0.\n"


# --- what a signal kept ----------------------------------------------------------------------


class _Stop:
    def __init__(self, signal: str, step: int) -> None:
        self.signal, self.step = signal, step


def test_stopped_says_what_was_kept_with_the_shells_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _stopped(None, "unused", tmp_path) == 0
    assert capsys.readouterr().err == ""
    assert _stopped(_Stop("SIGINT", 7), "the model is", tmp_path) == 130
    assert (
        capsys.readouterr().err
        == f"interrupted (Ctrl-C) after step 7: the model is saved to {tmp_path}\n"
    )
    assert _stopped(_Stop("SIGTERM", 0), "it is", tmp_path) == 143
    assert (
        capsys.readouterr().err
        == f"interrupted (SIGTERM) after step 0: it is saved to {tmp_path}\n"
    )


@pytest.mark.parametrize(
    ("member", "kept", "said"),
    [
        (1, 1, "the best model so far (step 6) is"),
        (2, 1, "member 2 of 4 dropped; the member is"),
        (3, 2, "member 3 of 4 dropped; the 2 members are"),
    ],
)
def test_kept_members_says_which_members_a_signal_kept(member: int, kept: int, said: str) -> None:
    metrics = {
        "interrupted": {"signal": "SIGINT", "step": 3, "member": member},
        "members": [{"best_step": 6 + k} for k in range(kept)],
    }
    assert _kept_members(metrics, 4) == said


# --- predict ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def clf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lstmkit.text.sentiment import SentimentConfig, save_classifier, train_classifier

    texts, labels = [], []
    for k in range(10):  # distinct texts: none held out is a training text too
        for label, words in {"up": ("great", "lovely"), "down": ("awful", "dull")}.items():
            texts.append(f"film {k} was {words[k % 2]}")
            labels.append(label)
    config = SentimentConfig(
        embed_dim=4, hidden_size=4, epochs=2, batch_size=4, dropout=0.0, lr=0.05, progress=False
    )
    result = train_classifier(texts, labels, config, name="films")
    return save_classifier(result, tmp_path_factory.mktemp("clf") / "clf")


def test_predict_one_sentence_prints_its_label_and_probabilities(
    clf_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.text.sentiment import SentimentPredictor

    assert main(["text", "predict", str(clf_dir), "a great film"]) == 0
    [(label, probs)] = SentimentPredictor.load(clf_dir).predict_many(["a great film"])
    # the kept check is step 8 of 8, level with step 2 on dev (1.0) and lower in dev loss
    # (0.5734 against 0.6285 nats); step 2's said "down" (0.5245)
    assert label == "up" and probs["up"] == pytest.approx(0.5133752822875977, rel=1e-6)
    assert capsys.readouterr().out == (
        f"up\n            down: {probs['down']:.3f}\n              up: {probs['up']:.3f}\n"
        "not in the vocabulary (read as <unk>): a\n"
    )


def test_predict_explains_only_when_asked(
    clf_dir: Path, capsys: pytest.CaptureFixture[str], sum_line
) -> None:
    from lstmkit.text.sentiment import SentimentPredictor

    predictor = SentimentPredictor.load(clf_dir)
    texts = ["a great film", "so dull zzz"]
    predictions = predictor.predict_many(texts)
    assert [label for label, _ in predictions] == ["up", "up"]
    relevance = predictor.explain_many(texts, "up")
    assert main(["text", "predict", str(clf_dir), *texts, "--explain"]) == 0
    blocks = capsys.readouterr().out.split("\n\n")
    assert len(blocks) == 2
    for text, block, (_, probs), pairs in zip(texts, blocks, predictions, relevance, strict=True):
        unread = predictor.unknown(text)
        unknown = " ".join(unread)
        assert block.splitlines() == [
            f"> {text}",
            "up",
            f"            down: {probs['down']:.3f}",
            f"              up: {probs['up']:.3f}",
            f"not in the vocabulary (read as <unk>): {unknown}",
            "LRP relevance for 'up' (+ for, - against):",
            # revwalk34c: a word read as <unk> says so
            *(f"  {tok + ' (<unk>)' * (tok in unread):>16} {r:+.3f}" for tok, r in pairs),
            sum_line(predictor, text, "up"),  # fin28
        ]
    assert main(["text", "predict", str(clf_dir), *texts]) == 0
    assert "LRP" not in capsys.readouterr().out


def test_predict_explains_with_the_eps_and_bias_factor_given(
    clf_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.text.sentiment import SentimentPredictor

    predictor = SentimentPredictor.load(clf_dir)
    texts = ["a great film", "so dull zzz"]
    argv = ["text", "predict", str(clf_dir), *texts, "--explain", "--json"]
    assert main([*argv, "--eps", "0.1", "--bias-factor", "1"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    wide = predictor.explain_many(texts, "up", eps=0.1, bias_factor=1.0)  # what it predicts
    assert [r["relevance"] for r in records] == [[[t, r] for t, r in p] for p in wide]
    assert wide != predictor.explain_many(texts, "up")  # the flags changed the numbers
    assert main([*argv, "--eps", "0"]) == 2
    assert capsys.readouterr().err == "error: --eps must be a positive finite number, got 0.\n"
    assert main([*argv, "--bias-factor", "2"]) == 2
    assert capsys.readouterr().err == (
        "error: --bias-factor must be a number in [0, 1] (0: biases keep their share, 1: exact "
        "conservation), got 2.\n"
    )
    assert main(["text", "predict", str(clf_dir), "good", "--eps", "0.1"]) == 2
    assert capsys.readouterr().err == (
        "error: --eps sets LRP's explanation, which --explain adds; give --explain too.\n"
    )


def test_predict_json_from_a_file_numbers_the_lines(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.text.sentiment import SentimentPredictor

    file = tmp_path / "s.txt"
    file.write_text("a great film\n\n so dull\n")
    predictor = SentimentPredictor.load(clf_dir)
    texts = ["a great film", " so dull"]
    predictions = predictor.predict_many(texts)
    assert [label for label, _ in predictions] == ["up", "down"]
    # each of the class it is said to be, a batch of its own as the command's of each class
    relevance = [
        predictor.explain_many([t], label)[0]
        for t, (label, _) in zip(texts, predictions, strict=True)
    ]
    # exp29: the sum line's score and initial state's share, as lrp gives them alone
    totals = []
    for text, (label, _) in zip(texts, predictions, strict=True):
        ids, lengths = predictor.encode(text)
        ex = lrp(predictor.model, ids, predictor.labels.index(label), lengths=lengths)
        totals.append((float(ex.score[0]), float(ex.initial_state[0])))
    argv = ["text", "predict", str(clf_dir), "--file", str(file), "--json"]
    assert main([*argv, "--explain"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records == [
        {
            "text": text,
            "label": label,
            "probabilities": probs,
            "tokens": predictor.tokens(text),
            "unknown": predictor.unknown(text),
            "line": line,
            "relevance": [[tok, r] for tok, r in pairs],
            "score": score,
            "initial_state": initial,
        }
        for text, (label, probs), pairs, line, (score, initial) in zip(
            texts, predictions, relevance, (1, 3), totals, strict=True
        )
    ]
    assert records[1]["tokens"] == ["so", "dull"] and records[1]["relevance"][1][0] == "dull"
    assert main(argv) == 0
    assert [sorted(json.loads(line)) for line in capsys.readouterr().out.splitlines()] == [
        ["label", "line", "probabilities", "text", "tokens", "unknown"]
    ] * 2


def test_predict_names_an_empty_sentence_by_its_number(
    clf_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["text", "predict", str(clf_dir), "a great film", "...", "  "]) == 2
    assert capsys.readouterr().err == (
        "error: sentence 3 (argument text) must contain at least one token, got '  '.\n"
    )
    assert main(["text", "predict", str(clf_dir), "  "]) == 2
    assert capsys.readouterr().err == (
        "error: the sentence (argument text) must contain at least one token, got '  '.\n"
    )


# --- train on a CSV file ---------------------------------------------------------------------


def _films_csv(tmp_path: Path) -> tuple[Path, Path]:
    """20 films of each class, and a dev set of two new films both labelled "up"."""
    rows = [
        f"film {k} was {words[k % 2]},{label}\n"
        for k in range(20)
        for label, words in {"up": ("great", "lovely"), "down": ("awful", "dull")}.items()
    ]
    (tmp_path / "r.csv").write_text("review,rating\n" + "".join(rows))
    (tmp_path / "d.csv").write_text("review,rating\nnew film a was great,up\nnew film b,up\n")
    return tmp_path / "r.csv", tmp_path / "d.csv"


def test_train_csv_with_a_dev_file_of_one_class(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], undrawn_figures
) -> None:
    films, dev = _films_csv(tmp_path)
    out = tmp_path / "m"
    argv = ["text", "train", "--csv", str(films), "--text-col", "review", "--label-col", "rating"]
    argv += ["--dev-csv", str(dev), "--embed-dim", "4", "--hidden-size", "4", "--epochs", "1"]
    argv += ["--batch-size", "8", "--no-progress", "--out", str(out)]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["command"] == "lstmkit " + " ".join(argv)
    assert metrics["split"] == {"train": 36, "dev": 2, "test": 4}  # 10 % of each class tests
    assert lines == [
        f"r.csv: dev accuracy {metrics['dev_accuracy']:.4f}, test accuracy "
        f"{metrics['test_accuracy']:.4f} ({metrics['train_seconds']:.0f} s, seed 0)",
        "  classes down, up; examples: train 36, dev 2, test 4",
        f"saved to {out}",
    ]
    assert main([*argv, "--json", "--ensemble", "2"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert (payload["file"], payload["dev_file"]) == (str(films), str(dev))
    assert payload["labels"] == ["down", "up"]
    assert payload["split"] == {"train": 36, "dev": 2, "test": 4}
    assert payload["threads"] == torch.get_num_threads()
    assert [r["seed"] for r in payload["members"]] == [0, 1]
    assert sorted(payload) == sorted(
        [
            "task",
            "dev",
            "test",
            "file",
            "labels",
            "split",
            "dev_file",
            "config",
            "seed",
            "command",
            "threads",
            "versions",
            "train_seconds",
            "members",
            "interrupted",
            "out",
        ]
    )


# --- the flags -------------------------------------------------------------------------------


def test_each_command_has_exactly_its_flags() -> None:
    common = ["--device", "--threads", "-v", "--verbose"]
    trained = ["--device", "--threads", "--overwrite", "-v", "--verbose"]  # --out's --overwrite
    scoring = ["--device", "--threads", "--progress", "--no-progress", "-v", "--verbose"]
    config = {
        "train": [
            "--phrases", "--no-phrases", "--polar-phrases", "--no-polar-phrases",
            "--neutral-words", "--no-neutral-words", "--oversample", "--embed-dim",
            "--hidden-size", "--bidirectional", "--no-bidirectional", "--readout", "--dropout",
            "--min-freq", "--batch-size", "--lr", "--weight-decay", "--clip", "--epochs",
            "--evals-per-epoch", "--neighbours", "--sentence-epochs", "--word-dropout", "--ema",
            "--ensemble", "--jobs", "--minutes", "--seed", "--progress", "--no-progress",
        ],
        "train-lm": [
            "--embed-dim", "--hidden-size", "--num-layers", "--dropout", "--batch-size",
            "--bptt", "--lr", "--clip", "--minutes", "--max-steps", "--eval-every",
            "--val-fraction", "--seed", "--progress", "--no-progress",
        ],
        "train-seq2seq": [
            "--max-digits", "--train-size", "--test-size", "--embed-dim", "--hidden-size",
            "--num-layers", "--dropout", "--batch-size", "--lr", "--clip", "--epochs",
            "--minutes", "--beam-size", "--seed", "--progress", "--no-progress",
        ],
    }  # fmt: skip
    own = {
        "train": [
            "task",
            "--csv",
            "--text-col",
            "--label-col",
            "--sep",
            "--dev-csv",
            "--test-csv",
            "--out",
            "--data-dir",
            "--json",
            *config["train"],
            *trained,
        ],
        "predict": [
            "model_dir",
            "text",
            "--file",
            "--json",
            "--explain",
            "--eps",
            "--bias-factor",
            *scoring,
        ],
        "train-lm": [
            "corpus",
            "--file",
            "--out",
            "--data-dir",
            "--json",
            "--init-from",  # revlm39: continue a saved model
            *config["train-lm"],
            *trained,
        ],
        "generate": [
            "model_dir",
            "--prompt",
            "--length",
            "--temperature",
            "--top-k",
            "--seed",
            "--json",
            "--progress",  # (left33b) a bar over a long generation's characters
            "--no-progress",
            *common,
        ],
        "evaluate": [
            "model_dir",
            "task",
            "--split",
            "--data-dir",
            "--csv",
            "--text-col",
            "--label-col",
            "--sep",
            "--drop-unknown",
            "--json",
            "--out",
            "--overwrite",
            *scoring,
        ],
        "train-seq2seq": ["task", "--out", "--json", *config["train-seq2seq"], *trained],
        "spell": [
            "model_dir",
            "number",
            "--beam",
            "--beam-size",
            "--json",
            "--device",
            "-v",
            "--verbose",
        ],
    }
    commands = _text_commands()
    assert {
        name: [s for a in parser._actions for s in (a.option_strings or [a.dest])][2:]
        for name, parser in commands.items()
    } == own


def test_config_flags_default_to_the_configs_defaults() -> None:
    from lstmkit.text._configs import SentimentConfig, Seq2SeqConfig

    commands = _text_commands()
    for name, cls, argv in (
        ("train", SentimentConfig, ["sst2"]),
        ("train-lm", CharLMConfig, []),
        ("train-seq2seq", Seq2SeqConfig, ["numbers"]),
    ):
        args = vars(commands[name].parse_args([*argv, "--out", "m"]))
        defaults = {f.name: f.default for f in dataclasses.fields(cls)}
        if name == "train-lm":  # the --init-from model's sizes and dropout, else these
            # (revlm39; initrev39: its dropout too)
            defaults |= dict.fromkeys(("embed_dim", "hidden_size", "num_layers", "dropout"), None)
        assert {f: args[f] for f in defaults if f in args} == defaults
    args = commands["train-lm"].parse_args(["--out", "m", "--dropout", "0.25", "--bptt", "7"])
    assert (args.dropout, args.bptt) == (0.25, 7)
    assert type(args.dropout) is float and type(args.bptt) is int


def test_members_in_worker_processes_report_one_thread(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import lstmkit.text.sentiment

    real = lstmkit.text.sentiment.train_classifier

    def in_this_process(texts, labels, config, **kwargs):  # the same members, no workers
        return real(texts, labels, dataclasses.replace(config, jobs=1), **kwargs)

    monkeypatch.setattr(lstmkit.text.sentiment, "train_classifier", in_this_process)
    films, _ = _films_csv(tmp_path)
    argv = ["text", "train", "--csv", str(films), "--text-col", "review", "--label-col", "rating"]
    argv += ["--embed-dim", "4", "--hidden-size", "4", "--epochs", "1", "--batch-size", "8"]
    argv += ["--no-progress", "--out", str(tmp_path / "m"), "--ensemble", "2", "--jobs", "2"]
    before = torch.get_num_threads()
    torch.set_num_threads(2)  # what this process has: each worker's member has one
    try:
        assert main([*argv, "--json"]) == 0
    finally:
        torch.set_num_threads(before)
    payload = json.loads(capsys.readouterr().out)
    assert payload["threads"] == 1
