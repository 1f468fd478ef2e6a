"""Explanations and documentation leftovers (xd15): ``compare(steps=K)`` past the longest
sequence; heatmap row names cut alike, or cut into mathtext; refusals of a numpy column name,
a percentage given as text, a scaler range of the wrong type and a DataFrame for a flag."""

import json
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
import pytest
import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg

from lstmkit.cli import main
from lstmkit.explain import compare
from lstmkit.text import TextClassifier

_TOKENS = torch.tensor([[5, 17, 3, 42, 9], [7, 8, 11, 0, 0]])
_LENGTHS = torch.tensor([5, 3])


@pytest.fixture
def classifier() -> TextClassifier:
    torch.manual_seed(0)
    return TextClassifier(vocab_size=50, embed_dim=8, hidden_size=6, num_classes=2).double().eval()


def test_compare_past_the_longest_sequence_ends_at_its_last_deletion(
    classifier: TextClassifier,
) -> None:
    """steps=20 on sequences of 5 and 3 tokens: the table said "score after 1 / 3 / 5 / 20
    deletions" of a flat tail, and the AOPC (0.0466) was pulled towards the score of nothing
    left, unlike steps=5's (0.0491). The curves now end after 5, the AOPC is steps=5's, and the
    table and the figure say steps=20 was asked."""
    methods = ["lrp", "random"]
    asked = compare(classifier, _TOKENS, lengths=_LENGTHS, methods=methods, steps=20)
    five = compare(classifier, _TOKENS, lengths=_LENGTHS, methods=methods, steps=5)
    assert five.steps_asked is None and asked.steps_asked == 20
    assert {m: c.shape for m, c in asked.curves.items()} == {m: (6,) for m in methods}
    assert asked.aopc == five.aopc
    assert asked.aopc["lrp"] == pytest.approx(0.04911895897466454, abs=1e-12)
    lines = asked.table().splitlines()
    assert lines[0] == "| method | AOPC | ± s.e. | score after 1 / 3 / 5 deletions |"
    assert lines[:-2] == five.table().splitlines()
    assert lines[-2:] == [
        "",
        "steps=20 asked, but the longest sequence has 5 steps to delete: the curves end after 5.",
    ]
    xlabel = asked.plot().axes[0].get_xlabel()
    assert xlabel == (
        "steps deleted, most relevant first (k)\n(steps=20 asked; the longest sequence has 5)"
    )
    assert five.plot().axes[0].get_xlabel() == "steps deleted, most relevant first (k)"
    # without lengths, the T = 5 steps of the batch are the limit
    whole = compare(classifier, _TOKENS, methods=["lrp"], steps=6)
    assert whole.steps_asked == 6 and whole.curves["lrp"].shape == (6,)
    exact = compare(classifier, _TOKENS, methods=["lrp"], steps=5)
    assert exact.steps_asked is None and exact.table() == whole.table().rsplit("\n\n", 1)[0]


DEJAVU = {"font.family": ["sans-serif"], "font.sans-serif": ["DejaVu Sans"]}
# two names of one beginning (30 columns) and end (29): the lag heatmap's cut drew them alike
_NORTH = "average_daily_temperature_at_the_northern_station_number_12_in_degrees_celsius"
_SOUTH = _NORTH.replace("northern", "southern")


def _row_names(fig) -> list[str]:
    FigureCanvasAgg(fig).draw()  # a name matplotlib cannot parse fails here
    return [t.get_text() for t in fig.axes[1].get_yticklabels()]


def _lags(names: list[str]):
    from lstmkit.explain.render import plot_lags

    rel = np.linspace(-1, 1, 6 * len(names)).reshape(6, len(names))
    return plot_lags(np.arange(6.0), rel, features=names)


def test_heatmap_rows_cut_alike_are_numbered() -> None:
    """Two 80-character names that differ in the middle were both drawn
    "average_daily_temperature_at_t…station_number_12_in_degrees_celsius"; they are now
    numbered in their order, within the 60 columns (28 and 27 around "…", then the number),
    and a name cut unlike any other is not."""
    assert _NORTH[:30] + "…" + _NORTH[-29:] == _SOUTH[:30] + "…" + _SOUTH[-29:]
    other = "x" * 70
    drawn = _row_names(_lags([_NORTH, "load", _SOUTH, other, _NORTH]))
    assert drawn == [
        "average_daily_temperature_at…umber_12_in_degrees_celsius (1)",
        "load",
        "average_daily_temperature_at…umber_12_in_degrees_celsius (2)",
        "x" * 30 + "…" + "x" * 29,
        "average_daily_temperature_at…umber_12_in_degrees_celsius (1)",
    ]
    assert max(map(len, drawn)) == 60


