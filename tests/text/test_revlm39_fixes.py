"""revlm39: review of lm39 (char LM and seq2seq), and what it left: resuming a training
(``--init-from``), the way out of a too-short corpus, perplexity to 4 figures."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.cli.text import _bits_and_perplexity

SMALL = ["--embed-dim", "4", "--hidden-size", "4", "--num-layers", "1", "--max-steps", "1"]
SMALL += ["--no-progress", "--json", "--threads", "1"]


def test_perplexity_is_given_to_four_significant_figures_each() -> None:
    # "perplexity 31" (.4g dropped the zeros) stood beside "perplexity 5.068"; 22,026 had 5
    assert _bits_and_perplexity(math.log(31)) == "4.954 bits/char, perplexity 31.00"
    assert _bits_and_perplexity(0.0) == "0.000 bits/char, perplexity 1.000"
    assert _bits_and_perplexity(math.log(100)) == "6.644 bits/char, perplexity 100.0"
    assert _bits_and_perplexity(10.0) == "14.427 bits/char, perplexity 22,030"
    assert _bits_and_perplexity(math.log(999.96)) == "9.966 bits/char, perplexity 1,000"
    assert _bits_and_perplexity(1.623) == "2.341 bits/char, perplexity 5.068"


def test_a_corpus_too_short_for_the_streams_is_told_the_batch_size_that_fits() -> None:
    # "... need at least 2,445." gave the characters needed alone, where a short text is
    # learnt with a smaller --batch-size (and --bptt): the largest that fits is named
    from lstmkit.text.charlm import CharLMConfig, check_corpus

    text = "abcdefghij" * 30  # 270 training characters, 30 held out
    with pytest.raises(ValueError) as info:
        check_corpus(text, CharLMConfig(batch_size=200, bptt=10))
    assert str(info.value) == (
        "`text` is too short: its 270 training characters (all but the `val_fraction`=0.1 held "
        "out) must make `batch_size`=200 streams of at least 2 characters (400 characters); it "
        "has 300 characters in all, where `batch_size`=200 streams of `bptt`=10 + 1 characters "
        "and the held-out part need at least 2,445; `batch_size` 24 or less fits it (with "
        "`bptt` 10)."
    )
    check_corpus(text, CharLMConfig(batch_size=24, bptt=10))  # the advice, taken
    with pytest.raises(ValueError, match=r"^`bptt` must be at most 9 "):
        check_corpus(text, CharLMConfig(batch_size=25, bptt=10))  # and no more
    # shorter than one window: one stream, and the bptt it holds
    with pytest.raises(ValueError) as info:
        check_corpus(text[:40], CharLMConfig(batch_size=32, bptt=100))
    assert str(info.value).endswith(
        "need at least 3,592; `batch_size` 1 with `bptt` 35 or less fits it."
    )
    check_corpus(text[:40], CharLMConfig(batch_size=1, bptt=35))
    # a held-out part too short is no matter of these two: nothing said of them
    with pytest.raises(ValueError) as info:
        check_corpus("abc", CharLMConfig())
    assert str(info.value).endswith("need at least 3,592.")


def test_train_lm_names_the_flags_of_a_short_corpus_and_their_advice_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "short.txt"
    corpus.write_text("abcdefghij" * 4, encoding="utf-8")
    run = ["text", "train-lm", "--file", str(corpus), "--out", str(tmp_path / "lm"), *SMALL]
    assert main(run) == 2
    assert capsys.readouterr().err.endswith(
        "need at least 3,592; --batch-size 1 with --bptt 35 or less fits it.\n"
    )
    assert main([*run, "--batch-size", "1", "--bptt", "35"]) == 0
    assert json.loads(capsys.readouterr().out)["steps"] == 1


# --- resuming a training: train_charlm(init_from=) and train-lm --init-from ------------------

FOX = "the quick brown fox jumps over the lazy dog.\n" * 80
RUN = {"embed_dim": 8, "hidden_size": 16, "num_layers": 1, "dropout": 0.0, "batch_size": 4}
RUN |= {"bptt": 16, "eval_every": 1000, "progress": False}


@pytest.fixture(scope="module")
def saved_lm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A model of 20 steps on FOX, saved, and its metrics."""
    import torch

    from lstmkit.text.charlm import CharLMConfig, save_charlm, train_charlm

    torch.set_num_threads(1)
    result = train_charlm(FOX, CharLMConfig(max_steps=20, **RUN))
    return save_charlm(result, tmp_path_factory.mktemp("fox") / "lm"), result.metrics


