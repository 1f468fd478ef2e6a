"""revser15: a review of ser15 (several series, interval words, predict --series-col), and
the four things it left alone: one shape for every --interval refusal, the series' table
labelled where their holdouts and seasons differ, the run's own series folders named to
`predict --series-col`, and a long-format file given to a model of one series said so first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

TINY = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-progress"]


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`lstmkit forecast` of a short monthly series into a folder (a model of one column)."""
    folder = tmp_path_factory.mktemp("run")
    csv = folder / "sales.csv"
    month = pd.date_range("2000-01-01", periods=48, freq="MS").strftime("%Y-%m-%d")
    pd.DataFrame({"month": month, "sales": 100.0 + np.arange(48.0) % 12}).to_csv(csv, index=False)
    argv = ["forecast", "--csv", str(csv), "--date-col", "month", "--value-col", "sales"]
    assert main([*argv, "--horizon", "3", "--out", str(folder / "r"), *TINY]) == 0
    return folder / "r"


@pytest.mark.parametrize(
    ("value", "got"),
    [
        ("95", "95 (a fraction: 0.95 for 95 %)"),
        ("95%", "'95%' (a fraction: 0.95 for 95 %)"),
        ("abc", "'abc'"),
    ],
)
def test_every_interval_refusal_has_one_shape(
    interval_refusal: Callable[[list[str]], str], tiny_run: Path, value: str, got: str, capsys
) -> None:
    # `--interval 95%` got argparse's "argument --interval: expected ..., got '95%' ...
    # (`lstmkit forecast --help` lists the flags)" and `--interval 95` "--interval must be ...,
    # got 95 ...": one mistake in two shapes; now both the latter, for forecast and predict
    said = (
        f"error: --interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, "
        f"got {got}.\n"
    )
    assert interval_refusal(["forecast", "airline", "--interval", value]) == said
    assert interval_refusal(["predict", str(tiny_run), "--interval", value]) == said


def test_a_series_col_interval_refusal_names_no_series(tmp_path: Path, capsys) -> None:
    # with --series-col the flag was refused as the first series' ("series store=A:
    # --interval must be ..."): a flag of every series, not A's
    csv = tmp_path / "stores.csv"
    csv.write_text(
        "store,month,sales\n"
        + "".join(f"{s},2000-{m:02d}-01,{m}\n" for s in "AB" for m in range(1, 13))
    )
    argv = ["forecast", "--csv", str(csv), "--series-col", "store", "--date-col", "month"]
    argv += ["--value-col", "sales", "--interval", "95%"]
    assert main([*argv, "--no-progress"]) == 2
    assert capsys.readouterr() == (
        "",
        "error: --interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, "
        "got '95%' (a fraction: 0.95 for 95 %).\n",
    )


def test_the_series_table_says_each_holdout_and_season_where_they_differ(
    tmp_path: Path, capsys
) -> None:
    # a monthly and a quarterly series: MASE at m=12 beside m=4 and RMSEs over 12 and 4 held-out
    # points sat side by side in the table with no word of either (summary.csv had holdout)
    month = pd.date_range("2000-01-01", periods=48, freq="MS")
    quarter = pd.date_range("2000-01-01", periods=24, freq="QS")
    frames = [
        pd.DataFrame({"store": "M", "month": month, "sales": 100.0 + np.arange(48.0) % 12}),
        pd.DataFrame({"store": "Q", "month": quarter, "sales": 50.0 + np.arange(24.0) % 4}),
    ]
    csv = tmp_path / "stores.csv"
    pd.concat(frames).to_csv(csv, index=False, date_format="%Y-%m-%d")
    argv = ["forecast", "--csv", str(csv), "--series-col", "store", "--date-col", "month"]
    argv += ["--value-col", "sales", "--interval", "0", *TINY]
    assert main(argv) == 0
    out = capsys.readouterr().out
    table = out[out.index("2 series, one per value of 'store':") :].splitlines()[2:6]
    assert [line.split()[:4] for line in table] == [
        ["store", "n", "holdout", "MASE"],
        ["-----", "--", "-------", "------"],
        ["M", "48", "12", "12"],
        ["Q", "24", "4", "4"],
    ]
    assert table[0].split()[4:6] == ["m", "model"]
    # series alike keep the table as it was
    pd.concat([frames[0], frames[0].assign(store="N")]).to_csv(csv, index=False)
    assert main(argv) == 0
    out = capsys.readouterr().out
    header = out[out.index("2 series, one per value of 'store':") :].splitlines()[2]
    assert header.split() == [
        "store", "n", "model", "RMSE", "model", "MASE", "s.", "naive", "RMSE", "s.", "naive",
        "MASE", "lowest", "RMSE",
    ]  # fmt: skip