def test_a_cut_that_breaks_a_formula_is_drawn_as_written() -> None:
    """A formula cut in its middle failed the figure ("Unknown symbol: \\alph"); a name of
    three `$` cut to two is drawn as written (as before); a formula kept whole in the cut
    stays mathtext, as in a short name."""
    broken = "$" + "\\alpha" * 20 + "$"
    three = "$" + "a" * 40 + "$" + "b" * 40 + "$"
    whole = "q" * 70 + "$\\alpha$"
    drawn = _row_names(_lags([broken, three, whole, "$x_t$"]))
    assert drawn == [
        "\\$" + "\\alpha" * 4 + "\\alph…lpha" + "\\alpha" * 4 + "\\$",
        "\\$" + "a" * 29 + "…" + "b" * 28 + "\\$",
        "q" * 30 + "…" + "q" * 21 + "$\\alpha$",
        "$x_t$",
    ]


def test_an_escape_inside_a_formula_is_drawn_as_written() -> None:
    """A row name "$电$" (no font has 电) was escaped inside its formula and failed the figure
    ("Unknown symbol: \\u"); it is drawn as the warning says, the escape as written."""
    with matplotlib.rc_context(DEJAVU):
        with pytest.warns(UserWarning, match=r"^`features` hold 1 character that no font"):
            fig = _lags(["$电$", "$x$", "y"])
        assert _row_names(fig) == ["\\$\\u7535\\$", "$x$", "y"]
    # the window's axis label alike
    from lstmkit.explain.render import plot_lags

    with matplotlib.rc_context(DEJAVU):
        with pytest.warns(UserWarning, match=r"^`window_label` holds 1 character"):
            fig = plot_lags(np.arange(6.0), np.linspace(-1, 1, 6), window_label="$电$")
        FigureCanvasAgg(fig).draw()
    assert fig.axes[0].get_ylabel() == "\\$\\u7535\\$"


