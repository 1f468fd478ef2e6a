"""Defects found reviewing qa10 (explaining forecasts as a fresh user meets it), each pinned by
the test that found it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 2, "calendar": False}
WEEKS = pd.date_range("2024-01-07", periods=42, freq="W-SUN")


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> tuple:
    """A direct model of weekly sales with a planned promotion, saved, and its file: 40 weeks
    of sales, then 2 planned weeks of promotion."""
    folder = tmp_path_factory.mktemp("planned")
    promo = (np.arange(42) % 5 == 0).astype(float)
    sales = pd.Series(100 + np.sin(np.arange(42) / 3) * 10 + 5 * promo, index=WEEKS)
    plan = pd.DataFrame({"promo": promo}, index=WEEKS)
    Forecaster(ForecasterConfig(horizon=2, **TINY)).fit(sales[:40], future_covariates=plan).save(
        folder / "model"
    )
    frame = pd.DataFrame({"week": WEEKS.strftime("%Y-%m-%d"), "sales": sales.to_numpy()})
    frame["promo"] = promo
    frame.loc[40:, "sales"] = np.nan
    return folder, frame


def test_fill_note_names_the_future_covariates_it_made_up(planned, capsys) -> None:
    # the note named the target's and past covariates' made-up values alone: a planned
    # promotion's gap inside the window (its values are read from the future covariates) and
    # one at a forecast step the explanation reads were filled with nothing said
    from lstmkit.cli import main

    folder, frame = planned
    frame = frame.copy()
    frame.loc[[38, 40], "promo"] = np.nan  # lag 2 of the window, and forecast step 1
    frame.loc[37, "sales"] = np.nan  # lag 3
    frame.to_csv(folder / "gaps.csv", index=False)
    argv = ["explain", str(folder / "model"), "--csv", str(folder / "gaps.csv"), "--json"]
    assert main([*argv, "--method", "gradxinput", "--step", "1", "--fill", "ffill"]) == 0
    assert capsys.readouterr().err == (
        "note: --fill ffill made up 2 of the explained window's values (sales at 2024-09-22; "
        "promo at 2024-09-29) and 1 of the future covariates' values at the explained forecast "
        "steps (promo at 2024-10-13); their relevance is that of the filled values.\n"
    )
    frame.loc[[37, 38]] = planned[1].loc[[37, 38]]  # the plan's gap alone
    frame.to_csv(folder / "gaps.csv", index=False)
    assert main([*argv, "--method", "gradxinput", "--step", "1", "--fill", "zero"]) == 0
    assert capsys.readouterr().err == (
        "note: --fill zero made up 1 of the future covariates' values at the explained "
        "forecast steps (promo at 2024-10-13); their relevance is that of the filled values.\n"
    )


def test_a_series_without_its_covariates_is_told_where_they_go() -> None:
    # explain_forecast(fc, series=df["sales"]) and fc.predict(series=...) of a model fitted
    # with covariates= said "(['sales', 'cov:temp']), got 1": an internal name, and nothing of
    # covariates=; the advice given now works both ways
    from lstmkit.explain import explain_forecast

    sales = pd.Series(100 + np.sin(np.arange(40) / 3) * 10, index=WEEKS[:40], name="sales")
    temp = pd.Series(np.cos(np.arange(40)), index=WEEKS[:40], name="temp")
    fc = Forecaster(ForecasterConfig(horizon=2, **TINY)).fit(sales, covariates=temp)
    expected = (
        "`series` must have 2 columns like the training data (['sales', 'temp']), got 1; its "
        "covariates ['temp'] come with `covariates=` (or as more columns of a DataFrame "
        "`series`)."
    )
    for call in (lambda: explain_forecast(fc, series=sales), lambda: fc.predict(series=sales)):
        with pytest.raises(ValueError) as caught:
            call()
        assert str(caught.value) == expected
    both = pd.concat([sales, temp], axis=1)
    assert explain_forecast(fc, series=sales, covariates=temp).features == ["sales", "temp"]
    np.testing.assert_allclose(
        fc.predict(series=both).to_numpy(), fc.predict(series=sales, covariates=temp).to_numpy()
    )
    with pytest.raises(ValueError) as caught:  # more columns than it had: no such advice
        fc.predict(series=both, covariates=temp)
    assert str(caught.value) == (
        "`series` must have 2 columns like the training data (['sales', 'temp']), got 3."
    )


def test_the_seq2seq_figure_label_stays_inside_the_figure() -> None:
    # relevance.png of a seq2seq forecast with a long decoder input name: the x label, one
    # line of 95 characters centred under the heatmap, ran past the figure's right edge
    # ("... decoder inpu")
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from lstmkit.explain.render import plot_lags

    name = "price_level_of_the_competitor"
    fig = plot_lags(
        np.arange(8.0),
        np.ones((8, 2)),
        features=["load", name],
        future=np.ones((3, 2)),
        future_features=["constant", name],
    )
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    label = fig.axes[1].xaxis.label
    box = label.get_window_extent(canvas.get_renderer())
    assert 0 <= box.x0 and box.x1 <= fig.bbox.width, (box.x0, box.x1, fig.bbox.width)
    assert label.get_text().splitlines() == [
        "−lag (−1: the window's last step, the forecast origin)",
        "+k: forecast step k's decoder inputs",
    ]


@pytest.mark.parametrize(
    ("step", "error", "shown"),
    [
        ("1", TypeError, "'1'"),
        (1.0, TypeError, "1.0 (a whole number as a float: pass int(x))"),
        # gate20: a bool is told what a step is
        (
            True,
            TypeError,
            "bool True: `step` is the index of the forecast step explained (step=1 the second "
            "ahead), not a switch",
        ),
        (np.float64(1.0), TypeError, "np.float64(1.0) (a whole number as a float: pass int(x))"),
        (2, ValueError, "2"),
        (-1, ValueError, "-1"),
    ],
)
def test_a_step_of_another_type_is_a_type_error(step, error, shown) -> None:
    # explain_forecast(fc, step="1") raised ValueError, while lrp's and explain's `target` of
    # a wrong type ("1", 1.0, True) raise TypeError: a step out of range alone is a ValueError
    from lstmkit.explain import explain_forecast

    sales = pd.Series(np.sin(np.arange(40) / 3), index=WEEKS[:40], name="sales")
    fc = Forecaster(ForecasterConfig(horizon=2, **TINY)).fit(sales)
    with pytest.raises(error) as caught:
        explain_forecast(fc, step=step)
    assert type(caught.value) is error
    why = ""  # revxp17: out of range, the message says why, as lrp's `target` does
    if error is ValueError:
        back = "; a negative step does not count from the end" if shown == "-1" else ""
        why = f" (the forecaster's horizon is 2, step 0 the next one{back})"
    assert str(caught.value) == f"`step` must be an integer in [0, 2){why}, got {shown}."
    assert explain_forecast(fc, step=np.int64(1)).step == 1


def test_a_predictor_where_a_module_goes_is_told_its_network() -> None:
    # qa10 named a Forecaster's networks; a SentimentPredictor (or a training's result), which
    # keeps its network in `.model`, was still refused as "got SentimentPredictor." alone
    import torch

    import lstmkit
    from lstmkit.explain import lrp
    from lstmkit.text import SentimentPredictor
    from lstmkit.text.classifier import TextClassifier
    from lstmkit.text.vocab import Vocabulary

    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film", "a bad film"])
    model = TextClassifier(vocab_size=len(vocab), embed_dim=3, hidden_size=2, num_classes=2)
    predictor = SentimentPredictor(model, vocab, ("negative", "positive"))
    said = (
        "`model` must be a torch.nn.Module, got SentimentPredictor: its network is its "
        "`.model`, a TextClassifier; pass that."
    )
    tokens = torch.tensor([vocab.encode("a good film")])
    for call in (
        lambda m: lstmkit.trace(m).__enter__(),
        lambda m: lstmkit.summary(m, input=tokens),
        lambda m: lrp(m, tokens, 1),
    ):
        with pytest.raises(TypeError) as caught:
            call(predictor)
        assert str(caught.value) == said
    with lstmkit.trace(predictor.model) as tr:  # the advice works
        predictor.predict("a good film")
    assert list(tr) == ["rnn/l0", "rnn/l0_reverse"]  # bidirectional by default
    assert lrp(predictor.model, tokens, 1).relevance.shape == (1, 3)


def test_fill_note_labels_an_hourly_midnight_as_the_lag_lines_do(tmp_path, capsys) -> None:
    # an hourly window's filled midnight was named "2020-01-03" in the note, beside
    # "2020-01-03 01:00:00" and a lag line that says "2020-01-03 00:00:00"
    import json

    from lstmkit.cli import main

    hours = pd.date_range("2020-01-01 12:00", periods=40, freq="h")
    y = pd.Series(100 + 10 * np.sin(np.arange(40) / 3), index=hours, name="y")
    Forecaster(ForecasterConfig(horizon=2, **TINY)).fit(y).save(tmp_path / "model")
    frame = pd.DataFrame({"t": hours.strftime("%Y-%m-%d %H:%M"), "y": y.to_numpy()})
    frame.loc[[36, 37], "y"] = np.nan  # 2020-01-03 00:00 and 01:00, in the window of 4
    frame.loc[30, "y"] = np.nan  # 2020-01-02 18:00, before it
    frame.to_csv(tmp_path / "hours.csv", index=False)
    argv = ["explain", str(tmp_path / "model"), "--csv", str(tmp_path / "hours.csv"), "--json"]
    assert main([*argv, "--fill", "interpolate"]) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        "note: --fill interpolate made up 2 of the explained window's values (y at "
        "2020-01-03 00:00:00, 2020-01-03 01:00:00); their relevance is that of the filled "
        "values.\n"
    )
    lags = [row["time"] for row in json.loads(captured.out)["relevance"]]
    assert lags[:2] == ["2020-01-03T00:00:00", "2020-01-03T01:00:00"]  # lags 4 and 3, ISO


@pytest.mark.parametrize(
    ("difference", "said"),
    [
        (
            1,
            "1 of the 'sales' values before the window (2024-09-08), which the difference of "
            "lag 4 reads",
        ),
        (
            2,
            "2 of the 'sales' values before the window (2024-09-01, 2024-09-08), which the "
            "differences of lags 4 and 3 read",
        ),
    ],
)
def test_fill_note_of_a_differenced_model_says_which_lag_reads_a_point_before_the_window(
    tmp_path, capsys, difference, said
) -> None:
    # with --difference 1 a filled target point before the window was named among "the
    # explained window's values" at a date no lag line has, and a covariate's filled point
    # there, which the network never reads (covariates are not differenced), was named too
    from lstmkit.cli import main

    sales = pd.Series(100 + np.sin(np.arange(40) / 3) * 10, index=WEEKS[:40], name="sales")
    temp = pd.Series(np.cos(np.arange(40)), index=WEEKS[:40], name="temp")
    cfg = ForecasterConfig(horizon=2, difference=difference, **TINY)
    Forecaster(cfg).fit(sales, covariates=temp).save(tmp_path / "model")
    frame = pd.DataFrame({"week": WEEKS[:40].strftime("%Y-%m-%d"), "sales": sales.to_numpy()})
    frame["temp"] = temp.to_numpy()
    frame.loc[[33, 34, 35], "sales"] = np.nan  # 2024-08-25, 09-01, 09-08; the window: 09-15 on
    frame.loc[[34, 35], "temp"] = np.nan
    frame.to_csv(tmp_path / "gaps.csv", index=False)
    argv = ["explain", str(tmp_path / "model"), "--csv", str(tmp_path / "gaps.csv"), "--json"]
    assert main([*argv, "--fill", "interpolate"]) == 0
    assert capsys.readouterr().err == (
        f"note: --fill interpolate made up {said}; their relevance is that of the filled values.\n"
    )
