"""``lstmkit forecast`` and ``lstmkit predict``: their flags.

``lstmkit forecast airline`` holds out the last ``--holdout`` points (default: the horizon), fits
a :class:`~lstmkit.forecast.Forecaster` on the rest, and prints its metrics beside the baselines.
With ``--out DIR`` it writes ``forecast.csv``, ``forecast.png``, ``training.png``, ``run.json``
and the model (``model/model.safetensors`` + ``model/config.json``); with ``--json`` it prints
one JSON object instead of the table. ``lstmkit predict DIR`` forecasts with such a saved
model, without training, from the end of its training data or of a newer series. Everything is
validated before anything is written.

The commands run in :mod:`lstmkit.cli._forecast_run`, imported once one of them runs: this
module imports neither pandas nor the forecasting modules, so ``lstmkit forecast --help`` and
``predict --help`` answer without them (0.9 s, most of it importing pandas, before).
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lstmkit._checks import and_list, shown_names, slip_hint
from lstmkit._datasets import DATASETS
from lstmkit._forecast_config import (
    AUTO_WINDOWS_PER_EPOCH,
    CHOICES,
    DEFAULT_LOOKBACK_SAID,
    DURATION,
    STEPS_NOT_DURATION,
    ForecasterConfig,
)
from lstmkit.cli import (
    COMMANDS,
    PLOT_FLAGS,
    RUNS_FILL,
    DefaultsHelpFormatter,
    FlagValueError,
    _abbreviated,
    _is_number,
    csv_format_arguments,
    integer_hint,
    number_or_text,
    out_folder,
    overwrite_flag,
    progress_flag,
    says_refused_flags,
    seed_number,
    series_folders,
    user_path,
    whole_number,
)

# Keras' and scikit-learn's flags that forecast has no flag for, with what it does instead
# (:attr:`lstmkit.cli._Parser.their_notes`); those it has under another name are
# lstmkit.cli's _THEIR_FLAGS. The windows are in time order on purpose: a shuffled split
# would validate on points before those it trains on. --no-shuffle too (Keras'
# shuffle=False), which was "unrecognized arguments" alone
_THEIR_NOTES = dict.fromkeys(
    ("--shuffle", "--no-shuffle"),
    "no flag shuffles the series: forecast keeps its points in time order (--holdout the last "
    "N, the --val-size validation windows the most recent before them) and shuffles only the "
    "order of the training windows each epoch",
)
# pandas' freq (its Period's, read_csv's in Python, where it is refused with these words):
# `--freq Q-JUN` was "unrecognized arguments" alone, and a file's 2024Q1 read as the calendar
# quarter. With a value, the note says what it reads (:func:`_note_freq`); this note says
# the rest, where no value is named (`--freq` last) or a value was refused before it
_FREQ_NOTE = (
    "no flag sets the frequency: it is read from the dates, each step theirs (a missing date "
    "is refused, or inserted and filled with --fill)"
)
_FREQ_NOTES = dict.fromkeys(("--freq", "--frequency"), _FREQ_NOTE)
_THEIR_NOTES.update(_FREQ_NOTES)
# a plot asked for by a flag: `--plot` was "unrecognized arguments" alone, where the plot is a
# file of --out
_THEIR_NOTES.update(
    dict.fromkeys(
        PLOT_FLAGS,
        "no flag draws a plot on screen: --out DIR writes it, DIR/forecast.png (the history, "
        "the held-out truth, the forecast and its interval) beside training.png",
    )
)
_PREDICT_NOTES = {
    **_FREQ_NOTES,
    **dict.fromkeys(
        PLOT_FLAGS,
        "no flag draws a plot on screen: --out DIR writes it, DIR/forecast.png (the history, "
        "the forecast and its interval)",
    ),
}


def _note_freq(parser: argparse.ArgumentParser, args: argparse.Namespace, said: str) -> None:
    """Give ``parser``'s note of ``--freq`` (or ``--frequency``) among the unrecognized
    ``said`` what the value given reads as, as Python's ``read_csv(freq=...)`` is told: for a
    ``--csv``, a fiscal year's ``Q-JUN`` the calendar quarters the file's ``2024Q1`` reads as
    and the two ways to its own (the first days written, or Python's ``pd.PeriodIndex``, in
    code that reads the file, its ``--date-col`` and ``--value-col``)."""
    csv = getattr(args, "csv", None)
    if csv is None:  # a bundled dataset's dates are first days already
        return
    path = "FILE" if str(csv) == "-" else repr(str(csv))
    date_col = getattr(args, "date_col", None) or "DATE_COL"
    value_col = getattr(args, "value_col", None) or "VALUE_COL"

    def route(freq: str) -> str:
        index = f"pd.PeriodIndex(table[{date_col!r}].astype(str), freq={freq!r})"
        return (
            f"fit from Python: table = pd.read_csv({path}); "
            f"Forecaster().fit(table.set_index({index})[{value_col!r}])"
        )

    words = said.split()
    for at, word in enumerate(words):
        flag, eq, value = word.partition("=")
        if flag not in _FREQ_NOTES:
            continue
        if not eq and at + 1 < len(words) and not words[at + 1].startswith("-"):
            value = words[at + 1]
        if value:
            from lstmkit import data as D  # pandas, only for a refusal that names a frequency

            note = D._freq_said(value, _FREQ_NOTE, route)
            parser.their_notes = {**parser.their_notes, flag: note}  # type: ignore[attr-defined]
        return


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``forecast`` and ``predict`` sub-commands."""
    p = subparsers.add_parser(
        "forecast",
        help=COMMANDS["forecast"][1],
        description="Fit a recurrent forecaster, hold out the last points, and compare it with "
        "naive, seasonal naive and (when statsforecast is installed) AutoARIMA/AutoETS/AutoTheta.",
        formatter_class=DefaultsHelpFormatter,
    )
    data = p.add_argument_group("data")
    _data_arguments(
        data,
        covariates="extra input columns of --csv, read over the input window as the target "
        "is (their past values; --future-cols for values known in advance)",
    )
    data.add_argument(
        "--future-cols",
        nargs="+",
        default=[],
        metavar="COL",
        help="columns known in advance (a holiday flag, a planned price; with --csv): read "
        "like --covariate-cols, and at each forecast step, from the held-out rows and the "
        "rows after the target's last value (the target's cell left empty there)",
    )
    data.add_argument(
        "--series-col",
        metavar="COL",
        help="forecast every series of a long-format --csv, one per value of COL (one model "
        "each, as with --where COL=VALUE), then compare them in one table; --out DIR gets a "
        "folder per series and summary.csv",
    )
    defaults = ForecasterConfig()
    ev = p.add_argument_group("evaluation")
    ev.add_argument(
        "--horizon",
        type=_steps,
        metavar="N",
        default=defaults.horizon,
        help="steps to forecast (default: the fewest that cover the day of hourly and minute "
        "data, the week of daily, a quarter of weekly and the year of monthly data, at most a "
        "season: 12 for monthly data, 24 half-monthly, 4 quarterly, 7 daily, 5 for business "
        "days, 24 hourly, 96 for 15-minute data, 3 for every 5 months, 4 for every 30 days; 13 "
        "for weekly and 6 for yearly data; 12 without a known season)",
    )
    ev.add_argument(
        "--holdout",
        type=_holdout,
        help="hold out the last N points and score the forecast on them (default: the horizon; "
        "0 forecasts beyond the data)",
    )
    ev.add_argument("--backtest", action="store_true", help="also run a rolling-origin backtest")
    ev.add_argument(
        "--backtest-origins",
        type=whole_number,
        default=None,
        metavar="N",
        help="with --backtest: the number of origins (default: 3), --backtest-stride steps apart, "
        "the last one forecasting the final --horizon points",
    )
    ev.add_argument(
        "--backtest-stride",
        type=_steps,
        default=None,
        metavar="N",
        help="with --backtest: the steps between origins (default: one season, at most --horizon)",
    )
    ev.add_argument(
        "--no-retrain",
        action="store_true",
        help="with --backtest: fit once on the points before the first origin and forecast from "
        "every origin with that model (Darts' retrain=False), instead of a fit at each origin",
    )
    ev.add_argument(
        "--no-stat-baselines", action="store_true", help="skip AutoARIMA/AutoETS/AutoTheta"
    )
    md = p.add_argument_group("model")
    md.add_argument("--cell", choices=CHOICES["cell"], default=defaults.cell, help="recurrent cell")
    md.add_argument(
        "--strategy",
        choices=CHOICES["strategy"],
        default=defaults.strategy,
        help="multi-step strategy: all steps at once, one step fed back, or encoder-decoder",
    )
    md.add_argument(
        "--lookback",
        type=_steps,
        metavar="N",
        help=f"input window in steps (default: {DEFAULT_LOOKBACK_SAID}, the longest that leaves "
        "enough training windows; 24, 12, 6, 3 or 1 steps without a season)",
    )
    md.add_argument(
        "--hidden-size",
        type=whole_number,
        default=defaults.hidden_size,
        help="size of each encoder layer's hidden state",
    )
    md.add_argument(
        "--num-layers",
        type=whole_number,
        default=defaults.num_layers,
        help="stacked encoder layers",
    )
    md.add_argument(
        "--dropout",
        type=number_or_text,
        default=defaults.dropout,
        help="dropout between stacked layers, in [0, 1)",
    )
    md.add_argument("--bidirectional", action="store_true", help="bidirectional encoder")
    md.add_argument(
        "--transform",
        choices=CHOICES["transform"],
        default=defaults.transform,
        help="auto takes the log of a strictly positive series",
    )
    md.add_argument(
        "--difference",
        type=whole_number,
        default=defaults.difference,
        help="difference the series at this lag before training, 1 for first differences, 12 "
        "for year on year in monthly data; 0 for none",
    )
    md.add_argument(
        "--scaling",
        choices=CHOICES["scaling"],
        default=defaults.scaling,
        # "fitted on the training part only" did not say what `window` does: each window
        # has its own level, and the one global scale is what the training part gives
        help="window: each input window less the mean of its last season, over one scale from "
        "the training windows; standard, minmax: one scaler fitted on the training part",
    )
    md.add_argument(
        "--anchor",
        choices=CHOICES["anchor"],
        default=defaults.anchor,
        # the choices in the config's order (level, season, smooth), and so the words here
        help="forecast relative to the window's level, the last season's values, or the "
        "smoothed last season (default)",
    )
    md.add_argument(
        "--calendar",
        choices=["all", "season", "none"],
        default=None,  # "all"; None tells a given flag from the default
        help="calendar inputs: the position in the season, plus the day of the week for "
        "hourly and minute data whose season is the day (all, the default), the season "
        "position only, or none",
    )
    md.add_argument("--no-calendar", action="store_true", help="the same as --calendar none")
    md.add_argument(
        "--season-length",
        type=_steps,
        metavar="N",
        # the table of lstmkit.data.season_length
        help="seasonal period in steps, for the model and the seasonal baselines (default: from "
        "the frequency: 12 monthly, 24 half-monthly, 4 quarterly, 52 weekly, 7 daily, 5 business "
        "days (custom ones: their weekmask's days), 8 business hours (9 to 5), 24 hourly, the day "
        "for minute steps of 15 or more that divide it (96 for 15-minute, 48 for 30-minute data); "
        "none for yearly data, minute steps of which whole days are more than 96 (5, 7 or 50 "
        "minutes), seconds or no dates; a multiple of a frequency counts its steps, 6 for every "
        "two months, one that is a whole number of a longer unit counts as it, 7D and 5B as "
        "weekly, 3600s as hourly, and one that does not divide its season gets the fewest steps "
        "that span whole seasons, 12 for 10 hours (five days); e.g. 168 for a weekly cycle in "
        "hourly data)",
    )
    md.add_argument(
        "--ensemble", type=whole_number, default=defaults.ensemble, help="members (seeds)"
    )
    md.add_argument(
        "--interval",
        type=number_or_text,
        default=defaults.interval,
        help="nominal coverage of the prediction interval, in (0, 1); 0 for no interval",
    )
    md.add_argument(
        "--epochs",
        type=whole_number,
        default=defaults.epochs,
        help="most epochs per member (a ceiling for early stopping)",
    )
    md.add_argument("--lr", type=number_or_text, default=defaults.lr, help="Adam's learning rate")
    md.add_argument(
        "--val-size",
        type=whole_number,
        default=defaults.val_size,
        help="validation windows at the end of the training data, for early stopping and the "
        "interval (default: one season, at least 4, at most a quarter of the windows)",
    )
    md.add_argument(
        "--batch-size", type=whole_number, default=defaults.batch_size, help="windows per step"
    )
    md.add_argument(
        "--patience",
        type=whole_number,
        default=None,  # the config's; None tells a given flag from the default
        help="epochs without validation improvement before stopping (default: "
        f"{defaults.patience})",
    )
    md.add_argument(
        "--weight-decay", type=number_or_text, default=defaults.weight_decay, help="L2 penalty"
    )
    md.add_argument(
        "--no-early-stopping",
        action="store_true",
        help="train every member for exactly --epochs and keep the last weights (set --epochs, "
        "e.g. 20; default: stop after --patience epochs without validation improvement)",
    )
    md.add_argument(
        "--windows-per-epoch",
        type=_windows_per_epoch,
        default=defaults.windows_per_epoch,
        metavar="N|auto|all",
        help="train each epoch on at most N windows, a fresh random subset each epoch; 'all' "
        f"every window (default: auto, every window up to {AUTO_WINDOWS_PER_EPOCH}, a random "
        f"{AUTO_WINDOWS_PER_EPOCH} above)",
    )
    md.add_argument(
        "--no-refit",
        action="store_true",
        help="keep the early-stopped members (default: retrain them on all windows)",
    )
    md.add_argument(
        "--seed", type=seed_number, default=defaults.seed, help="seed of the first ensemble member"
    )
    md.add_argument(
        "--threads",
        dest="num_threads",
        type=whole_number,
        default=defaults.num_threads,
        metavar="N",  # as the other commands' --threads (its dest showed as NUM_THREADS)
        help="torch threads each member trains on (1 is the fastest for these small networks, "
        "and the forecast depends on it: float rounding)",
    )
    md.add_argument(
        "--device",
        default=defaults.device,
        help="torch device to train and forecast on: cpu, cuda, cuda:1, mps (the CPU is the "
        "fastest for the default sizes, and the only one that repeats a forecast bit for bit)",
    )
    md.add_argument(
        "--jobs",
        type=whole_number,
        default=defaults.jobs,
        help="ensemble members trained at the same time, one in this process and the others "
        "each in a worker process (the same forecast, bit for bit; faster on long series when "
        "there are cores for them)",
    )
    progress_flag(md)
    out = p.add_argument_group("output")
    out.add_argument(
        "--out",
        type=out_folder,
        help="folder for forecast.csv, forecast.png, training.png, run.json and model/ (with "
        "--backtest also backtest.csv and backtest.png; with --series-col a folder per series "
        "and summary.csv)",
    )
    overwrite_flag(
        out,
        "the run's files",
        models=True,
        # a run without --backtest deletes backtest.csv and backtest.png: a user's went, unsaid
        deletes=" deleting those of them this run does not write (backtest.csv and "
        "backtest.png, without --backtest),",
    )
    out.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    p.set_defaults(func=run_forecast)
    p.their_notes = _THEIR_NOTES  # type: ignore[attr-defined]
    p.stray_hint = _forecast_stray_hint  # type: ignore[attr-defined]

    pr = subparsers.add_parser(
        "predict",
        help=COMMANDS["predict"][1],
        description="Forecast with a Forecaster saved by `lstmkit forecast --out DIR` (give DIR or "
        "DIR/model) or Forecaster.save: from the end of its training data, or from the end of a "
        "newer series (a bundled dataset or a CSV with the training data's columns and "
        "frequency).",
        formatter_class=DefaultsHelpFormatter,
    )
    pr.add_argument(
        "model",
        type=user_path,
        help="folder of a model saved by `lstmkit forecast --out DIR` (DIR, holding it as model/) "
        "or Forecaster.save",
    )
    _data_arguments(
        pr,
        covariates="the model's covariate columns, in its order (with --csv; default: the model's "
        "names)",
        saved=True,
    )
    pr.add_argument(
        "--future-cols",
        nargs="+",
        default=[],
        metavar="COL",
        help="the model's future covariate columns, in its order (with --csv; default: the "
        "model's names): read over the series and at each forecast step, from the rows after "
        "the target's last value",
    )
    pr.add_argument(
        "--horizon",
        type=_steps,
        metavar="N",
        # a direct model's refusal of --horizon 13 came only once the model was read
        help="steps to forecast (default: the model's fitted horizon); at most that horizon for "
        "a direct (multi-output) model, --strategy direct, the default, whose network outputs "
        "all its steps at once; any number for recursive and seq2seq models",
    )
    pr.add_argument(
        "--interval",
        type=number_or_text,
        help="nominal coverage of the interval, in (0, 1) (default: the model's), from the "
        "validation errors it kept, without refitting; 0 for no interval",
    )
    pr.add_argument(
        "--device", default="cpu", help="torch device to forecast on: cpu, cuda, cuda:1, mps"
    )
    pr.add_argument(
        "--out",
        type=out_folder,
        help="folder for forecast.csv, forecast.png and prediction.json",
    )
    overwrite_flag(pr, "the forecast's files", models=False)
    pr.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    pr.set_defaults(func=run_predict)
    pr.their_notes = _PREDICT_NOTES  # type: ignore[attr-defined]
    pr.stray_hint = _predict_stray_hint  # type: ignore[attr-defined]


