"""Defects found by exploratory testing and fixed in the polish pass."""

from __future__ import annotations

import re
from io import BytesIO

import numpy as np
import pandas as pd
import pytest

from lstmkit._figures import new_figure, plain_text
from lstmkit.forecast import Forecaster

_INDEX = pd.date_range("2000-01", periods=80, freq="MS")


def test_fit_refuses_a_series_column_named_like_a_covariate() -> None:
    # a covariate x is read as cov:x: beside a series column cov:x, history() and
    # encoder_inputs() had two columns of that name
    series = pd.DataFrame({"y": np.arange(80.0), "cov:x": np.ones(80)}, index=_INDEX)
    covariates = pd.DataFrame({"x": np.zeros(80)}, index=_INDEX)
    with pytest.raises(ValueError) as info:
        Forecaster(horizon=3, epochs=1).fit(series, covariates=covariates)
    assert str(info.value) == (
        "`series` and `covariates` must have distinct column names once covariates are named "
        "cov:NAME (future covariates fut:NAME), got ['y', 'cov:x', 'cov:x'] ('cov:x' more "
        "than once); rename one."
    )


def test_fit_refuses_a_series_named_like_a_future_covariate() -> None:
    series = pd.Series(np.arange(80.0), index=_INDEX, name="fut:x")
    future = pd.DataFrame(
        {"x": np.zeros(83)}, index=pd.date_range("2000-01", periods=83, freq="MS")
    )
    with pytest.raises(ValueError) as info:
        Forecaster(horizon=3, epochs=1).fit(series, future_covariates=future)
    assert str(info.value) == (
        "`series` and `future_covariates` must have distinct column names once covariates are "
        "named cov:NAME (future covariates fut:NAME), got ['fut:x', 'fut:x'] ('fut:x' more "
        "than once); rename one."
    )


