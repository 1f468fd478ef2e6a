"""Review of predict5: `lstmkit predict RUN --csv FILE` and `lstmkit explain RUN --csv FILE`
reading the saved model's columns by default (cli/_forecast_run._model_csv_columns)."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

N, H = 40, 3
TINY = {"horizon": H, "ensemble": 1, "epochs": 1, "lookback": 4, "season_length": 1}


@pytest.fixture
def sales(tmp_path: Path) -> tuple[Path, pd.DataFrame]:
    """A model of 40 days of sales alone, saved (its date column ``day``), and the days."""
    rng = np.random.default_rng(0)
    days = pd.date_range("2021-01-01", periods=N, freq="D", name="day")
    frame = pd.DataFrame({"sales": np.round(20 + rng.random(N), 2)}, index=days)
    model = tmp_path / "model"
    Forecaster(**TINY).fit(frame["sales"]).save(model)
    return model, frame


def _forecast(capsys: pytest.CaptureFixture[str], argv: list[str]) -> list[float]:
    assert main(["predict", *argv, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)["forecast"]["forecast"]


def test_the_default_date_column_is_none_that_value_col_names(sales, tmp_path, capsys):
    # a file with its target first and its dates under another name than the model's: the
    # dates were taken from the first column, the one --value-col names, and refused as
    # "--value-col must name columns that no other flag names, got units, named by
    # --date-col too" (explain: "['units'] is named more than once"), --date-col not given
    model, frame = sales
    path = tmp_path / "first.csv"
    frame.rename_axis("date").rename(columns={"sales": "units"})[["units"]].reset_index()[
        ["units", "date"]
    ].to_csv(path, index=False)
    flags = ["--date-col", "date", "--value-col", "units"]
    expected = _forecast(capsys, [str(model), "--csv", str(path), *flags])
    assert _forecast(capsys, [str(model), "--csv", str(path), "--value-col", "units"]) == expected
    assert main(["explain", str(model), "--csv", str(path), "--value-col", "units"]) == 0
    capsys.readouterr()
    # a file with no column left for the dates says so, naming the flag
    alone = tmp_path / "alone.csv"
    frame[["sales"]].to_csv(alone, index=False)
    for command in ("predict", "explain"):
        assert main([command, str(model), "--csv", str(alone), "--value-col", "sales"]) == 2
        assert capsys.readouterr().err == (
            f"error: --csv {str(alone)!r} has no column for the dates besides those the flags "
            "name (its columns: sales); pass --date-col.\n"
        )


QUICK = [
    *("--ensemble", "1", "--epochs", "2", "--lookback", "4", "--season-length", "1"),
    *("--no-calendar", "--hidden-size", "4", "--no-stat-baselines", "--interval", "0"),
]


def test_the_note_on_held_out_points_gives_the_short_predict_command(tmp_path, capsys):
    # it said `lstmkit predict run --csv FILE ... --future-cols promo`: the flags are optional
    # now, a FILE with the training data's columns read by their names; a long-format file's
    # rows by the run's --where, which the "..." left out
    days = pd.date_range("2021-01-01", periods=N, freq="D").strftime("%Y-%m-%d")
    one = pd.DataFrame({"day": days, "sales": 20.0 + np.arange(N) % 5, "promo": np.arange(N) % 2})
    table = pd.concat([one.assign(store="A"), one.assign(store="B", sales=one["sales"] * 2)])
    csv, out = tmp_path / "stores.csv", tmp_path / "run"
    table.to_csv(csv, index=False)
    flags = ["--csv", str(csv), "--date-col", "day", "--value-col", "sales"]
    argv = ["forecast", *flags, "--future-cols", "promo", "--where", "store=B", "--horizon", "3"]
    assert main([*argv, *QUICK, "--holdout", "3", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1] == (
        f"(model/ was fitted without the 3 held-out points, so `lstmkit predict {out} --csv "
        "FILE --where store=B` (FILE with the training data's columns, its target ending before "
        "them, its rows for them holding promo) forecasts them again; --holdout 0 fits on "
        "everything)"
    )
    # and so it does, as given, bit for bit
    held = table["sales"].where((table["store"] == "A") | (np.arange(2 * N) < 2 * N - 3))
    table.assign(sales=held).to_csv(csv, index=False)
    again = _forecast(capsys, [str(out), "--csv", str(csv), "--where", "store=B"])
    assert again == pd.read_csv(out / "forecast.csv")["forecast"].tolist()


def test_a_model_of_its_target_alone_is_not_advised_covariate_cols(sales, tmp_path, capsys):
    # "... Name them with --value-col and --covariate-cols.": a model without covariates reads
    # none (predict said "give --value-col only (no --covariate-cols)" with every flag given)
    model, frame = sales
    path = tmp_path / "priced.csv"
    frame.assign(price=5.0).to_csv(path)
    for command in ("predict", "explain"):
        assert main([command, str(model), "--csv", str(path), "--covariate-cols", "price"]) == 2
        assert capsys.readouterr().err == (
            f"error: the model was trained on 1 column (sales); --csv {str(path)!r} gives 2 "
            "(sales, price) besides the date column 'day'. Name it with --value-col, without "
            "--covariate-cols.\n"
        )
    # none of the names, a column too many: named by --value-col alone
    frame.rename(columns={"sales": "units"}).assign(cost=5.0).to_csv(path)
    assert main(["predict", str(model), "--csv", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"error: the model was trained on 1 column (sales); --csv {str(path)!r} gives 2 "
        "(units, cost) besides the date column 'day'. Name it with --value-col.\n"
    )
    assert _forecast(capsys, [str(model), "--csv", str(path), "--value-col", "units"])


@pytest.fixture
def plan_model(tmp_path: Path) -> tuple[Path, Path]:
    """A model of sales with the past covariate price and the future covariate promo, and
    its file (day, sales, price, promo; the promotion plan in the 3 rows after the sales)."""
    rng = np.random.default_rng(0)
    days = pd.date_range("2021-01-01", periods=N + H, freq="D", name="day")
    promo = (rng.random(N + H) < 0.3).astype(int)
    price = np.round(5 + rng.random(N + H), 2)
    sales = np.where(np.arange(N + H) < N, 20.0 + 8 * promo - price, np.nan)
    frame = pd.DataFrame({"sales": sales, "price": price, "promo": promo}, index=days)
    model, csv = tmp_path / "model", tmp_path / "plan.csv"
    fitted = Forecaster(**TINY).fit(
        frame["sales"][:N], covariates=frame[["price"]][:N], future_covariates=frame[["promo"]]
    )
    fitted.save(model)
    frame.to_csv(csv)
    return model, csv


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (
            ["--value-col", "price"],
            "--value-col price names the column read by name for the model's covariate price "
            "(--covariate-cols left out); pass --covariate-cols with the file's column for "
            "price, or another --value-col.",
        ),
        (
            ["--covariate-cols", "promo"],
            "--covariate-cols promo names the column read by name for the model's future "
            "covariate promo (--future-cols left out); pass --future-cols with the file's "
            "column for promo, or another --covariate-cols.",
        ),
        (
            ["--covariate-cols", "sales"],
            "--covariate-cols sales names the column read by name for the model's target sales "
            "(--value-col left out); pass --value-col with the file's column for sales, or "
            "another --covariate-cols.",
        ),
    ],
)
def test_a_flag_naming_a_column_read_by_default_names_that_flag(plan_model, capsys, given, said):
    # predict said "--covariate-cols must name columns that no other flag names, got price,
    # named by --value-col too", a flag not given; explain "['price'] is named more than once"
    model, csv = plan_model
    for command in ("predict", "explain"):
        assert main([command, str(model), "--csv", str(csv), *given]) == 2
        assert capsys.readouterr().err == f"error: {said}\n"


def test_a_plan_too_short_read_by_default_names_the_file_not_the_flag(plan_model, tmp_path, capsys):
    # it said "--future-cols promo: the forecast of 3 steps ...", a flag not given
    model, csv = plan_model
    short = tmp_path / "short.csv"
    pd.read_csv(csv)[: N + 1].to_csv(short, index=False)  # 1 of the 3 steps' plan
    assert main(["predict", str(model), "--csv", str(short)]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(short)!r}: the forecast of 3 steps after 2021-02-09 reads the future "
        f"covariates promo at every step, 2021-02-10 … 2021-02-12, and {str(short)!r} holds 1 of "
        "them in the rows after the target's last value; the first missing is 2021-02-11. Add "
        "rows for the missing steps (their dates and promo, the sales cell left empty), or "
        "pass --horizon 1.\n"
    )
    assert main(["predict", str(model), "--csv", str(short), "--future-cols", "promo"]) == 2
    assert capsys.readouterr().err.startswith(
        "error: --future-cols promo: the forecast of 3 steps after 2021-02-09 reads their values "
        "at every step,"
    )


@pytest.mark.parametrize(
    ("flag", "column", "kind"),
    [("--future-cols", "price", "covariate"), ("--date-col", "sales", "target")],
)
def test_a_flag_taking_a_model_column_is_not_said_to_be_absent(
    plan_model, capsys, flag, column, kind
):
    # it said "--csv 'plan.csv' has the model's column(s) sales but not price (its columns:
    # day, sales, price, promo)", a file that has price
    model, csv = plan_model
    for command in ("predict", "explain"):
        assert main([command, str(model), "--csv", str(csv), flag, column]) == 2
        assert capsys.readouterr().err == (
            f"error: {flag} {column} names the column read by name for the model's {kind} "
            f"{column} (--value-col and --covariate-cols left out); name the target and "
            f"covariate columns with --value-col and --covariate-cols, or another {flag}.\n"
        )
