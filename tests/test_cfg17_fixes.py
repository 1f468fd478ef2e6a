"""Wording and parsing leftovers in configs and command-line numbers (cfg17): numpy's bools taken
by every config's bool field, a whole number written with ".0" read as that count on the
command line, text for a number that is out of range told both at once, TextClassifier's text
told the number it reads as, one word for dev and test files whose columns are both swapped,
one reading of a number's text for number_hint and fraction_hint, and read_csv's
thousands='.' told to pass the decimal comma too."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.forecast import ForecasterConfig
from lstmkit.text import SentimentConfig, TextClassifier, read_labelled_csv
from lstmkit.train import TrainConfig


def test_numpy_bools_are_taken_by_the_configs_bool_fields() -> None:
    # ForecasterConfig(refit=np.True_) was refused: "`refit` must be True or False, got
    # np.True_ (give a Python bool: bool(x))", though np.int64(12) is taken for an int field
    # and nn.LSTM(bias=np.True_) was taken; stored as Python bools, so the config is JSON-able
    config = ForecasterConfig(
        refit=np.True_, calendar=np.False_, bidirectional=np.bool_(True), progress=np.False_
    )
    assert [type(v) for v in (config.refit, config.calendar, config.bidirectional)] == [bool] * 3
    assert (config.refit, config.calendar, config.bidirectional, config.progress) == (
        True,
        False,
        True,
        False,
    )
    assert json.dumps([config.refit, config.calendar, config.progress]) == "[true, false, false]"
    train = TrainConfig(shuffle=np.False_, restore_best=np.True_, progress=np.True_)
    assert (train.shuffle, train.restore_best, train.progress) == (False, True, True)
    assert type(train.shuffle) is bool and type(train.progress) is bool
    text = SentimentConfig(task="sst5", phrases=np.True_, bidirectional=np.False_)
    assert (text.phrases, text.neutral_words, text.bidirectional) == (True, True, False)
    assert type(text.phrases) is bool
    assert TextClassifier(10, 4, 4, 2, bidirectional=np.False_).bidirectional is False


def test_a_zero_d_bool_array_or_tensor_is_refused_with_what_to_pass() -> None:
    # as np.array(3) is no int for an int field: refused, now told bool(x) as nn's as_bool does
    for value, shown in ((np.array(True), "array(True)"), (torch.tensor(True), "tensor(True)")):
        with pytest.raises(TypeError) as info:
            TrainConfig(shuffle=value)
        assert str(info.value) == (
            f"`shuffle` must be True or False, got {shown} (give a Python bool: bool(x))."
        )
    with pytest.raises(TypeError) as info:
        TrainConfig(shuffle=torch.tensor(1))  # no bool held: no hint
    assert str(info.value) == "`shuffle` must be True or False, got tensor(1)."


def test_read_labelled_csv_takes_a_numpy_training(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("review,rating\na fine film,up\na dull film,down\n", "utf-8")
    assert read_labelled_csv(path, "review", "rating", training=np.False_) == (
        ["a fine film", "a dull film"],
        ["up", "down"],
    )


def test_a_whole_number_with_a_decimal_point_is_read_as_that_count_on_the_command_line() -> None:
    # --holdout 12.0 was "expected a count of points, e.g. 12, got '12.0'", --horizon 12.0 and
    # --epochs 5.0 argparse's "invalid int value: '12.0'"
    from lstmkit.cli import build_parser

    argv = ["forecast", "airline", "--holdout", "12.0", "--horizon", "12.0", "--epochs", "5.0"]
    args = build_parser(argv).parse_args(argv)
    assert (args.holdout, args.horizon, args.epochs) == (12, 12, 5)
    assert type(args.holdout) is int and type(args.horizon) is int
    argv = ["text", "train", "sst2", "--out", "o", "--epochs", "3.0", "--batch-size", "1e1"]
    args = build_parser(argv).parse_args(argv)
    assert (args.epochs, args.batch_size) == (3, 10)
    argv = ["demo", "--epochs", "2.0"]
    assert build_parser(argv).parse_args(argv).epochs == 2


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["forecast", "airline", "--horizon", "12.5"],
            "--horizon must be an integer, got '12.5' (not whole).",
        ),
        (
            ["forecast", "airline", "--holdout", "12.5"],
            "--holdout must be an integer, got '12.5' (not whole).",
        ),
        (
            ["forecast", "airline", "--holdout", "0.2"],
            "--holdout must be an integer, got '0.2' (a count of points, not a fraction of the "
            "series).",
        ),
        (["forecast", "airline", "--epochs", "nan"], "--epochs must be an integer, got 'nan'"),
        # text that is no number: what came, without a hint
        (["forecast", "airline", "--epochs", "x"], "--epochs must be an integer, got 'x'."),
    ],
)
def test_a_count_that_is_not_whole_is_refused_saying_so(flags_refusal, argv, said) -> None:
    assert f"error: {said}" in flags_refusal(argv)


def test_python_counts_given_a_whole_float_are_told_int_x() -> None:
    # TrainConfig(epochs=12.0) said "got 12.0." alone, where the command line reads 12.0
    with pytest.raises(ValueError) as info:
        TrainConfig(epochs=12.0, batch_size=np.float64(32.0), patience=2.5)
    assert str(info.value) == (
        "`epochs` must be a positive integer, got 12.0 (a whole number as a float: pass int(x)). "
        "`batch_size` must be a positive integer or None, got np.float64(32.0) (a whole number "
        "as a float: pass int(x)). `patience` must be a positive integer or None, got 2.5."
    )
    with pytest.raises(ValueError) as info:
        SentimentConfig(epochs=3.0)
    assert str(info.value) == (
        "`epochs` must be a positive integer, got 3.0 (a whole number as a float: pass int(x))."
    )


@pytest.mark.parametrize(
    ("text", "number", "fraction", "fraction_counts", "fraction_flag"),
    [
        (
            "0.01",
            " (a number, not text: 0.01)",
            " (a number, not text: 0.01)",
            " (a number, not text: 0.01)",
            " (a fraction: 0.01)",
        ),
        (
            "0,1",
            " (a number with a decimal point, not text: 0.1)",
            " (a number with a decimal point, not text: 0.1)",
            " (a number with a decimal point, not text: 0.1)",
            " (a decimal point: 0.1)",
        ),
        (
            " 5 ",
            " (a number, not text: 5)",
            " (a number, not text)",
            " (a number, not text: 5)",
            " (a fraction)",
        ),
        (
            "1%",
            " (a percentage is no number here)",
            " (a number, not text: 0.01 for 1 %)",
            " (a number, not text: 0.01 for 1 %)",
            " (a fraction: 0.01 for 1 %)",
        ),
        ("nan", " (not a number)", " (not a number)", " (not a number)", " (not a number)"),
        ("abc", "", "", "", ""),
        (
            "-0",
            " (a number, not text: 0)",
            " (a number, not text: 0)",
            " (a number, not text: 0)",
            " (a fraction: 0)",
        ),
        (
            "inf",
            " (a number, not text)",
            " (a number, not text)",
            " (a number, not text)",
            " (a fraction)",
        ),
        (
            "20%",
            " (a percentage is no number here)",
            " (a number, not text: 0.2 for 20 %)",
            " (a number, not text: 0.2 for 20 %)",
            " (a fraction: 0.2 for 20 %)",
        ),
        (
            "150%",
            " (a percentage is no number here)",
            " (a number, not text: 150 % would be 1.5, outside [0, 1))",
            " (a number, not text: 150 % would be 1.5, outside (0, 1))",
            " (150 % would be 1.5, outside [0, 1))",
        ),
        (
            "0,2",
            " (a number with a decimal point, not text: 0.2)",
            " (a number with a decimal point, not text: 0.2)",
            " (a number with a decimal point, not text: 0.2)",
            " (a decimal point: 0.2)",
        ),
        (
            "12",
            " (a number, not text: 12)",
            " (a number, not text)",
            " (a number, not text: 12)",
            " (a fraction)",
        ),
        (
            "-1",
            " (a number, not text: -1)",
            " (a number, not text)",
            " (a number, not text)",
            " (a fraction)",
        ),
        (
            "90,5%",
            " (a percentage is no number here)",
            " (a number with a decimal point, not text: 0.905 for 90.5 %)",
            " (a number with a decimal point, not text: 0.905 for 90.5 %)",
            " (a decimal point: 0.905 for 90.5 %)",
        ),
        (
            "1e-3",
            " (a number, not text: 0.001)",
            " (a number, not text: 0.001)",
            " (a number, not text: 0.001)",
            " (a fraction: 0.001)",
        ),
        ("80,95", "", "", "", ""),
        (0.5, "", "", "", ""),
        (
            20,
            "",
            " (a fraction: 0.2 for 20 %)",
            " (a fraction: 0.2 for 20 %)",
            " (a fraction: 0.2 for 20 %)",
        ),
        (None, "", "", "", ""),
    ],
)
def test_number_and_fraction_hints_read_text_alike_through_one_helper(
    text, number, fraction, fraction_counts, fraction_flag
) -> None:
    # number_hint and fraction_hint each read the text, told NaN and "-0" and chose the lead in
    # lines of their own; one _read_text now, and these messages byte for byte as they were
    from lstmkit._checks import fraction_hint, number_hint

    assert number_hint(text) == number
    assert fraction_hint(text) == fraction
    assert fraction_hint(text, "(0, 1)", counts=True) == fraction_counts
    assert fraction_hint(text, flag=True) == fraction_flag


def test_text_for_a_number_that_is_refused_too_is_told_both_at_once() -> None:
    # TrainConfig(lr="-1") said "(a number, not text: -1)", and lr=-1 was then refused in turn
    with pytest.raises(ValueError) as info:
        TrainConfig(lr="-1", epochs="0", batch_size="12.5", patience="3", min_delta="1%")
    assert str(info.value) == (
        "`epochs` must be a positive integer, got '0' (a number, not text: 0; but 0 would be "
        "refused too). `lr` must be a positive finite number, got '-1' (a number, not text: -1; "
        "but -1 would be refused too). `batch_size` must be a positive integer or None, got "
        "'12.5' (a number, not text: 12.5; but 12.5 would be refused too). `patience` must be a "
        "positive integer or None, got '3' (a number, not text: 3). `min_delta` must be a finite "
        "number >= 0, got '1%' (a percentage is no number here)."  # msg19: no 0.01
    )
    with pytest.raises(ValueError) as info:
        ForecasterConfig(horizon="12", lr="-0.1")
    assert str(info.value) == (
        "`horizon` must be a positive integer or None, got '12' (a number, not text: 12). `lr` "
        "must be a positive finite number, got '-0.1' (a number, not text: -0.1; but -0.1 would "
        "be refused too)."
    )
    with pytest.raises(ValueError) as info:
        SentimentConfig(epochs="-3", lr="0,1")
    assert str(info.value) == (
        "`epochs` must be a positive integer, got '-3' (a number, not text: -3; but -3 would be "
        "refused too). `lr` must be a positive finite number, got '0,1' (a number with a decimal "
        "point, not text: 0.1)."
    )


def test_text_classifier_tells_text_the_number_it_reads_as() -> None:
    # TextClassifier("100", ...) said "got '100'." alone, where every config tells the number
    with pytest.raises(TypeError) as info:
        TextClassifier("100", "-4", 4, "2.5", dropout="20%", padding_idx="3")  # type: ignore[arg-type]
    assert str(info.value) == (
        "`vocab_size` must be a positive integer, got '100' (a number, not text: 100). `embed_dim` "
        "must be a positive integer, got '-4' (a number, not text: -4; but -4 would be refused "
        "too). `num_classes` must be a positive integer, got '2.5' (a number, not text: 2.5; but "
        "2.5 would be refused too). `dropout` must be a number in [0, 1), got '20%' (a number, not "
        "text: 0.2 for 20 %). `padding_idx` must be an integer in [0, vocab_size) or None, got '3' "
        "(a number, not text: 3)."
    )


def test_dev_and_test_files_both_swapped_get_one_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # each file's refusal ended with its own "--text-col 'review' holds numbers alone and
    # --label-col 'rating' a different value in 2 of its 2 rows: the two columns look swapped
    # in this file; swap the two names in its header.", the same sentence twice
    from lstmkit.cli import main

    train, dev, test = tmp_path / "train.csv", tmp_path / "dev.csv", tmp_path / "test.csv"
    rows = [f'"a good film {k}",5\n"a bad film {k}",1\n' for k in range(10)]
    train.write_text("review,rating\n" + "".join(rows), "utf-8")
    dev.write_text("review,rating\n5,a good film\n1,a bad film\n", "utf-8")
    test.write_text("review,rating\n5,a fine film\n1,a dull film\n5,a good film\n", "utf-8")
    out = tmp_path / "out"
    argv = ["text", "train", "--csv", str(train), "--text-col", "review", "--label-col"]
    argv += ["rating", "--dev-csv", str(dev), "--test-csv", str(test), "--out", str(out)]
    qd, qt = repr(str(dev)), repr(str(test))  # as given, quoted
    assert main([*argv, "--no-progress"]) == 2
    assert capsys.readouterr() == (
        "",
        f"error: column 'rating' of {qd} holds labels no training text has: 'a bad film' in "
        "row 2, 'a good film' in row 1 (the classes: '1', '5'; rows counted from 1 below the "
        f"header). Column 'rating' of {qt} holds labels no training text has: 'a dull film' "
        "in row 2, 'a fine film' in row 1, 'a good film' in row 3 (the classes: '1', '5'; rows "
        "counted from 1 below the header). --text-col 'review' holds numbers alone and "
        f"--label-col 'rating' a different value in 2 of the 2 rows of {qd} and 3 of the 3 "
        f"rows of {qt}: the two columns look swapped in both files; swap the two names in "
        "each header.\n",
    )
    assert not out.exists()


def test_read_csv_thousands_dot_alone_is_told_to_pass_the_decimal_comma(tmp_path: Path) -> None:
    # read_csv(path, ..., thousands=".") said "`decimal` and `thousands` must differ, both are
    # '.'", naming a `decimal` the user never gave, where pandas' users pass decimal="," beside
    from lstmkit import data

    path = tmp_path / "de.csv"
    rows = '2020-01-01,"1.099,5"\n2020-02-01,"2.000,0"\n2020-03-01,"3.100,0"\n'
    path.write_text("date,y\n" + rows, "utf-8")
    with pytest.raises(ValueError) as info:
        data.read_csv(path, "date", "y", thousands=".")
    assert str(info.value) == (
        "`thousands` must differ from `decimal`, got '.' for both ('.' is `decimal`'s default, "
        "the decimal point); pass the file's decimal mark too: decimal=',', thousands='.' for "
        "1.099,25."
    )
    assert data.read_csv(path, "date", "y", decimal=",", thousands=".")["y"].tolist() == [
        1099.5,
        2000.0,
        3100.0,
    ]
    with pytest.raises(ValueError) as info:  # a comma for both: both given, as before
        data.read_csv(path, "date", "y", decimal=",", thousands=",")
    assert str(info.value) == "`decimal` and `thousands` must differ, both are ','."