def _forecast_stray_hint(
    parser: argparse.ArgumentParser, args: argparse.Namespace, said: str
) -> str | None:
    """``lstmkit forecast``'s words for a second dataset (`lstmkit forecast airline
    car_sales`): argparse said "unrecognized arguments: car_sales" and nothing of the command
    taking one series, nor of how to run several. The shell loop to paste (as the README's
    loop over the example files) runs the command once per word, with the other words given
    where each looped word occurs once in the command line (a flag's value may repeat one);
    files (a --csv given, or every word ending in .csv) are looped as ``--csv $f``. None where
    a flag is among the words, which the parser's own refusal names with its guesses, or a
    number (a flag's value, `--quantiles 0.1 0.9`, no dataset)."""
    _note_freq(parser, args, said)
    if unit := _unit_apart(parser, args, said):
        return f"unrecognized arguments: {said}; {unit} (`lstmkit forecast --help` lists the flags)"
    strays = said.split()
    if not strays or args.dataset is None:
        return None
    if any(w.startswith("-") or _is_number(w) for w in [args.dataset, *strays]):
        return None
    words = list(parser._root()._words)  # type: ignore[attr-defined]
    head, own = words[: parser._offset], words[parser._offset :]  # type: ignore[attr-defined]
    csv = None  # --csv's word, as typed
    for flag, after in zip(own, [*own[1:], None], strict=True):
        if flag == "--csv" or flag.startswith("--csv="):
            csv = after if flag == "--csv" else flag.removeprefix("--csv=")
    if args.csv is not None and csv is None:  # an abbreviation (`--cs`): no loop to write
        return None
    items = [*([csv] if csv is not None else []), args.dataset, *strays]
    files = csv is not None or all(w.lower().endswith((".csv", ".csv.gz")) for w in items)
    var = "f" if files else "d"
    line = shlex.join(["lstmkit", *head]) + (f" --csv ${var}" if files else f" ${var}")
    if "--" not in own and all(words.count(w) == 1 for w in items):
        rest = [w for w in own if w not in items and w != "--csv" and not w.startswith("--csv=")]
        line += f" {shlex.join(rest)}" if rest else ""
    return (
        f"unrecognized arguments: {said}; `lstmkit forecast` takes one dataset (or --csv "
        f"FILE); run several with a shell loop: `for {var} in "
        f"{shlex.join(items)}; do {line}; done` (`lstmkit forecast --help` lists the flags)"
    )