def test_a_continued_run_starts_at_the_saved_models_loss(saved_lm, monkeypatch) -> None:
    # nothing continued a saved model (char-rnn's -init_from): each run started from new weights
    import torch
    from torch.nn import functional as F

    from lstmkit.text import charlm
    from lstmkit.text.charlm import CharLMConfig, load_charlm, streams, train_charlm

    folder, before = saved_lm
    losses: list[float] = []
    checked = charlm.check_loss
    monkeypatch.setattr(
        charlm, "check_loss", lambda loss, *a: (losses.append(loss.item()), checked(loss, *a))
    )
    result = train_charlm(FOX, CharLMConfig(max_steps=10, **RUN), init_from=folder)
    metrics = result.metrics
    # the saved model's validation loss on the same text, before any step: the same number
    assert metrics["init_from"] == {
        "folder": str(folder),
        "corpus": None,  # saved from Python: no command named it
        "steps": 20,
        "best_val_loss": before["best_val_loss"],
        "val_loss_at_start": before["best_val_loss"],
    }
    assert before["best_val_loss"] == pytest.approx(3.344, abs=0.002)
    # its first training loss is the saved model's loss on the first batch (no dropout)
    model, vocab = load_charlm(folder)
    train = FOX[: int(len(FOX) * 0.9)]
    data = streams(torch.tensor(vocab.encode(train)), 4)
    x, y = data[:, :16], data[:, 1:17]
    with torch.no_grad():
        first = F.cross_entropy(model(x)[0].reshape(-1, len(vocab)), y.reshape(-1)).item()
    assert losses[0] == first and len(losses) == 10
    # and it goes on learning from there
    assert metrics["final_val_loss"] < before["best_val_loss"] - 0.02
    assert metrics["steps"] == 10 and "".join(result.vocab.chars) == "".join(vocab.chars)
    # repeated bit for bit, a continued run as any other of capped steps
    again = train_charlm(FOX, CharLMConfig(max_steps=10, **RUN), init_from=str(folder))
    assert again.metrics["final_val_loss"] == metrics["final_val_loss"]


def test_twenty_then_ten_continued_steps_are_not_thirty(saved_lm) -> None:
    # Adam's moments are not saved and start at zero, the learning rate decays from --lr again
    # over the continued steps, and the text is read from its start: close, not the same
    from lstmkit.text.charlm import CharLMConfig, train_charlm

    folder, _ = saved_lm
    continued = train_charlm(FOX, CharLMConfig(max_steps=10, **RUN), init_from=folder)
    whole = train_charlm(FOX, CharLMConfig(max_steps=30, **RUN))
    assert continued.metrics["final_val_loss"] != whole.metrics["final_val_loss"]
    assert continued.metrics["final_val_loss"] == pytest.approx(
        whole.metrics["final_val_loss"], abs=0.05
    )


def test_a_continued_run_refuses_other_sizes_and_characters_outside_the_alphabet(
    saved_lm,
) -> None:
    from lstmkit.text.charlm import CharLMConfig, train_charlm

    folder, _ = saved_lm
    with pytest.raises(ValueError) as info:
        train_charlm(
            FOX, CharLMConfig(max_steps=1, **(RUN | {"hidden_size": 32})), init_from=folder
        )
    assert str(info.value) == (
        f"`init_from` {str(folder)!r} holds a model of `embed_dim` 8, `hidden_size` 16, "
        "`num_layers` 1; a run that continues it keeps its sizes, got `hidden_size` 32 (give "
        "`hidden_size` 16, or leave `init_from` out to train a new model)."
    )
    with pytest.raises(ValueError) as info:
        train_charlm("Quick fox! " * 40, CharLMConfig(max_steps=1, **RUN), init_from=folder)
    assert str(info.value) == (
        f"`text` has 2 characters outside the alphabet of the model in `init_from` "
        f"{str(folder)!r}: '!', 'Q'; a run that continues it reads its text in that alphabet "
        "of 29 characters, '\\n .abcdefghijklmnopqrstuvwxyz' (leave those characters out of "
        "the text, or leave `init_from` out to train a new model on its own alphabet)."
    )
    with pytest.raises(TypeError, match=r"^`init_from` must be the folder of a saved "):
        train_charlm(FOX, CharLMConfig(max_steps=1, **RUN), init_from=3)  # type: ignore[arg-type]
    # a text of fewer characters than the alphabet is learnt in the saved one
    fewer = train_charlm("the fox. " * 40, CharLMConfig(max_steps=1, **RUN), init_from=folder)
    assert len(fewer.vocab) == 29 and fewer.metrics["init_from"]["val_loss_at_start"] > 0


