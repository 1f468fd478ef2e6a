"""Fixes from the review of walk34d's commits (revwalk34d)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

from lstmkit.cli import main

_WORDS, _NOUNS = ("good", "fine", "great", "bad", "dull"), ("film", "show", "play")


def _data() -> tuple[list[str], list[str]]:
    """25 texts of two classes, none twice, as train_classifier's example has them."""
    texts = [f"a {w} {n}{k}" for n in _NOUNS for k in ("", "!") for w in _WORDS][:25]
    return texts, ["pos", "pos", "pos", "neg", "neg"] * 5


def _tiny() -> Any:
    from lstmkit.text import SentimentConfig

    return SentimentConfig(embed_dim=4, hidden_size=4, epochs=1, batch_size=4, progress=False)


# ---- one text given two labels ---------------------------------------------------------------

_AT_ODDS = (
    "No label can be right for both copies, and each trains against the other; correct the "
    "wrong labels or drop the copies."
)


@pytest.mark.filterwarnings("ignore:.* training texts? too")  # the copies split apart
def test_a_text_given_two_labels_is_told_by_its_places() -> None:
    # the same text labelled 'pos' at one place and 'neg' at another trained with nothing said
    import pandas as pd

    from lstmkit.text import train_classifier

    texts, labels = _data()
    texts[7], labels[7] = "A good  film", "neg"  # texts[0] 'a good film', token for token
    with pytest.warns(UserWarning, match="given different labels") as seen:
        train_classifier(texts, labels, _tiny())
    said = [str(w.message) for w in seen if "different labels" in str(w.message)]
    assert said == [
        "1 text is given different labels, token for token the same: 'a good film' as "
        f"`texts[0]` ('pos') and `texts[7]` ('neg'). {_AT_ODDS}"
    ]
    # a Series with an index of its own by position, as its refusals name its texts
    with pytest.warns(UserWarning, match="given different labels") as seen:
        train_classifier(pd.Series(texts, index=range(100, 125)), labels, _tiny())
    said = [str(w.message) for w in seen if "different labels" in str(w.message)]
    assert said == [
        "1 text is given different labels, token for token the same: 'a good film' as "
        f"`texts.iloc[0]` ('pos') and `texts.iloc[7]` ('neg'). {_AT_ODDS}"
    ]
    # the same text with the same label is no conflict (its copies are told apart already)
    labels[7] = "pos"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        train_classifier(texts, labels, _tiny())
    assert not [w for w in caught if "different labels" in str(w.message)]


@pytest.mark.filterwarnings("default:.*given different labels")  # shown by the CLI
@pytest.mark.filterwarnings("default:.* training texts? too")
def test_the_command_line_names_a_text_given_two_labels_by_its_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts, labels = _data()
    texts[7], labels[7] = "a good film", "neg"
    path = tmp_path / "reviews.csv"
    rows = [f"{t},{y}" for t, y in zip(texts, labels, strict=True)]
    path.write_text("review,rating\n" + "\n".join([*rows[:3], "", *rows[3:]]) + "\n", "utf-8")
    argv = ["text", "train", "--csv", str(path), "--text-col", "review", "--label-col"]
    argv += ["rating", "--epochs", "1", "--embed-dim", "4", "--hidden-size", "4"]
    assert main([*argv, "--out", str(tmp_path / "m"), "--no-progress"]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "different labels" in line]
    # rows counted from 1 below the header, the blank line too; said once, not also by the
    # positions of the lists train_classifier is given
    assert said == [
        "warning: 1 text is given different labels, token for token the same: 'a good film' "
        f"as row 1 ('pos') and row 9 ('neg') in {str(path)!r} (rows counted from 1 below the "
        f"header). {_AT_ODDS}"
    ]


# ---- class_figures reads labels as training read them ----------------------------------------


def test_class_figures_takes_a_label_with_spaces_around_it_as_training_does(
    amplifying_predictor: Any,
) -> None:
    # train_classifier trains " pos" as "pos"; class_figures refused "positive " as no class
    from lstmkit.text.sentiment import class_figures

    predictor = amplifying_predictor()
    texts = ["word", "the the"]
    assert predictor.class_figures(texts, ["positive ", " negative"]) == (
        predictor.class_figures(texts, ["positive", "negative"])
    )
    assert predictor.class_figures(texts, ["positive ", " negative"])["accuracy"] == 1.0
    ids = [predictor.vocab.encode(predictor.tokens(t)) for t in texts]
    figures = class_figures(predictor.model, ids, [" positive", "negative "], predictor.labels)
    assert figures["confusion"] == [[1, 0], [0, 1]]
    # a slip is named without the spaces, with its guess; a blank label as missing (revlefttext36)
    with pytest.raises(ValueError) as err:
        predictor.class_figures(texts, ["Positive ", "  "])
    assert str(err.value) == (
        "`labels` must be class indices in [0, 2) or class names ('negative', 'positive'), got "
        "'Positive' (did you mean 'positive'?) at position 0. `labels` must hold a label for "
        "every text, got a missing label: '  ' at position 1 (positions counted from 0): drop "
        "those texts and labels first."
    )


