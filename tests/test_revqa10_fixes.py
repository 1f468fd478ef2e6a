"""Defects found reviewing qa10 (explaining forecasts as a fresh user meets it), each pinned by
the test that found it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 2, "calendar": False}
WEEKS = pd.date_range("2024-01-07", periods=42, freq="W-SUN")


@pytest.fixture(scope="module")
def planned(tmp_path_factory) -> tuple:
    """A direct model of weekly sales with a planned promotion, saved, and its file: 40 weeks
    of sales, then 2 planned weeks of promotion."""
    folder = tmp_path_factory.mktemp("planned")
    promo = (np.arange(42) % 5 == 0).astype(float)
    sales = pd.Series(100 + np.sin(np.arange(42) / 3) * 10 + 5 * promo, index=WEEKS)
    plan = pd.DataFrame({"promo": promo}, index=WEEKS)
    Forecaster(ForecasterConfig(horizon=2, **TINY)).fit(sales[:40], future_covariates=plan).save(
        folder / "model"
    )
    frame = pd.DataFrame({"week": WEEKS.strftime("%Y-%m-%d"), "sales": sales.to_numpy()})
    frame["promo"] = promo
    frame.loc[40:, "sales"] = np.nan
    return folder, frame


def test_fill_note_names_the_future_covariates_it_made_up(planned, capsys) -> None:
    # the note named the target's and past covariates' made-up values alone: a planned
    # promotion's gap inside the window (its values are read from the future covariates) and
    # one at a forecast step the explanation reads were filled with nothing said
    from lstmkit.cli import main

    folder, frame = planned
    frame = frame.copy()
    frame.loc[[38, 40], "promo"] = np.nan  # lag 2 of the window, and forecast step 1
    frame.loc[37, "sales"] = np.nan  # lag 3
    frame.to_csv(folder / "gaps.csv", index=False)
    argv = ["explain", str(folder / "model"), "--csv", str(folder / "gaps.csv"), "--json"]
    assert main([*argv, "--method", "gradxinput", "--step", "1", "--fill", "ffill"]) == 0
    assert capsys.readouterr().err == (
        "note: --fill ffill made up 2 of the explained window's values (sales at 2024-09-22; "
        "promo at 2024-09-29) and 1 of the future covariates' values at the explained forecast "
        "steps (promo at 2024-10-13); their relevance is that of the filled values.\n"
    )
    frame.loc[[37, 38]] = planned[1].loc[[37, 38]]  # the plan's gap alone
    frame.to_csv(folder / "gaps.csv", index=False)
    assert main([*argv, "--method", "gradxinput", "--step", "1", "--fill", "zero"]) == 0
    assert capsys.readouterr().err == (
        "note: --fill zero made up 1 of the future covariates' values at the explained "
        "forecast steps (promo at 2024-10-13); their relevance is that of the filled values.\n"
    )
