"""`lstmkit predict DIR --csv FILE` reads the file's columns as `lstmkit explain` does (by the
saved model's names, else in order), the flags left out; the refusals of a file without them."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster

N, H = 40, 3
TINY = {"horizon": H, "ensemble": 1, "epochs": 1, "lookback": 4, "season_length": 1}


def _frame() -> pd.DataFrame:
    """40 days of sales, a price (a past covariate) and a promotion (known in advance), then
    3 days of the promotion plan alone."""
    rng = np.random.default_rng(0)
    days = pd.date_range("2021-01-01", periods=N + H, freq="D", name="day")
    promo = (rng.random(N + H) < 0.3).astype(int)
    price = np.round(5 + rng.random(N + H), 2)
    sales = np.where(np.arange(N + H) < N, 20.0 + 8 * promo - price, np.nan)
    return pd.DataFrame({"sales": sales, "price": price, "promo": promo}, index=days)


@pytest.fixture
def saved(tmp_path: Path) -> dict[str, Path]:
    """A model with the past covariate price and one with the future covariate promo, each
    saved, fitted on the frame's first 40 days."""
    frame = _frame()
    past = tmp_path / "past"
    Forecaster(**TINY).fit(frame["sales"][:N], covariates=frame[["price"]][:N]).save(past)
    future = tmp_path / "future"
    fitted = Forecaster(**TINY).fit(frame["sales"][:N], future_covariates=frame[["promo"]])
    fitted.save(future)
    return {"past": past, "future": future}


def _write(tmp_path: Path, name: str, frame: pd.DataFrame, columns: list[str]) -> Path:
    """``frame`` (its index as the column ``day``) as the CSV ``name``, with ``columns``."""
    path = tmp_path / name
    frame.reset_index()[columns].to_csv(path, index=False)
    return path