def test_lstmkit_explain_numbers_covariates_cut_alike_and_draws_dollars_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """relevance.png of two such covariates named both rows alike; a column of three `$` cut
    to two is drawn as written (its `$` escaped), not as mathtext."""
    import lstmkit.explain._lag_plot as lag_plot

    drawn: list[list[str]] = []
    save = lag_plot.save_figure

    def keep(fig, path, **kwargs) -> None:
        drawn.append([t.get_text() for t in fig.axes[1].get_yticklabels()])
        save(fig, path, **kwargs)

    monkeypatch.setattr(lag_plot, "save_figure", keep)
    rng = np.random.default_rng(0)
    dollars = "$" + "x" * 40 + "$" + "y" * 40 + "$"
    frame = pd.DataFrame({"day": pd.date_range("2020-01-01", periods=40, freq="D")})
    for name in ("y", _NORTH, _SOUTH, dollars):
        frame[name] = rng.normal(size=40).cumsum()
    frame.to_csv(tmp_path / "cov.csv", index=False)
    quick = [
        *("--ensemble", "1", "--epochs", "1", "--lookback", "4", "--season-length", "1"),
        *("--no-calendar", "--anchor", "level", "--hidden-size", "4", "--no-early-stopping"),
        *("--no-refit", "--interval", "0", "--transform", "none", "--no-stat-baselines"),
    ]
    run = str(tmp_path / "run")
    argv = ["forecast", "--csv", str(tmp_path / "cov.csv"), "--date-col", "day"]
    argv += ["--value-col", "y", "--covariate-cols", _NORTH, _SOUTH, dollars, *quick]
    assert main([*argv, "--horizon", "2", "--out", run, "--json"]) == 0
    assert main(["explain", run, "--out", str(tmp_path / "why"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.splitlines()[-1])["written"][0].endswith(".png")
    assert drawn == [
        [
            "y",
            "average_daily_temperature_at…umber_12_in_degrees_celsius (1)",
            "average_daily_temperature_at…umber_12_in_degrees_celsius (2)",
            "\\$" + "x" * 28 + "…" + "y" * 27 + "\\$",  # 30 and 29 columns, `\\$` two
        ]
    ]


def test_target_col_hint_names_a_numpy_string_column_as_a_string() -> None:
    """np.str_("b") (a name read from a numpy array): the hint said "whose column np.str_('b')"."""
    from lstmkit.data import make_windows

    frame = pd.DataFrame({"a": np.arange(30.0), "b": np.arange(30.0)})
    with pytest.raises(ValueError) as caught:
        make_windows(frame, 3, 1, target_col=np.str_("b"))
    assert str(caught.value) == (
        "`target_col` must be a column's position in `values` (0 to 1), got np.str_('b'); "
        "`values` is a DataFrame whose column 'b' is target_col=1 (a position)."
    )


def test_a_fraction_given_as_a_percentage_is_told_the_number() -> None:
    """ "20%" for a test or validation fraction, "150%" for an interval or a fraction, had no
    hint; "90%" for an interval had one."""
    from lstmkit.data import split_windows, time_split
    from lstmkit.forecast import ForecasterConfig
    from lstmkit.text import TextClassifier
    from lstmkit.text._configs import CharLMConfig
    from lstmkit.text.charlm import split_text

    fraction = "must be a count (int) or a fraction (float in [0, 1)), got"
    cases = [
        (
            lambda: time_split(100, test="20%"),
            f"`test` {fraction} '20%' (a number, not text: 0.2 for 20 %).",
        ),
        (lambda: time_split(100, test="12"), f"`test` {fraction} '12' (a number, not text: 12)."),
        (
            lambda: split_windows(np.arange(50.0), 4, 1, val="150%"),
            f"`val` {fraction} '150%' (a number, not text: 150 % would be 1.5, outside [0, 1)).",
        ),
        (
            lambda: ForecasterConfig(interval="150%"),
            "`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got "
            "'150%' (a number, not text: 150 % would be 1.5, outside (0, 1)).",
        ),
        (
            lambda: ForecasterConfig(dropout="20%"),
            "`dropout` must be a number in [0, 1), got '20%' (a number, not text: 0.2 for 20 %).",
        ),
        (
            lambda: CharLMConfig(val_fraction="0,1"),
            "`val_fraction` must be a number in (0, 1), got '0,1' (a number with a decimal "
            "point, not text: 0.1).",
        ),
        (
            lambda: CharLMConfig(val_fraction=10),
            "`val_fraction` must be a number in (0, 1), got 10 (a fraction: 0.1 for 10 %).",
        ),
        (
            lambda: split_text("abc" * 10, "200%"),
            "`val_fraction` must be a number in [0, 1], got '200%' (a number, not text: 200 % "
            "would be 2, outside [0, 1]).",
        ),
        (
            lambda: TextClassifier(
                vocab_size=5, embed_dim=2, hidden_size=2, num_classes=2, dropout="30%"
            ),
            "`dropout` must be a number in [0, 1), got '30%' (a number, not text: 0.3 for 30 %).",
        ),
    ]
    for call, message in cases:
        with pytest.raises((TypeError, ValueError)) as caught:
            call()
        assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


def test_lstmkit_forecast_tells_a_percentage_given_to_interval_or_holdout(
    flags_refusal, interval_refusal
) -> None:
    """--interval 150% had no hint (90% had); --holdout 10% was argparse's "invalid int value".
    (revser15 refuses every --interval in one shape, after the flags parse.)"""
    err = interval_refusal(["forecast", "airline", "--interval", "150%"])
    assert err == (
        "error: --interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, "
        "got '150%' (150 % would be 1.5, outside (0, 1)).\n"
    )
    err = flags_refusal(["forecast", "airline", "--holdout", "10%"])
    assert err.splitlines()[-1] == (
        "error: --holdout must be an integer, got '10%' (a count of points, not a percentage)."
    )


def test_min_max_scaler_refuses_a_range_of_the_wrong_type_with_a_type_error() -> None:
    """'01', 1 and ('a', 'b') were ValueErrors, where the other type refusals are TypeErrors."""
    from lstmkit.data import MinMaxScaler

    head = "`feature_range` must be two finite numbers (min, max) with min < max, got "
    for wrong in ("01", 1, ("a", "b"), None):
        with pytest.raises(TypeError) as caught:
            MinMaxScaler(wrong)  # type: ignore[arg-type]
        assert str(caught.value) == f"{head}{wrong!r}."
    for bad in ((1, 0), (0, 1, 2)):
        with pytest.raises(ValueError, match=r"got \((1, 0|0, 1, 2)\)\.$"):
            MinMaxScaler(bad)  # type: ignore[arg-type]
    assert MinMaxScaler(np.array([-1.0, 1.0])).feature_range == (-1.0, 1.0)


def test_a_dataframe_given_for_a_flag_is_named_on_one_line() -> None:
    """Its repr, four lines of values, sat inside the one-line message; calendar= and
    bidirectional= failed with pandas' "The truth value of a DataFrame is ambiguous"."""
    from lstmkit.forecast import ForecasterConfig
    from lstmkit.text import TextClassifier

    frame = pd.DataFrame({"a": [1, 2, 3], "b": [4.0, 5.0, 6.0]})
    shown = "a DataFrame of shape (3, 2), columns ['a', 'b']"
    for flag, expected in [
        ("refit", "True or False"),
        ("calendar", "True, False or 'season'"),
        ("bidirectional", "True or False"),
        ("progress", "True, False or None"),
    ]:
        with pytest.raises(ValueError) as caught:
            ForecasterConfig(**{flag: frame})
        assert str(caught.value) == f"`{flag}` must be {expected}, got {shown}."
    with pytest.raises(TypeError) as caught:  # no str, so no choice (a ValueError too)
        TextClassifier(vocab_size=5, embed_dim=2, hidden_size=2, num_classes=2, readout=frame)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == (
        f"`readout` must be a str, one of ('last', 'max', 'mean'), got {shown}."
    )
    from lstmkit._checks import typed_repr, value_repr

    wide = pd.DataFrame(np.zeros((2, 7)), columns=[f"c{k}" for k in range(7)])
    assert value_repr(wide) == (
        "a DataFrame of shape (2, 7), columns ['c0', 'c1', 'c2', 'c3', 'c4', ...]"
    )
    assert typed_repr(pd.Series([1.0], name="y")) == "a Series of 1 value, name 'y'"
