"""walk35c: the numbers model's limit of one digit, said in the singular."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text import seq2seq


@pytest.fixture(scope="module")
def one_digit_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny model of the numbers 0-9 (--max-digits 1), saved."""
    config = seq2seq.Seq2SeqConfig(
        max_digits=1, train_size=8, test_size=2, embed_dim=4, hidden_size=6, epochs=1,
        batch_size=4, progress=False,
    )  # fmt: skip
    return seq2seq.save_seq2seq(
        seq2seq.train_numbers(config), tmp_path_factory.mktemp("s2s1") / "s2s"
    )


def test_spell_says_a_limit_of_one_digit_in_the_singular(one_digit_dir: Path) -> None:
    # "`number` must have at most 1 digits (max_digits=1)"
    model = seq2seq.load_seq2seq(one_digit_dir)
    with pytest.raises(ValueError) as err:
        seq2seq.spell(model, "12", max_digits=1)
    assert str(err.value) == (
        "`number` must have at most 1 digit (max_digits=1), got 2 digits: '12'."
    )


def test_text_spell_says_a_model_of_one_digit_in_the_singular(
    one_digit_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "must have at most 1 digits (the model was trained on numbers of 1 to 1 digits)"
    assert main(["text", "spell", str(one_digit_dir), "42"]) == 2
    assert capsys.readouterr().err == (
        "error: the number to spell (the argument after the model's folder) must have at most "
        "1 digit (the model was trained on numbers of 1 digit), got 2 digits: '42'.\n"
    )


@pytest.mark.skipif(os.sep != "/", reason="'\\' separates folders there")
def test_a_model_folder_written_with_backslashes_is_told_the_one_with_slashes(
    one_digit_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # `lstmkit text spell runs\numbers 42`, pasted from a Windows lab sheet, was told "model
    # folder 'runs\\numbers' does not exist" alone, beside runs/numbers
    monkeypatch.chdir(one_digit_dir.parent.parent)
    typed = f"{one_digit_dir.parent.name}\\s2s"
    meant = f"{one_digit_dir.parent.name}/s2s"
    assert main(["text", "spell", typed, "4"]) == 2
    assert capsys.readouterr().err == (
        f"error: model folder {typed!r} does not exist; on this system '/' separates folders, "
        f"not '\\': {meant!r} exists.\n"
    )
    with pytest.raises(FileNotFoundError) as err:
        seq2seq.load_seq2seq(typed)
    assert str(err.value) == (
        f"model folder {typed!r} does not exist; on this system '/' separates folders, not "
        f"'\\': {meant!r} exists."
    )
    with pytest.raises(FileNotFoundError) as err:  # no such folder either way: as before
        seq2seq.load_seq2seq("nowhere\\s2s")
    assert str(err.value) == "model folder 'nowhere\\\\s2s' does not exist."
