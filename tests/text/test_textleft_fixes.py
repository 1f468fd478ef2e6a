"""Leftovers of the text models, their command line and explanations, each pinned by a test."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.explain.render import padded
from lstmkit.nn.trace import GateTrace
from lstmkit.text import SentimentConfig
from lstmkit.text.sentiment import save_classifier, train_classifier
from lstmkit.text.sst import load_sst


def test_an_sst_file_not_in_utf8_is_named_as_a_csv_file_is(tmp_path: Path) -> None:
    """It said "not UTF-8 text (byte 13: invalid continuation byte)": a byte offset in the
    file, without its line, the likely encoding or what to do, as every other reader says."""
    (tmp_path / "sst").mkdir()
    path = tmp_path / "sst" / "stsa.binary.dev"
    path.write_bytes(b"1 fine\r\n0 caf\xe9 bad\r\n")
    with pytest.raises(ValueError) as err:
        load_sst("sst2", "dev", tmp_path)
    assert str(err.value) == (
        f"SST file {str(path)!r} must be UTF-8 text, got byte 0xe9 on line 2 (byte 6 of the "
        "line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8."
    )


@pytest.mark.parametrize(
    ("text", "columns"),
    [
        ("a\ufe0f", 1),  # a letter has no emoji form: the selector changes nothing
        ("\u00e9\ufe0f", 1),
        ("\u2500\ufe0f", 1),  # a box drawing ─ neither
        ("x\ufe0fy", 2),
        ("\u2122\ufe0f", 2),  # ™ (a narrow symbol with an emoji form) is drawn two wide
        ("\u00a9\ufe0f", 2),  # ©
        ("1\ufe0f\u20e3", 2),  # keycap 1
        ("\u25b6\ufe0f", 2),  # ▶
        ("\u2764\ufe0f", 2),  # ❤, as before
    ],
)
def test_an_emoji_selector_after_a_letter_takes_no_column(text: str, columns: int) -> None:
    """U+FE0F after any narrow character counted one more column ("a\\ufe0f" two), so a
    token typed with a stray selector pushed the values after it one column right."""
    assert padded(text, 6) == text + " " * (6 - columns)


def test_plotting_an_empty_gate_trace_names_the_method() -> None:
    """It said "`gate_trace` must be one entry of a trace ...": plot_gates' argument, which the
    caller of GateTrace.plot() never wrote."""
    with pytest.raises(
        ValueError,
        match=re.escape(
            "GateTrace.plot() needs a trace holding gates ([B, T, H] tensors), got an "
            "empty GateTrace."
        ),
    ):
        GateTrace({}, None, {}).plot()


_LEVELS = {"high": "great", "medium": "okay", "low": "dull"}
_TEXTS = [f"a {word} film {k}" for k in range(10) for word in _LEVELS.values()]
_LABELS = [label for _ in range(10) for label in _LEVELS]


def test_ordinal_smoothing_refuses_classes_named_by_words() -> None:
    """`neighbours` took the classes' sorted order as theirs: with "high", "low", "medium"
    the neighbour of "high" was "low", and the model trained towards it without a word."""
    config = SentimentConfig(embed_dim=2, hidden_size=2, epochs=1, neighbours=0.2)
    with pytest.raises(ValueError) as err:
        train_classifier(_TEXTS, _LABELS, config)
    assert str(err.value) == (
        "`neighbours` (ordinal label smoothing) needs classes in an order, labels that are all "
        "numbers, got 0.2, and the classes of `labels` ('high', 'low', 'medium') sort as text, "
        "not by meaning; name them by numbers (1, 2, 3, ...) in their order or leave "
        "`neighbours` at 0."
    )


def test_ordinal_smoothing_of_words_is_refused_by_flag_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "r.csv"
    rows = [f"{t},{y}" for t, y in zip(_TEXTS, _LABELS, strict=True)]
    csv.write_text("review,rating\n" + "\n".join(rows) + "\n", "utf-8")
    argv = ["text", "train", "--csv", str(csv), "--text-col", "review", "--label-col", "rating"]
    q = repr(str(csv))  # as given, quoted
    assert main([*argv, "--neighbours", "0.2", "--out", str(tmp_path / "m")]) != 0
    assert capsys.readouterr().err == (
        "error: --neighbours (ordinal label smoothing) needs classes in an order, labels that "
        f"are all numbers, got 0.2, and the classes of column 'rating' of {q} ('high', 'low', "
        "'medium') sort as text, not by meaning; name them by numbers (1, 2, 3, ...) in their "
        "order or leave --neighbours at 0.\n"
    )
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize(
    "names",
    [{"great": "pos", "dull": "neg"}, {"great": "3", "okay": "2", "dull": "1"}],
)
def test_ordinal_smoothing_still_takes_two_classes_or_numbers(names: dict[str, str]) -> None:
    texts = [f"a {word} film {k}" for k in range(10) for word in names]
    labels = [label for _ in range(10) for label in names.values()]
    config = SentimentConfig(embed_dim=2, hidden_size=2, epochs=1, neighbours=0.2, progress=False)
    result = train_classifier(texts, labels, config)
    assert result.labels == tuple(sorted(names.values()))


def test_a_number_that_names_no_class_is_no_index_where_classes_are_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With classes 1, 5 and 10 (ratings), `--target 2` explained the class "10" (index 2) and
    `--target 0` the "1": a number read as a name where it was one, as an index where not."""
    names = {"great": "10", "okay": "5", "dull": "1"}
    texts = [f"a {word} film {k}" for k in range(10) for word in names]
    labels = [label for _ in range(10) for label in names.values()]
    config = SentimentConfig(embed_dim=2, hidden_size=2, epochs=1, progress=False)
    save_classifier(train_classifier(texts, labels, config), tmp_path / "m")
    argv = ["explain", str(tmp_path / "m"), "--text", "a great film", "--json"]
    assert main([*argv, "--target", "10"]) == 0
    assert json.loads(capsys.readouterr().out)["target"] == 2
    for target in ("2", "0", "high"):
        assert main([*argv, "--target", target]) == 2
        assert capsys.readouterr().err == (
            "error: --target must be one of ['1', '5', '10'] (classes named by numbers, so a "
            f"number names one and is not read as an index), got {target!r}.\n"
        )


