"""Costs that grew with the data: a series of 50,000 rows and 20 columns, 200,000 points."""

from __future__ import annotations

import json
import tracemalloc

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster


def _with_covariates() -> tuple[Forecaster, pd.DatetimeIndex]:
    """A tiny forecaster fitted on a daily series with two covariates (lookback 14)."""
    rng = np.random.default_rng(0)
    index = pd.date_range("2020-01-01", periods=120, freq="D")
    y = pd.Series(10 + np.sin(np.arange(120)) + rng.normal(0, 0.1, 120), index=index)
    cov = pd.DataFrame({"a": rng.normal(3, 5, 120), "b": np.arange(120.0)}, index=index)
    config = dict(horizon=7, lookback=14, epochs=1, ensemble=1, hidden_size=4, progress=False)
    return Forecaster(**config, interval=None, refit=False).fit(y, cov), index


def test_training_windows_scale_each_covariate_value_once_to_the_per_window_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Scaled in each window, every covariate value was scaled `lookback` times: with 20
    # columns and 50,000 rows that was most of a fit's time (2.4 s of 3.1 s).
    fc, index = _with_covariates()
    rng = np.random.default_rng(1)
    d, cov = rng.normal(0, 0.2, 60), rng.normal(7, 3, (60, 2))
    cal = fc._calendar(index[:60])
    scaled: list[int] = []
    to_scale = fc._scaled_covariates

    def counted(values: np.ndarray) -> np.ndarray:
        scaled.append(values.size)
        return to_scale(values)

    monkeypatch.setattr(fc, "_scaled_covariates", counted)
    x, y = fc._training_windows(d, cov, cal, 7)
    assert scaled == [60 * 2]  # each value once, not once per window it is in (40 * 14 * 2)
    assert tuple(x.shape) == (40, 14, 1 + 2 + cal.shape[1])
    monkeypatch.undo()
    for i in (0, 17, 39):  # bit for bit what one window at a time gives
        one, level = fc._features(d[i : i + 14], cov[i : i + 14], cal[i : i + 14])
        assert np.array_equal(x[i].numpy(), one.astype(np.float32))
        anchor = fc._anchor(d[i : i + 14], level, 7)
        target = (d[i + 14 : i + 21] - anchor) / fc.state_["scale"]
        assert np.array_equal(y[i].numpy(), target.astype(np.float32))