def test_train_lm_init_from_takes_the_saved_sizes_and_names_its_flag(
    saved_lm, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.text.seq2seq import Seq2SeqConfig, save_seq2seq, train_numbers

    folder, before = saved_lm
    s2s = tmp_path / "s2s"
    tiny = {"max_digits": 2, "train_size": 12, "test_size": 4, "hidden_size": 4, "epochs": 1}
    save_seq2seq(train_numbers(Seq2SeqConfig(**tiny, progress=False)), s2s)
    corpus = tmp_path / "fox.txt"
    corpus.write_text(FOX, encoding="utf-8")
    flags = ["--batch-size", "4", "--bptt", "16", "--dropout", "0", "--max-steps", "3"]
    flags += ["--no-progress", "--threads", "1", "--eval-every", "1000"]
    run = ["text", "train-lm", "--file", str(corpus), "--out", str(tmp_path / "more"), *flags]
    # no size flags: the saved model's (the defaults, 64/256/2, would be refused)
    assert main([*run, "--init-from", str(folder), "--json"]) == 0
    said = json.loads(capsys.readouterr().out)
    assert said["init_from"]["val_loss_at_start"] == before["best_val_loss"]
    assert said["init_from"]["folder"] == str(folder)
    assert [said["config"][k] for k in ("embed_dim", "hidden_size", "num_layers")] == [8, 16, 1]
    saved = json.loads((tmp_path / "more" / "config.json").read_text(encoding="utf-8"))
    assert saved["metrics"]["init_from"] == said["init_from"]  # recorded with the model
    # continued again, into its own folder, and told so
    more = str(tmp_path / "more")
    assert main([*run, "--init-from", more]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"continued {more}: validation loss ")
    assert f"{said['val']['best_loss_nats_per_char']:.4f} nats/char before the first step\n" in out
    for extra, message in (
        (
            ["--init-from", str(folder), "--hidden-size", "32"],
            f"--init-from {str(folder)!r} holds a model of --embed-dim 8, --hidden-size 16, "
            "--num-layers 1; a run that continues it keeps its sizes, got --hidden-size 32 "
            "(give --hidden-size 16, or leave --init-from out to train a new model).",
        ),
        (
            ["--init-from", str(tmp_path / "none")],
            f"--init-from {str(tmp_path / 'none')!r} does not exist; give the --out folder of "
            "an earlier `lstmkit text train-lm` run.",
        ),
        (
            ["--init-from", str(corpus)],
            f"--init-from {str(corpus)!r} is a file, not a saved model's folder.",
        ),
        (  # another kind of model: was the loader's message alone, the flag unnamed
            ["--init-from", str(s2s)],
            f"--init-from {str(s2s)!r} holds a sequence-to-sequence model (kind 'seq2seq'), "
            "which `lstmkit text spell` runs (lstmkit.text.load_seq2seq in Python), not a "
            "character language model (kind 'charlm').",
        ),
    ):
        assert main([*run, *extra]) == 2
        assert capsys.readouterr().err == f"error: {message}\n"
    corpus.write_text("Quick fox! " * 40, encoding="utf-8")
    assert main([*run, "--init-from", str(folder)]) == 2
    assert capsys.readouterr().err.startswith(
        f"error: --file {str(corpus)!r} has 2 characters outside the alphabet of the model in "
        f"--init-from {str(folder)!r}: '!', 'Q'; "
    )
