"""Defects a user with their own texts met in the text commands, each pinned."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import read_labelled_csv, stratified_split
from lstmkit.text.charlm import CharVocab
from lstmkit.text.seq2seq import TARGET_TOKENS, decode_words
from lstmkit.text.sst import ptb_tokenize
from lstmkit.text.vocab import Vocabulary


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("fun 😀, simply.", ["fun", "😀", ",", "simply", "."]),
        ("love it ❤️.", ["love", "it", "❤️", "."]),
        ("(😀)", ["(", "😀", ")"]),
        ("ok ☺, yes", ["ok", "☺", ",", "yes"]),
        (":-) , ***", [":-)", ",", "***"]),  # runs of punctuation stay whole, as before
    ],
)
def test_ptb_tokenize_splits_punctuation_off_an_emoji(text: str, tokens: list[str]) -> None:
    """A "😀," stayed one token, so a review's "😀," and "😀!" were two unknown words."""
    assert ptb_tokenize(text) == tokens


@pytest.mark.parametrize(
    "as_ids",
    [
        list,
        lambda ids: np.array(ids, dtype=np.int32),
        lambda ids: torch.tensor(ids),
        lambda ids: torch.tensor(ids, dtype=torch.int16),
        lambda ids: [torch.tensor(i) for i in ids],  # 0-d tensors: checked entry by entry
    ],
    ids=["list", "int32 array", "tensor", "int16 tensor", "0-d tensors"],
)
def test_decode_range_checks_keep_their_messages(as_ids: Callable[[list[int]], object]) -> None:
    """The range checks read the ids with one min and one max (on the tensor or array itself
    where they come as one); messages and results are as before, whatever holds the ids."""
    vocab = Vocabulary(["a", "b"])
    assert vocab.decode(as_ids([2, 0, 3])) == "a b"
    assert vocab.decode(as_ids([2, 0, 3]), skip_pad=False) == "a <pad> b"
    assert vocab.decode(as_ids([])) == ""
    with pytest.raises(ValueError, match=re.escape("`ids` must lie in [0, 4), got 300.")):
        vocab.decode(as_ids([2, 300, -1]))
    chars = CharVocab(["a", "b"])
    assert chars.decode(as_ids([1, 0])) == "ba"
    with pytest.raises(
        ValueError,
        match=re.escape(
            "`ids` must lie in [0, 2) (the alphabet's size), got [-3, -1, 2, 5, 7] ..."
        ),
    ):
        chars.decode(as_ids([7, 0, -1, 5, 2, -3, 9, 2]))
    size = len(TARGET_TOKENS)
    with pytest.raises(
        ValueError,
        match=re.escape(f"`ids` must lie in [0, {size}) (the target vocabulary's size), got [-1]."),
    ):
        decode_words(as_ids([3, -1, 3]))
    assert decode_words(as_ids([3, 4])) == f"{TARGET_TOKENS[3]} {TARGET_TOKENS[4]}"


def test_ids_within_reads_a_tensor_or_array_without_its_python_ints() -> None:
    from lstmkit.text._checks import ids_within

    big = [10**30]  # a Python int no array holds
    assert not ids_within(big, big, 5) and ids_within([0, 4], [0, 4], 5)
    # the bounds come from the tensor or array itself, not from the list beside it
    assert ids_within(torch.tensor([0, 4]), [99], 5)
    assert not ids_within(np.array([0, 5], dtype=np.uint8), [0], 5)
    assert ids_within(torch.tensor([], dtype=torch.long), [], 1)


def test_a_runaway_quote_before_quoted_rows_is_named_not_a_field_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With quoted texts after it (any text holding a comma), the runaway quote closed at the
    next row's opening quote and pandas failed first: "Expected 2 fields in line 3, saw 3",
    of a line with the header's two fields."""
    path = tmp_path / "reviews.csv"
    path.write_text(
        'review,rating\n"Great, really.",up\n"great film,up\n"Dull, truly.",down\n', "utf-8"
    )
    message = (
        "CSV file 'reviews.csv' has a value that opens a quote on line 3 and closes it amid a "
        "value on line 4, reading what lies between into one value: a text that begins with "
        "'\"' is read as quoted. Enclose such a text in quotes and double the quotes in it "
        '(\'"""Dull"" film"\'), as spreadsheets and pandas write it.'
    )
    with pytest.raises(ValueError, match=re.escape(message)):
        read_labelled_csv(path, "review", "rating")
    out = tmp_path / "run"
    argv = ["text", "train", "--csv", str(path), "--text-col", "review", "--label-col", "rating"]
    assert main([*argv, "--out", str(out)]) == 2
    flagged = message.replace("CSV file 'reviews.csv'", f"--csv {str(path)!r}")
    assert capsys.readouterr().err == f"error: {flagged}\n"
    assert not out.exists()
    # a row with too many fields, and no quote at fault, keeps the table's own error
    path.write_text("review,rating\ngood,up\ntoo,many,fields\n", "utf-8")
    with pytest.raises(ValueError, match=re.escape("(Expected 2 fields in line 3, saw 3)")):
        read_labelled_csv(path, "review", "rating")