def test_the_window_scale_takes_two_copies_of_the_windows_at_most(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # dev / unit and its square were two more float64 copies of every window beside dev:
    # 771 MiB of a fit on 200,000 hourly points with a look-back of 168, more than the
    # training windows themselves.
    n, lookback = 20_000, 48
    rng = np.random.default_rng(0)
    y = pd.Series(100 + np.sin(np.arange(n) / 4) + rng.normal(0, 0.1, n))
    config = dict(horizon=4, lookback=lookback, season_length=1, calendar=False, epochs=1)
    fc = Forecaster(**config, ensemble=1, hidden_size=4, progress=False, interval=None)
    windows_bytes = (n - 4 + 1) * lookback * 8  # [N, L] float64, about 7.7 MB

    class Stop(Exception):
        pass

    state: dict = {}

    def stop(self: Forecaster, *args: object, **kwargs: object) -> None:
        state.update(self.state_)
        raise Stop

    monkeypatch.setattr(Forecaster, "_training_windows", stop)
    tracemalloc.start()
    try:
        with pytest.raises(Stop):  # after the scale, before the training windows
            fc.fit(y)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2.5 * windows_bytes, peak / windows_bytes  # was 3.0 copies
    # the scale is the one computed from those copies, bit for bit
    fit_part = np.log(y.to_numpy()[: n - state["val_size"]])
    windows = np.lib.stride_tricks.sliding_window_view(fit_part, lookback)
    dev = windows - windows.mean(axis=1)[:, None]
    assert state["scale"] == float(np.sqrt(np.mean(np.square(dev / 1.0))))
    assert state["scale"] == pytest.approx(0.0071271, abs=1e-7)


@pytest.mark.parametrize(("freq", "origin"), [("h", "2020-04-26T15:00:00"), ("D", "2027-08-31")])
def test_predict_writes_its_origin_without_formatting_every_timestamp_of_the_csv(
    tmp_path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, freq, origin
) -> None:
    # The origin, the last timestamp, was taken from all of them written as text: 0.5 s of
    # `lstmkit predict --csv` on 200,000 hourly points.
    from lstmkit.cli import _forecast_run, main

    n = 2_800
    index = pd.date_range("2020-01-01", periods=n, freq=freq, name="ts")
    y = pd.Series(10 + np.sin(np.arange(n) / 3), index=index, name="load")
    config = dict(horizon=3, lookback=6, season_length=1, epochs=1, ensemble=1, hidden_size=2)
    Forecaster(**config, progress=False).fit(y.iloc[:50]).save(tmp_path / "model")
    y.to_csv(tmp_path / "load.csv")
    formatted: list[int] = []
    stamps = _forecast_run._stamps

    def counted(index: pd.Index, series: pd.Index | None = None) -> list[str]:
        formatted.append(len(index))
        return stamps(index, series)

    monkeypatch.setattr(_forecast_run, "_stamps", counted)
    args = ["--csv", str(tmp_path / "load.csv"), "--date-col", "ts", "--value-col", "load"]
    assert main(["predict", str(tmp_path / "model"), *args, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["origin"] == origin == stamps(index)[-1]
    assert max(formatted) <= 3  # the forecast's steps, and the origin alone


def test_series_col_reads_each_series_from_its_own_rows_of_the_file(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each series was selected from the whole table, every row's cell compared again for each
    # series: a file of 1,000 series of 120 rows took 100 s before the first fit.
    from lstmkit import data as D
    from lstmkit.cli import _forecast_run, main

    months = pd.date_range("2000-01-01", periods=30, freq="MS").strftime("%Y-%m-%d")
    stores = [f"s{k}" for k in range(30)]
    table = pd.DataFrame(
        {
            "store": np.repeat(stores, 30),
            "month": np.tile(months, 30),
            "sales": np.arange(900) % 97 + 100.0,
        }
    )
    spaced = (table["store"] == "s3") & (table.index % 2 == 0)
    table.loc[spaced, "store"] = " s3 "  # spaces around: still s3
    table = table.sort_values("month", kind="stable")  # the series' rows interleaved
    table.to_csv(tmp_path / "stores.csv", index=False)
    compared: list[int] = []
    cells = D._cells

    def counted(raw: pd.DataFrame, col: str) -> pd.Series:
        compared.append(len(raw))
        return cells(raw, col)

    planned = []
    plan = _forecast_run._plan

    def recorded(args, *rest):
        planned.append(plan(args, *rest))
        return planned[-1]

    class Planned(Exception):
        pass

    def stop(run):
        raise Planned

    monkeypatch.setattr(D, "_cells", counted)
    monkeypatch.setattr(_forecast_run, "_plan", recorded)
    monkeypatch.setattr(_forecast_run, "_execute", stop)
    args = ["--date-col", "month", "--value-col", "sales", "--season-length", "1"]
    with pytest.raises(Planned):
        main(["forecast", "--csv", str(tmp_path / "stores.csv"), "--series-col", "store", *args])
    assert sum(compared) < 6 * 900  # a few passes over the file (5), not one per series (33)
    assert [run.name for run in planned] == [
        f"stores (store={s})" for s in table["store"].str.strip().unique()
    ]
    for run in planned:  # each what --where store=NAME reads
        name = run.args.where[-1][1]
        alone = D.read_csv(tmp_path / "stores.csv", "month", "sales", where={"store": name})
        pd.testing.assert_frame_equal(run.frame, alone)


def test_member_data_goes_to_a_worker_process_as_its_windows_once() -> None:
    # train and val, views of every window, were pickled as copies of their own beside them:
    # each member sent to a --jobs worker took twice the windows (a fit on 50,000 rows of 20
    # columns peaked at 2.1 GB with --jobs 2, 0.85 GB without).
    import pickle

    from lstmkit._forecast_members import _MemberData

    x = np.arange(1000 * 6 * 3, dtype=np.float32).reshape(1000, 6, 3)
    y = np.arange(1000 * 2, dtype=np.float32).reshape(1000, 2)
    data = _MemberData(train=(x[:-40], y[:-40]), val=(x[-40:], y[-40:]), everything=(x, y))
    sent = pickle.dumps(data)
    assert len(sent) < 1.05 * (x.nbytes + y.nbytes)  # was 2.0 times
    back = pickle.loads(sent)
    for got, want in zip(
        (*back.train, *back.val, *back.everything),
        (x[:-40], y[:-40], x[-40:], y[-40:], x, y),
        strict=True,
    ):
        assert got.dtype == np.float32 and np.array_equal(got, want)
    assert np.shares_memory(back.train[0], back.everything[0])
    assert np.shares_memory(back.val[1], back.everything[1])
