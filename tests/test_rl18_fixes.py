"""Fixes of the review of l18a, l18b and l18c: a zoned plan with a gap, the pandas line for a
CSV's zoned month ends, every unknown keyword of ForecasterConfig beside Lightning's."""

import numpy as np
import pandas as pd
import pytest

from lstmkit import Forecaster, ForecasterConfig
from lstmkit.cli import main


def test_a_zoned_plan_with_a_gap_beside_naive_steps_is_told_the_gap_not_a_type_error(promo_plan):
    # l18b's note of the plan's row compared zoned stamps with naive steps: pandas' TypeError
    # "Invalid comparison between dtype=datetime64[us] and Timestamp"
    fc, promo = promo_plan.fitted()
    zoned = promo.tz_localize("UTC").drop(promo.index[41].tz_localize("UTC"))
    with pytest.raises(ValueError) as error:
        fc.predict(future_covariates=zoned)
    assert str(error.value).startswith(
        "timestamps in `future_covariates` must be regularly spaced (no gaps), got irregular "
        "steps before 2021-02-12 (usual step: 1 day); missing 2021-02-11; pass fill="
    )
    assert str(error.value).endswith("to insert the missing timestamps and fill their values.")


def test_a_csv_s_zoned_month_ends_are_told_a_pandas_line_that_drops_the_zone(tmp_path, capsys):
    # `dates.dt.to_period('M')` on dates read with their +00:00 warned "Converting to
    # PeriodArray/Index representation will drop timezone information" (an error here)
    ends = pd.date_range("2019-01-31", periods=24, freq="ME")
    utc = pd.DatetimeIndex([t.tz_localize("Europe/Berlin") for t in ends]).tz_convert("UTC")
    csv = tmp_path / "ends.csv"
    written = utc.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    pd.DataFrame({"ts": written, "y": np.arange(24.0)}).to_csv(csv, index=False)
    out = tmp_path / "out"
    argv = ["forecast", "--csv", str(csv), "--date-col", "ts", "--value-col", "y"]
    assert main([*argv, "--out", str(out)]) == 2
    line = "dates.dt.tz_localize(None).dt.to_period('M').dt.to_timestamp(how='end').dt.normalize()"
    err = capsys.readouterr().err
    assert err.startswith(f"error: timestamps in {str(csv)!r} must be regularly spaced, got 24 of")
    assert err.endswith(
        "Move them to the month's end (its last day): write them as the days they are "
        f"(2019-01-31), e.g. with pandas: {line}.\n"
    )
    assert not out.exists()
    # the line, as the message gives it, on the dates as pandas reads them
    moved = eval(line, {"dates": pd.to_datetime(pd.read_csv(csv)["ts"])})
    assert moved.dt.strftime("%Y-%m-%d").tolist() == ends.strftime("%Y-%m-%d").tolist()


def test_forecaster_config_names_every_unknown_keyword_beside_lightnings_in_one_clause():
    # ForecasterConfig(accelerator=, devices=, bogus=) named the first two alone, each with
    # its own clause: "(Lightning's accelerator is 'device' here, e.g. device='cuda';
    # Lightning's devices is 'device' here, e.g. device='cuda')"
    with pytest.raises(TypeError) as error:
        ForecasterConfig(accelerator="gpu", devices=1, bogus=3)
    assert str(error.value) == (
        "ForecasterConfig() got unknown keyword arguments 'accelerator', 'devices', 'bogus' "
        "(Lightning's accelerator and devices are 'device' here, e.g. device='cuda')."
    )
    with pytest.raises(TypeError) as error:
        Forecaster(devices=1, n_epochs=3, accelerator="gpu")
    assert str(error.value) == (
        "Forecaster() got unknown keyword arguments 'devices', 'n_epochs', 'accelerator' "
        "(Darts' n_epochs is 'epochs' here; Lightning's accelerator and devices are 'device' "
        "here, e.g. device='cuda'); they set fields of ForecasterConfig."
    )


@pytest.mark.parametrize("series_col", [[], ["--series-col", "store"]])
def test_forecast_says_its_interval_and_dropout_with_the_other_flag_problems(
    tmp_path, capsys, series_col
):
    # `--dropout 95 --lr -1` was told the dropout alone (exit 2, then the --lr on the next
    # run), where `lstmkit text train` says every flag's problem at once
    csv = tmp_path / "long.csv"
    days = pd.date_range("2020-01-01", periods=40, freq="D").strftime("%Y-%m-%d")
    rows = [(d, s, i % 7 + k) for k, s in enumerate("AB") for i, d in enumerate(days)]
    pd.DataFrame(rows, columns=["date", "store", "sales"]).to_csv(csv, index=False)
    where = [] if series_col else ["--where", "store=A"]
    argv = ["forecast", "--csv", str(csv), "--date-col", "date", "--value-col", "sales"]
    flags = ["--interval", "1.5", "--dropout", "95", "--lr", "-1", "--epochs", "0"]
    out = tmp_path / "out"
    assert main([*argv, *series_col, *where, *flags, "--out", str(out)]) == 2
    assert capsys.readouterr() == (
        "",
        "error: --interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, "
        "got 1.5. --dropout must be a number in [0, 1), got 95 (a fraction: 0.95 for 95 %). "
        "--lr must be a positive finite number, got -1. --epochs must be a positive integer, "
        "got 0.\n",
    )
    assert not out.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["explain", "missing-model"],
        ["text", "predict", "missing-model", "a fine film", "--explain"],
    ],
)
def test_bias_factor_in_percent_is_told_its_fraction_with_the_eps_at_once(tmp_path, capsys, argv):
    # --bias-factor 20% was argparse's "invalid float value: '20%'", 95 "got 95.0", and
    # --eps 0 beside it told the eps alone (l18a gave --dropout's one shape to text alone)
    out = ["--out", str(tmp_path / "out")] if argv[0] == "explain" else []
    assert main([*argv, "--bias-factor", "20%", "--eps", "0", *out]) == 2
    assert capsys.readouterr() == (  # cli21: in command-line order
        "",
        "error: --bias-factor must be a number in [0, 1] (0: biases keep their share, 1: exact "
        "conservation), got '20%' (a fraction: 0.2 for 20 %). --eps must be a positive finite "
        "number, got 0.\n",
    )
    assert main([*argv, "--bias-factor", "95", *out]) == 2
    assert capsys.readouterr().err.endswith("got 95 (a fraction: 0.95 for 95 %).\n")
    assert not (tmp_path / "out").exists()
