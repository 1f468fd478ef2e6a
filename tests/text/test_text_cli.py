"""`lstmkit text`: --out checked first, flags named in errors, damaged model folders, help."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
import torch

from lstmkit.cli import build_parser, main

TRAIN_COMMANDS = {
    "train": ["text", "train", "sst2"],
    "train-lm": ["text", "train-lm", "shakespeare", "--max-steps", "2"],
    "train-seq2seq": ["text", "train-seq2seq", "numbers", "--epochs", "1"],
}


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("command", sorted(TRAIN_COMMANDS))
def test_out_through_a_file_is_refused_before_any_data_is_read(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "afile").write_text("x")
    out = tmp_path / "afile" / "sub"
    # the data folder does not exist: reading data first would fail with another message
    argv = [*TRAIN_COMMANDS[command], "--out", str(out)]
    if command != "train-seq2seq":
        argv += ["--data-dir", str(tmp_path / "nowhere")]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} cannot be created: {str(tmp_path / 'afile')!r} is a file.\n"
    )
    assert (tmp_path / "afile").read_text() == "x"


@pytest.mark.parametrize("command", sorted(TRAIN_COMMANDS))
def test_out_holding_another_kind_of_model_is_refused_and_left_alone(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "model"
    out.mkdir()
    other = "charlm" if command != "train-lm" else "classifier"
    (out / "config.json").write_text(json.dumps({"kind": other}))
    (out / "vocab.json").write_text("[]")
    (out / "metrics.json").write_text("{}")
    before = _listing(out)
    argv = [*TRAIN_COMMANDS[command], "--out", str(out)]
    if command != "train-seq2seq":
        argv += ["--data-dir", str(tmp_path / "nowhere")]
    assert main(argv) == 2
    kind = {"train": "classifier", "train-lm": "charlm", "train-seq2seq": "seq2seq"}[command]
    # a classifier would rewrite all three; the others leave the classifier's two behind
    done = {
        "classifier": "overwrite that model's config.json, metrics.json and vocab.json",
        "charlm": "overwrite that model's config.json and leave metrics.json and vocab.json behind",
    }
    done["seq2seq"] = done["charlm"]
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} already holds a saved model of kind {other!r}; saving a "
        f"{kind!r} model there would {done[kind]}. Choose another folder or delete that one "
        "first"
        ", or pass --overwrite to replace it.\n"
    )
    assert _listing(out) == before


@pytest.mark.parametrize("command", ["train", "train-lm"])
def test_a_data_dir_without_data_is_named_as_the_flag(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = tmp_path / "nowhere"
    argv = [*TRAIN_COMMANDS[command], "--out", str(tmp_path / "m"), "--data-dir", str(nowhere)]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --data-dir ({str(nowhere)!r}) holds no text data (no such folder): expected "
        "`sst/` or "
        f"`tinyshakespeare/` in {str(nowhere)!r} or {str(nowhere / 'text')!r}.\n"
    )
    assert not (tmp_path / "m").exists()


def test_library_save_refuses_a_folder_of_another_kind(tmp_path: Path) -> None:
    import torch

    from lstmkit.text._io import save_model

    (tmp_path / "config.json").write_text(json.dumps({"kind": "classifier"}))
    with pytest.raises(ValueError, match=r"`out_dir` .* already holds a saved model of kind"):
        save_model(tmp_path, torch.nn.Linear(1, 1), {}, "seq2seq")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.json"]
    with pytest.raises(ValueError, match=r"`out_dir` must be a folder, got the existing file"):
        save_model(tmp_path / "config.json", torch.nn.Linear(1, 1), {}, "seq2seq")
    # the same kind is overwritten in place
    (tmp_path / "config.json").write_text(json.dumps({"kind": "seq2seq"}))
    save_model(tmp_path, torch.nn.Linear(1, 1), {"x": 1}, "seq2seq")
    assert json.loads((tmp_path / "config.json").read_text())["x"] == 1


@pytest.mark.parametrize(
    ("command", "flags", "message"),
    [
        (
            "train-lm",
            ["--lr", "nan"],
            "--lr must be a positive finite number, got nan (not a number).",
        ),
        ("train-lm", ["--lr", "inf"], "--lr must be a positive finite number, got inf."),
        ("train-lm", ["--dropout", "inf"], "--dropout must be a number in [0, 1), got inf."),
        ("train-lm", ["--clip", "0"], "--clip must be a positive finite number, got 0."),
        ("train-lm", ["--minutes", "-1"], "--minutes must be a positive finite number, got -1."),
        (
            "train-lm",
            ["--val-fraction", "nan"],
            "--val-fraction must be a number in (0, 1), got nan (not a number).",
        ),
        ("train-seq2seq", ["--lr", "inf"], "--lr must be a positive finite number, got inf."),
        (
            "train-seq2seq",
            ["--dropout", "nan"],
            "--dropout must be a number in [0, 1), got nan (not a number).",
        ),
        (
            "train",
            ["--weight-decay", "nan"],
            "--weight-decay must be a finite number >= 0, got nan (not a number).",
        ),
        (
            "train",
            ["--seed", "99999999999999999999"],
            "--seed must be an integer in [0, 9223372036854775807], got 99999999999999999999.",
        ),
        (
            "train",
            ["--seed", "9223372036854775807", "--ensemble", "2"],
            "--seed must be an integer in [0, 9223372036854775806] with ensemble=2 (member k uses "
            "seed + k), got 9223372036854775807.",
        ),
        (
            "train",
            ["--seed", "-1"],
            "--seed must be an integer in [0, 9223372036854775807], got -1.",
        ),
    ],
)
def test_bad_numbers_are_refused_naming_the_flag(
    command: str,
    flags: list[str],
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "model"
    assert main([*TRAIN_COMMANDS[command], "--out", str(out), *flags]) == 2
    assert capsys.readouterr().err == f"error: {message}\n"
    assert not out.exists()


def test_text_alone_prints_help_and_exits_0_like_lstmkit_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main([]) == 0
    top = capsys.readouterr()
    assert top.out.startswith("usage: lstmkit ") and top.err == ""
    assert main(["text"]) == 0
    text = capsys.readouterr()
    assert text.out.startswith("usage: lstmkit text ") and text.err == ""
    assert "train-seq2seq" in text.out


def _text_commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    top = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    text = top.choices["text"]
    sub = next(a for a in text._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_text_flag_has_help() -> None:
    commands = _text_commands()
    assert sorted(commands) == [
        "evaluate",
        "generate",
        "predict",
        "spell",
        "train",
        "train-lm",
        "train-seq2seq",
    ]
    missing = [
        f"{name} {action.option_strings or action.dest}"
        for name, parser in commands.items()
        for action in parser._actions
        if not action.help
    ]
    assert missing == []


def test_help_says_what_zero_means_and_shows_zero_defaults(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    with pytest.raises(SystemExit) as done:
        main(["text", "train-lm", "--help"])
    assert done.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "--max-steps N stop after this many steps even within the budget (0: no "
        "limit); the learning rate then decays over the steps, not the clock, so a seed "
        "repeats the run bit for bit unless the budget stops it first (default: 0) "
        "--eval-every" in text
    )
    assert "--seed N random seed (default: 0) --progress" in text
    assert (
        "--hidden-size N LSTM hidden size (default: 256, or the --init-from model's) "
        "--num-layers" in text
    )
    assert (
        "--lr X peak Adam learning rate (cosine-decayed to 10 % over the budget, or over the "
        "steps when they are capped) (default: 0.003) --clip" in text
    )


def test_seq2seq_help_says_its_learning_rate_decays(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # was: "Adam learning rate", though the rate follows a cosine down to 0
    monkeypatch.setenv("COLUMNS", "250")
    with pytest.raises(SystemExit):
        main(["text", "train-seq2seq", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "--lr X peak Adam learning rate (cosine-decayed to 0 over the planned steps) "
        "(default: 0.003) --clip" in text
    )


def test_threads_sets_torch_threads_for_the_training_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import torch

    before = torch.get_num_threads()
    out = tmp_path / "s2s"
    argv = ["text", "train-seq2seq", "numbers", "--out", str(out), "--max-digits", "2"]
    argv += ["--train-size", "20", "--test-size", "5", "--hidden-size", "8", "--epochs", "1"]
    want = 2 if before == 1 else 1
    assert main([*argv, "--json", "--threads", str(want)]) == 0
    assert json.loads(capsys.readouterr().out)["threads"] == want
    assert torch.get_num_threads() == before
    assert main([*argv, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["threads"] == before


@pytest.mark.parametrize("command", sorted(TRAIN_COMMANDS))
def test_threads_must_be_positive(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "model"
    assert main([*TRAIN_COMMANDS[command], "--out", str(out), "--threads", "0"]) == 2
    assert capsys.readouterr().err == "error: --threads must be a positive integer, got 0.\n"
    assert not out.exists()


def test_threads_with_members_in_worker_processes_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "model"
    argv = ["text", "train", "sst2", "--out", str(out), "--data-dir", str(tmp_path / "nowhere")]
    assert main([*argv, "--ensemble", "2", "--jobs", "2", "--threads", "2"]) == 2
    assert capsys.readouterr().err == (
        "error: --threads 2 has no effect with --jobs 2: each member then trains on one "
        "thread, in this process or a worker process; leave out --threads or use --jobs 1.\n"
    )
    assert not out.exists()


def test_more_jobs_than_members_is_a_note_before_the_training(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import lstmkit.cli.text
    import lstmkit.text.sentiment
    from lstmkit.cli import CLIError

    def stop(config, data_dir):
        raise CLIError(f"stopped before training {config.ensemble} members")

    monkeypatch.setattr(lstmkit.cli.text, "_data_dir", lambda data_dir: tmp_path)
    monkeypatch.setattr(lstmkit.text.sentiment, "train_sentiment", stop)
    argv = ["text", "train", "sst2", "--out", str(tmp_path / "model"), "--ensemble", "2"]
    assert main([*argv, "--jobs", "3"]) == 2
    assert capsys.readouterr().err == (
        "note: --jobs 3 is more than --ensemble 2: the 2 members train at once: one in this "
        "process, the other in a worker process.\nerror: stopped before training 2 members\n"
    )
    assert main([*argv, "--jobs", "2"]) == 2
    assert capsys.readouterr().err == "error: stopped before training 2 members\n"


def test_loading_a_folder_of_another_kind_says_what_it_holds(tmp_path: Path) -> None:
    from lstmkit.io import save_model
    from lstmkit.text import (
        CharLM,
        CharLMConfig,
        CharVocab,
        SentimentPredictor,
        load_charlm,
        load_seq2seq,
        save_charlm,
    )
    from lstmkit.text.charlm import CharLMResult

    lm = tmp_path / "lm"
    save_charlm(CharLMResult(CharLM(3, 2, 2, 1), CharVocab(list("ab\n")), CharLMConfig()), lm)
    with pytest.raises(ValueError) as e:
        SentimentPredictor.load(lm)
    assert str(e.value) == (
        f"{str(lm)!r} holds a character language model (kind 'charlm'), "
        "which `lstmkit text generate` runs (lstmkit.text.load_charlm in Python), not a "
        "sentiment classifier (kind 'classifier')."
    )
    with pytest.raises(ValueError) as e:
        load_seq2seq(lm)
    assert str(e.value) == (
        f"{str(lm)!r} holds a character language model (kind 'charlm'), "
        "which `lstmkit text generate` runs (lstmkit.text.load_charlm in Python), not a "
        "sequence-to-sequence model (kind 'seq2seq')."
    )
    save_model(torch.nn.Linear(1, 1), tmp_path / "forecaster", {"kind": "lstmkit.Forecaster"})
    with pytest.raises(ValueError) as e:
        load_charlm(tmp_path / "forecaster")
    assert str(e.value) == (
        f"{str(tmp_path / 'forecaster')!r} holds a forecaster (kind 'lstmkit.Forecaster'), "
        "which `lstmkit predict DIR` runs (lstmkit.Forecaster.load in Python), not a character "
        "language model (kind 'charlm')."
    )
    save_model(torch.nn.Linear(1, 1), tmp_path / "other", {})  # was "of kind None"
    with pytest.raises(ValueError) as e:
        SentimentPredictor.load(tmp_path / "other")
    assert str(e.value) == (
        f"{str(tmp_path / 'other')!r} holds a model whose config.json names no kind, not a "
        "sentiment classifier (kind 'classifier')."
    )


def test_loading_a_text_model_draws_nothing_from_torchs_generator(tmp_path: Path) -> None:
    # each load built its model with random initial weights, then loaded the saved ones: the
    # caller's next draws changed, and in a service, those of a training in another thread
    from lstmkit.text import (
        CharLM,
        CharLMConfig,
        CharVocab,
        SentimentConfig,
        SentimentPredictor,
        Seq2Seq,
        Seq2SeqConfig,
        TextClassifier,
        Vocabulary,
        load_charlm,
        load_seq2seq,
        save_charlm,
        save_classifier,
        save_seq2seq,
    )
    from lstmkit.text.charlm import CharLMResult
    from lstmkit.text.sentiment import SentimentResult
    from lstmkit.text.seq2seq import Seq2SeqResult

    vocab = Vocabulary.build(["a good film", "a bad film"])
    model = TextClassifier(len(vocab), 4, 3, 2).eval()
    save_classifier(SentimentResult(model, vocab, SentimentConfig()), tmp_path / "c")
    lm = CharLM(3, 2, 4, 1)
    save_charlm(CharLMResult(lm, CharVocab(list("ab\n")), CharLMConfig()), tmp_path / "lm")
    s2s = Seq2Seq(11, 6, 4, 8, 1)
    save_seq2seq(Seq2SeqResult(s2s, Seq2SeqConfig()), tmp_path / "s")
    torch.manual_seed(3)
    expected = torch.rand(4)
    torch.manual_seed(3)
    loaded = SentimentPredictor.load(tmp_path / "c")
    lm2, _ = load_charlm(tmp_path / "lm")
    s2s2 = load_seq2seq(tmp_path / "s")
    assert torch.equal(torch.rand(4), expected)
    for saved, back in ((model, loaded.model), (lm, lm2), (s2s, s2s2)):
        pairs = zip(saved.parameters(), back.parameters(), strict=True)
        assert all(torch.equal(a, b) for a, b in pairs)


@pytest.mark.parametrize("dtype", [torch.float64, torch.bfloat16])
def test_a_model_saved_in_another_dtype_loads_in_it(tmp_path: Path, dtype: torch.dtype) -> None:
    # load_state_dict into a new float32 model rounded the weights and changed predictions
    from lstmkit.text import (
        CharLM,
        CharLMConfig,
        CharVocab,
        SentimentConfig,
        SentimentPredictor,
        Seq2Seq,
        Seq2SeqConfig,
        TextClassifier,
        Vocabulary,
        generate,
        greedy_decode,
        load_charlm,
        load_seq2seq,
        save_charlm,
        save_classifier,
        save_seq2seq,
    )
    from lstmkit.text.charlm import CharLMResult
    from lstmkit.text.sentiment import SentimentResult
    from lstmkit.text.seq2seq import Seq2SeqResult

    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film", "a bad film"])
    model = TextClassifier(len(vocab), 4, 3, 2).to(dtype).eval()
    save_classifier(SentimentResult(model, vocab, SentimentConfig()), tmp_path / "c")
    loaded = SentimentPredictor.load(tmp_path / "c")
    assert all(p.dtype == dtype for p in loaded.model.parameters())
    probs = SentimentPredictor(model, vocab, ("negative", "positive")).predict_proba(["a film"])
    assert torch.equal(loaded.predict_proba(["a film"]), probs)

    chars = CharVocab(list("ab\n"))
    lm = CharLM(3, 2, 4, 1).to(dtype)
    save_charlm(CharLMResult(lm, chars, CharLMConfig()), tmp_path / "lm")
    lm2, chars2 = load_charlm(tmp_path / "lm")
    assert all(p.dtype == dtype for p in lm2.parameters())
    assert all(torch.equal(a, b) for a, b in zip(lm.parameters(), lm2.parameters(), strict=True))
    assert generate(lm2, chars2, "ab", 8, seed=0) == generate(lm, chars, "ab", 8, seed=0)

    s2s = Seq2Seq(11, 6, 4, 8, 1).to(dtype)
    save_seq2seq(Seq2SeqResult(s2s, Seq2SeqConfig()), tmp_path / "s")
    s2s2 = load_seq2seq(tmp_path / "s")
    assert all(p.dtype == dtype for p in s2s2.parameters())
    assert greedy_decode(s2s2, [[1, 2, 3]], 6) == greedy_decode(s2s, [[1, 2, 3]], 6)