def _forecast(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[float]:
    assert main(["predict", *argv, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)["forecast"]["forecast"]


def test_predict_reads_a_past_covariate_models_columns_by_name(saved, tmp_path, capsys):
    # was: "--csv needs --date-col and --value-col (swapped.csv has the columns price, day,
    # sales)", where `lstmkit explain` read the same file
    frame = _frame()[:N]
    swapped = _write(tmp_path, "swapped.csv", frame, ["price", "day", "sales"])
    flags = ["--date-col", "day", "--value-col", "sales", "--covariate-cols", "price"]
    expected = _forecast(capsys, [str(saved["past"]), "--csv", str(swapped), *flags])
    assert _forecast(capsys, [str(saved["past"]), "--csv", str(swapped)]) == expected
    # --value-col alone: the covariate by the model's name (was: "give --value-col for sales
    # and --covariate-cols for price, in that order")
    by_target = [str(saved["past"]), "--csv", str(swapped), "--value-col", "sales"]
    assert _forecast(capsys, by_target) == expected
    # none of the names: the columns after the date, in order, as explain reads them
    other = frame.reset_index().set_axis(["date", "units", "cost", "promo"], axis=1)
    other[["date", "units", "cost"]].to_csv(tmp_path / "other.csv", index=False)
    assert _forecast(capsys, [str(saved["past"]), "--csv", str(tmp_path / "other.csv")]) == (
        expected
    )
    assert main(["explain", str(saved["past"]), "--csv", str(tmp_path / "other.csv")]) == 0


def test_predict_reads_a_future_covariate_models_plan_by_name(saved, tmp_path, capsys):
    # was: "the model in ... was fitted with the future covariates promo, ...: pass --csv FILE
    # with --date-col, --value-col and --future-cols promo, ..."
    plan = _write(tmp_path, "plan.csv", _frame(), ["day", "sales", "promo"])
    flags = ["--date-col", "day", "--value-col", "sales", "--future-cols", "promo"]
    expected = _forecast(capsys, [str(saved["future"]), "--csv", str(plan), *flags])
    assert _forecast(capsys, [str(saved["future"]), "--csv", str(plan)]) == expected
    # the plan under another name: refused naming the flag and the file's columns, as explain
    # refuses it (it said "column(s) ['promo'] not found in renamed.csv; available columns:
    # ['day', 'sales', 'offer']", naming no flag)
    renamed = _frame().rename(columns={"promo": "offer"})
    renamed = _write(tmp_path, "renamed.csv", renamed, ["day", "sales", "offer"])
    for command in ("predict", "explain"):
        assert main([command, str(saved["future"]), "--csv", str(renamed)]) == 2
        assert capsys.readouterr().err == (
            f"error: --csv {str(renamed)!r} lacks the model's future covariate promo (its "
            "columns: day, sales, offer); pass --future-cols with the file's column for promo.\n"
        )
    by_flag = [str(saved["future"]), "--csv", str(renamed), "--future-cols", "offer"]
    assert _forecast(capsys, by_flag) == expected
    # no --csv: the message names what the file needs, the flags being optional now
    assert main(["predict", str(saved["future"])]) == 2
    assert capsys.readouterr().err == (
        f"error: the model in {str(saved['future'])!r} was fitted with the future covariates "
        "promo, which its forecast reads at every step: pass --csv FILE with their columns, the "
        "rows after the target's last value holding their values at the forecast steps "
        "(--future-cols names them if the file calls them otherwise).\n"
    )


def test_a_file_with_other_column_names_still_needs_the_flags(saved, tmp_path, capsys):
    frame = _frame()[:N]
    model = str(saved["past"])
    # one of the model's names: a renamed column, not read by position
    cost = _write(
        tmp_path, "cost.csv", frame.rename(columns={"price": "cost"}), ["day", "sales", "cost"]
    )
    for command in ("predict", "explain"):
        assert main([command, model, "--csv", str(cost)]) == 2
        assert capsys.readouterr().err == (
            f"error: --csv {str(cost)!r} has the model's column sales but not price (its "
            "columns: day, sales, cost); name the target and covariate columns with --value-col "
            "and --covariate-cols.\n"
        )
    assert main(["predict", model, "--csv", str(cost), "--covariate-cols", "cost", "--json"]) == 0
    capsys.readouterr()
    # none of the names and a column too few: nothing to read in order
    units = frame.reset_index().set_axis(["date", "units", "cost", "promo"], axis=1)
    units[["date", "units"]].to_csv(tmp_path / "units.csv", index=False)
    path = str(tmp_path / "units.csv")
    assert main(["predict", model, "--csv", path]) == 2
    assert capsys.readouterr().err == (
        "error: the model was trained on 2 columns (sales, price); --csv "
        f"{path!r} gives 1 (units) besides the date column 'date'. Name them with --value-col "
        "and --covariate-cols.\n"
    )
    # the target named, the model's covariate not in the file
    assert main(["predict", model, "--csv", str(cost), "--value-col", "sales"]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(cost)!r} lacks the model's covariate price (its columns: day, "
        "sales, cost); pass --covariate-cols with the file's column for price.\n"
    )


def test_a_true_false_target_read_by_default_names_the_models_target(saved, tmp_path, capsys):
    # was: "--value-col ok must hold the numbers ...", a flag not given
    frame = _frame()[:N].assign(ok=["True", "False"] * (N // 2)).rename(columns={"price": "cost"})
    flags = _write(tmp_path, "flags.csv", frame, ["day", "ok", "cost"])  # read in order
    assert main(["predict", str(saved["past"]), "--csv", str(flags)]) == 2
    assert capsys.readouterr().err == (
        "error: the column ok, read for the model's target sales, must hold the numbers the "
        f"saved model forecasts, got True/False in {str(tmp_path / 'flags.csv')!r} (read as 1 and "
        "0); name the file's "
        "column of those numbers with --value-col.\n"
    )
    named = ["--value-col", "ok", "--covariate-cols", "cost"]
    assert main(["predict", str(saved["past"]), "--csv", str(flags), *named]) == 2
    assert capsys.readouterr().err.startswith("error: --value-col ok must hold the numbers")