# a duration's unit given apart from its count (`--horizon 3 months`, unquoted): the count
# was taken, the unit read as a second dataset ("run several with a shell loop: `for d in
# airline months; ...`")
_UNIT = re.compile(
    r"(?i)secs?|seconds?|mins?|minutes?|hrs?|hours?|days?|wks?|weeks?|mos?|months?|qtrs?"
    r"|quarters?|yrs?|years?"
)
_COUNT_FLAGS = ("--horizon", "--holdout", "--backtest-stride", "--lookback", "--season-length")


def _unit_apart(parser: argparse.ArgumentParser, args: argparse.Namespace, said: str) -> str:
    """The words for a duration's unit given apart from its count, ``--horizon 3 months``
    (``--hor 3 months``, ``--horizon=3 months``): the unit, a stray or the dataset it became,
    is told that the flag counts the data's own steps; "" where no such unit is among them."""
    words = list(parser._root()._words)  # type: ignore[attr-defined]
    taken = {*said.split(), getattr(args, "dataset", None)}
    own = words[parser._offset :]  # type: ignore[attr-defined]
    for at, word in enumerate(own):
        flag, eq, value = word.partition("=")
        if not eq:
            value = own[at + 1] if at + 1 < len(own) else ""
        unit = own[at + 1 + (not eq)] if at + 1 + (not eq) < len(own) else ""
        named = [flag] if flag in _COUNT_FLAGS else list(_abbreviated(parser, flag).values())
        if len(named) != 1 or named[0] not in _COUNT_FLAGS or not _is_number(value):
            continue
        if unit in taken and _UNIT.fullmatch(unit):
            typed = f"{word} {unit}" if eq else f"{word} {value} {unit}"
            return f"{typed}: {named[0]} takes {STEPS_NOT_DURATION}"
    return ""


