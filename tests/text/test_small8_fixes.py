"""Small defects left by this session's helpers: the text CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main

SAID = "error: the number to spell (the argument after the model's folder) must "


@pytest.mark.parametrize(
    ("number", "rest"),
    [
        ("-5", "be a non-empty string of digits 0-9, got '-5'."),
        ("4.5", "be a non-empty string of digits 0-9, got '4.5'."),
        (" 12", "be a non-empty string of digits 0-9, got ' 12'."),
        ("123", "have at most 2 digits (the model was trained on numbers of 1 to 2 digits), "
         "got 3 digits: '123'."),
    ],
)  # fmt: skip
def test_spell_names_the_number_as_typed_not_the_python_argument(
    s2s_dir: Path, capsys: pytest.CaptureFixture[str], number: str, rest: str
) -> None:
    # it was "error: `number` must be ...", the Python argument's name
    assert main(["text", "spell", str(s2s_dir), "--", number]) == 2
    assert capsys.readouterr().err == SAID + rest + "\n"


def test_generate_help_says_what_length_0_prints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # `--length 0` printed a blank line (the default prompt) and its help said only
    # "characters to generate"
    monkeypatch.setenv("COLUMNS", "250")
    with pytest.raises(SystemExit):
        main(["text", "generate", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "--length N characters to generate after the prompt (0: the prompt alone, as "
        "Hugging Face's max_new_tokens=0; the default prompt is a newline) (default: 300)"
    ) in text


def test_a_dev_file_with_empty_labels_also_lists_labels_training_lacks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the empty label alone was refused; 'meh' came only in the next run's error
    rows = [f"good film {i},pos" for i in range(6)] + [f"bad film {i},neg" for i in range(6)]
    (tmp_path / "train.csv").write_text("text,label\n" + "\n".join(rows) + "\n")
    (tmp_path / "dev.csv").write_text("text,label\ngood one,pos\nok one,meh\nempty label,\n")
    argv = ["text", "train", "--csv", str(tmp_path / "train.csv"), "--dev-csv"]
    argv += [str(tmp_path / "dev.csv"), "--text-col", "text", "--label-col", "label"]
    qd = repr(str(tmp_path / "dev.csv"))  # as given, quoted
    assert main([*argv, "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (
        f"error: column 'label' of {qd} must hold a label in every row, got an empty one in "
        "row 3 (rows counted from 1 below the header); fill it in or remove it. Column "
        f"'label' of {qd} holds labels no training text has: 'meh' in row 2 (the classes: "
        f"'neg', 'pos'). Remove those rows from {qd}, or move them into "
        f"{str(tmp_path / 'train.csv')!r} to learn those classes too (5 texts or more of each, "
        "as 10 % of each class goes to test).\n"  # revtext36: what to do
    )
    assert not (tmp_path / "out").exists()
