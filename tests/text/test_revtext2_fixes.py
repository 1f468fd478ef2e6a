"""Review of the text leftovers (stray flags, --target, emoji widths): each defect pinned."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.explain.render import _columns, padded
from lstmkit.text import SentimentConfig
from lstmkit.text.sentiment import save_classifier, train_classifier


def _saved(path: Path, names: dict[str, str]) -> Path:
    """A tiny classifier saved at ``path``: ten texts "a WORD film k" per class of ``names``
    (word -> class)."""
    texts = [f"a {word} film {k}" for k in range(10) for word in names]
    labels = [label for _ in range(10) for label in names.values()]
    config = SentimentConfig(embed_dim=2, hidden_size=2, epochs=1, progress=False)
    save_classifier(train_classifier(texts, labels, config), path)
    return path


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (  # -.5 is --lr's value (a negative number to argparse), not a flag the command lacks
            ["text", "train-lm", "--lr", "-.5", "bad"],
            "argument corpus: invalid choice: 'bad' (choose from 'shakespeare')",
        ),
        (  # a word with a space is a value too
            ["text", "train", "--text-col", "-my col", "bad"],
            "argument task: invalid choice: 'bad' (choose from 'sst2', 'sst5')",
        ),
        (  # an unknown flag given a negative number is still named
            ["text", "train-lm", "--foo", "-.5"],
            "unrecognized arguments: --foo -.5",
        ),
    ],
)
def test_a_known_flags_value_that_starts_with_a_dash_is_no_stray_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    """`text train-lm --lr -.5 bad` said "unrecognized arguments: -.5 bad": the value of --lr
    taken for a flag the command lacks (only -1-like numbers were told from flags), so the
    corpus it refused went unnamed."""
    with pytest.raises(SystemExit) as exit_:
        main([*argv[:2], "--out", str(tmp_path / "m"), *argv[2:]])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == (
        f"error: {said} (`lstmkit {' '.join(argv[:2])} --help` lists the flags)\n"
    )
    assert not (tmp_path / "m").exists()


def test_a_stray_flag_given_a_windows_path_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`text train-lm --input C:\\corpus.txt` (a misspelt --file) said "argument corpus:
    invalid choice: 'C:\\\\corpus.txt'": the path was compared with argparse's repr of it,
    unquoted but its backslash still doubled."""
    with pytest.raises(SystemExit) as exit_:
        main(["text", "train-lm", "--out", str(tmp_path / "m"), "--input", "C:\\corpus.txt"])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == (
        "error: unrecognized arguments: --input C:\\corpus.txt (`lstmkit text train-lm --help` "
        "lists the flags)\n"
    )
    assert not (tmp_path / "m").exists()


def test_a_number_names_no_index_where_the_classes_are_decimals(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With ratings written 1.0, 2.0, 3.0 (as pandas writes them), `--target 2` explained the
    class "3.0", index 2: only classes of digits alone counted as numbers."""
    model = _saved(tmp_path / "m", {"great": "3.0", "okay": "2.0", "dull": "1.0"})
    argv = ["explain", str(model), "--text", "a great film", "--json"]
    assert main([*argv, "--target", "2.0"]) == 0
    assert json.loads(capsys.readouterr().out)["target"] == 1
    for target in ("2", "0", "-1"):
        assert main([*argv, "--target", target]) == 2
        assert capsys.readouterr().err == (
            "error: --target must be one of ['1.0', '2.0', '3.0'] (classes named by numbers, "
            f"so a number names one and is not read as an index), got {target!r}.\n"
        )


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("\u23f4\ufe0f", 1),  # ⏴ has no emoji form, as its neighbours ⏳ and ⏸ have
        ("\u23f7\ufe0f", 1),  # ⏷
        ("\u23f8\ufe0f", 2),  # ⏸ has
        ("\u23f2\ufe0f", 2),  # ⏲
    ],
)
def test_the_small_triangles_take_no_emoji_column(text: str, columns: int) -> None:
    """⏴ ⏵ ⏶ ⏷ (U+23F4-23F7), between the emoji ⏳ and ⏸, were taken for emoji: a selector after
    one counted a column more than a terminal draws."""
    assert padded(text, 4) == text + " " * (4 - columns)


def test_text_predict_widens_its_columns_to_the_widest_name_and_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A class name wider than 14 columns (or a token wider than 16) pushed its probability
    (relevance) right of the others'."""
    names = {"great": "a very positive review", "dull": "neg", "okay": "中立中立中立中立中立中立"}
    model = _saved(tmp_path / "m", names)
    assert main(["text", "predict", str(model), "a great unbelievablyawfulfilm", "--explain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = [line for line in lines if re.fullmatch(r" +\S.*: \d\.\d{3}", line)]
    assert [row.split(": ")[0].strip() for row in rows] == sorted(names.values())
    assert [_columns(row.split(": ")[0]) for row in rows] == [26, 26, 26]  # 2 + 24 (中立 × 6)
    relevance = lines[lines.index("LRP relevance for " + repr(lines[0]) + " (+ for, - against):") :]
    # fin28: what they sum to closes the block
    assert relevance[-1].startswith("relevance in all: tokens ")
    # the unknown word marked as the model read it (revwalk34c)
    word = r"( +\S+(?: \(<unk>\))?)"
    tokens = [re.fullmatch(rf"{word} [+-]\d\.\d{{3}}", row) for row in relevance[1:-1]]
    assert all(tokens)
    assert [len(found.group(1)) for found in tokens if found] == [31, 31, 31]  # 2 + 21 + 8


def test_explain_widens_its_contribution_column_to_the_widest_token(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A token wider than 20 columns pushed its relevance right of the others'."""
    model = _saved(tmp_path / "m", {"great": "pos", "dull": "neg"})
    argv = ["explain", str(model), "--text", "a great unbelievablyawfulfilmindeed", "--no-color"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("top 3 contributions:") + 1
    rows = lines[start : start + 3]
    # the unknown word is marked as the model read it (revwalk34c), " (<unk>)" wider
    word = r"(\S+(?: \(<unk>\))?)"
    assert sorted(re.fullmatch(rf" +\d  {word} +[+-]\d\.\d{{4}}", row)[1] for row in rows) == [
        "a",
        "great",
        "unbelievablyawfulfilmindeed (<unk>)",
    ]
    assert [len(row) for row in rows] == [2 + 3 + 2 + 27 + 8 + 1 + 7] * 3