def _steps(text: str) -> int:
    """``--horizon``, ``--backtest-stride``, ``--lookback`` and ``--season-length``: a count of
    steps (:func:`whole_number`); a duration, ``3m`` or ``"6 months"``, is told that the steps
    are the data's own (it was "must be an integer, got '3m'" alone)."""
    try:
        return whole_number(text)
    except FlagValueError as err:
        if not DURATION.fullmatch(text):
            raise err from None
        raise FlagValueError(f"must be an integer, got {text!r} ({STEPS_NOT_DURATION})") from None


def _holdout(text: str) -> int:
    """``--holdout``: a count of points, ``12.0`` too (:func:`whole_number`); ``10%`` and
    ``0.2``, a share of the series, are told that a count is wanted (argparse's int refused
    ``10%`` as an "invalid int value" with no word of what it takes), and a duration, ``1y``,
    that the points are the data's own steps."""
    try:
        return _steps(text)  # a duration told as the other counts' are
    except FlagValueError as err:
        if DURATION.fullmatch(text):
            raise
        if text.strip().endswith("%"):
            hint = "not a percentage"
        elif _is_fraction(text):  # 0.2, a share of the series, as time_split takes it
            hint = "not a fraction of the series"
        else:
            raise err from None
        raise FlagValueError(
            f"must be an integer, got {text!r} (a count of points, {hint})"
        ) from None