def test_generate_prompt_takes_an_escaped_backslash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "\\n" was always a newline, so a prompt could not hold a backslash followed by n (a
    LaTeX "\\newline" read as a newline and "ewline"); "\\\\" is one backslash now."""
    from lstmkit.text import CharLMConfig, generate, save_charlm, train_charlm

    config = CharLMConfig(
        embed_dim=4, hidden_size=4, num_layers=1, batch_size=2, bptt=8, max_steps=2,
        eval_every=2, progress=False,
    )  # fmt: skip
    result = train_charlm("\\newline a\\b\n" * 20, config)
    folder = save_charlm(result, tmp_path / "lm")
    argv = ["text", "generate", str(folder), "--length", "3", "--seed", "1", "--json"]
    for typed, prompt in [
        ("\\\\newline", "\\newline"),
        ("a\\nb", "a\nb"),
        ("a\\b", "a\\b"),  # a backslash before another character stays as typed
        ("\\\\\\n", "\\\n"),
    ]:
        assert main([*argv, "--prompt", typed]) == 0
        text = json.loads(capsys.readouterr().out)["text"]
        expected = generate(result.model, result.vocab, prompt, length=3, temperature=0.8, seed=1)
        assert (text, len(text)) == (expected, len(prompt) + 3)
        assert text.startswith(prompt)


def test_printed_tables_line_up_with_wide_tokens_and_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An emoji or a CJK token takes two terminal columns; padded as one, it pushed the
    relevance (and a wide class name's probability) one column right per wide character."""
    import torch

    from lstmkit.explain.render import padded
    from lstmkit.text import SentimentConfig, TextClassifier, save_classifier
    from lstmkit.text.sentiment import SentimentResult

    assert [padded(t, 6) + "|" for t in ("😞", "日本", "e\u0301", "❤\ufe0f", "👍\U0001f3fd")] == [
        "😞    |",
        "日本  |",
        "e\u0301     |",
        "❤\ufe0f    |",
        "👍\U0001f3fd    |",
    ]
    assert padded("😞", 4, ">") == "  😞" and padded("toolong", 3) == "toolong"
    torch.manual_seed(0)
    vocab = Vocabulary(["😞", "film", "日本"])
    model = TextClassifier(len(vocab), 4, 3, 2).eval()
    result = SentimentResult(model, vocab, SentimentConfig(), label_names=("好", "bad"))
    folder = save_classifier(result, tmp_path / "clf")
    assert main(["text", "predict", str(folder), "😞 film 日本", "--explain"]) == 0
    lines = capsys.readouterr().out.splitlines()
    probabilities = [line for line in lines if line.endswith(tuple("0123456789")) and ":" in line]
    relevance = lines[-4:-1]  # fin28: their sum after them
    assert lines[-1].startswith("relevance in all: tokens ")
    assert [line[:-5] for line in probabilities] == ["              好: ", "             bad: "]
    # each token and value as a terminal shows them: the values start in one column
    assert [line[:-6] for line in relevance] == [
        " " * 16 + "😞 ",
        " " * 14 + "film ",
        " " * 14 + "日本 ",
    ]
    assert main(["explain", str(folder), "--text", "😞 film 日本", "--no-color"]) == 0
    rows = capsys.readouterr().out.splitlines()[4:7]
    assert sorted(row[: row.rindex(" ") + 1] for row in rows) == [
        "    0  😞" + " " * 19,
        "    1  film" + " " * 17,
        "    2  日本" + " " * 17,
    ]


