"""Fixes from helper walk31e (README's "## Text" walked as a sentiment-analysis student, with
their own CSVs of reviews): each test fails without its fix."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from lstmkit import _memory
from lstmkit.cli import main
from lstmkit.text import SentimentConfig, train_classifier

MiB = 2**20


def _one_long_review(long: int) -> tuple[list[str], list[str]]:
    """40 short reviews of two classes and one of ``long`` words."""
    texts = [f"good film {k}" for k in range(20)] + [f"bad film {k}" for k in range(20)]
    return [*texts, " ".join(["word"] * long)], ["pos"] * 20 + ["neg"] * 20 + ["pos"]


# ---- 1. a training text whose batch the memory cannot hold -------------------------------------


def test_a_training_text_whose_batch_cannot_be_held_is_refused_before_training(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a review of 200,000 words among 40 short ones was warned of as slow, then the training
    # grew to the machine's 23 GiB and was killed (exit 137) 8 minutes on
    monkeypatch.setattr(_memory, "refusal_limit", lambda: (MiB, "this machine's memory (1 MiB)"))
    texts, labels = _one_long_review(300)
    config = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, progress=False)
    held_out = (["good film", "bad film"], ["pos", "neg"])  # every text of `texts` trains
    with pytest.raises(ValueError) as err:
        train_classifier(texts, labels, config, dev=held_out, test=held_out)
    # 41 texts x 300 steps x 2 directions x 4 gates x 4 units x 4 bytes = 1,574,400 bytes
    assert str(err.value) == (
        "`texts` holds a training text of 300 tokens (it begins 'word word word word word "
        "word'), whose batch of 41 texts needs 1.5 MiB for the LSTM's gates while it trains "
        "(`batch_size` 64, `hidden_size` 4, 2 directions), more than this machine's memory "
        "(1 MiB); cut long texts to their first few hundred words (pandas: "
        "df[col].str.split().str[:300].str.join(' ')) or leave them out."
    )
    # a batch of 8 in one direction needs 8 x 300 x 16 x 4 bytes, 150 KiB: it trains
    small = SentimentConfig(
        embed_dim=4, hidden_size=4, epochs=1, progress=False, batch_size=8, bidirectional=False
    )
    result = train_classifier(texts, labels, small, dev=held_out, test=held_out)
    assert result.metrics["split"] == {"train": 41, "dev": 2, "test": 2}


def test_the_command_line_names_the_column_and_the_flags_and_writes_nothing(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(_memory, "refusal_limit", lambda: (MiB, "this machine's memory (1 MiB)"))
    texts, labels = _one_long_review(300)
    rows = "".join(f'"{t}",{label}\n' for t, label in zip(texts, labels, strict=True))
    (tmp_path / "reviews.csv").write_text("review,rating\n" + rows)
    (tmp_path / "held.csv").write_text("review,rating\ngood film,pos\nbad film,neg\n")
    out = tmp_path / "runs" / "reviews"
    args = ["text", "train", "--csv", str(tmp_path / "reviews.csv"), "--text-col", "review"]
    args += ["--label-col", "rating", "--dev-csv", str(tmp_path / "held.csv"), "--test-csv"]
    args += [str(tmp_path / "held.csv"), "--embed-dim", "4", "--hidden-size", "4"]
    assert main([*args, "--no-progress", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    name = repr(str(tmp_path / "reviews.csv"))
    assert err == (
        f"error: column 'review' of {name} holds a training text of 300 tokens (it begins 'word "
        "word word word word word'), whose batch of 41 texts needs 1.5 MiB for the LSTM's gates "
        "while it trains (--batch-size 64, --hidden-size 4, 2 directions), more than this "
        "machine's memory (1 MiB); cut long texts to their first few hundred words (pandas: "
        "df[col].str.split().str[:300].str.join(' ')) or leave them out.\n"
    )
    assert not out.parent.exists()


# ---- 2. sentences piped in without --file - ------------------------------------------------------


def test_predict_without_sentences_says_how_to_read_the_piped_ones(
    classifier_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `cat reviews.txt | lstmkit text predict runs/sst2` was told to give sentences as
    # arguments or --file FILE, with no word of the `-` that reads what was piped in
    monkeypatch.setattr("sys.stdin", io.StringIO("a good film\n"))
    assert main(["text", "predict", str(classifier_dir)]) == 2
    assert capsys.readouterr().err == (
        "error: give a sentence to classify: one or more as arguments, or --file FILE with one "
        "per line (--file - reads them from standard input, as piped in).\n"
    )


# ---- 3. a model's own file given to the text commands ------------------------------------------


@pytest.mark.parametrize(
    "argv", [["text", "predict"], ["text", "generate"], ["text", "spell"]], ids=lambda a: a[1]
)
def test_the_text_commands_say_give_the_folder_as_lstmkit_predict_does(
    classifier_dir: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    # `lstmkit text predict runs/m/model.safetensors` said "load the folder that holds it", the
    # library's words, where `lstmkit predict` says "give the folder that holds it"
    weights = classifier_dir / "model.safetensors"
    extra = {"predict": ["a film"], "generate": [], "spell": ["12"]}[argv[1]]
    assert main([*argv, str(weights), *extra]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(weights)!r} is a file, not a saved model's folder; give the folder that "
        f"holds it, {str(classifier_dir)!r}.\n"
    )
    notes = classifier_dir.parent / "notes.txt"  # a file of no model: no folder to give
    notes.write_text("x")
    assert main([*argv, str(notes), *extra]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(notes)!r} is a file, not a saved model's folder.\n"
    )
