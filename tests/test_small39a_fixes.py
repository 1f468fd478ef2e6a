"""small39a: left-overs in data.py."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit import data as D
from lstmkit._remedies import cli_command
from lstmkit.cli import main


def test_summary_rows_hint_reads_the_typed_path_not_the_repr_back() -> None:
    # the command's file was ast.literal_eval(name), typed_path's repr read back; it is now
    # the typed text passed down (as _empty_end_cut's), whatever `name` says
    text = pd.Series(["2020-01", "2020-02", "Total"], index=[0, 1, 2])
    token = cli_command.set("forecast")
    try:
        hint = D._summary_rows_hint(text, np.array([2]), "the file", 2, "a\\b 'x'.csv")
        without = D._summary_rows_hint(text, np.array([2]), "'s.csv'", 2)
    finally:
        cli_command.reset(token)
    assert hint == (
        "; the last row looks like a summary row under the data, which no date format reads: "
        "delete it from the file, or read the file without it: "
        "sed '$d' 'a\\b '\"'\"'x'\"'\"'.csv' | lstmkit forecast --csv - "
        "(with the other flags as given)"
    )
    assert without == (
        "; the last row looks like a summary row under the data, which no date format reads: "
        "delete it from the file"
    )


QUICK = ["--epochs", "1", "--ensemble", "1", "--interval", "0", "--no-stat-baselines"]
FLAGS = ["--date-col", "date", "--value-col", "sales", "--horizon", "3", "--hidden-size", "4"]


@pytest.mark.parametrize("k", [1, 2])
def test_empty_last_rows_beside_a_gap_are_told_the_cut_without_fill(
    k: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Without --fill, a target with a gap and empty last rows was told "drop it instead" with
    no command, where --fill's refusal of the same rows gives `sed '$d' FILE | ...`."""
    monkeypatch.chdir(tmp_path)
    rows = [f"2018-{m:02d}-01,{100 + m}" for m in range(1, 13)]
    rows[4] = "2018-05-01,"
    rows += [f"2019-{m:02d}-01,{200 + m}" for m in range(1, 13)]
    empty = ["2020-01-01,", "2020-02-01,"][:k]
    (tmp_path / "f.csv").write_text("\n".join(["date,sales", *rows, *empty]) + "\n")
    assert main(["forecast", "--csv", "f.csv", *FLAGS, *QUICK]) == 2
    at, lacking, they, them = (
        ("2020-01-01", "row has no 'sales' (2020-01-01)", "it is", "it")
        if k == 1
        else (
            "2020-01-01, 2020-02-01",
            "2 rows have no 'sales' (2020-01-01 … 2020-02-01)",
            "they are",
            "them",
        )
    )
    cut = " | ".join(["sed '$d' f.csv", *["sed '$d'"] * (k - 1)])
    assert capsys.readouterr().err == (
        "error: values must not be missing (NaN), got NaN in column 'sales' of 'f.csv' at "
        f"2018-05-01, {at}. Fill them first: pass --fill ffill, bfill, interpolate or zero. "
        f"The last {lacking}: if {they} the future to forecast, drop {them} instead; the "
        "forecast starts after the last row, and covariates are past inputs, whose future "
        "values it does not need (values known ahead, a promotion plan say, go to "
        f"--future-cols, which read those rows). On the command line, read the file without "
        f"{them}: {cut} | lstmkit forecast --csv - (with the other flags as given).\n"
    )


@pytest.mark.parametrize(
    ("values", "convert"),
    [
        (np.array(["1", "2", "3", "4", "5"]), "pd.to_numeric(values)"),
        (["1", "2", "3", "4", "5"], "pd.to_numeric(values)"),
        (pd.DataFrame({"a": ["1", "2", "3", "4", "5"]}), "values.apply(pd.to_numeric)"),
    ],
)
def test_window_functions_refuse_text_as_fit_does(values: object, convert: str) -> None:
    # make_windows(np.array(["1", ..., "5"]), 2, 1) gave three windows of the numbers 1 ... 5
    message = f"`values` must hold numbers, got text (first '1'); convert it first: {convert}."
    with pytest.raises(ValueError) as err:
        D.make_windows(values, 2, 1)
    assert str(err.value) == message
    with pytest.raises(ValueError) as err:
        D.split_windows(values, 2, 1, test=1)
    assert str(err.value) == message


def test_window_functions_name_the_first_nan() -> None:
    # make_windows(y_with_nan, 3, 1) gave windows holding NaN without a word: fit named it later
    y = np.array([1.0, 2.0, np.nan, 4.0, 5.0, 6.0, 7.0, 8.0])
    with pytest.warns(UserWarning) as caught:
        X, _ = D.make_windows(y, 3, 1)
    assert np.isnan(X[0, 2, 0])  # still windowed as it comes
    with pytest.warns(UserWarning) as split:
        D.split_windows(np.c_[y, np.where(np.isnan(y), 0.0, np.nan)], 3, 1, test=2)
    assert [str(w.message) for w in [*caught, *split]] == [
        "`values` hold 1 NaN (the first at index 2), which the windows hold as they come, and a "
        "loss on them is NaN: fill or drop it first (lstmkit.data.to_frame(..., fill=...)), or "
        "mask it in the loss.",
        "`values` hold 8 NaNs (the first at index (0, 1)), which the windows hold as they come, "
        "and a loss on them is NaN: fill or drop them first (lstmkit.data.to_frame(..., "
        "fill=...)), or mask them in the loss.",
    ]
