"""mop29: leftovers of this session's other helpers.

``lstmkit forecast airline car_sales`` said "unrecognized arguments: car_sales" and nothing of
the command taking one dataset, nor how to run several; a list of small classes ended "and 1
more classes"; ``--json`` help said "on stdout" in some commands alone, and predict's
``--covariate-cols`` lacked the "(with --csv" of its ``--future-cols``; a series too short said
"leave -56"; metrics wrote a MultiIndex label ``(np.int64(1), 'b')`` and advised
``.loc[common]`` where ``y_true`` repeats a shared label (two selections of different lengths);
``forecast_accuracy.py --set epochs`` lacked a full stop.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import build_parser, main
from lstmkit.metrics import rmse
from lstmkit.text.labelled import stratified_split

LOOP = "; `lstmkit forecast` takes one dataset (or --csv FILE); run several with a shell loop: "
HELP = " (`lstmkit forecast --help` lists the flags)\n"


@pytest.mark.parametrize(
    ("argv", "said", "loop"),
    [
        (
            ["forecast", "airline", "car_sales"],
            "car_sales",
            "for d in airline car_sales; do lstmkit forecast $d; done",
        ),
        # the flags given go into the loop, those before the command's name too
        (
            ["forecast", "--epochs", "3", "airline", "car_sales", "milk", "--json"],
            "car_sales milk",
            "for d in airline car_sales milk; do lstmkit forecast $d --epochs 3 --json; done",
        ),
        (
            ["-v", "forecast", "airline", "car_sales"],
            "car_sales",
            "for d in airline car_sales; do lstmkit -v forecast $d; done",
        ),
        # files are looped as --csv's
        (
            ["forecast", "--csv", "a.csv", "b.csv", "c.csv", "--value-col", "y"],
            "c.csv",
            "for f in a.csv b.csv c.csv; do lstmkit forecast --csv $f --value-col y; done",
        ),
        (
            ["forecast", "b.csv", "c.csv"],
            "c.csv",
            "for f in b.csv c.csv; do lstmkit forecast --csv $f; done",
        ),
        # a word that is also a flag's value: the loop without the flags, not a wrong one
        (
            ["forecast", "--value-col", "milk", "airline", "milk"],
            "milk",
            "for d in airline milk; do lstmkit forecast $d; done",
        ),
    ],
)
def test_forecast_of_several_datasets_is_told_the_shell_loop(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str, loop: str
) -> None:
    assert flags_refusal(argv) == f"error: unrecognized arguments: {said}{LOOP}`{loop}`{HELP}"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # a number is a flag's value, no dataset; a flag among the words gets its guess
        (["forecast", "--horizon", "12", "airline", "12"], "12"),
        (["forecast", "airline", "car_sales", "--jsn"], "car_sales --jsn; did you mean --json?"),
    ],
)
def test_forecast_strays_that_are_no_datasets_are_refused_as_before(
    flags_refusal: Callable[[list[str]], str], argv: list[str], said: str
) -> None:
    assert flags_refusal(argv) == f"error: unrecognized arguments: {said}{HELP}"


@pytest.mark.parametrize(("small", "more"), [(6, "1 more class"), (7, "2 more classes")])
def test_small_classes_beyond_those_listed_are_counted_in_agreement(small: int, more: str) -> None:
    # "and 1 more classes"
    labels = [f"c{k}" for k in range(small)] + ["big"] * 10
    with pytest.raises(ValueError) as info:
        stratified_split(labels, seed=0)
    assert str(info.value) == (
        "`labels` must hold at least 5 examples of each class, so that 10 % of each (rounded) "
        "goes to dev and to test, got 1 of 'c0', 1 of 'c1', 1 of 'c2', 1 of 'c3', 1 of 'c4' "
        f"and {more}: add texts of those classes or leave their rows out."
    )


def _action(argv: list[str], flag: str) -> argparse.Action:
    """The action of ``flag`` in the parser of the command ``argv`` names."""
    parser = build_parser(argv)
    for word in argv:
        (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        parser = sub.choices[word]
    return parser._option_string_actions[flag]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["datasets"], "print one JSON object on stdout"),
        (["forecast"], "print one JSON object on stdout"),
        (["predict"], "print one JSON object on stdout"),
        (["text", "train"], "print one JSON object on stdout"),
        (["text", "train-lm"], "print one JSON object on stdout"),
        (["text", "generate"], "print one JSON object on stdout"),
        (["text", "train-seq2seq"], "print one JSON object on stdout"),
        (["text", "spell"], "print one JSON object on stdout"),
        (
            ["text", "predict"],
            "print one JSON object per sentence on stdout, one per line (with --file, its line "
            "number)",
        ),
    ],
)
def test_json_help_says_stdout_in_every_command(argv: list[str], said: str) -> None:
    # forecast, predict and explain said "on stdout", datasets and the text commands not
    assert _action(argv, "--json").help == said


def test_predict_covariate_cols_help_says_with_csv_as_future_cols_does() -> None:
    assert _action(["predict"], "--covariate-cols").help == (
        "the model's covariate columns, in its order (with --csv; default: the model's names)"
    )
    assert _action(["predict"], "--future-cols").help.startswith(
        "the model's future covariate columns, in its order (with --csv; default: the model's "
        "names)"
    )


@pytest.mark.parametrize(
    ("flags", "said"),
    [
        (
            ["--horizon", "200"],
            "the holdout (200, by default --horizon) and at least --horizon (200) + 3 to fit on "
            "(the look-back and the windows to train and validate on) need at least 403; "
            "--horizon 65 fits it",
        ),
        (
            ["--horizon", "200", "--holdout", "10"],
            "--holdout 10 and at least --horizon (200) + 3 to fit on (the look-back and the "
            "windows to train and validate on) need at least 213; --horizon 121 fits it",
        ),
    ],
)
def test_too_short_says_the_length_and_what_the_parts_need(
    capsys: pytest.CaptureFixture[str], flags: list[str], said: str
) -> None:
    # "144 points minus the holdout (200, by default --horizon) leave -56, need at least
    # --horizon (200) + 3 to fit"
    assert main(["forecast", "airline", *flags]) == 2
    assert capsys.readouterr().err == f"error: the series is too short: 144 points, where {said}.\n"


SAME_INDEX = (
    "`y_true` and `y_pred` must have the same index (points are matched by position), got "
    "indexes that differ at position 1: "
)
SHARE = (
    "they share 2 of their 3 labels, and `y_pred.reindex(y_true.index)` would leave NaN "
    "(which scores NaN) at the others"
)


def test_multiindex_labels_are_said_as_written() -> None:
    # "(np.int64(1), 'b') and (np.int64(1), 'c')"
    truth = pd.Series(
        [1.0, 2.0, 3.0], index=pd.MultiIndex.from_tuples([(1, "a"), (1, "b"), (2, "a")])
    )
    pred = pd.Series(
        [1.0, 2.0, 3.0], index=pd.MultiIndex.from_tuples([(1, "a"), (1, "c"), (2, "a")])
    )
    with pytest.raises(ValueError) as info:
        rmse(truth, pred)
    assert str(info.value) == SAME_INDEX + (
        f"(1, 'b') and (1, 'c'); {SHARE}: score the shared ones, common = "
        "y_true.index.intersection(y_pred.index), then y_true.loc[common] and "
        "y_pred.loc[common], or pass `.to_numpy()` to pair them by position."
    )


@pytest.mark.parametrize(
    ("labels", "others", "said"),
    [
        ([1, 1, 2], [1, 3, 4], ("1 and 3", "1")),
        (
            [(1, "a"), (1, "a"), (2, "a")],
            [(1, "a"), (3, "a"), (4, "a")],
            ("(1, 'a') and (3, 'a')", "(1, 'a')"),
        ),
    ],
)
def test_a_repeated_shared_label_of_the_truth_is_told_a_selection_of_one_length(
    labels: list, others: list, said: tuple[str, str]
) -> None:
    # the advice y_true.loc[common] and y_pred.loc[common] selected 2 points and 1
    def index(given: list) -> pd.Index:
        return pd.MultiIndex.from_tuples(given) if isinstance(given[0], tuple) else pd.Index(given)

    truth = pd.Series([1.0, 2.0, 3.0], index=index(labels))
    pred = pd.Series([1.0, 5.0, 7.0], index=index(others))
    with pytest.raises(ValueError) as info:
        rmse(truth, pred)
    assert str(info.value) == SAME_INDEX + (
        f"{said[0]}; {SHARE}, and `y_true`'s index repeats {said[1]}, one of them, which "
        "y_true.loc[common] would select 2 times and y_pred.loc[common] once: score the shared "
        "points, keep = y_true.index.isin(y_pred.index), then y_true[keep] and "
        "y_pred.reindex(y_true.index[keep]), or pass `.to_numpy()` to pair them by position."
    )
    common = truth.index.intersection(pred.index)
    assert (len(truth.loc[common]), len(pred.loc[common])) == (2, 1)
    # the advice scores both points of label 1 against its one forecast: errors 0 and 1
    keep = truth.index.isin(pred.index)
    assert repr(float(rmse(truth[keep], pred.reindex(truth.index[keep])))) == repr(
        float(np.sqrt(0.5))
    )


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--set", "epochs"], "--set expects FIELD=VALUE, got 'epochs'."),
        # every one at once, with the others' problems
        (
            ["--set", "epochs", "--set", "foo", "--set", "epochs=-1"],
            "--set expects FIELD=VALUE, got 'epochs' and 'foo'. --set: `epochs` must be a "
            "positive integer, got -1.",
        ),
    ],
)
def test_forecast_accuracy_set_without_a_value_ends_as_the_other_problems(
    bench_refusal: Callable[[str, list[str]], str], argv: list[str], said: str
) -> None:
    # "--set expects FIELD=VALUE, got 'epochs'": no full stop, and the first one alone
    assert bench_refusal("forecast_accuracy", argv) == f"forecast_accuracy.py: error: {said}"