def test_predict_series_col_names_the_runs_own_series_folders(
    tmp_path: Path, flags_refusal: Callable[[list[str]], str]
) -> None:
    # ser15 said "(DIR/NAME, ...)" whatever folder was given, where the run's were on disk
    run = tmp_path / "runs"
    for name in ("B", "A", "notes"):  # notes/: a folder of the user's, no series
        (run / name / "model").mkdir(parents=True)
        if name != "notes":
            (run / name / "model" / "config.json").write_text("{}")
    (run / "summary.csv").write_text("store,n\nA,1\nB,1\n")
    said = (
        "error: unrecognized arguments: --series-col store; `lstmkit predict` forecasts one "
        "series: give the folder of one series of a `lstmkit forecast --series-col` run "
        f"({run / 'A'}, {run / 'B'}, whose rows of --csv it reads as that run did), or --where "
        "store=NAME (`lstmkit predict --help` lists the flags)\n"
    )
    for model in (run, run / "A"):  # the run, or one of its series
        argv = ["predict", str(model), "--csv", "s.csv", "--series-col", "store"]
        assert flags_refusal(argv) == said
    # the flag before the run: its value took the model's place, the run the dataset's
    argv = ["predict", "--series-col", "store", str(run), "--csv", "s.csv"]
    assert flags_refusal(argv) == said
    # elsewhere, no run to name
    argv = ["predict", str(tmp_path), "--csv", "s.csv", "--series-col", "store"]
    assert "run (DIR/NAME, whose rows" in flags_refusal(argv)


def test_a_long_format_file_for_a_one_series_model_is_said_first(
    tiny_run: Path, tmp_path: Path, capsys
) -> None:
    # `predict RUN --csv stores.csv` said "the model was trained on 1 column (sales)...
    # Name it with --value-col." alone; --value-col then met the repeated months, and only then
    # was the file said to hold several series
    csv = tmp_path / "stores.csv"
    lines = [f"{s},2000-{m:02d}-01,{m}" for s in "AB" for m in range(1, 13)]
    csv.write_text("store,month,amount\n" + "\n".join(lines) + "\n")
    for command in ("predict", "explain"):
        assert main([command, str(tiny_run), "--csv", str(csv)]) == 2
        assert capsys.readouterr() == (
            "",
            f"error: --csv {str(csv)!r} repeats timestamps of 'month'. The file looks like 2 "
            "series in long format, one per value of 'store' (A, B): read one with --where "
            "store=A. And the model was trained on 1 column (sales); --csv "
            f"{str(csv)!r} gives 2 (store, amount) besides the date column 'month'. Name it "
            "with --value-col.\n",
        )
    # two columns of one series: the count alone, as before
    csv.write_text(
        "month,amount,price\n" + "".join(f"2000-{m:02d}-01,{m},1\n" for m in range(1, 13))
    )
    assert main(["predict", str(tiny_run), "--csv", str(csv)]) == 2
    assert capsys.readouterr().err == (
        f"error: the model was trained on 1 column (sales); --csv {str(csv)!r} gives 2 "
        "(amount, price) besides the date column 'month'. Name it with --value-col.\n"
    )


@pytest.mark.parametrize(
    ("name", "selected"),
    [(None, "[COLUMN]"), (0, "[0]"), ("sales", "['sales']")],
    ids=["no name", "number", "text"],
)
def test_the_stacked_series_hint_selects_the_column_as_the_caller_names_it(name, selected) -> None:
    # ser15 told a Series without a name to select df[...]['value'] (lstmkit's own name for
    # it) and one named 0 df[...]['0'], neither a column of the caller's frame
    from lstmkit.forecast import Forecaster

    month = pd.date_range("2000-01-01", periods=30, freq="MS")
    series = pd.Series(np.arange(60.0), month.append(month), name=name)
    with pytest.raises(ValueError) as info:
        Forecaster(ensemble=1, epochs=1, progress=False).fit(series)
    assert str(info.value).endswith(
        "select one series' rows while that column ID is there, e.g. "
        f"df[df[ID] == first_id]{selected}, and fit one Forecaster per series, looping over "
        "df.groupby(ID) (from a CSV, `lstmkit forecast --series-col ID` does this)."
    )
