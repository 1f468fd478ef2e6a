"""revround35: review of left35c, revleft35a and revleft35b."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from lstmkit import data
from lstmkit.cli import main


def test_a_quoted_value_past_the_csv_modules_field_limit_is_read_below_a_trailing_separator():
    # the csv module that tells rows stopped at a value of over 131,072 characters ("field
    # larger than field limit"), and the file, which pandas reads, was refused
    long = "x" * 200_000
    text = f'date,sales,note\n2024-01-01,1,"{long}"\n2024-01-02,2,b,\n2024-01-03,3,b\n'
    frame = data.read_csv(io.StringIO(text), "date", "sales")
    assert frame["sales"].tolist() == [1.0, 2.0, 3.0]
    assert csv.field_size_limit() == 131_072  # the process's limit is put back


TINY = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]


def test_the_cli_tells_a_plan_missing_the_one_forecast_step_as_one(
    undrawn_figures, tmp_path, capsys
):
    # left35c told the library's; forecast, predict and explain said "the forecast of
    # --horizon (1) steps ... at every step, X … X, and 'f.csv' holds 0 of them (0 held out, 0
    # in the rows ...); the first missing is X. Add rows for the missing steps (their dates"
    days = pd.date_range("2021-01-01", periods=41, freq="D").strftime("%Y-%m-%d")
    flag = np.arange(41) % 3
    table = pd.DataFrame({"day": days, "sales": np.r_[20.0 + flag[:40], np.nan], "promo": flag})
    table.to_csv(tmp_path / "promo.csv", index=False)
    short = tmp_path / "short.csv"
    table.iloc[:-1].to_csv(short, index=False)
    data = ["--date-col", "day", "--value-col", "sales", "--future-cols", "promo"]
    argv = [*data, "--horizon", "1", "--holdout", "0", "--lookback", "4", "--season-length", "1"]
    assert main(["forecast", "--csv", str(short), *argv, *TINY, "--out", "no"]) == 2
    plan = "Add a row for the missing step (its date and promo, the sales cell left empty).\n"
    assert capsys.readouterr().err == (
        "error: --future-cols promo: the forecast of --horizon (1) step after 2021-02-09 reads "
        f"their values at that step, 2021-02-10, and {str(short)!r} has no row for it after the "
        f"target's last value. {plan}"
    )
    run = tmp_path / "run"
    argv = ["forecast", "--csv", str(tmp_path / "promo.csv"), *argv, *TINY, "--out", str(run)]
    assert main([*argv, "--json"]) == 0
    capsys.readouterr()
    assert main(["predict", str(run), "--csv", str(short)]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(short)!r}: the forecast of 1 step after 2021-02-09 reads the future "
        f"covariates promo at that step, 2021-02-10, and {str(short)!r} has no row for it after "
        f"the target's last value. {plan}"
    )
    assert main(["explain", str(run), "--csv", str(short)]) == 2
    assert capsys.readouterr().err == (
        f"error: --csv {str(short)!r}: forecast step 1 after 2021-02-09 reads the future "
        "covariates promo at that step, 2021-02-10, and the file has no row for it after the "
        f"target's last value. {plan}"
    )


def test_two_files_told_at_once_in_threads_keep_the_csv_field_limit(monkeypatch) -> None:
    """revlast35: each put back the limit it had found, the other's raised one included: the
    file told second, cut short by the limit the first put back, was left as it was (pandas
    refused it), and the process kept the first's raised limit."""
    import threading
    import types

    entered = {"a": threading.Event(), "b": threading.Event()}
    go = {"a": threading.Event(), "b": threading.Event()}

    class Gated(io.StringIO):
        """The csv module's lines, held at the first until the test lets them go."""

        def __init__(self, value: str, newline: str) -> None:
            super().__init__(value, newline=newline)
            self.who = "b" if len(value) > 131_072 else "a"
            self.waited = False

        def __next__(self) -> str:
            if not self.waited:
                self.waited = True
                entered[self.who].set()
                go[self.who].wait(10)
            return super().__next__()

    monkeypatch.setattr(data, "io", types.SimpleNamespace(StringIO=Gated))
    short = b'date,sales\n2024-01-01,"1"\n2024-01-02,2,\n'
    long = b'date,sales\n2024-01-01,"' + b"1" * 200_000 + b'"\n2024-01-02,2,\n'
    told: dict[str, bytes] = {}
    a = threading.Thread(
        target=lambda: told.update(a=data._without_trailing_separators(short, ",", 2))
    )
    b = threading.Thread(
        target=lambda: told.update(b=data._without_trailing_separators(long, ",", 2))
    )
    a.start()
    assert entered["a"].wait(10)
    b.start()
    entered["b"].wait(0.5)  # held back by the lock, it does not come in while a is told
    go["a"].set()
    a.join(10)
    go["b"].set()
    b.join(10)
    assert told == {"a": short[:-2] + b"\n", "b": long[:-2] + b"\n"}
    assert csv.field_size_limit() == 131_072
