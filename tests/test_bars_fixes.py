"""Progress bars over long steps that were silent before the first fit's or training's bar."""

import re

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import _forecast_run as R
from lstmkit.cli import main

# the first draw: no series checked yet (the bar's width is tqdm's choice, which differs
# between its versions and terminals: 10 columns, or the terminal's rest)
_FIRST = r"check:   0%\| +\| 0/3 \[00:00<\?, \?series/s\]"


def _open_bars() -> set:
    from tqdm.std import tqdm

    return set(tqdm._instances)


def _shops(path, lengths=(40, 40, 40), gap=None):
    """A long-format CSV of one series per shop (a, b, c, ...), ``gap``: a shop's 11th month
    left out; and the argv of `lstmkit forecast --series-col shop` over it."""
    parts = []
    for k, n in enumerate(lengths):
        shop = "abcdefgh"[k]
        months = pd.date_range("2000-01-01", periods=n, freq="MS").strftime("%Y-%m-%d")
        part = pd.DataFrame({"month": months, "shop": shop, "sales": np.arange(n) + 10.0 * k})
        parts.append(part.drop(index=10) if shop == gap else part)
    pd.concat(parts).to_csv(path, index=False)
    argv = ["forecast", "--csv", str(path), "--date-col", "month", "--value-col", "sales"]
    return [*argv, "--series-col", "shop", "--horizon", "3", "--no-stat-baselines", "--json"]


@pytest.fixture
def fits(monkeypatch, capsys):
    """Each series' fit stubbed: it records what stderr held until then, and scores nothing."""
    seen: list[tuple[str, str]] = []

    def execute(run):
        seen.append((run.name, capsys.readouterr().err))
        return {
            "n": len(run.frame),
            "holdout": run.holdout,
            "metrics": {},
            "baselines_skipped": [],
            "season_length": 12,  # the series' table reads it (revser15)
        }

    monkeypatch.setattr(R, "_execute", execute)
    return seen


def test_series_col_shows_a_bar_over_checking_the_series_before_the_first_fit(
    fits, tmp_path, capsys
):
    # 1,000 series of 120 rows took 7 s to check before the first fit's bar, with nothing shown
    argv = _shops(tmp_path / "sales.csv")
    assert main([*argv, "--progress"]) == 0
    name, err = fits[0]
    assert name == "sales (shop=a)"
    drawn = [part for part in err.split("\r") if part.strip()]
    assert re.fullmatch(_FIRST, drawn[0])
    # tqdm draws at most 10 times a second: the counts between, where checking took that long
    assert all(re.fullmatch(r"check: +\d+%\|.+?\| [0-3]/3 \[.*series/s\]", d) for d in drawn)
    assert err.endswith("\r" + " " * len(drawn[-1]) + "\r")  # cleared (leave=False): no line left
    assert capsys.readouterr().out == ""  # the bar: on stderr alone (the fits are stubs)
    assert [name for name, _ in fits] == ["sales (shop=a)", "sales (shop=b)", "sales (shop=c)"]


@pytest.mark.parametrize(
    ("flag", "tty", "drawn"),
    [(None, True, True), (None, False, False), ("--no-progress", True, False)],
)
def test_the_series_bar_follows_the_terminal_and_the_flag(
    flag, tty, drawn, fits, tmp_path, monkeypatch
):
    monkeypatch.setattr("sys.stderr.isatty", lambda: tty)
    argv = _shops(tmp_path / "sales.csv")
    assert main([*argv, *([flag] if flag else [])]) == 0
    err = fits[0][1]
    if drawn:
        assert re.match("\r" + _FIRST, err)
    else:
        assert err == ""


def test_a_series_note_is_printed_above_the_bar_not_after_it(fits, tmp_path):
    argv = _shops(tmp_path / "sales.csv", gap="b")
    assert main([*argv, "--fill", "ffill", "--progress"]) == 0
    err = fits[0][1]
    note = (
        f"note: {str(tmp_path / 'sales.csv')!r} (shop=b) lacked 1 timestamp of its regular MS "
        "grid (2% of the 40 "
        "rows now); it was inserted and filled with --fill ffill.\n"
    )
    assert err.count(note) == 1
    # on a line of its own: the bar's line cleared before it, the bar drawn again after it
    before, after = err.split(note)
    assert before.endswith("\r" + " " * len(before.rstrip(" \r").rsplit("\r", 1)[-1]) + "\r")
    assert after.startswith("\rcheck:  33%|")


def test_a_refused_series_closes_the_bar_before_the_error(fits, tmp_path, capsys):
    argv = _shops(tmp_path / "sales.csv", lengths=(40, 5, 40))
    bars = _open_bars()
    assert main([*argv, "--progress"]) == 2
    assert fits == []  # refused before any fit
    assert _open_bars() == bars
    err = capsys.readouterr().err
    bar, error = err.rsplit("\r", 1)
    drawn = [part for part in bar.split("\r") if part.strip()]
    assert re.fullmatch(_FIRST, drawn[0])
    assert bar.endswith("\r" + " " * len(drawn[-1]))  # cleared before the error
    assert error == (
        "error: series shop=b: the series is too short: 5 points, where the holdout (3, by default "
        "--horizon) and at least --horizon (3) + 3 to fit on (the look-back and the windows to "
        "train and validate on) need at least 9.\n"
    )