def _is_fraction(text: str) -> bool:
    """Whether ``text`` is a number strictly between 0 and 1 (``"0.2"``)."""
    try:
        return 0 < float(text) < 1
    except ValueError:
        return False


def _windows_per_epoch(text: str) -> int | str | None:
    """``--windows-per-epoch``: a positive integer, ``auto`` or ``all`` (``None``)."""
    if text in ("auto", "all"):
        return None if text == "all" else "auto"
    hint = ""  # 0 and -3 are whole: refused for their sign alone
    try:
        count = whole_number(text)  # 12.0 too, as every flag that counts reads it
    except FlagValueError:
        count, hint = 0, integer_hint(text)  # 1.5 (not whole), as --epochs 1.5 is told
    if count >= 1:
        return count
    # a slip of its words is asked about, as a flag of choices asks (`--readout Mean`) and
    # as the config asks (ForecasterConfig(windows_per_epoch="Auto"))
    hint = hint or slip_hint(text, ("auto", "all"))
    raise FlagValueError(f"must be a positive integer, 'auto' or 'all', got {text!r}{hint}")


def _data_arguments(group: Any, covariates: str, saved: bool = False) -> None:
    """The data a command reads: a bundled dataset name or ``--csv`` with its columns
    (``saved``: read for a saved model, whose columns are the defaults, as explain reads them)."""
    group.add_argument(
        "dataset",
        nargs="?",
        help=f"bundled dataset: {', '.join(DATASETS)} (`lstmkit datasets` describes them), "
        "or --csv",
    )
    group.add_argument(
        "--csv",
        type=user_path,
        help="CSV file with a date column and value columns"
        + (
            ": by default the date column is the model's (else the first one) and the target "
            "and covariates are the model's columns by name, or else the remaining columns in "
            "training order; on a run's folder, read with the run's --sep, --decimal, "
            "--thousands, --date-format and --where where not given"
            if saved
            else " ('-': standard input)"
        ),
    )
    group.add_argument(
        "--date-col",
        help="name of the date column (with --csv; "
        + (
            "default: the model's, where the file has it, else the first column that no flag names)"
            if saved
            else "may be left out when the first column has no name, as pandas writes an "
            "unnamed index)"
        ),
    )
    group.add_argument(
        "--date-format",
        metavar="FMT",
        help="strftime format of the dates, e.g. %%d/%%m/%%Y (with --csv; default: inferred, "
        "one format for the whole column)",
    )
    group.add_argument(
        "--value-col",
        help="name of the target column (with --csv"
        + ("; default: the model's target column)" if saved else ", which needs it)"),
    )
    group.add_argument("--covariate-cols", nargs="+", default=[], metavar="COL", help=covariates)
    group.add_argument(
        "--fill",
        # `none` forecast's too, its default: refused there as "invalid choice: 'none'", where
        # predict and explain take it (the run's fill undone)
        choices=["ffill", "bfill", "interpolate", "zero", "none"],
        help="fill missing values instead of failing"
        + (
            f" (default: {RUNS_FILL})"
            if saved
            else " (default: none: no fill, a missing value is refused)"
        ),
    )
    csv_format_arguments(group)