def test_files_of_one_name_are_told_apart_in_the_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """train/reviews.csv and dev/reviews.csv were both "reviews.csv" in the messages."""
    rows = "".join(
        f"a {w} film {k},{y}\n" for y, w in (("up", "fine"), ("down", "dull")) for k in range(5)
    )
    (tmp_path / "train").mkdir()
    (tmp_path / "dev").mkdir()
    train = tmp_path / "train" / "reviews.csv"
    dev = tmp_path / "dev" / "reviews.csv"
    train.write_text("review,rating\n" + rows, "utf-8")
    out = tmp_path / "run"
    argv = ["text", "train", "--csv", str(train), "--dev-csv", str(dev), "--text-col", "review"]
    argv += ["--label-col", "rating", "--out", str(out)]
    dev.write_text("review,rating\na fine film,sideways\n", "utf-8")
    assert main(argv) == 2
    assert capsys.readouterr().err == (  # as the file's other problems are told (below)
        # (revcfg17) named by its path, not "--dev-csv PATH: column 'rating' of reviews.csv"
        f"error: column 'rating' of {str(dev)!r} holds labels no training "
        "text has: 'sideways' in row 1 (the classes: 'down', 'up'; rows counted from 1 "
        f"below the header). Remove those rows from {str(dev)!r}, or move them into "
        f"{str(train)!r} to learn those classes too (5 texts or more of each, as 10 % of each "
        "class goes to test).\n"  # revtext36: what to do
    )
    dev.write_text("review,rating\n,up\n", "utf-8")
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: column 'review' of {str(dev)!r} must hold a text with a "
        "token in every row, got none in row 1 (rows counted from 1 below the header); fill "
        "it in or remove it.\n"
    )
    assert not out.exists()
    # files of different names are named so too: by the path given, as forecast names its
    other = tmp_path / "dev" / "mine.csv"
    other.write_text("review,rating\na fine film,sideways\n", "utf-8")
    assert main([*argv[:5], str(other), *argv[6:]]) == 2
    assert capsys.readouterr().err == (
        f"error: column 'rating' of {str(other)!r} holds labels no training text has: "
        "'sideways' in row 1 (the classes: 'down', 'up'; rows counted from 1 below the "
        f"header). Remove those rows from {str(other)!r}, or move them into {str(train)!r} to "
        "learn those classes too (5 texts or more of each, as 10 % of each class goes to "
        "test).\n"  # revtext36: what to do
    )


def test_read_labelled_csv_refuses_column_names_that_are_not_str(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("review,rating\na fine film,up\n", "utf-8")
    with pytest.raises(
        TypeError,
        match=re.escape(
            "`text_col` must be a str (a column's name), got int 0. `label_col` must be a str "
            "(a column's name), got None."
        ),
    ):
        read_labelled_csv(path, 0, None)  # type: ignore[arg-type]
    with pytest.raises(
        TypeError, match=re.escape("`label_col` must be a str (a column's name), got int 1.")
    ):
        read_labelled_csv(path, "review", 1)  # type: ignore[arg-type]


def test_read_labelled_csv_checks_held_out_and_training(tmp_path: Path) -> None:
    """held_out="dev" was read as the sets 'd', 'e' and 'v' ("goes to d and to e and to v"),
    and training="no" as True."""
    path = tmp_path / "r.csv"
    path.write_text("review,rating\n" + "a fine film,up\n" * 3 + "a dull film,down\n" * 5, "utf-8")
    with pytest.raises(
        ValueError,
        match=re.escape(
            "`held_out` must be ('dev', 'test'), ('dev',), ('test',) or (), got 'dev', a str: one "
            "set is written ('dev',)."
        ),
    ):
        read_labelled_csv(path, "review", "rating", held_out="dev")
    with pytest.raises(
        ValueError,
        match=re.escape("`held_out` must be ('dev', 'test'), ('dev',), ('test',) or (), got None."),
    ):
        read_labelled_csv(path, "review", "rating", held_out=None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=re.escape("`training` must be True or False, got 'no'.")):
        read_labelled_csv(path, "review", "rating", training="no")  # type: ignore[arg-type]
    with pytest.raises(
        ValueError,
        match=re.escape(
            f"column 'rating' of {str(path)!r} must hold at least 5 examples of each class, so "
            "that 10 % of each (rounded) goes to dev, got 3 of 'up'"
            ": add texts of that class or leave its rows out."
        ),
    ):
        read_labelled_csv(path, "review", "rating", held_out=["dev"])
    assert read_labelled_csv(path, "review", "rating", held_out=[])[1][:4] == ["up"] * 3 + ["down"]
    # stratified_split keeps its message (no empty held_out there)
    with pytest.raises(
        ValueError,
        match=re.escape("`held_out` must be ('dev', 'test'), ('dev',) or ('test',), got ()."),
    ):
        stratified_split(["a"] * 5 + ["b"] * 5, held_out=())


def test_train_classifier_refuses_a_name_of_another_type_as_a_type_error() -> None:
    from lstmkit.text import SentimentConfig, train_classifier

    texts, labels = ["a fine film", "a dull film"] * 5, ["up", "down"] * 5
    config = SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, progress=False)
    with pytest.raises(TypeError, match=re.escape("`name` must be a non-empty str, got int 1.")):
        train_classifier(texts, labels, config, name=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=re.escape("`name` must be a non-empty str, got ''.")):
        train_classifier(texts, labels, config, name="")