def test_a_flag_the_command_lacks_is_named_not_its_value_as_a_task(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`text train-lm --epochs 1` (a flag of `text train`) said "argument corpus: invalid
    choice: '1'": argparse gave the unknown flag no value, so the 1 fell to the corpus."""
    out = str(tmp_path / "m")
    for argv, told in [
        (["text", "train-lm", "--out", out, "--epochs", "1"], "--epochs 1"),
        (
            ["text", "train", "--out", out, "--epochz", "3"],
            "--epochz 3; did you mean --epochs?",
        ),
    ]:
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
        assert capsys.readouterr().err == (
            f"error: unrecognized arguments: {told} (`lstmkit {' '.join(argv[:2])} --help` "
            "lists the flags)\n"
        )
    # a known flag's extra value is still the task it is not
    with pytest.raises(SystemExit):
        main(["text", "train", "--out", out, "--seed", "1", "3"])
    assert capsys.readouterr().err == (
        "error: argument task: invalid choice: '3' (choose from 'sst2', 'sst5') "
        "(`lstmkit text train --help` lists the flags)\n"
    )
    assert not (tmp_path / "m").exists()


def test_an_sst_file_with_a_byte_order_mark_reads_its_first_label(tmp_path: Path) -> None:
    """An SST file saved by an editor with a byte-order mark was refused: "expected a label in
    0..1, got '\\ufeff1'"; --file and CSV files drop the mark."""
    (tmp_path / "sst").mkdir()
    path = tmp_path / "sst" / "stsa.binary.dev"
    path.write_bytes(b"\xef\xbb\xbf1 fine film\n0 bad one\n")
    split = load_sst("sst2", "dev", tmp_path)
    assert (split.texts, split.labels) == (["fine film", "bad one"], [1, 0])
    path.write_bytes(b"\xef\xbb\xbf1 fine\n0 caf\xe9\n")
    with pytest.raises(ValueError) as err:
        load_sst("sst2", "dev", tmp_path)
    assert str(err.value) == (
        f"SST file {str(path)!r} must be UTF-8 text, got byte 0xe9 on line 2 (byte 6 of the "
        "line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8."
    )
