"""Fixes of left35e: sentiment.evaluate's labels that are no class index refused by name, a
figure's folder ending in Windows' separator told as one whatever its name, and a plan that holds
the first forecast steps told the --horizon that reads them."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from lstmkit._figures import figure_file
from lstmkit.cli import main
from lstmkit.text import TextClassifier, sentiment

MISSING = (
    "`labels` must hold a label for every sequence, got a missing label: {} (positions counted "
    "from 0{}."
)
NAN_HINT = (
    "nan is how pandas reads an empty cell: drop those rows first, with pandas' `dropna`, or "
    "read the file with `read_labelled_csv`, which skips blank rows "
    "and names the row of a text or label left empty)"
)


@pytest.fixture(scope="module")
def classifier_and_ids():
    """A tiny two-class TextClassifier, two id sequences and the classes it predicts."""
    torch.manual_seed(0)
    model = TextClassifier(8, 3, 2, 2).eval()
    ids = [[1], [2]]
    with torch.no_grad():
        predicted = [int(model(torch.tensor([s]), torch.tensor([1])).argmax()) for s in ids]
    return model, ids, predicted


@pytest.mark.parametrize(
    ("labels", "said"),
    [
        ([0, 5], "5 at position 1"),  # scored a miss
        ([0.5, 1], "0.5 at position 0"),  # cut to 0
        # torch's "cannot be converted to type int64"; told as missing, as class_figures does
        ([1, float("nan")], MISSING.format("nan at position 1", "; " + NAN_HINT)),
        # "'NoneType' object cannot be interpreted as an int"
        (
            [None, 1],
            MISSING.format("None at position 0", "): drop those sequences and labels first"),
        ),
        ([-1, 7], "-1 at position 0, 7 at position 1"),
        (np.array([0.0, 1.0]), "0.0 at position 0, 1.0 at position 1"),
        (
            pd.Series([0, None], dtype="Int64"),
            MISSING.format("<NA> at position 1", "; " + NAN_HINT.replace("nan", "<NA>")),
        ),
    ],
    ids=["out-of-range", "half", "nan", "none", "two", "float-array", "int64-na"],
)
def test_evaluate_refuses_labels_that_are_no_class_index(classifier_and_ids, labels, said) -> None:
    model, ids, _ = classifier_and_ids
    with pytest.raises(ValueError) as err:
        sentiment.evaluate(model, ids, labels)
    if said.startswith("`labels`"):
        assert str(err.value) == said
    else:
        assert str(err.value) == f"`labels` must be class indices in [0, 2), got {said}."


def test_evaluate_refuses_one_str_of_labels(classifier_and_ids) -> None:
    """'01' was read as the class names '0' and '1'."""
    model, ids, _ = classifier_and_ids
    with pytest.raises(TypeError) as err:
        sentiment.evaluate(model, ids, "01")
    assert str(err.value) == "`labels` must be a sequence of class indices (ints), got str '01'."


def test_evaluate_takes_integer_labels_as_before(classifier_and_ids) -> None:
    model, ids, predicted = classifier_and_ids
    for labels in (
        predicted,
        np.array(predicted, dtype=np.uint8),
        torch.tensor(predicted),
        pd.Series(predicted, index=[7, 3]),
        pd.Series(predicted, dtype="Int64"),
    ):
        assert sentiment.evaluate(model, ids, labels) == 1.0
    assert sentiment.evaluate(model, ids, [predicted[0], 1 - predicted[1]]) == 0.5


def test_class_figures_with_int_names_offers_no_names(classifier_and_ids) -> None:
    """Int names are no labels (5 of names [3, 5] is no class): 'or class names (0, 1)' was
    offered."""
    model, ids, _ = classifier_and_ids
    with pytest.raises(ValueError) as err:
        sentiment.class_figures(model, ids, [0, 5], [0, 1])
    assert str(err.value) == "`labels` must be class indices in [0, 2), got 5 at position 1."
    with pytest.raises(ValueError) as err:
        sentiment.class_figures(model, ids, [0, 5], ["neg", "pos"])
    assert str(err.value) == (
        "`labels` must be class indices in [0, 2) or class names ('neg', 'pos'), got 5 at "
        "position 1."
    )


@pytest.mark.skipif(os.sep != "/", reason="'\\' separates folders there")
@pytest.mark.parametrize(
    ("path", "into"),
    [
        ("new\\..\\", "figure.png"),  # was refused for its suffix '\\'
        ("a.b\\", "a.b/figure.png"),
        ("figs\\.\\", "figs/figure.png"),
        ("figs\\", "figs/figure.png"),  # as before
    ],
)
def test_a_figure_path_ending_in_a_backslash_is_told_the_separator(path, into) -> None:
    with pytest.raises(ValueError) as err:
        figure_file(path)
    assert str(err.value) == (
        f"`path` must name a file, got {path!r}, a folder's name written with Windows' '\\'; "
        f"on this system '/' separates folders: write into it with e.g. {into!r}."
    )


def test_a_plan_of_the_first_steps_is_told_the_horizon_that_reads_them(
    tmp_path, capsys, undrawn_figures
) -> None:
    """'or pass a shorter --horizon' named no number; the one named is pasted and runs (in
    forecast not below --holdout, which it refuses: 'must not exceed --horizon')."""
    flag = np.arange(26) % 3 == 0
    days = pd.date_range("2021-01-01", periods=26, freq="D").strftime("%Y-%m-%d")
    sales = np.where(np.arange(26) < 20, 20.0 + 8 * flag, np.nan)
    table = pd.DataFrame({"day": days, "sales": sales, "promo": flag.astype(int)})
    for name, rows in [("plan.csv", 26), ("short.csv", 22), ("past.csv", 20)]:
        table[:rows].to_csv(tmp_path / name, index=False)
    tiny = [*("--lookback", "3", "--season-length", "1", "--no-calendar", "--epochs", "1")]
    tiny += [*("--ensemble", "1", "--hidden-size", "2", "--interval", "0", "--no-refit")]
    data = [*("--date-col", "day", "--value-col", "sales", "--future-cols", "promo")]
    run = tmp_path / "run"
    csv = {n: ["--csv", str(tmp_path / n)] for n in ("plan.csv", "short.csv")}
    fit = ["forecast", *csv["plan.csv"], *data, "--horizon", "6", "--holdout", "0", *tiny]
    assert main([*fit, "--out", str(run), "--no-stat-baselines"]) == 0
    capsys.readouterr()
    assert main(["predict", str(run), *csv["short.csv"], *data]) == 2
    assert capsys.readouterr().err.endswith(", or pass --horizon 2 (or less).\n")
    assert main(["predict", str(run), *csv["short.csv"], *data, "--horizon", "2"]) == 0
    capsys.readouterr()
    past = ["forecast", "--csv", str(tmp_path / "past.csv"), *data, *tiny, "--no-stat-baselines"]
    for holdout, advice in [("3", "--horizon 3"), ("2", "--horizon 2"), ("1", "--horizon 1")]:
        assert main([*past, "--holdout", holdout, "--horizon", "6"]) == 2
        assert capsys.readouterr().err.endswith(f", or pass {advice}.\n")
        assert main([*past, "--holdout", holdout, *advice.split()]) == 0
        capsys.readouterr()
    # two rows of plan after the target: the held-out points and those
    short = [*past[:2], str(tmp_path / "short.csv"), *past[3:]]
    for holdout, advice, pasted in [
        ("1", "--horizon 3 (or less)", "--horizon 1"),
        ("2", "--horizon 4 (or less, not below --holdout 2)", "--horizon 2"),
    ]:
        assert main([*short, "--holdout", holdout, "--horizon", "6"]) == 2
        assert capsys.readouterr().err.endswith(f", or pass {advice}.\n")
        for horizon in (advice.split()[1], pasted.split()[1]):
            assert main([*short, "--holdout", holdout, "--horizon", horizon]) == 0
        capsys.readouterr()
    assert Path(run / "model").is_dir()
