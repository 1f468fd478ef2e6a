"""``--future-cols`` of ``lstmkit forecast`` and ``lstmkit predict``: covariates known in
advance, read from the CSV's held-out rows and its rows after the target's last value."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster

N, H = 100, 7
QUICK = [
    *("--ensemble", "1", "--epochs", "20", "--lookback", "4", "--season-length", "1"),
    *("--no-calendar", "--anchor", "level", "--hidden-size", "8", "--lr", "0.03"),
    *("--no-early-stopping", "--no-refit", "--interval", "0", "--transform", "none"),
    "--no-stat-baselines",
]


@pytest.fixture
def promo_csv(tmp_path: Path) -> Path:
    """100 days of sales = 20 + 8 * promo, then 7 rows of the promotion plan alone."""
    rng = np.random.default_rng(0)
    flag = (rng.random(N + H) < 0.3).astype(int)
    days = pd.date_range("2021-01-01", periods=N + H, freq="D").strftime("%Y-%m-%d")
    sales = np.where(np.arange(N + H) < N, 20.0 + 8 * flag, np.nan)
    csv = tmp_path / "promo.csv"
    pd.DataFrame({"day": days, "sales": sales, "promo": flag}).to_csv(csv, index=False)
    return csv


def _args(csv: Path) -> list[str]:
    return ["--csv", str(csv), "--date-col", "day", "--value-col", "sales"]


def test_forecast_reads_the_held_out_and_future_rows_of_the_future_columns(
    promo_csv, tmp_path, capsys, monkeypatch
):
    from matplotlib.figure import Figure

    # drawing the figures is most of the time, and they play no part here
    monkeypatch.setattr(Figure, "savefig", lambda self, path, **kwargs: Path(path).touch())
    argv = ["forecast", *_args(promo_csv), "--future-cols", "promo", *QUICK, "--json"]
    assert main([*argv, "--backtest", "--backtest-origins", "1"]) == 0
    held = json.loads(capsys.readouterr().out)
    # scored on the last 7 days, whose promotions the forecast read (the backtest's origin too)
    assert held["metrics"]["model"]["rmse"] < 0.5 < 5 < held["metrics"]["seasonal_naive"]["rmse"]
    assert held["backtest"]["model"]["rmse"] < 0.5 < 5 < held["backtest"]["seasonal_naive"]["rmse"]
    # the 7 held-out steps are the forecast's: it reads none of the rows after the target
    assert held["future_covariates"] == {"columns": ["promo"], "rows_after_target": 0}
    out = tmp_path / "run"  # the plan's 7 days ahead; run.json records them as --json does
    assert main([*argv, "--holdout", "0", "--epochs", "1", "--out", str(out)]) == 0
    ahead = json.loads(capsys.readouterr().out)["forecast"]["timestamp"]
    assert ahead[0] == "2021-04-11" and len(ahead) == H
    recorded = json.loads((out / "run.json").read_text())
    assert recorded["future_covariates"] == {"columns": ["promo"], "rows_after_target": 7}
    # the saved model forecasts from the file's end with its plan, as from Python
    assert main(["predict", str(out), *_args(promo_csv), "--future-cols", "promo", "--json"]) == 0
    pred = json.loads(capsys.readouterr().out)["forecast"]
    table = pd.read_csv(promo_csv, index_col="day", parse_dates=True).asfreq("D")
    model = Forecaster.load(out / "model")
    same = model.predict(H, series=table["sales"][:N], future_covariates=table["promo"])
    assert pred["forecast"] == same["forecast"].tolist()
    assert pred["timestamp"][0] == "2021-04-11"


def test_missing_future_values_and_models_that_cannot_read_them_are_refused(
    promo_csv, tmp_path, capsys
):
    past = tmp_path / "past.csv"
    pd.read_csv(promo_csv).iloc[:N].to_csv(past, index=False)
    argv = ["forecast", *_args(past), "--future-cols", "promo", *QUICK]
    said = (
        "the forecast of {} steps after 2021-04-07 reads their values at every step, "
        f"2021-04-08 … 2021-04-14, and {str(past)!r} holds 3 of them (3 held out, 0 in the rows "
        "after "
        "the target's last value); the first missing is 2021-04-11. Add rows for the missing "
        "steps (their dates and promo, the sales cell left empty), or pass --horizon 3."
    )
    assert main([*argv, "--holdout", "3", "--horizon", "7"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: --future-cols promo: " + said.format("--horizon (7)")
    )
    # the daily data's default horizon is no --horizon given (it was named as one)
    assert main([*argv, "--holdout", "3"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: --future-cols promo: "
        + said.format("--horizon (7, by default from the data's frequency)")
    )
    assert main([*argv, "--strategy", "recursive"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: --future-cols need --strategy direct or seq2seq: the recursive network reads no "
        "forecast step's inputs."
    )
    assert main([*argv, "--covariate-cols", "promo"]) == 2  # said: the date, value and covariate
    assert capsys.readouterr().err.strip() == (
        "error: --future-cols must name columns that no other flag names, got promo, named by "
        "--covariate-cols too. A column is the date, the target, a past covariate "
        "(--covariate-cols) or one known in advance (--future-cols), once."
    )
    assert main(["forecast", *_args(past), "--future-cols", "sales", "day", *QUICK]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: --future-cols must name columns that no other flag names, got sales, named by "
        "--value-col too; day, named by --date-col too. A column is the date, the target, a past "
        "covariate (--covariate-cols) or one known in advance (--future-cols), once."
    )
    # the plan's last cell empty: --fill refused it calling promo "the target", and pointing
    # to --future-cols, which was given
    short = tmp_path / "short.csv"
    pd.read_csv(promo_csv).assign(promo=lambda t: t["promo"].where(t.index < N + H - 1)).to_csv(
        short, index=False
    )
    argv = ["forecast", *_args(short), "--future-cols", "promo", *QUICK, "--holdout", "0"]
    argv += ["--fill", "ffill"]
    assert main(argv) == 2
    assert capsys.readouterr().err.strip() == (
        "error: values known in advance (future covariates) must not end early, got no value of "
        f"'promo' of {str(short)!r} in its last row, 2021-04-17: that is not a gap, and "
        "--fill ffill does not make it up (a forecast would read a made-up plan there). "
        "Give their values, or forecast fewer steps (a smaller --horizon)."
    )
    assert main(argv[:-2]) == 2  # without --fill: no "Fill them first", which --fill refuses
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            "got NaN in column 'promo' "
            f"of {str(short)!r} at 2021-04-17. Values known in advance (--future-cols) "
            "end early ('promo' from 2021-04-17): no fill makes up a plan, so give their values "
            "there, or forecast fewer steps (a smaller --horizon)."
        )
    )
    # the plan ends at the first step, which every forecast reads: no fewer steps offered
    short = tmp_path / "ended.csv"
    pd.read_csv(promo_csv).assign(promo=lambda t: t["promo"].where(t.index < N)).to_csv(
        short, index=False
    )
    argv = ["forecast", *_args(short), "--future-cols", "promo", *QUICK, "--holdout", "0"]
    assert main([*argv, "--fill", "ffill"]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("(a forecast would read a made-up plan there). Give their values.")
    )
    assert main(argv) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            "Values known in advance (--future-cols) "
            "end early ('promo' from 2021-04-11): no fill makes up a plan, "
            "so give their values there."
        )
    )
    assert main(["forecast", "airline", "--future-cols", "promo"]) == 2
    assert capsys.readouterr().err.strip() == "error: --future-cols applies only with --csv FILE."
    model = tmp_path / "model"
    series = pd.read_csv(promo_csv, index_col="day", parse_dates=True).asfreq("D")
    fitted = Forecaster(horizon=H, ensemble=1, epochs=1, lookback=4, season_length=1)
    fitted.fit(series["sales"][:N], future_covariates=series["promo"]).save(model)
    needs_the_plan = (
        f"error: the model in {str(model)!r} was fitted with the future covariates promo, which "
        "its forecast reads at every step: pass --csv FILE with their columns, the rows after the "
        "target's last value holding their values at the forecast steps (--future-cols names "
        "them if the file calls them otherwise)."
    )
    assert main(["predict", str(model)]) == 2
    assert capsys.readouterr().err.strip() == needs_the_plan
    # the plan's rows without --future-cols: read by the model's name, as explain reads them
    # (predict5; was refused for the flag)
    assert main(["predict", str(model), *_args(promo_csv), "--out", str(tmp_path / "p")]) == 0
    assert (tmp_path / "p" / "forecast.csv").exists()
    capsys.readouterr()
    # none of the steps held: a shorter --horizon reads the first missing one too, so it is
    # not offered (it was)
    add = (
        "the first missing is 2021-04-11. Add rows for the missing steps (their dates and promo, "
        "the sales cell left empty)."
    )
    assert main(["predict", str(model), *_args(past), "--future-cols", "promo"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith(f"holds 0 of them in the rows after the target's last value; {add}")
    assert main(["forecast", *_args(past), "--future-cols", "promo", *QUICK, "--holdout", "0"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith(f"(0 held out, 0 in the rows after the target's last value); {add}")
    # a file that calls the column otherwise: --future-cols names it, by position, as
    # --covariate-cols does (it was refused for not being the model's name)
    assert main(["predict", str(model), *_args(promo_csv), "--future-cols", "promo", "--json"]) == 0
    named = json.loads(capsys.readouterr().out)["forecast"]["forecast"]
    renamed = tmp_path / "renamed.csv"
    pd.read_csv(promo_csv).rename(columns={"promo": "plan"}).assign(price=1.0).to_csv(
        renamed, index=False
    )
    assert main(["predict", str(model), *_args(renamed), "--future-cols", "plan", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["forecast"]["forecast"] == named
    assert main(["predict", str(model), *_args(renamed), "--future-cols", "plan", "price"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: --future-cols must name the model's future covariate (promo), got plan price."
    )
    assert main(["explain", str(model)]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: the model in {str(model)!r} was fitted with the future covariates promo, which "
        "its forecast reads at every step: pass --csv FILE with their columns, the rows after "
        "the target's last value holding their values at the forecast steps (--future-cols "
        "names them if the file calls them otherwise)."
    )
    assert main(["explain", str(model), "--csv", str(past), "--step", "1"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: --csv {str(past)!r}: forecast step 2 after 2021-04-10 reads the future covariates "
        "promo at 2021-04-11 … 2021-04-12, and the file holds 0 rows after the target's last "
        "value; the first missing is 2021-04-11. Add rows for the missing steps (their dates "
        "and promo, the sales cell left empty)."
    )
    # the same advice as forecast's (it said "their dates and values, the target's cell"),
    # with explain's lever where an earlier step has its rows
    two = tmp_path / "two.csv"
    pd.read_csv(promo_csv).iloc[: N + 2].to_csv(two, index=False)
    assert main(["explain", str(model), "--csv", str(two), "--step", "3"]) == 2
    assert capsys.readouterr().err.strip() == (
        f"error: --csv {str(two)!r}: forecast step 4 after 2021-04-10 reads the future covariates "
        "promo at 2021-04-11 … 2021-04-14, and the file holds 2 rows after the target's last "
        "value; the first missing is 2021-04-13. Add rows for the missing steps (their dates "
        "and promo, the sales cell left empty), or explain an earlier step (--step 1 or less)."
    )
    assert main(["explain", str(model), "--csv", str(promo_csv)]) == 2  # a direct model
    assert capsys.readouterr().err.strip() == (
        "error: LRP, the default --method, does not explain a direct Forecaster with future "
        "covariates (promo): their effect is added beside its head, outside the network LRP "
        "walks. Use another --method (gradxinput, ig, occlusion or sensitivity; they are then "
        "held fixed), or a model forecast with --strategy seq2seq, whose LRP gives their "
        "relevance per forecast step."
    )


def test_explain_gives_the_future_covariates_relevance_per_step_by_name(
    promo_csv, tmp_path, capsys
):
    from lstmkit.explain.forecast import explain_forecast

    table = pd.read_csv(promo_csv, index_col="day", parse_dates=True).asfreq("D")
    model = tmp_path / "model"
    fitted = Forecaster(horizon=H, ensemble=1, epochs=1, lookback=4, strategy="seq2seq")
    fitted.fit(table["sales"][:N], future_covariates=table["promo"]).save(model)
    assert main(["explain", str(model), "--csv", str(promo_csv), "--step", "1", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    steps = record["decoder_relevance"]
    assert [s["time"] for s in steps] == ["2021-04-11", "2021-04-12"]
    assert list(steps[1]["features"])[-1] == "promo"
    ex = explain_forecast(fitted, step=1, future_covariates=table["promo"])
    assert [s["features"]["promo"] for s in steps] == ex.future[:, -1].tolist()
    # a file that calls the column otherwise, named by --future-cols (it was refused for the
    # name: "`future_covariates` must have the columns the model was fitted with")
    renamed = tmp_path / "renamed.csv"
    table.rename(columns={"promo": "plan"}).to_csv(renamed)
    argv = ["explain", str(model), "--csv", str(renamed), "--step", "1", "--json"]
    assert main([*argv, "--future-cols", "plan"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["decoder_relevance"] == steps


def test_rows_after_the_forecast_steps_are_not_read(promo_csv, tmp_path, capsys):
    # a row past the plan's last step with its cells empty (an empty last date row) was
    # refused as the future covariates' NaN, though no forecast step reads it
    table = pd.read_csv(promo_csv)
    extra = pd.DataFrame({"day": ["2021-04-18", "2021-04-19"], "sales": np.nan, "promo": np.nan})
    longer = tmp_path / "longer.csv"
    pd.concat([table, extra]).to_csv(longer, index=False)
    argv = ["forecast", *_args(longer), "--future-cols", "promo", *QUICK, "--holdout", "0"]
    assert main([*argv, "--epochs", "1", "--json"]) == 0
    run = json.loads(capsys.readouterr().out)
    assert run["future_covariates"] == {"columns": ["promo"], "rows_after_target": H}
    assert run["forecast"]["timestamp"] == [f"2021-04-{d}" for d in range(11, 18)]
    model = tmp_path / "model"
    series = table.set_index(pd.DatetimeIndex(table["day"], freq="D"))
    fitted = Forecaster(horizon=H, ensemble=1, epochs=1, lookback=4, season_length=1)
    fitted.fit(series["sales"][:N], future_covariates=series["promo"]).save(model)
    argv = ["predict", str(model), *_args(longer), "--future-cols", "promo", "--json"]
    assert main(argv) == 0
    expected = fitted.predict(H, future_covariates=series["promo"])["forecast"].tolist()
    assert json.loads(capsys.readouterr().out)["forecast"]["forecast"] == expected
    assert main(["explain", str(model), "--csv", str(longer), "--method", "occlusion"]) == 0
    capsys.readouterr()
    # 8 steps would read the first empty row, but this direct model gives 7: that is said
    # first, as rows added for step 8 would not help (tests/test_qa9_fixes.py)
    assert main([*argv, "--horizon", str(H + 1)]) == 2
    assert capsys.readouterr().err == (
        "error: --horizon must be <= the fitted horizon (7) for --strategy direct, got 8; "
        "refit it with `lstmkit forecast` and --horizon 8 or more, or --strategy recursive or "
        "seq2seq, which forecast any horizon.\n"
    )


def test_a_held_out_forecast_and_an_explained_step_read_only_their_rows_of_the_plan(
    promo_csv, tmp_path, capsys
):
    # the plan's last 3 cells empty: with --holdout 3 the 7 steps read 3 held-out rows and 4
    # after the target, and explain --step 0 reads 1; both refused the empty cells they skip
    table = pd.read_csv(promo_csv)
    short = tmp_path / "short.csv"
    table.assign(promo=table["promo"].where(table.index < N + 4)).to_csv(short, index=False)
    argv = ["forecast", *_args(short), "--future-cols", "promo", *QUICK, "--epochs", "1"]
    assert main([*argv, "--holdout", "3", "--json"]) == 0
    run = json.loads(capsys.readouterr().out)
    assert run["future_covariates"] == {"columns": ["promo"], "rows_after_target": 4}
    assert run["forecast"]["timestamp"] == [f"2021-04-{d:02d}" for d in range(8, 15)]
    # a step that is read still refuses its empty cell: --holdout 2 reads 2021-04-15
    assert main([*argv, "--holdout", "2"]) == 2
    assert capsys.readouterr().err.startswith(
        "error: values must not be missing (NaN), got NaN in column 'promo' "
        f"of {str(short)!r} at 2021-04-15."
    )
    model = tmp_path / "model"
    series = table.set_index(pd.DatetimeIndex(table["day"], freq="D"))
    fitted = Forecaster(horizon=H, ensemble=1, epochs=1, lookback=4, season_length=1)
    fitted.fit(series["sales"][:N], future_covariates=series["promo"]).save(model)
    argv = ["explain", str(model), "--csv", str(short), "--method", "occlusion", "--json"]
    assert main([*argv, "--step", "3"]) == 0
    explained = json.loads(capsys.readouterr().out)
    assert (explained["step"], explained["time"]) == (3, "2021-04-14")
    assert main([*argv, "--step", "4"]) == 2
    assert capsys.readouterr().err.startswith(
        "error: values must not be missing (NaN), got NaN in column 'promo' "
        f"of {str(short)!r} at 2021-04-15. "
    )
    # the plan's lever is an earlier --step, not "forecast fewer steps", which explain has not
    assert main([*argv, "--step", "4", "--fill", "ffill"]) == 2
    assert capsys.readouterr().err.strip() == (
        "error: values known in advance (future covariates) must not end early, got no value of "
        f"'promo' of {str(short)!r} in its last row, 2021-04-15: that is not a gap, and "
        "--fill ffill does not make it up (a forecast would read a made-up plan there). "
        "Give their values, or explain an earlier step (--step 3 or less)."
    )
    assert main([*argv, "--step", "4"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.endswith(  # (no --future-cols: the model's, read by name)
        "Values known in advance (the model's future covariates, read by name) "
        "end early ('promo' from 2021-04-15): no fill makes up a "
        "plan, so give their values there, or explain an earlier step (--step 3 or less)."
    )
    # a plan that ends at the first step: every step reads it, so no earlier step is offered
    # (at --step 2 it offered "--step", which reads 2021-04-11 too)
    table.assign(promo=table["promo"].where(table.index < N)).to_csv(short, index=False)
    for step in ("0", "2"):
        assert main([*argv, "--step", step]) == 2
        err = capsys.readouterr().err.strip()
        assert err.endswith(
            "Values known in advance (the model's future covariates, read by name) "
            "end early ('promo' from 2021-04-11): no fill makes up a "
            "plan, so give their values there."
        )
    # one step held: the earlier step is --step 0
    table.assign(promo=table["promo"].where(table.index < N + 1)).to_csv(short, index=False)
    assert main([*argv, "--step", "2"]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("plan, so give their values there, or explain an earlier step (--step 0).")
    )


def test_a_where_column_the_file_lacks_is_refused_by_name_with_future_columns(
    promo_csv, tmp_path, capsys
):
    # it raised KeyError('store') while the rows after the target were dropped
    missing = (
        f"error: --where 'store' is not a column of {str(promo_csv)!r}; available columns: ['day', "
        "'sales', "
        "'promo']."
    )
    argv = [*_args(promo_csv), "--future-cols", "promo", "--where", "store=A"]
    assert main(["forecast", *argv, *QUICK]) == 2
    assert capsys.readouterr().err.strip() == missing
    model = tmp_path / "model"
    series = pd.read_csv(promo_csv, index_col="day", parse_dates=True).asfreq("D")
    fitted = Forecaster(horizon=H, ensemble=1, epochs=1, lookback=4, season_length=1)
    fitted.fit(series["sales"][:N], future_covariates=series["promo"]).save(model)
    assert main(["explain", str(model), *argv, "--method", "occlusion"]) == 2
    assert capsys.readouterr().err.strip() == missing