@says_refused_flags
def run_forecast(args: argparse.Namespace) -> int:
    """``lstmkit forecast``: see :func:`lstmkit.cli._forecast_run.run_forecast`; ``--csv -``
    reads standard input (:func:`lstmkit.cli.stdin_csv`)."""
    from lstmkit.cli import _forecast_run

    # before standard input is read: a terminal there was refused first, told to pipe the CSV
    # in, which the flags refused then
    _forecast_run._one_source(args)
    with _tab_by_name(args):
        return _run_forecast(args)


def _run_forecast(args: argparse.Namespace) -> int:
    """:func:`run_forecast` once ``--csv``'s separator is set."""
    from lstmkit.cli import (
        _forecast_run,
        _piped,
        refuse_long_staging,
        refuse_overwrite_without_out,
        stdin_csv,
    )

    refuse_long_staging(args)
    if args.csv is not None and args.fill == "none":  # without --csv refused, as predict's is
        args.fill = None  # no fill, the default
    refuse_overwrite_without_out(args)  # before --series-col's series, each told it
    if args.csv is not None and _piped(args.csv):
        # the flags that need no data (--epochs 0, --horizon 0), before a pipe is read: its
        # data, which it gives once, was spent on their refusal (a file's refusal of its data
        # comes first otherwise, as the data is there to read again)
        _forecast_run.refuse_before_reading(args)
    with stdin_csv(args):
        return _forecast_run.run_forecast(args)


