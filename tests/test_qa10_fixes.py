"""Defects an analyst met explaining forecasts of their own data (``lstmkit explain`` on a
forecaster, ``explain_forecast``, gate traces of its networks), each pinned by the test that
found it."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
import torch

import lstmkit
from lstmkit.explain import explain, explain_forecast, lrp
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 2, "calendar": False}


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    """A tiny Forecaster on 40 weekly points of a sales column."""
    index = pd.date_range("2024-01-07", periods=40, freq="W-SUN")
    sales = pd.Series(100 + np.sin(np.arange(40) / 3) * 10, index=index, name="sales")
    return Forecaster(ForecasterConfig(horizon=2, **TINY)).fit(sales)


EXPLAIN = (
    "`model` must be a torch.nn.Module, got Forecaster: explain its forecast with "
    "lstmkit.explain.explain_forecast(fc), the relevance of each lag and covariate over its "
    "ensemble (its networks are `fc.members_`)."
)
TRACE = (
    "`model` must be a torch.nn.Module, got Forecaster: its networks are `members_`, one "
    "ForecastNet per ensemble member; trace them around a forecast, "
    "`with lstmkit.trace(fc.members_) as tr: fc.predict()`"
)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda fc: lrp(fc, torch.zeros(1, 4, 1)), EXPLAIN),
        (lambda fc: explain(fc, torch.zeros(1, 4, 1), 0, method="gradxinput"), EXPLAIN),
        (lambda fc: lstmkit.trace(fc).__enter__(), TRACE + "."),
        (
            lambda fc: lstmkit.summary(fc),
            "`model` must be a torch.nn.Module, got Forecaster: its networks are `members_`, "
            "one ForecastNet per ensemble member: `lstmkit.summary(fc.members_[0])` shows one.",
        ),
    ],
)
def test_a_forecaster_where_a_module_goes_is_told_its_networks(fitted, call, message) -> None:
    # was "`model` must be a torch.nn.Module, got Forecaster." (trace, summary), and for the
    # explanations "... the explanations read its layers (its embedding; ...)": neither named
    # explain_forecast nor where the Forecaster keeps its networks
    with pytest.raises(TypeError) as caught:
        call(fitted)
    assert str(caught.value) == message


def test_the_advice_to_trace_members_works_and_an_unfitted_one_is_told_to_fit(fitted) -> None:
    with lstmkit.trace(fitted.members_) as tr:
        fitted.predict()
    assert list(tr) == ["0/encoder/l0"]
    assert tuple(tr["0/encoder/l0"]["f"].shape) == (1, 4, 2)  # one window of 4 lags, 2 units
    with pytest.raises(TypeError) as caught:
        lstmkit.trace(Forecaster()).__enter__()
    assert str(caught.value) == (
        TRACE + ", once it is fitted (its `members_` are None before `fit`)."
    )
    with pytest.raises(TypeError, match=r"builtin_function_or_method: the explanations read"):
        lrp(len, torch.zeros(1, 4, 1))  # anything else: as before


def test_each_decoder_step_line_breaks_its_relevance_down_by_input(tmp_path, capsys) -> None:
    # a seq2seq model's step lines gave one number each (`step  1  2024-10-13  +0.2551`): the
    # planned promotion's share of it, which README says explain lists by its name, was in
    # decoder_relevance.csv and --json only, while every lag line is broken down by feature
    from lstmkit.cli import main
    from lstmkit.cli.explain import _num

    index = pd.date_range("2024-01-07", periods=42, freq="W-SUN")
    promo = (np.arange(42) % 5 == 0).astype(float)
    sales = pd.Series(100 + np.sin(np.arange(42) / 3) * 10 + 5 * promo, index=index)
    frame = pd.DataFrame({"week": index.strftime("%Y-%m-%d"), "sales": sales.to_numpy()})
    frame["promo"] = promo
    frame.loc[40:, "sales"] = np.nan  # two planned weeks after the last sale
    cfg = ForecasterConfig(horizon=2, strategy="seq2seq", **TINY)
    fitted = Forecaster(cfg).fit(sales[:40], future_covariates=frame[["promo"]].set_index(index))
    fitted.save(tmp_path / "model")
    frame.to_csv(tmp_path / "plan.csv", index=False)
    argv = ["explain", str(tmp_path / "model"), "--csv", str(tmp_path / "plan.csv"), "--step", "1"]
    assert main([*argv, "--json"]) == 0
    decoder = json.loads(capsys.readouterr().out)["decoder_relevance"]
    assert [list(row["features"]) for row in decoder] == [["constant", "promo"]] * 2
    assert main([*argv, "--top", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[3].startswith("decoder inputs of forecast steps 1-2: ")
    assert lines[-1].startswith("relevance in all: lags ")  # lrpcli28: their sum, last
    for line, row in zip(lines[4:-1], decoder, strict=True):
        parts = row["features"]
        assert line.endswith(
            f"  (constant {_num(parts['constant'])}, promo {_num(parts['promo'])})"
        ), line
        assert line.startswith(f"  step  {row['step']}  {row['time']}")


def test_values_fill_made_up_in_the_explained_window_are_named(fitted, tmp_path, capsys) -> None:
    # explain --csv FILE --fill gave its made-up values relevance with nothing to tell them from
    # observed ones (lstmkit forecast notes the filled values it scores against)
    from lstmkit.cli import main

    fitted.save(tmp_path / "model")
    index = pd.date_range("2024-01-07", periods=40, freq="W-SUN")
    frame = pd.DataFrame({"week": index.strftime("%Y-%m-%d"), "sales": np.arange(40.0) + 90})
    frame.loc[[10, 37], "sales"] = np.nan  # one gap long before the window of 4, one inside
    frame.to_csv(tmp_path / "newer.csv", index=False)
    argv = ["explain", str(tmp_path / "model"), "--csv", str(tmp_path / "newer.csv"), "--json"]
    assert main([*argv, "--fill", "ffill"]) == 0
    captured = capsys.readouterr()
    assert captured.err == (
        "note: --fill ffill made up 1 of the explained window's values (sales at 2024-09-22); "
        "their relevance is that of the filled values.\n"
    )
    assert [row["time"] for row in json.loads(captured.out)["relevance"]][1] == "2024-09-22"
    frame.loc[37, "sales"] = 127.0  # the gap before the window alone: no note
    frame.to_csv(tmp_path / "newer.csv", index=False)
    assert main([*argv, "--fill", "ffill"]) == 0
    assert capsys.readouterr().err == ""


def test_explaining_a_forecaster_shows_a_bar_over_its_members(fitted, tmp_path, capsys) -> None:
    # an occlusion of 336 hourly lags by 5 members took a minute with nothing on the screen,
    # and `lstmkit explain FORECASTER --progress` was taken and ignored
    from lstmkit.cli import main

    explain_forecast(fitted, progress=True)
    bar = re.compile(r"explain: +\d+%\|.*\| [01]/1 \[.*member")  # one member, the bar cleared
    assert bar.search(capsys.readouterr().err)
    explain_forecast(fitted)  # None: the config's, drawn on a terminal alone (not pytest's)
    assert capsys.readouterr().err == ""
    shown = Forecaster(ForecasterConfig(horizon=2, progress=True, **TINY))
    shown.fit(pd.Series(np.arange(40.0), index=pd.date_range("2024-01-07", periods=40, freq="W")))
    capsys.readouterr()  # fit's bars
    explain_forecast(shown)  # None: the config's, True here
    assert bar.search(capsys.readouterr().err)
    fitted.save(tmp_path / "model")
    assert main(["explain", str(tmp_path / "model"), "--progress", "--json"]) == 0
    assert bar.search(capsys.readouterr().err)
    with pytest.raises(TypeError) as caught:
        explain_forecast(fitted, progress="yes")
    assert str(caught.value) == "`progress` must be True, False or None, got 'yes'."


def test_a_seq2seq_figure_draws_the_decoder_inputs_right_of_the_window() -> None:
    # relevance.png of a seq2seq forecast drew the window alone: the decoder inputs, which held
    # +0.62 of a network output of 2.01 on a weekly sales model against +0.22 for every lag
    # together (a planned promotion +0.12 of it), were not in the figure at all
    from lstmkit.explain.forecast import ForecastExplanation

    ex = ForecastExplanation(
        per_lag=np.array([0.25, -0.5, 0.125]),
        per_feature=np.array([[0.25, 0.0], [-0.5, 0.0], [0.0, 0.125]]),
        features=["sales", "promo"],
        window=np.array([10.0, 11.0, 12.0]),
        index=["2024-01-07", "2024-01-14", "2024-01-21"],
        score=2.0,
        step=1,
        method="lrp",
        future=np.array([[1.0, 0.5], [0.25, -2.0]]),
        future_features=["constant", "promo"],
        future_index=["2024-01-28", "2024-02-04"],
    )
    _, bottom, _ = ex.plot().axes  # the window, the heatmap, the colour bar
    assert [t.get_text() for t in bottom.get_yticklabels()] == ["sales", "promo", "constant"]
    window, steps = (np.ma.filled(image.get_array(), np.nan) for image in bottom.get_images())
    np.testing.assert_array_equal(
        steps, [[np.nan, np.nan], [0.5, -2.0], [1.0, 0.25]]
    )  # promo shares its row with the window's; constant gets one of its own
    np.testing.assert_array_equal(window[2], [np.nan] * 3)  # no constant in the window
    assert bottom.get_images()[1].get_extent() == [0.5, 2.5, 2.5, -0.5]  # steps 1, 2
    assert bottom.get_xlim() == (-3.5, 2.5)
    assert bottom.get_images()[0].get_clim() == (-2.0, 2.0)  # one scale for both
    assert bottom.get_xlabel() == (
        "−lag (−1: the window's last step, the forecast origin)\n+k: forecast step k's "
        "decoder inputs"  # two lines: tests/test_revqa10_fixes.py
    )


@pytest.mark.parametrize(
    ("method", "label"),
    [("lrp", "relevance (scaled)"), ("sensitivity", "squared gradient (scaled)")],
)
def test_a_forecast_figure_says_its_relevance_is_in_scaled_units(fitted, method, label) -> None:
    # the colour bar said "relevance" beside a window in the user's units (passengers), while
    # the relevance is a share of the network's scaled output ("network output 0.3883
    # (scaled)" in the text); sensitivity's squares of gradients were called relevance too
    fig = explain_forecast(fitted, method=method).plot()
    assert fig.axes[-1].get_ylabel() == label  # the colour bar
    assert fig.axes[0].get_ylabel() == "sales"  # the window, in its own units


def test_decoder_inputs_named_in_characters_no_font_has_keep_their_rows() -> None:
    # plot_lags looked a decoder input's row up by its name after escaping the names for
    # drawing: a Chinese future covariate's (促销) was not found among the escaped ones
    from lstmkit.explain.render import plot_lags

    with pytest.warns(UserWarning, match="no font"):
        fig = plot_lags(
            [1.0, 2.0],
            [[0.5, 0.25], [-0.5, 0.0]],
            features=["sales", "促销"],
            future=[[1.0, 2.0]],
            future_features=["constant", "促销"],
        )
    bottom = fig.axes[1]
    labels = [t.get_text() for t in bottom.get_yticklabels()]
    assert labels == ["sales", "\\u4fc3\\u9500", "constant"]
    steps = np.ma.filled(bottom.get_images()[1].get_array(), np.nan)
    np.testing.assert_array_equal(steps, [[np.nan], [2.0], [1.0]])