def test_fit_refuses_a_column_named_like_a_calendar_input() -> None:
    series = pd.DataFrame({"y": np.arange(80.0), "season cos": np.ones(80)}, index=_INDEX)
    message = (
        "`series` must have column names other than the calendar inputs' ['season sin', "
        "'season cos', 'weekday sin', 'weekday cos'] (calendar=True), got 'season cos'; "
        "rename it."
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        Forecaster(horizon=3, epochs=1, calendar=True).fit(series)


def test_plain_text_names_are_drawn_as_written() -> None:
    # between two $ matplotlib reads mathtext: a file p$\frac$q.csv in a title failed the
    # drawing with a parse error, and a$b$c came out as abc in italics
    fig = new_figure()
    ax = fig.subplots()
    ax.set_title(plain_text("p$\\frac$q") + ": forecast")
    ax.plot([0, 1], [0, 1], label=plain_text("a$b$c"))
    ax.legend()
    fig.savefig(BytesIO(), format="png")
    assert ax.title._preprocess_math(ax.get_title()) == ("p$\\frac$q: forecast", False)
    label = ax.get_legend().get_texts()[0]
    assert label._preprocess_math(label.get_text()) == ("a$b$c", False)


def test_predict_csv_in_another_time_zone_gets_advice_on_the_file(tmp_path, capsys) -> None:
    # the library's advice, series.index.tz_localize(...), is Python a CLI user cannot run
    from lstmkit.cli import main

    index = pd.date_range("2021-01-01", periods=40, freq="D")
    y = pd.Series(np.sin(np.arange(40) / 3) * 10 + 50, index=index, name="v")
    config = dict(horizon=2, epochs=1, ensemble=1, hidden_size=4, lookback=7, season_length=1)
    Forecaster(**config).fit(y).save(tmp_path / "naive")
    Forecaster(**config).fit(y.tz_localize("UTC")).save(tmp_path / "zoned")
    y.rename_axis("t").to_frame().to_csv(tmp_path / "naive.csv")
    y.tz_localize("UTC").rename_axis("t").to_frame().to_csv(tmp_path / "zoned.csv")
    flags = ["--date-col", "t", "--value-col", "v"]
    capsys.readouterr()
    assert (
        main(["predict", str(tmp_path / "naive"), "--csv", str(tmp_path / "zoned.csv"), *flags])
        == 2
    )
    assert capsys.readouterr().err == (
        f"error: --csv {str(tmp_path / 'zoned.csv')!r} must have timestamps without a time zone "
        "like the training "
        "data's, got timestamps in UTC (first 2021-01-01 00:00:00+00:00); write them in the "
        "file without a UTC offset (2021-01-01 00:00, not 2021-01-01 00:00+01:00), in the local "
        "time or UTC the training data's were in.\n"
    )
    assert (
        main(["predict", str(tmp_path / "zoned"), "--csv", str(tmp_path / "naive.csv"), *flags])
        == 2
    )
    assert capsys.readouterr().err == (
        f"error: --csv {str(tmp_path / 'naive.csv')!r} must have timestamps in UTC like the "
        "training data's, got "
        "timestamps without a time zone (first 2021-01-01 00:00:00); write them in the file "
        "with their UTC offset (2021-01-01 00:00+01:00), as the training data's were written.\n"
    )


def test_forecast_explanation_repr_is_short() -> None:
    # the dataclass repr printed every array: thousands of numbers for a wide window
    from lstmkit.explain.forecast import ForecastExplanation, explain_forecast

    ex = ForecastExplanation(
        per_lag=np.zeros(3),
        per_feature=np.zeros((3, 7)),
        features=["y", *(f"cov:x{k}" for k in range(6))],
        window=np.ones(3),
        index=["2000-01", "2000-02", "2000-03"],
        score=0.123456,
        step=1,
        method="lrp",
        future=np.zeros((2, 3)),
        time="2000-05",
    )
    assert repr(ex) == (
        "ForecastExplanation(lrp, forecast step 2 (2000-05), score 0.1235: 3 lags (2000-01 … "
        "2000-03), 7 features ['y', 'cov:x0', 'cov:x1', 'cov:x2', 'cov:x3', 'cov:x4', ...]; "
        "per_lag [3], per_feature [3, 7], future [2, 3])"
    )
    y = pd.Series(np.sin(np.arange(40) / 3) * 10 + 50, index=_INDEX[:40], name="v")
    config = dict(horizon=2, epochs=1, ensemble=1, hidden_size=4, lookback=7, season_length=1)
    real = explain_forecast(Forecaster(**config).fit(y), method="gradxinput")
    assert re.fullmatch(
        r"ForecastExplanation\(gradxinput, forecast step 1 \(2003-05-01\), score -?[0-9.]+: 7 "
        r"lags \(2002-10-01 … 2003-04-01\), 3 features \['v', 'season sin', 'season cos'\]; "
        r"per_lag \[7\], per_feature \[7, 3\]\)",
        repr(real),
    )


def test_fit_gives_the_model_its_modes_back() -> None:
    # fit left every model in eval mode: a frozen submodule stayed frozen only by chance, and
    # a model trained further in a loop of the caller's own trained without its dropout
    import torch

    from lstmkit.train import TrainConfig, fit

    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(1, 4), torch.nn.Dropout(0.1), torch.nn.Linear(4, 1))
    model[1].eval()  # frozen by the caller
    x = torch.linspace(-1, 1, 8).unsqueeze(1)
    seen = []

    def mse(m, batch):
        seen.append((m.training, m[1].training))
        return torch.mean((m(batch[0]) - batch[1]) ** 2)

    config = TrainConfig(epochs=2, lr=0.1, seed=0, batch_size=None, progress=False)
    fit(model, mse, (x, 2 * x), (x, 2 * x), config)
    # trained in train mode, validated in eval mode, then the modes it came in
    assert seen == [(True, True), (False, False)] * 2
    assert [m.training for m in model.modules()] == [True, True, False, True]
    model.eval()
    fit(model, mse, (x, 2 * x), None, config)
    assert [m.training for m in model.modules()] == [False] * 4