def text_model_runner(path: object) -> tuple[str, str] | None:
    """``(kind, what it is and what runs it)`` of the text model saved in the folder ``path``
    (or its ``model/``), as :meth:`lstmkit.Forecaster.load` names it; None for anything else (no
    such folder, no readable ``config.json``, a Forecaster's)."""
    import json

    if not isinstance(path, Path):
        return None
    for folder in (path, path / "model"):
        try:
            kind = json.loads((folder / "config.json").read_text("utf-8")).get("kind")
        except (OSError, ValueError, AttributeError):
            continue
        from lstmkit.io import RUN_BY, held  # imported only here: lstmkit.io loads torch

        if isinstance(kind, str) and kind in RUN_BY and kind != "lstmkit.Forecaster":
            # "a sentiment classifier (kind 'classifier'), which ...", as the loaders say it
            return kind, held({"kind": kind})
        return None
    return None


def _predict_stray_hint(
    parser: argparse.ArgumentParser, args: argparse.Namespace, flags: str
) -> str | None:
    """``lstmkit predict``'s words for flags it lacks: a text model's (see
    :func:`_text_model_flags`), and ``--series-col``, which a user of `lstmkit forecast
    --series-col` tries next and argparse refused without a word of the run's folders."""
    _note_freq(parser, args, flags)
    if unit := _unit_apart(parser, args, flags):
        return f"unrecognized arguments: {flags}; {unit} (`lstmkit predict --help` lists the flags)"
    if (said := _text_model_flags(parser, args, flags)) is not None:
        return said
    found = re.search(r"(?:^| )--series[\w-]*(?:[= ](?!-)(\S+))?(?= |$)", flags)
    if found is None:
        return None
    col = found[1] or "COL"
    # the run's own folders where the model's word names the run or one of its series
    # (ser15 said "DIR/NAME" alone); the folders a path names as the user typed it. The
    # folder is the dataset's word where the flag's value took the model's place
    # (`predict --series-col store runs/stores`)
    words = [getattr(args, "model", None), getattr(args, "dataset", None)]
    paths = [Path(w) for w in words if isinstance(w, str | Path)]
    runs = next(
        (runs for p in paths for runs in (series_folders(p), series_folders(p.parent)) if runs),
        [],
    )
    folders = shown_names(runs, limit=5, width=200) if runs else "DIR/NAME"
    return (
        f"unrecognized arguments: {flags}; `lstmkit predict` forecasts one series: give the "
        f"folder of one series of a `lstmkit forecast --series-col` run ({folders}, whose "
        f"rows of --csv it reads as that run did), or --where {col}=NAME "
        "(`lstmkit predict --help` lists the flags)"
    )


def _text_model_flags(
    parser: argparse.ArgumentParser, args: argparse.Namespace, flags: str
) -> str | None:
    """``lstmkit predict``'s words for flags it lacks where its folder holds a text model:
    `predict clf --file x.txt` was refused by argparse ("unrecognized arguments"), its folder
    unread, with no word of `lstmkit text predict`, whose flags they are. The folder is the
    model's positional or, where that positional's word came after such a flag, as its value
    (`predict --file x.txt clf`: x.txt read as the model, the folder as the dataset), the
    dataset's (not in `predict x.txt --file clf`, where clf is the flag's value)."""
    words = list(getattr(parser, "_words", ()))
    model = getattr(args, "model", None)
    at = next((k for k, word in enumerate(words) if user_path(word) == model), 0)
    before = words[at - 1] if at else ""
    folders = [model]
    # a flag predict lacks just before the model's word took it for its value
    stray = parser._unknown_flag(before)
    if stray and isinstance(args.dataset, str):
        folders.append(Path(args.dataset))
    for folder in folders:
        if (found := text_model_runner(folder)) is not None:
            break
    else:
        return None
    kind, runs = found
    # the same words as `text predict`'s, to paste; the other text commands' flags differ
    paste = _text_predict_words(parser) if kind == "classifier" else ""
    return (
        f"unrecognized arguments: {flags}; {str(folder)!r} holds {runs}, not `lstmkit "
        f"predict`{f': {paste}' if paste else ''}"
    )