# ---- training.png's legend ----------------------------------------------------------------


def test_the_dev_accuracy_plots_legend_hides_no_check() -> None:
    # inside at "best", the legend lay on the checks at 1.0 along the axis' top
    from lstmkit.train import plot_checks

    curve = [(1, 0.5), (2, 0.5), (3, 0.75), (4, 1.0)] + [(k, 1.0) for k in range(5, 21)]
    fig = plot_checks([curve], ylabel="dev accuracy", higher_is_better=True, limits=(0, 1))
    fig.canvas.draw()
    ax = fig.axes[0]
    legend, box = ax.get_legend(), ax.get_window_extent()
    assert [t.get_text() for t in legend.get_texts()] == ["dev accuracy", "best check (kept)"]
    assert legend.get_window_extent().x0 >= box.x1  # beside the axes
    line = ax.get_lines()[0]
    points = ax.transData.transform(list(zip(line.get_xdata(), line.get_ydata(), strict=True)))
    assert all(box.x0 <= x <= box.x1 + 1 for x, _ in points)  # every check inside the axes


# ---- one form of warning on a command's stderr ------------------------------------------------


@pytest.mark.filterwarnings("default:.*given different labels")  # shown by the CLI
@pytest.mark.filterwarnings("default:.* training texts? too")
def test_text_train_says_its_warnings_and_its_logged_ones_alike(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # "warning: ..." (warnings.warn) stood beside "WARNING ..." (logging: one step an epoch)
    import logging

    texts, labels = _data()
    texts[7], labels[7] = "a good film", "neg"
    path = tmp_path / "reviews.csv"
    rows = [f"{t},{y}" for t, y in zip(texts, labels, strict=True)]
    path.write_text("review,rating\n" + "\n".join(rows) + "\n", "utf-8")
    # the command's own handler, as on a terminal (pytest's on the root logger kept it out)
    monkeypatch.setattr(logging.getLogger(), "handlers", [])
    argv = ["text", "train", "--csv", str(path), "--text-col", "review", "--label-col"]
    argv += ["rating", "--epochs", "1", "--embed-dim", "4", "--hidden-size", "4"]
    assert main([*argv, "--out", str(tmp_path / "m"), "--no-progress"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line.split(" ", 2)[:2] for line in err] == [
        ["warning:", "1"],  # text is given different labels
        ["warning:", "1"],  # of the 2 test texts is a training text too
        ["warning:", "21"],  # training examples make 1 step an epoch
    ], err
    assert err[2].startswith("warning: 21 training examples make 1 step an epoch")


# ---- pandas' other missing values ------------------------------------------------------------


def test_na_and_none_of_a_pandas_column_are_told_with_the_fix_as_nan_is() -> None:
    # a `string` (or pyarrow) column's blank rows are pd.NA, refused as "NAType <NA>" with no
    # word of the dropna that NaN's refusal gives; None in an object column the same
    import io

    import pandas as pd

    from lstmkit.text import train_classifier

    drop = (
        "drop those rows first, `df = df.dropna(subset=['review', 'sentiment'])`, or read the "
        "file with `read_labelled_csv`, which skips blank rows "
        "and names the row of a text or label left empty)."
    )
    csv = "review,sentiment\na fine film,pos\n,\na dull film,neg\nok film,\n"
    df = pd.read_csv(io.StringIO(csv), dtype="string")
    with pytest.raises(TypeError) as err:
        train_classifier(df["review"], df["sentiment"])
    assert str(err.value) == (
        "`texts` must hold str only, got `texts[1]` NAType <NA>. `labels` must hold str only, "
        "got `labels[1]` NAType <NA>, `labels[3]` NAType <NA> (<NA> is how pandas reads an "
        "empty cell: " + drop
    )
    texts = pd.Series(["a fine film", None, "a dull film"], dtype=object, name="review")
    labels = pd.Series(["pos", "neg", "neg"], name="sentiment")
    with pytest.raises(TypeError) as err:
        train_classifier(texts, labels)
    assert str(err.value) == (
        "`texts` must hold str only, got `texts[1]` None (None is a missing value to pandas: "
        + drop
    )
    # a list's None is no pandas cell: no word of dropna
    with pytest.raises(TypeError) as err:
        train_classifier(["a fine film", None, "a dull film"], ["pos", "neg", "neg"])
    assert str(err.value) == "`texts` must hold str only, got `texts[1]` None."