def _text_predict_words(parser: argparse.ArgumentParser) -> str:
    """The line of `lstmkit text predict` with the words given to ``parser`` (`lstmkit
    predict`'s) that it takes, and the flags it lacks named: pasted whole, `--horizon 3` or
    `--top-k 2` among them, it was refused again ("unrecognized arguments: --horizon 3").
    Which words a flag takes is argparse's own parse of them, on a parser of text predict's
    flags, predict's that it lacks and those neither has (with the word after it, as
    argparse's refusal pairs them). An abbreviation predict read as a flag of its own that text
    predict lacks is that flag (`--t` is predict's --thousands, not text predict's --threads);
    one of several flags neither reads as one (`--e`: --eps or --explain) is a flag it lacks,
    as typed; ``""`` where argparse reads the words otherwise (`-vv`: two flags)."""
    from lstmkit.cli import build_parser
    from lstmkit.cli._forecast_run import _RecordedFlags

    top = build_parser(["text", "predict"])
    (sub,) = (a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    (inner,) = (
        a for a in sub.choices["text"]._actions if isinstance(a, argparse._SubParsersAction)
    )
    words = list(getattr(parser, "_words", ()))
    head = words[: words.index("--")] if "--" in words else words  # sentences after it
    head = [_spelt_out(parser, inner.choices["predict"], word) for word in head]
    took: list[tuple[bool, Any]] = []  # per flag word, in order: text predict's?, its values

    class Took(argparse.Action):
        def __call__(self, _p: Any, _n: Any, values: Any, option_string: Any = None) -> None:
            took.append((self.dest.startswith("takes"), values))

    both = _RecordedFlags(add_help=False)
    actions = [(True, a) for a in inner.choices["predict"]._actions]
    for k, (takes, action) in enumerate([*actions, *((False, a) for a in parser._actions)]):
        if flags := [f for f in action.option_strings if f not in both._option_string_actions]:
            dest = f"{'takes' if takes else 'lacks'}{k}"
            both.add_argument(*flags, nargs=action.nargs, action=Took, dest=dest)
    # an abbreviation of several flags (argparse refused the whole parse, and the line with it)
    for flag in dict.fromkeys(f for w in head if (f := parser._flag_of(w))):
        if len(_abbreviated(both, flag)) > 1:
            both.add_argument(flag, nargs="?", action=Took, dest=f"lacks{flag}")
    try:
        strays = both.parse_known_args(head)[1]
        for flag in dict.fromkeys(f for w in strays if (f := parser._flag_of(w))):
            both.add_argument(flag, nargs="?", action=Took, dest=f"lacks{flag}")
        took.clear()
        both.parse_known_args(head)
    except ValueError:
        return ""
    kept, lacks, left, own = [], [], 0, True
    for word in head:
        if left:  # a value of the flag before it
            left -= 1
        elif parser._reads_as_flag(word):
            if not took:  # argparse read it otherwise (`-vv`: two flags)
                return ""
            own, given = took.pop(0)
            flag, eq, _ = word.partition("=")
            left = 0 if eq or given is None else len(given) if isinstance(given, list) else 1
            lacks += [] if own or flag in lacks else [flag]
        else:
            own = True
        kept += [word] if own else []
    line = shlex.join(["lstmkit", "text", "predict", *kept, *words[len(head) :]])
    return line + (f" (it takes no {and_list(lacks, 'or')})" if lacks else "")


def _spelt_out(
    parser: argparse.ArgumentParser, text_predict: argparse.ArgumentParser, word: str
) -> str:
    """``word`` with the flag of ``parser`` (predict's) it abbreviates written whole, where
    ``text_predict`` lacks that flag: argparse read `--t` as predict's --thousands, which text
    predict would read as its --threads."""
    flag = parser._flag_of(word)
    whole = list(_abbreviated(parser, flag or "").values())
    if len(whole) != 1 or whole[0] in text_predict._option_string_actions:
        return word
    return whole[0] + word[len(flag or "") :]


@says_refused_flags
def run_predict(args: argparse.Namespace) -> int:
    """``lstmkit predict``: see :func:`lstmkit.cli._forecast_run.run_predict`."""
    from lstmkit.cli import _forecast_run, refuse_long_staging

    with _tab_by_name(args):
        refuse_long_staging(args, "prediction.json")
        return _forecast_run.run_predict(args)


@contextlib.contextmanager
def _tab_by_name(args: argparse.Namespace) -> Iterator[None]:
    """``--csv`` named ``.tsv`` read with a tab where ``--sep`` is not given
    (:func:`lstmkit.cli.tsv_read_with_tab`), and its refusal as one column of another
    separator saying that the tab was its name's (:func:`lstmkit.data.tab_by_name`):
    ``pass --sep ','`` alone did not say why a tab read it. ``forecast``, ``predict`` and
    ``explain`` alike."""
    from lstmkit import data as D
    from lstmkit.cli import tsv_read_with_tab

    given = args.sep
    tsv_read_with_tab(args)
    with D.tab_by_name(given is None and args.sep == "\t"):
        yield
