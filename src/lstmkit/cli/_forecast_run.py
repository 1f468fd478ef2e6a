"""How ``lstmkit forecast`` and ``lstmkit predict`` run. What they do, and their flags, are in
:mod:`lstmkit.cli.forecast`, which imports this module once a command runs (pandas and the
forecasting modules load here, not for ``--help``). Everything is validated before anything is
written.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import errno
import hashlib
import io
import json
import logging
import math
import os
import re
import shlex
import stat
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, fields, replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from lstmkit import data as D
from lstmkit._checks import (
    and_list,
    is_level,
    level_percent,
    level_problem,
    not_text_file,
    plural_s,
    progress_bar,
    show_progress,
    shown_names,
    user_stacklevel,
    value_repr,
)
from lstmkit._figures import drawable, plain_text, save_figure
from lstmkit._forecast_config import DEFAULT_LOOKBACK_SAID, STEPS_NOT_DURATION, ForecasterConfig
from lstmkit._pool import kept_workers
from lstmkit._remedies import meant_word, plan_named, plan_read_by_name, runs_reading
from lstmkit.backtest import season_problem
from lstmkit.baselines import available_baselines, baseline_forecasts
from lstmkit.cli import (
    PREDICT_FILES,
    CLIError,
    _piped,
    add_plan_rows,
    as_flags,
    as_source,
    check_csv,
    check_out_dir,
    csv_format,
    csv_format_arguments,
    far_outside_of_source,
    json_safe,
    note_extra_jobs,
    note_replaced,
    number_problems,
    print_table,
    read_once,
    refuse_absent_columns,
    refuse_all,
    refuse_csv_flags,
    refuse_long_staging,
    refuse_other_output,
    refuse_overwrite_without_out,
    refuse_read_only,
    refuse_together,
    refuse_true_false_target,
    refuse_unmarked,
    refused_flags_pending,
    remove_stale,
    resolve_model_dir,
    said_together,
    saved_before,
    steps_read,
    typed_path,
    written_together,
)
from lstmkit.cli.forecast import _COUNT_FLAGS, _UNIT, text_model_runner
from lstmkit.metrics import evaluate

logger = logging.getLogger("lstmkit.cli.forecast")  # the commands' name, as before the split

_METRIC_NAMES = {"rmse": "RMSE", "mae": "MAE", "mape": "MAPE %", "smape": "sMAPE %", "mase": "MASE"}


@D._read_once  # a .tar.zst unpacked once for its header and its table
def _one_source(args: argparse.Namespace) -> None:
    """Refuses a bundled dataset named beside ``--csv`` (or a one-value flag's second value
    taken for one: :func:`_stray_word`)."""
    if args.csv is not None and args.dataset is not None:
        if unit := _unit_as_dataset(args):
            raise CLIError(f"give either a dataset name or --csv, not both: {unit}.")
        raise CLIError(f"give either a dataset name or --csv, not both{_stray_word(args)}.")


def _unit_as_dataset(args: argparse.Namespace) -> str:
    """The dataset's word as a duration's unit that a count of steps was given with,
    ``--horizon 3 months`` unquoted, and what the count takes; ``""`` where it is none: it
    was told "unknown dataset 'months'" (or, beside --csv, a word no flag took)."""
    given = [
        (flag, n)
        for flag in _COUNT_FLAGS
        if (n := getattr(args, flag[2:].replace("-", "_"), None)) is not None
    ]
    if not given or not isinstance(args.dataset, str) or not _UNIT.fullmatch(args.dataset):
        return ""
    flag, count = given[0]
    return (
        f"{args.dataset!r}, a duration's unit ({flag} {count} {args.dataset}?): {flag} "
        f"takes {STEPS_NOT_DURATION}"
    )


def _with_line_that_reads(
    said: str, options: dict[str, str] | None, args: argparse.Namespace
) -> str:
    """``said``, the refusal of a file of another separator that names the flags that read it
    (``--sep ';' --date-format '%d.%m.%Y' --decimal ',' --thousands '.'``, each once where
    four runs told them one at a time), with the command line to paste that reads it: the
    one given, those flags after it (as given later, they are the ones read)."""
    from lstmkit._checks import _CopyOfObject

    argv = getattr(args, "_argv", None)
    again = ""
    if isinstance(args.csv, _CopyOfObject):  # a stream's copy, gone when the run ends
        if str(args.csv) != "<stdin>":  # /dev/fd/63 of <(...) names nothing once it ran
            return said
        again = ", piped in again"  # `--csv -` pasted alone waited on the terminal
    if not options or argv is None:
        return said
    flags = [
        word
        for k, v in options.items()
        for word in (f"--{k.replace('_', '-')}", "tab" if v == "\t" else v)
    ]
    line = shlex.join(["lstmkit", *argv, *flags])
    return f"{said.removesuffix('.')}; this reads it{again}: {line}"


def _load(
    args: argparse.Namespace,
    required: bool = True,
    saved: bool = False,
    table: pd.DataFrame | None = None,
    read_dates: dict[tuple[object, ...], Any] | None = None,
    header: list[str] | None = None,
) -> tuple[pd.DataFrame | None, str]:
    """The data a command names: a bundled dataset or ``--csv`` (``None`` if neither and not
    ``required``), and its name. ``saved``: read for a saved model (predict), whose refusals
    name what can be given to it rather than how to train one. ``table``: ``--csv`` as already
    read (``D._csv_table``), to build the series from instead of reading the file again;
    ``read_dates``: the date columns read from it so far (see ``D._frame_of_table``), kept over
    the series of --series-col; ``header``: its header row (:func:`_header`), where the caller
    checked the file and read it (once for all the series of a file: each opened it again)."""
    _one_source(args)
    if args.csv is None:
        refuse_csv_flags(args, saved=saved)
        if args.dataset is None:
            if not required:
                return None, ""
            raise CLIError(f"name a dataset ({', '.join(D.DATASETS)}) or pass --csv FILE.")
        if D._ALIASES.get(args.dataset, args.dataset) not in D.DATASETS:
            if Path(args.dataset).is_file():  # `forecast sales.csv`: told only "or pass --csv"
                raise CLIError(
                    f"unknown dataset {args.dataset!r}, which is a file here: read it with "
                    f"--csv {shlex.quote(args.dataset)} (the bundled datasets are "
                    f"{', '.join(sorted(D.DATASETS))}, `lstmkit datasets`)."
                )
            from lstmkit._examples import writes_example

            name = args.dataset.removesuffix(".csv")
            command = writes_example(name)
            if command is not None:  # `forecast promo`: told "or pass --csv FILE" alone
                raise CLIError(
                    f"unknown dataset {args.dataset!r}: it names one of the README's example "
                    f"files, no bundled dataset; {command} writes it, then pass --csv "
                    f"{name}.csv (the bundled datasets are {', '.join(sorted(D.DATASETS))}, "
                    "`lstmkit datasets`)."
                )
            if unit := _unit_as_dataset(args):
                raise CLIError(f"unknown dataset {unit}.")
            raise CLIError(
                f"unknown dataset {args.dataset!r}{D._did_you_mean(args.dataset)}; the bundled "
                f"ones are {', '.join(sorted(D.DATASETS))} (`lstmkit datasets`), or pass --csv "
                "FILE."
            )
        return D.load_dataset(args.dataset).to_frame(), args.dataset
    date_col = args.date_col
    row = None  # the header row read here, and whether it is whole: for the refusals below
    if header is None:
        if args.csv.exists() or str(args.csv) == "-":
            # a folder, a pipe or '-' is refused as such first: 'needs --date-col', without the
            # columns its header could not show, was said first, then this once they were given
            check_csv(args.csv)
        row = _header_row(args.csv, args.sep or ",")
        header = row[0]
    if date_col is None and header[:1] == [""]:
        date_col = ""  # an index pandas wrote without a name: the dates
    missing = [
        f for f, v in (("--date-col", date_col), ("--value-col", args.value_col)) if v is None
    ]
    if missing:
        sep = args.sep or ","
        read = partial(D._csv_table, args.csv, sep)
        if table is None and (err := _refused_first(args.csv, "--csv", sep, read, header)):
            raise err
        raise CLIError(f"--csv needs {' and '.join(missing)}{_columns_of(args.csv, sep, row)}.")
    futures = list(getattr(args, "future_cols", []))
    named = [  # each flag's columns: refused when two name one, or when the file lacks one
        ("--date-col", [date_col]),
        ("--value-col", [args.value_col]),
        ("--covariate-cols", args.covariate_cols),
        ("--future-cols", futures),
    ]
    _refuse_named_twice(named)
    columns = [args.value_col, *args.covariate_cols, *futures]
    try:
        with as_flags(["where"]):
            options = {"fill": args.fill, "date_format": args.date_format, **csv_format(args)}
            whole = table
            if futures:  # the rows after the target's last value hold the future: not read here
                if whole is None:  # read once: a refusal names the plan's blanks from it too
                    check_csv(args.csv)
                    whole = D._csv_table(
                        args.csv,
                        str(options["sep"]),
                        options["thousands"],
                        decimal=str(options["decimal"]),
                    )
                table = _before_the_future(args, whole, options)
            try:
                frame = (
                    D.read_csv(args.csv, date_col, columns, **options)
                    if table is None
                    else D._frame_of_table(
                        table,
                        args.csv,
                        date_col,
                        columns,
                        **options,
                        plan=futures,
                        read_dates=read_dates,
                    )
                )
            except ValueError as err:
                try:
                    refuse_absent_columns(err, args, named)
                except CLIError as said:
                    options = getattr(err, "read_options", None)
                    raise CLIError(_with_line_that_reads(str(said), options, args)) from None
                if args.date_col is None and date_col == "":
                    # R's write.csv row names ("1", "2", ...) beside a date column with a
                    # missing value: told to --fill the NaN "at 10" (a row number read as
                    # the step), then, filled, refused for the row numbers
                    _refuse_row_numbers(args, header, row, table, options)
                if not futures or table is None or args.fill is not None:
                    raise
                # the series' rows, read from the file once (whole: the file as read, with the plan)
                blanks = partial(
                    _refuse_the_plan_s_blanks_too,
                    args=args,
                    table=table,
                    whole=whole,
                    date_col=date_col,
                    futures=futures,
                    options=options,
                )
                try:
                    _refuse_the_plan_alone(table, args.csv, date_col, columns, futures, options)
                except ValueError as plan_error:
                    blanks(plan_error)
                    raise
                blanks(err)
                raise
    except FileNotFoundError:
        check_csv(args.csv)  # the same refusal, naming the flag (a folder, or missing)
        raise
    # the model's target, where predict read it without --value-col (:func:`_model_flags`)
    chose = getattr(args, "model_target", None)
    refuse_true_false_target(frame, args.csv, saved=saved, chose=chose)
    if args.date_col is None and not isinstance(frame.index, pd.DatetimeIndex):
        # df.to_csv(path) writes its row numbers as an unnamed first column: integer steps
        # that would silently stand in for the dates of another column.
        _refuse_row_numbers(args, header, row)
    if not saved and table is None and pd.api.types.is_integer_dtype(frame.index.dtype):
        others = [c for c in header if c not in _flagged_columns(args) and c != date_col]
        _note_dates_unread(args, frame.index, date_col, others, options)
    rows = _rows_read(args)
    note_inserted(args, frame, rows)
    return frame, D._csv_stem(args.csv) + rows


def _flagged_columns(args: argparse.Namespace) -> set[str]:
    """The columns of ``--csv`` that its flags read (``""``: the unnamed first one, as the
    steps), which the row numbers' refusal and the note of dates unread leave out."""
    futures = getattr(args, "future_cols", None) or []
    return {"", args.value_col, *args.covariate_cols, *futures, *(c for c, _ in args.where or [])}


def _refuse_row_numbers(
    args: argparse.Namespace,
    header: list[str],
    row: tuple[list[str], bool] | None,
    table: pd.DataFrame | None = None,
    options: dict[str, Any] | None = None,
) -> None:
    """Refuse the unnamed first column of ``--csv`` read as the steps, without --date-col,
    where other columns no flag reads are there (one of them the dates): the row numbers that
    pandas' ``df.to_csv`` and R's ``write.csv`` write. With ``options`` (the read failed, no
    index to look at), only where that column's cells are all whole numbers that read as no
    dates (:func:`lstmkit.data._integer_positions`), from ``table`` or the file (a pipe is a
    copy by now)."""
    if not [c for c in header[1:] if c not in _flagged_columns(args)]:
        return
    if options is not None:
        if table is None:
            try:
                table = D._csv_table(
                    args.csv,
                    str(options["sep"]),
                    options["thousands"],
                    decimal=str(options["decimal"]),
                )
            except (OSError, ValueError):
                return
        # as the read tells integer steps from dates: years (1990), year-months (199001) and
        # days (19900101) are dates (they were refused as row numbers, where a missing value
        # was to be filled), and row numbers past 999 (1000 of 1 .. 1200) are no years
        if D._integer_positions(table.iloc[:, 0]) is None:
            return
    raise CLIError(
        f"the first column of {typed_path(args.csv)} has no name and holds integers (row "
        f"numbers, as pandas' df.to_csv and R's write.csv write them), not dates; pass "
        f"--date-col with the date column{_columns_of(args.csv, args.sep or ',', row)}, or "
        "--date-col '' to count the steps in that first column."
    )


def _note_dates_unread(
    args: argparse.Namespace,
    index: pd.Index,
    date_col: str,
    unread: list[str],
    options: dict[str, Any],
) -> None:
    """Say that ``--date-col`` read integer steps (``index``) where a column no flag reads,
    one of ``unread``, holds dates that ``--date-col`` reads: a row number or id column named
    as the dates (``--date-col id`` beside ``Month``) forecast steps 132 .. 143 without a
    word, with no season and no calendar (MASE's m=1). Only a plain file is read again."""
    if not args.csv.is_file() or not unread:
        return
    sep = str(options["sep"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:  # the first rows alone, where no column of them holds dates (the usual file)
            head = pd.read_csv(args.csv, sep=sep, nrows=50, dtype=str, usecols=unread)
        except Exception:  # any: read whole below, as the series was read
            head = None
        unread = [c for c in unread if head is None or _reads_as_dates(head[c])]
        if not unread:
            return
        try:
            table = D._csv_table(args.csv, sep)
        except (ValueError, OSError):
            return
    for column in unread:
        # read as the dates only where its first cells are text that reads as dates (a file
        # of many columns of numbers read each again: 40 s for 40 columns of 5,000 rows; of
        # codes such as 2020-A, whose first cell alone read as a date, 33 s)
        if not _reads_as_dates(table[column].head(50)):
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                dates = D._frame_of_table(
                    table, args.csv, column, [args.value_col], **options
                ).index
            except (ValueError, TypeError, OverflowError):
                continue
        if isinstance(dates, pd.DatetimeIndex):
            # hours read with their times (2020-01-01 00:00 to 2020-01-02 23:00, where they
            # were told as "2020-01-01 to 2020-01-02")
            said = "%Y-%m-%d" if (dates == dates.normalize()).all() else "%Y-%m-%d %H:%M"
            print(
                f"note: --date-col {date_col!r} of {typed_path(args.csv)} holds integer steps "
                f"({index[0]} to {index[-1]}), read without a calendar or season, while its "
                f"column {column!r} holds dates ({dates[0]:{said}} to {dates[-1]:{said}}): "
                f"pass --date-col {shlex.quote(column)} to forecast by them.",
                file=sys.stderr,
            )
            return


def _reads_as_dates(cells: pd.Series) -> bool:
    """Whether ``cells`` (a column's first ones, as text) hold dates: text, not numbers, that
    pandas reads as dates every one of them, the empty ones left out."""
    text = cells.dropna().astype(str).str.strip()
    text = text[text != ""]
    if text.empty or pd.to_numeric(text, errors="coerce").notna().any():
        return False
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return bool(pd.to_datetime(text, errors="coerce", format="mixed").notna().all())
        except (ValueError, TypeError, OverflowError):
            return False


def _note_utc_offsets(
    args: argparse.Namespace, offsets: list[str], rows: str, each: list[list[str]] | None = None
) -> None:
    """Say that the dates of ``--csv`` (``rows``: :func:`_rows_read`) with the UTC offsets
    ``offsets`` (``read_csv``'s ``attrs["utc_offsets"]``; nothing where none) were read in
    UTC, as the forecast's timestamps are: once for the series of ``--series-col``, whose
    notes said it of each, the same words; ``each``: the offsets of each of those series,
    which tell each series' change of daylight saving from a mix of zones."""
    if offsets:
        zones = _offsets_why(offsets, each)
        # `predict` of a model fitted in another zone: its clock (Forecaster._history)
        zone = getattr(args, "zone", None)
        read = (
            f"they were read in UTC and converted to the model's time zone, {zone}, as the "
            "forecast's timestamps are"
            if zone not in (None, "UTC")
            else "they were read in UTC, and the forecast's timestamps are in UTC (+00:00) too"
        )
        print(
            f"note: the dates of {typed_path(args.csv)}{rows} have the "
            f"UTC offsets {', '.join(offsets)} ({zones[0]}), which no one "
            f"offset holds: {read}; {zones[1]}.",
            file=sys.stderr,
        )


def _offsets_why(offsets: list[str], each: list[list[str]] | None = None) -> tuple[str, str]:
    """Why dates hold the UTC offsets ``offsets`` (``+HH:MM``, two or more), and how to read
    them on a clock: two an hour apart (or half an hour: Lord Howe) are a change of daylight
    saving, in the zone they were written in; others (``+01:00`` and ``+05:30``) are more than
    one zone, which no one zone's daylight saving gives, and were said to be one. ``each``:
    the offsets of each series of ``--series-col`` (those of one offset hold none), whose
    changes of daylight saving in zones of their own (Berlin's, New York's) are no mix."""
    groups = [o for o in each if o] if each else [offsets]
    if all(_daylight_saving(group) for group in groups):
        if len(offsets) == 2:
            return (
                "a change of daylight saving",
                "convert them to the zone they were written in to read them on its clock",
            )
        return (
            "changes of daylight saving, each series' in its zone",
            "convert each series' to the zone it was written in to read them on its clock",
        )
    return (
        "more than one time zone: no one zone's change of daylight saving gives them",
        "convert them to one zone to read them on its clock, or give each zone's rows alone",
    )


def _daylight_saving(offsets: list[str]) -> bool:
    """Whether the UTC offsets ``offsets`` (``+HH:MM``) are two an hour or half an hour apart,
    as a change of daylight saving gives."""
    minutes = sorted(int(o[0] + "1") * (int(o[1:3]) * 60 + int(o[4:6])) for o in offsets)
    return len(minutes) == 2 and minutes[1] - minutes[0] in (30, 60)


def _note_other_zone(args: argparse.Namespace, frame: pd.DataFrame, rows: str) -> None:
    """Say that the dates of ``--csv`` (``rows``: :func:`_rows_read`), of one UTC offset or
    zone whose clock is not the model's (``args.zone``: ``predict`` and ``explain``), were
    converted to the model's zone (``Forecaster._history``): a UTC model's forecast from a
    file written in +02:00 was labelled +00:00 without a word (dates of several offsets are
    said so by :func:`_note_utc_offsets`)."""
    zone = getattr(args, "zone", None)
    index = frame.index
    if (
        zone is None
        or frame.attrs.get("utc_offsets")
        or not isinstance(index, pd.DatetimeIndex)
        or index.tz is None
        or not len(index)
        or str(index.tz) == zone
        or (index.tz_convert(zone).tz_localize(None) == index.tz_localize(None)).all()
    ):
        return
    from lstmkit.forecast import _zone_shown

    print(
        f"note: the dates of {typed_path(args.csv)}{rows} are in {_zone_shown(index.tz)} "
        f"(first {index[0]}), the model's in {zone}: they were converted to the model's time "
        "zone, as the forecast's timestamps are.",
        file=sys.stderr,
    )


def _rows_read(args: argparse.Namespace) -> str:
    """`` (store=A, region=N)``: the rows of ``--csv`` that ``--where`` read, as the notes and
    the run's name add them to the file's; ``""`` without it."""
    rows = ", ".join(f"{col}={value}" for col, value in args.where or [])
    return f" ({rows})" if rows else ""


def _note_filled_cells(args: argparse.Namespace, frame: pd.DataFrame) -> None:
    """Say on stderr the values ``--fill`` made up where the ``--csv`` rows read into ``frame``
    (those of ``--where``, named: :func:`_rows_read`) left cells empty, by column, their first
    times: a fill of blank cells was silent (a timestamp the file lacked was said,
    :func:`note_inserted`). Nothing where the fill wrote in inserted rows alone. ``lstmkit
    forecast``'s, once its fill is not refused, and ``lstmkit predict``'s."""
    # the inserted rows' cells are in every column's list, and said by the caller: left out
    # (they were counted out, yet listed as the file's empty cells)
    inserted = set(frame.attrs.get("inserted_at", ()))
    filled = {
        c: kept
        for c, q in frame.attrs.get("filled", {}).items()
        if c in frame and (kept := [k for k in q if k not in inserted])
    }
    cells = sum(len(q) for q in filled.values())
    if cells == 0:
        return
    where = "; ".join(
        f"{c!r} at {D._describe_positions([frame.index[k] for k in q], 3)}"
        for c, q in filled.items()
    )
    also = " (and the rows inserted)" if inserted else ""
    print(
        f"note: {typed_path(args.csv)}{_rows_read(args)} left {cells} cell{plural_s(cells)} "
        "empty, which "
        f"--fill {args.fill} filled{also}, read as data: {where}.",
        file=sys.stderr,
    )


def note_inserted(args: argparse.Namespace, frame: pd.DataFrame, rows: str | None = None) -> None:
    """Say on stderr how many timestamps of its regular grid the ``--csv`` rows read into
    ``frame`` lacked, which ``--fill`` inserted and filled (nothing where none): ``forecast``,
    ``predict`` and ``explain`` say it alike. The rows read are named (``--where``; ``rows``:
    their :func:`_rows_read`, where the caller has it): each series of ``--series-col`` says
    its own. Dates whose UTC offsets differ (daylight saving), read in UTC, are said too: the
    forecast's timestamps are in UTC, not on the file's clock."""
    if rows is None:
        rows = _rows_read(args)
    if getattr(args, "series_col", None) is None:  # --series-col's: once (_run_series)
        _note_utc_offsets(args, frame.attrs.get("utc_offsets", []), rows)
        _note_other_zone(args, frame, rows)
    inserted = frame.attrs.get("inserted", 0)
    if not inserted or frame.attrs.get("week_filled"):
        # the fill's warning of a week's days off said them, of the same file: "the fill
        # inserted 11 days into 'sales.csv' ...", then "note: 'sales.csv' lacked 11 ..."
        return
    print(
        f"note: {typed_path(args.csv)}{rows} lacked "
        f"{inserted} timestamp{plural_s(inserted)} of its regular "
        f"{frame.index.freqstr} grid ({_share(inserted, len(frame))} of the {len(frame)} "
        f"rows now); {'it was' if inserted == 1 else 'they were'} inserted and filled with "
        f"--fill {args.fill}.",
        file=sys.stderr,
    )


def _refuse_named_twice(named: list[tuple[str, list[str]]]) -> None:
    """Refuse a column that two of the ``named`` flags name (or one flag twice), naming the
    flags: read_csv's "['sales'] is named more than once" named none."""
    twice = []
    for i, (flag, cols) in enumerate(named):
        for j, column in enumerate(cols):
            if column in cols[:j]:
                twice.append((flag, f"{column}, named twice by {flag}"))
            twice += [(flag, f"{column}, named by {f} too") for f, c in named[:i] if column in c]
    if twice:
        flags = " and ".join(dict.fromkeys(flag for flag, _ in twice))
        raise CLIError(
            f"{flags} must name columns that no other flag names, got "
            + "; ".join(clash for _, clash in twice)
            + ". A column is the date, the target, a past covariate (--covariate-cols) or one "
            "known in advance (--future-cols), once."
        )


def _model_csv_columns(
    args: argparse.Namespace, model_columns: list[str], future: list[str], dates: object = None
) -> tuple[pd.DataFrame, str, list[str], list[str]]:
    """``--csv`` as a table of text, and the columns that hold a saved model's data, as
    ``lstmkit predict`` and ``lstmkit explain`` read them: the date column, the value columns
    (target, then past covariates: :func:`_csv_columns`) and the ``future`` covariates'
    columns (``--future-cols``, else the model's names). ``model_columns``: the model's
    columns, its future covariates last; ``dates``: its date column, read by default where
    the file has it."""
    check_csv(args.csv)
    futures = list(args.future_cols or future)
    if len(futures) != len(future):
        raise CLIError(
            f"--future-cols must name the model's {_future_counted(len(future))} "
            f"({', '.join(future) or 'none'}), got {' '.join(futures)}."
        )
    with as_flags(["where"]):
        # the table is read before its columns are chosen: a file that is not UTF-8, empty or
        # begins with Excel's "sep=;" is refused as such (its header, read alone, named a
        # codec's error, or "sep=;" as the date column)
        fmt = csv_format(args)
        raw = D._csv_table(args.csv, str(fmt["sep"]), fmt["thousands"], decimal=str(fmt["decimal"]))
    # a column without a name or a value is the trace of separators at the rows' ends
    # (Excel's "month,sales,,,"): no column to read by position
    header = [
        str(c) for c in raw.columns if not (str(c).startswith("Unnamed: ") and raw[c].isna().all())
    ]
    _refuse_other_sep(args, header, partial(_model_options_by, args, model_columns, future, dates))
    past = model_columns[: len(model_columns) - len(future)]
    if not args.future_cols:
        futures = _futures_in_order(args, header, past, futures, dates)
        _refuse_unnamed_absent(args, header, futures, "future covariate", "--future-cols")
    date_col, cols = _csv_columns(args, header, past, tuple(futures), dates, raw)
    _refuse_read_twice(args, cols, futures)
    if args.value_col is None:  # the model's, where --covariate-cols alone was given
        _refuse_unnamed_absent(args, header, cols[:1], "target", "--value-col")
    if not args.covariate_cols:
        _refuse_unnamed_absent(args, header, cols[1:], "covariate", "--covariate-cols")
    return raw, date_col, cols, futures


def _columns_said(names: list[str]) -> str:
    """The columns a model was trained on, counted and named: ``"1 column (sales)"``,
    ``"2 columns (sales, price)"`` (was ``"1 column(s) (sales)"``).

    Example:
        >>> _columns_said(["sales"]), _columns_said(["sales", "price"])
        ('1 column (sales)', '2 columns (sales, price)')
    """
    return f"{len(names)} column{'' if len(names) == 1 else 's'} ({', '.join(names)})"


def _refuse_other_sep(
    args: argparse.Namespace,
    header: list[str],
    read: Callable[[str], tuple[dict[str, str], bool] | None] | None = None,
) -> None:
    """Refuse ``--csv`` where its one column's name (``header``) holds another separator than
    ``--sep``'s: a ``;``-separated file, read as the model's was but without ``--sep``, was
    told it gave "0 (none)" columns besides the date column 'Monat;Umsatz'. ``read``: the
    options that read it by that separator (:func:`_model_options_by`), named all at once
    with the line to paste where they read it all (euro.csv was told ``--sep ';'`` alone, then
    ``--date-format``, ``--decimal`` and ``--thousands`` one run each)."""
    sep = str(csv_format(args)["sep"])
    only = header[0] if len(header) == 1 else ""
    if (other := D._other_sep_of(only, sep)) is None:
        return
    found = read(other) if read is not None else None
    options, reads = found or ({"sep": other}, False)
    said = (
        f"--csv {str(args.csv)!r} has one column, {only!r}, whose name holds {other!r}:"
        f"{D.tab_by_name_said(sep)} the file looks {other!r}-separated; pass "
        f"{D._options_as_flags(options)}."
    )
    raise CLIError(_with_line_that_reads(said, options if reads else None, args))


def _model_options_by(
    args: argparse.Namespace,
    model_columns: list[str],
    future: list[str],
    dates: object,
    sep: str,
) -> tuple[dict[str, str], bool] | None:
    """The options that read ``--csv`` by ``sep`` for a saved model
    (:func:`lstmkit.data._options_that_read`), its columns chosen from the file read by
    ``sep`` as :func:`_model_csv_columns` chooses them; None where they are not chosen so, or
    within such a read (a quoted ``"date;y,z"`` holds both separators)."""
    if getattr(args, "_read_by_other_sep", False):
        return None
    again = argparse.Namespace(**{**vars(args), "sep": sep, "_read_by_other_sep": True})
    try:
        _, date_col, cols, futures = _model_csv_columns(again, model_columns, future, dates)
        fmt = csv_format(again)
    except (CLIError, ValueError):
        return None
    given = {"fill": args.fill, "date_format": args.date_format, **fmt}
    given = {k: v for k, v in given.items() if k != "sep"}
    return D._options_that_read(Path(args.csv), date_col, [*cols, *futures], given, sep)


def _futures_in_order(
    args: argparse.Namespace,
    header: list[str],
    past: list[str],
    futures: list[str],
    dates: object,
) -> list[str]:
    """The columns of ``--csv`` (``header``) that hold a saved model's ``futures`` where the
    file has none of the model's names and no flag names a column: the last of the columns
    after the dates, as the target and past covariates (``past``) are then read in order
    (a file whose columns were all renamed was refused for lacking the future covariates,
    where README promised the remaining columns in order); else ``futures``."""
    from lstmkit.forecast import _user_names  # loaded with the model

    names = {*_user_names(past)} | set(futures)
    if args.value_col is not None or args.covariate_cols or names & set(header):
        return futures
    chosen = {col for col, _ in args.where or []}
    free = [c for c in header if c not in chosen]
    date_col = args.date_col or (dates if dates in free else free[0] if free else None)
    rest = [c for c in free if c != date_col]
    return rest[len(past) :] if len(rest) == len(past) + len(futures) else futures


def _refuse_read_twice(args: argparse.Namespace, cols: list[str], futures: list[str]) -> None:
    """Refuse a column that a flag names where the model's name for another of its columns,
    read by default (its flag left out), names it too: the clash named that flag, not given
    ("--covariate-cols must name columns that no other flag names, got price, named by
    --value-col too"), or no flag ("['price'] is named more than once")."""
    roles = [
        ("--value-col", args.value_col is not None, "target", cols[:1]),
        ("--covariate-cols", bool(args.covariate_cols), "covariate", cols[1:]),
        ("--future-cols", bool(args.future_cols), "future covariate", futures),
    ]
    for flag, given, kind, read in roles:
        for other, named, _, columns in roles:
            clash = [c for c in columns if c in read]
            if named and not given and clash:
                raise CLIError(
                    f"{other} {clash[0]} names the column read by name for the model's {kind}"
                    f"{plural_s(len(read))} {', '.join(read)} ({flag} left out); pass {flag} "
                    "with the file's "
                    f"{_columns_for(read)}, or another {other}."
                )


def _refuse_unnamed_absent(
    args: argparse.Namespace, header: list[str], names: list[str], kind: str, flag: str
) -> None:
    """Refuse the model's ``names`` (of its ``kind`` of columns, which no ``flag`` named)
    that ``--csv``, whose columns are ``header``, lacks: read_csv's "column ['promo'] not
    found" named no flag to give the file's own names with."""
    absent = [n for n in names if n not in header]
    if absent:
        raise CLIError(
            f"--csv {str(args.csv)!r} lacks the model's {kind}{plural_s(len(absent))} "
            f"{', '.join(absent)} (its "
            f"columns: {shown_names(header)}); pass {flag} with the file's "
            f"{_columns_for(names)}."
        )


def _columns_for(names: list[str]) -> str:
    """What a flag that names the file's own columns for the model's ``names`` gives: "column
    for promo", or "columns for price, promo, in that order"."""
    if len(names) == 1:
        return f"column for {names[0]}"
    return f"columns for {', '.join(names)}, in that order"


def _csv_columns(
    args: argparse.Namespace,
    header: list[str],
    model_columns: list[str],
    future: tuple[str, ...] = (),
    dates: object = None,
    raw: pd.DataFrame | None = None,
) -> tuple[str, list[str]]:
    """The date column and the value columns (target, then covariates) to read from ``--csv``,
    whose columns are ``header`` (``raw``: the file as text, which tells a long-format file
    given for a model of one series).

    Defaults: for the dates, the model's date column ``dates`` (the name of its training
    data's index) where the file has it, else the first column (of those --where,
    --value-col and --covariate-cols do not name: a long-format file's first column may tell
    its series apart); the model's
    column names when the file has them all, else, when it has none of them, the remaining
    columns in order (a bundled dataset's CSV
    names its column ``value``, the model the dataset); a file with some of them is refused.
    The ``future`` covariates' columns are none of them.
    """
    from lstmkit.forecast import _user_names  # loaded with the model

    names = _user_names(model_columns)
    chosen = {col for col, _ in args.where or []}  # --where columns are neither
    free = [c for c in header if c not in chosen and c not in future]
    # nor are those --value-col and --covariate-cols name (a file whose target came first
    # was refused for the target "named by --date-col too", a flag not given)
    named = {args.value_col, *(args.covariate_cols or [])}
    dated = [c for c in free if c not in named]
    date_col = args.date_col or (dates if dates in dated else dated[0] if dated else None)
    if date_col is None:
        raise CLIError(
            f"--csv {str(args.csv)!r} has no columns."
            if not free
            else f"--csv {str(args.csv)!r} has no column for the dates besides those the flags "
            f"name (its columns: {shown_names(header)}); pass --date-col."
        )
    if date_col not in header:
        # worded as `forecast --date-col` and `--value-col` here say it, a slip ('Month',
        # 'monht') asked about ("(its columns: month, value)" listed them alone)
        meant = meant_word(date_col, [str(c) for c in header])
        hint = f" (did you mean {meant!r}?)" if meant is not None else ""
        raise CLIError(
            f"--date-col {date_col!r} is not a column of {typed_path(args.csv)}; available "
            f"columns: [{shown_names(header, quote=True)}]{hint}."
        )
    if args.value_col is not None or args.covariate_cols:
        value = args.value_col or names[0]
        covariates = list(args.covariate_cols) if args.covariate_cols else names[1:]
        cols = [value, *covariates]
    else:
        found = [n for n in names if n in free and n != date_col]
        if len(found) == len(names):
            cols = names
        elif not found:
            cols = [c for c in free if c != date_col]
        else:
            # Some of the model's names but not all: a renamed column, not a positional match.
            absent = [n for n in names if n not in found]
            # a column of the model's name in the file, named by another flag (it said the
            # file lacked the column "price" that it has)
            flagged = [("--date-col", [date_col] if args.date_col else [])]
            flagged.append(("--future-cols", list(args.future_cols or [])))
            for flag, named in flagged:
                if taken := [n for n in absent if n in named]:
                    raise CLIError(
                        f"{flag} {taken[0]} names the column read by name for the model's "
                        f"{'target' if taken[0] == names[0] else 'covariate'} {taken[0]} "
                        "(--value-col and --covariate-cols left out); name the target and "
                        f"covariate columns with --value-col and --covariate-cols, or another "
                        f"{flag}."
                    )
            raise CLIError(
                f"--csv {str(args.csv)!r} has the model's column{plural_s(len(found))} "
                f"{', '.join(found)} but not "
                f"{', '.join(absent)} (its columns: {shown_names(header)}); name the target and "
                "covariate columns with --value-col and --covariate-cols."
            )
    if len(cols) != len(names):
        # a model of its target alone reads no --covariate-cols (they were advised for it)
        advice = (
            "Name them with --value-col and --covariate-cols."
            if len(names) > 1
            else "Name it with --value-col"
            + (", without --covariate-cols." if args.covariate_cols else ".")
        )
        # "gives 0 (none)" read oddly: no column is "none"
        gives = f"{len(cols)} ({', '.join(cols)})" if cols else "none"
        said = (
            f"the model was trained on {_columns_said(names)}; --csv {str(args.csv)!r} gives "
            f"{gives} besides the date column {date_col!r}. {advice}"
        )
        # a long-format file's series column counted as a value column: its series said first,
        # with --where, as --value-col then met its repeated timestamps (revser15)
        if raw is not None and len(cols) > len(names) and date_col in raw.columns:
            stamps = pd.Index(D._cells(raw, date_col))
            if stamps.has_duplicates and (
                hint := D._long_format_hint(raw, stamps, [date_col], dict(args.where or []))
            ):
                said = (
                    f"--csv {str(args.csv)!r} repeats timestamps of {date_col!r}. {hint} And "
                    + said
                )
        raise CLIError(said)
    return date_col, cols


def _refuse_the_plan_alone(
    table: pd.DataFrame,
    path: Path,
    date_col: str | None,
    columns: list[str],
    futures: list[str],
    options: dict[str, Any],
) -> None:
    """Raise the refusal of the ``futures`` (the last of ``columns``) as future covariates
    where they alone, the target and past covariates reading, keep ``table`` from being read
    without a fill: a plan that ends before the target does was told to "Fill them first",
    which the fill then refused (no fill makes up a plan)."""
    with warnings.catch_warnings():
        # the first read warned already (two-digit years): once, not three times
        warnings.simplefilter("ignore")
        try:
            known = columns[: len(columns) - len(futures)]
            D._frame_of_table(table, path, date_col, known, **options)
        except ValueError:
            return  # the target's or a past covariate's problem too: said with the plan's
        D._frame_of_table(
            table, path, date_col, futures, **options, name="future_covariates", fewer=None
        )


def _refuse_the_plan_s_blanks_too(
    error: ValueError,
    args: argparse.Namespace,
    table: pd.DataFrame,
    whole: pd.DataFrame,
    date_col: str | None,
    futures: list[str],
    options: dict[str, Any],
) -> None:
    """Raise ``error``, a refusal of empty values among the series' rows (``table``, the file
    ``whole`` as read without the plan: :func:`_before_the_future`), naming too the cells
    of ``futures`` left empty in the plan (the rows after the target's last value that the
    forecast reads, :func:`_plan_steps`), which that read leaves out: a blank in both the
    history and the plan of a column was told as the history's alone, and the plan's came up
    only on the next run. Empty cells after a column's last value there are where its plan
    ends (said apart); return where ``error`` is another or the plan has no blank."""
    if not str(error).startswith("values must not be missing (NaN)"):
        return
    steps = _plan_steps(args)
    if steps is None:  # --holdout without --horizon: the frequency's, from the series' dates
        steps = _default_plan_steps(args, table, date_col, options)
    if not steps or date_col not in whole.columns:
        return
    where, name = dict(args.where or []), typed_path(args.csv)
    after = D._future_rows(whole, args.value_col, where, name)[:steps]
    if not len(after):
        return
    stamps = D._cells(whole.loc[after], date_col)
    cells, count = [], 0
    for col in (c for c in futures if c in whole.columns):
        held = D._cells(whole.loc[after], col).ne("").to_numpy()
        last = np.flatnonzero(held)
        empty = ~held[: last[-1]] if len(last) else held[:0]
        if empty.any():
            cells.append(f"{col} at {D._describe_positions(list(stamps[: len(empty)][empty]))}")
            count += int(empty.sum())
    if not cells:
        return
    series = D._select_rows(whole, where, name)
    end = D._cells(series, date_col).iloc[series.index.get_loc(after[0]) - 1]
    with plan_read_by_name(not getattr(args, "future_cols_given", True)):
        raise CLIError(
            f"{error} The plan of {plan_named(futures)}, the rows after the target's last value "
            f"({end}), leaves {'a value' if count == 1 else 'values'} empty too "
            f"({'; '.join(cells)}): give {'it' if count == 1 else 'them'} there, or --fill makes "
            f"{'it' if count == 1 else 'them'} up."
        ) from None


def _plan_steps(args: argparse.Namespace) -> int | None:
    """How many rows after the target's last value the forecast reads: predict's horizon
    (``plan_steps``, the model's where --horizon is not given); forecast's --horizon less
    its --holdout, whose steps come first (by default the horizon: none); None where the
    horizon is the data's frequency's, not known before the series is read
    (:func:`_default_plan_steps`). A plan's empty cells past them were named though no run
    reads them (--holdout 2 of --horizon 4, or a plan longer than the model's horizon)."""
    if (steps := getattr(args, "plan_steps", None)) is not None:
        return int(steps)
    holdout, horizon = getattr(args, "holdout", None), getattr(args, "horizon", None)
    if holdout is None:
        return 0
    return None if horizon is None else max(horizon - holdout, 0)


def _default_plan_steps(
    args: argparse.Namespace, table: pd.DataFrame, date_col: str | None, options: dict[str, Any]
) -> int | None:
    """:func:`_plan_steps` for a forecast of the default horizon (:func:`lstmkit.data.
    default_horizon`, from the frequency of the series' dates in ``table``, the file read
    without its plan) less ``--holdout``: the plan's blanks were not named there; None where
    the dates are refused (that refusal comes with the series')."""
    with warnings.catch_warnings():  # the series' read warned already
        warnings.simplefilter("ignore")
        try:  # the dates alone: the target's values are read as the dates' stand-in
            dates = D._frame_of_table(
                table, args.csv, date_col or "", [args.value_col], **{**options, "fill": "zero"}
            ).index
        except ValueError:
            return None
    return max(D.default_horizon(dates) - args.holdout, 0)


def _before_the_future(
    args: argparse.Namespace, table: pd.DataFrame, options: dict[str, Any]
) -> pd.DataFrame:
    """``--csv`` as a table of text (``table``, read by the caller) without the rows of the
    series (``--where``) after its target's last value: with ``--future-cols`` they hold the
    future covariates of the forecast steps (:func:`_future_values`), not the series."""
    if args.value_col not in table.columns:
        return table  # refused by name when the series is read
    # (the file in _select_rows' refusal named as the series' own read names it)
    where = options["where"] or {}
    return D._without_the_future(table, args.value_col, where, typed_path(args.csv))


@D._read_once  # a .tar.zst unpacked once for its header and its table
def _future_values(
    args: argparse.Namespace,
    table: pd.DataFrame | None,
    horizon: int,
    held_out: int = 0,
    header: list[str] | None = None,
) -> pd.DataFrame:
    """The ``--future-cols`` over the rows of the series in ``--csv``: those of the series,
    then up to ``horizon`` after its target's last value (a forecast from its end reads no
    later one, so a plan's empty cells there are not refused), indexed by time (``table``:
    the file as already read; ``held_out``: the forecast steps before those rows;
    ``header``: the file's header row, where the caller read it)."""
    options = {"fill": args.fill, "date_format": args.date_format, **csv_format(args)}
    date_col = args.date_col
    if header is None:
        header = _header(args.csv, args.sep or ",")
    if date_col is None and header[:1] == [""]:
        date_col = ""  # as _load reads it
    # (predict without --future-cols reads the model's by name: its refusals say so)
    by_name = not getattr(args, "future_cols_given", True)
    with as_flags(["where"]), plan_read_by_name(by_name):
        raw = (
            D._csv_table(
                args.csv, str(options["sep"]), options["thousands"], decimal=str(options["decimal"])
            )
            if table is None
            else table
        )
        futures = list(args.future_cols)
        fewer: str | None = D._fewer_steps()
        unread = 0  # rows after the target's last value past the forecast's steps
        if args.value_col in raw.columns:  # else refused by name when the series is read
            where = options["where"] or {}
            after = D._future_rows(raw, args.value_col, where, typed_path(args.csv))
            raw = raw.drop(index=after[horizon:])
            unread = len(after[horizon:])
            if not held_out and set(futures) <= set(raw.columns):
                # a plan that ends at the first step: every forecast reads it
                fewer = fewer if D._plan_reach(raw, after[:horizon], futures) else None
            plan = after[:horizon]
        else:
            plan = pd.Index([])
        try:
            frame = D._frame_of_table(
                raw, args.csv, date_col, futures, **options, name="future_covariates", fewer=fewer
            )
        except ValueError as error:
            refuse_plan_gap(error, args, raw, plan, date_col, options, futures)
            raise
        if _fills_the_plan(frame, len(plan)) and (
            made := _plan_made_up(args, raw, plan, date_col, options, frame)
        ):
            _note_plan_made_up(args, made, futures)
        frame.attrs["unread"] = unread
        return frame


@dataclass(frozen=True)
class _PlanMadeUp:
    """What a fill made up in the rows of a ``--future-cols`` plan (:func:`_plan_made_up`):
    ``end``, the target's last timestamp, and, as the messages name them, ``rows``, the
    timestamps the file lacks there, and ``cells``, the empty cells there by column; how many
    of each (``inserted``, ``emptied``), which the refusals count."""

    end: str
    rows: str
    cells: dict[str, str]
    inserted: int = 0
    emptied: int = 0


def refuse_plan_gap(
    error: ValueError,
    args: argparse.Namespace,
    raw: pd.DataFrame,
    plan: pd.Index,
    date_col: str | None,
    options: dict[str, Any],
    futures: list[str],
) -> None:
    """Raise the refusal ``error`` of the ``futures`` in ``raw`` as the plan's where its
    timestamps are missing among the rows ``plan`` (after the target's last value) alone:
    it was told as the series' own gap, advised a --fill that made up the plan there without a
    word (``forecast``, ``predict`` and ``explain``), or where values are left empty there
    without ``--fill`` (told "Fill them first" as the series' own); return where neither."""
    if options["fill"]:
        return
    read = _plan_read(args, raw, plan, date_col, options)
    made = _made_up_in(read, None)
    if made is not None and made.rows:
        raise CLIError(
            f"{error} The missing timestamp{' lies' if made.inserted == 1 else 's lie'} in the "
            f"plan of {plan_named(futures)}, "
            f"the rows after the target's last value ({made.end}): add a row for "
            f"{made.rows} with their values, or --fill makes their values up."
        ) from None
    # values left empty there: told "Fill them first" as if they were the series' history
    filled = {**options, "fill": "zero"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # said by the reading that the caller does
        try:  # (what a fill refuses, a plan that ends early, is said so by the error)
            frame = D._frame_of_table(
                raw, args.csv, date_col, futures, **filled, name="future_covariates", fewer=None
            )
        except ValueError:
            return
    # the file read whole as above, where the series read without a fill (else with one)
    made = _made_up_in(read or _plan_read(args, raw, plan, date_col, filled), frame)
    if made is not None and made.cells:
        cells = "; ".join(f"{column} at {times}" for column, times in made.cells.items())
        raise CLIError(
            f"{error} The empty value{'' if made.emptied == 1 else 's'} ({cells}) "
            f"{'lies' if made.emptied == 1 else 'lie'} in the plan of {plan_named(futures)}, "
            f"the rows after the target's last value ({made.end}), the values known in "
            f"advance that the forecast reads: give {'it' if made.emptied == 1 else 'them'} "
            f"there, or --fill makes {'it' if made.emptied == 1 else 'them'} up."
        ) from None


def _fills_the_plan(frame: pd.DataFrame, planned: int) -> bool:
    """Whether a fill of ``frame`` (the ``--future-cols`` read) may have written in its last
    rows, the ``planned`` ones after the target's last value and those inserted among them: a
    cheap test before :func:`_plan_made_up` reads the file again."""
    filled = [k for positions in frame.attrs.get("filled", {}).values() for k in positions]
    after = len(frame) - planned - frame.attrs.get("inserted", 0)
    return bool(planned) and bool(filled) and max(filled) >= after


# a column of every row of --csv, added to find the rows that a fill inserts (no CSV has it)
_ROW = "\x00row"


def _plan_made_up(
    args: argparse.Namespace,
    raw: pd.DataFrame,
    plan: pd.Index,
    date_col: str | None,
    options: dict[str, Any],
    frame: pd.DataFrame | None = None,
) -> _PlanMadeUp | None:
    """What a fill makes up in the rows ``plan`` of ``raw`` (the ``--future-cols`` after the
    target's last value): timestamps of the series' grid missing there, and, with ``frame``
    (``raw`` as read and filled), the cells left empty there; None where it makes up nothing
    (or the file fails to read for another reason, said by the caller)."""
    return _made_up_in(_plan_read(args, raw, plan, date_col, options), frame)


def _plan_read(
    args: argparse.Namespace,
    raw: pd.DataFrame,
    plan: pd.Index,
    date_col: str | None,
    options: dict[str, Any],
) -> tuple[pd.Timestamp, pd.DataFrame] | None:
    """For :func:`_plan_made_up`: the series' last timestamp (``raw`` without the rows
    ``plan``, read with ``options``' fill or none) and ``raw`` read whole with a fill, a
    column of every row beside it; None for no plan, or where either fails to read."""
    if not len(plan):
        return None
    rows = raw.assign(**{_ROW: "1"})  # a fill writes in this column where it inserts a row
    fill = "zero" if options["fill"] else None  # (None: the series' own gaps refused)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # said by the reading that the caller does
        try:
            series = D._frame_of_table(
                rows.drop(index=plan), args.csv, date_col, _ROW, **{**options, "fill": fill}
            )
            whole = D._frame_of_table(rows, args.csv, date_col, _ROW, **{**options, "fill": "zero"})
        except ValueError:
            return None
    return series.index[-1], whole


def _made_up_in(
    read: tuple[pd.Timestamp, pd.DataFrame] | None, frame: pd.DataFrame | None
) -> _PlanMadeUp | None:
    """:func:`_plan_made_up` of what :func:`_plan_read` read (``read``)."""
    if read is None:
        return None
    end, whole = read
    period = whole.attrs.get("period")
    inserted = [
        whole.index[k] for k in whole.attrs.get("filled", {}).get(_ROW, []) if whole.index[k] > end
    ]
    cells: dict[str, str] = {}
    emptied = 0
    if frame is not None:  # a row given empty is a row of the file: its cells were left empty
        for column, positions in frame.attrs.get("filled", {}).items():
            times = [frame.index[k] for k in positions if frame.index[k] > end]
            if times := [t for t in times if t not in inserted]:
                cells[column] = D._describe_positions([D._label(t, period) for t in times])
                emptied += len(times)
    if not inserted and not cells:
        return None
    labels = [D._label(t, period) for t in inserted]
    rows = D._describe_positions(labels)
    return _PlanMadeUp(D._label(end, period), rows, cells, len(inserted), emptied)


def _note_plan_made_up(args: argparse.Namespace, made: _PlanMadeUp, futures: list[str]) -> None:
    """Say on stderr the values of the forecast steps known in advance (the plan) that
    ``--fill`` made up: rows the file lacks there (inserted), cells it left empty there."""
    where = (
        f"in the plan of {plan_named(futures)}, the rows after the target's last value "
        f"({made.end}); --fill {args.fill}"
    )
    file = f"{typed_path(args.csv)}{_rows_read(args)}"
    if made.rows:
        one = made.inserted == 1  # 'inserted them ... add those rows' of one row
        print(
            f"note: {file} lacked {made.rows} {where} inserted "
            f"{'it and made up its' if one else 'them and made up their'} values, which the "
            f"forecast reads: add {'that row' if one else 'those rows'} to give the plan.",
            file=sys.stderr,
        )
    if made.cells:
        # a known-in-advance value left empty was made up as silently as a row was
        cells = "; ".join(f"{column} at {times}" for column, times in made.cells.items())
        one = made.emptied == 1
        print(
            f"note: {file} left empty {cells} {where} made up "
            f"{'that value' if one else 'those values'}, which the forecast reads: give "
            f"{'it' if one else 'them'} there to give the plan.",
            file=sys.stderr,
        )


def _where_split_before(args: argparse.Namespace, word: str) -> str:
    """Where ``word`` follows a ``--where COL=`` of no value on the command line (the shell
    split ``--where Store= A`` at its space): that said, with the condition as one word;
    else ``""``."""
    words = list(getattr(args, "_argv", None) or [])
    for at in range(1, len(words) - 1):
        flag, glued, cond = words[at - 1], words[at].startswith("--where="), words[at]
        if glued:
            cond = cond.removeprefix("--where=")
        elif flag != "--where":
            continue
        col, eq, value = cond.partition("=")
        if eq and col.strip() and not value.strip() and words[at + 1] == word:
            one = shlex.quote(f"{col.strip()}={word}")
            typed = f"{cond} {word}"
            return f" (the shell split {typed!r} at its space); write it as one word: --where {one}"
    return ""


def _stray_word(args: argparse.Namespace) -> str:
    """Beside ``--csv``, for a "dataset" that is none: the word a flag of one value left over
    (`--value-col sales temp`, `--interval 0.1 0.9` as Darts' quantiles), which argparse
    gives the dataset's place; the flag is named where the word reads as its value (a column
    of the file, a level), not beside a misspelt dataset or a word after another flag."""
    word = args.dataset
    if word in D.DATASETS or word in D._ALIASES:
        return ""
    said = f": {word!r}, a word that no flag took, is read as a dataset name"
    if split := _where_split_before(args, word):
        # `--where Store= A`: told a dataset name alone, where `Store = A` names the split
        return said + split
    with contextlib.suppress(ValueError):
        if is_level(float(word)):
            return said + (
                " (--interval takes one level: an interval is central, the quantiles 0.1 and "
                "0.9 bound --interval 0.8)"
            )
    if word in _header(Path(args.csv), args.sep or ","):
        return said + (
            " (--value-col takes one column: a forecast has one target column, its other "
            "columns go to --covariate-cols or --future-cols)"
        )
    return said


def _share(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a percentage for a note: "under 1%" where it rounds to 0 (4
    of 1095 rows were "0%")."""
    return "under 1%" if 0 < part < 0.005 * whole else f"{part / whole:.0%}"


def _header(path: Path, sep: str = ",") -> list[str]:
    """A CSV's header row (below any blank lines, as pandas skips them), or [] if it cannot be
    read as text (nor is a file: a pipe read here would
    wait for its writer, or lose its first line). A compressed one's (``sales.csv.gz``) is
    unpacked as pandas unpacks it, as far as that row: read as it is, it was no header. Its
    first columns alone where its line is too long to read alone (:func:`_header_row`)."""
    return _header_row(path, sep)[0]


def _header_row(path: Path, sep: str = ",") -> tuple[list[str], bool]:
    """:func:`_header`'s row, and whether it is whole: False where its line was read alone
    (rows below it are not UTF-8) and is longer than :data:`_LONGEST_LINE` bytes, which gives
    the columns whole within them."""
    if not path.is_file():
        return [], True
    packing = D._compression(path)
    if packing is None:
        with path.open("rb") as f:
            if not_text_file(f.read(8)):
                # a PDF's first line is ASCII: "%PDF-1.4" was listed as its column, and the
                # flags asked for, before the reading below names it a PDF
                return [], True
    # the two looks ahead take an archive's first file as the one (one_file): whether it
    # holds one is checked once, by the reading below, which says what the user is told
    if D._EXCEL_SEP.fullmatch(D._first_line(path, packing, one_file=True)):
        # Excel's note of the separator ("sep=;"), no header: its "columns" were listed as
        # "sep=;" (or "sep=, (unnamed)" with --sep ';'), then refused by name as it is read
        return [], True
    try:
        # blank lines above the header are skipped, as pandas skips them: the first was read
        # as the header, no columns, and a file that cannot be read was read whole to say so
        blank = D._leading_blank_lines(path, sep, packing, one_file=True)
        with (
            path.open("rb") as raw,
            D._unpacked(raw, packing) as unpacked,
            io.TextIOWrapper(unpacked, encoding="utf-8-sig", newline="") as f,
        ):
            rows = csv.reader(f, delimiter=sep)
            for _ in range(blank):
                next(rows, None)
            row = next(rows, [])
    except UnicodeDecodeError:
        # read ahead 8 KB at a time: an ASCII header above Windows-1252 rows ("München", as
        # Excel's "CSV" saves them) listed no columns; its own line may still be UTF-8
        row, whole = _first_row_alone(path, sep)
        if not whole:
            return row, False
    except (ImportError, RuntimeError, ValueError, csv.Error, *D._unpacking_errors()):
        # a file that does not unpack, or whose unpacker is missing (or a zip's member is
        # encrypted: RuntimeError), is refused by name as it is read
        return [], True
    # a NUL byte: UTF-16 or UTF-32 without a byte-order mark, an archive; its "columns" were
    # listed as "d a t e , v a l u e" (the NULs unseen), then refused by name as it is read
    return ([] if any("\x00" in name for name in row) else row), True


_LONGEST_LINE = 1 << 16
"""The most bytes of a header line read alone (64 KiB)."""


def _first_row_alone(path: Path, sep: str) -> tuple[list[str], bool]:
    """The fields of the first line of the CSV at ``path`` where that line alone is UTF-8
    (and ends its header: no quote left open), else [], and whether the line is whole: one
    longer than :data:`_LONGEST_LINE` bytes gives the fields whole within them (its last,
    cut, was listed as a column, and the count of them as the file's)."""
    # unpacked as far as that line, as pandas unpacks it; b"" where it does not unpack
    line = D._first_line(path, D._compression(path), _LONGEST_LINE + 1)
    # a line of the most bytes ends in its newline, or in the "\r" of its "\r\n" (Excel's)
    whole = len(line) <= _LONGEST_LINE or line.endswith((b"\n", b"\r"))
    if not whole:  # cut where a character or a field may go on: both left out
        line = line[: max(line.rfind(sep.encode("utf-8"), 0, _LONGEST_LINE), 0)]
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], whole
    if text.count('"') % 2:
        return [], whole
    return next(csv.reader([text], delimiter=sep), []), whole


def _refused_first(
    path: Path,
    flag: str,
    sep: str,
    read: Callable[[], object],
    header: list[str] | None = None,
) -> Exception | None:
    """The refusal of the CSV file at ``path`` (given by ``flag``) that a command missing its
    column flags gives before asking for them, or None: the file is not there, or is a
    folder or a pipe (:func:`check_csv`); it holds no data rows (:func:`D._no_rows_in`); or
    its header lists no columns to choose from and ``read()``, its reading, refuses it by
    name (not UTF-8, binary, an encrypted zip, ...). The flags were asked for, then the file
    was refused once they were given. ``header``: its :func:`_header`, where the caller read
    it."""
    try:
        check_csv(path, flag)
    except (CLIError, FileNotFoundError) as err:
        return err
    if header is None:
        header = _header(path, sep)
    if header:  # columns to choose from: refused first where it has no data row
        return D._no_rows_in(path, read)
    return D._refusal_of(read)


def _columns_of(
    path: Path,
    sep: str = ",",
    read: tuple[list[str], bool] | None = None,
) -> str:
    """`` ('data/sales.csv' has the columns a, b, c)`` from a CSV's header row, or "" if it
    cannot be read: what ``--date-col`` and ``--value-col`` choose from. ``read``: its
    :func:`_header_row`, where the caller read it. The file is named as :func:`typed_path`
    names it, by ``text train``'s messages too."""
    row, whole = _header_row(path, sep) if read is None else read
    header = [name or "(unnamed)" for name in row]
    file = typed_path(path)
    if not whole:  # its first columns only: how many it has is not known
        first = f"; its first columns are {shown_names(header[:20])}, ..." if header else ""
        return f" ({file}'s header line is longer than {_LONGEST_LINE:,} bytes{first})"
    if len(header) == 1 and (other := D._other_sep_of(header[0], sep)):
        # 'euro.csv' has the columns date;value: one column, of another separator, which the
        # flags asked for cannot name until --sep is given
        return (
            f" ({file} has one column, {header[0]!r}:{D.tab_by_name_said(sep)} the file looks "
            f"{other!r}-separated; pass --sep {D._sep_flag(other)} too)"
        )
    return f" ({file} has the columns {shown_names(header)})" if header else ""


def _interval_problem(interval: float | str | None) -> str | None:
    """Why ``--interval`` (a number, or the text that is none, as ``number_or_text`` parsed it)
    is no coverage, or None; ``None`` and 0 (no interval) pass."""
    if interval not in (None, 0) and (
        problem := level_problem(
            interval, "--interval", otherwise=", or 0 for none", typed=isinstance(interval, str)
        )
    ):
        return problem + "."
    return None


def _number_problems(args: argparse.Namespace) -> list[str]:
    """The refusals of ``--interval`` and the decimal flags (``--dropout``, ``--lr``,
    ``--weight-decay``: a number, or the text that is none, as ``number_or_text`` parsed them),
    in the one shape of every decimal flag (:func:`flag_number_problem`), before the config
    (with ``--series-col``, before any series: flags of every series). Each refused number is
    set back to its default in ``args``, so that the config checks the other flags (every
    problem said at once)."""
    problems = []
    if problem := _interval_problem(args.interval):
        problems.append(problem)
        args.interval = None
    kinds = {"dropout": "[0, 1)", "lr": "positive", "weight_decay": "non-negative"}
    return problems + number_problems(vars(args), kinds, ForecasterConfig())


def _config(args: argparse.Namespace) -> ForecasterConfig:
    """The config from the flags: every flag named like a ``ForecasterConfig`` field sets it;
    every problem of the flags said at once."""
    from lstmkit._device import check_device

    problems = []
    if args.horizon is not None and args.horizon <= 0:
        problems.append(f"--horizon must be a positive integer, got {value_repr(args.horizon)}.")
        args.horizon = None
    if args.num_threads is not None and args.num_threads < 1:
        problems.append(
            f"--threads must be a positive integer, got {value_repr(args.num_threads)}."
        )
        args.num_threads = ForecasterConfig().num_threads  # not told again as the config's
    if args.no_early_stopping and args.patience is not None:  # before the config's own words
        problems.append(
            "--patience applies to early stopping; with --no-early-stopping every member "
            "trains its --epochs."
        )
        args.patience = None
    problems += _number_problems(args)
    given = {
        f.name: getattr(args, f.name) for f in fields(ForecasterConfig) if hasattr(args, f.name)
    }
    given["calendar"] = (
        False
        if args.no_calendar
        else {"all": True, "none": False}.get(args.calendar or "all", args.calendar)
    )
    if args.patience is None:
        del given["patience"]  # the config's default
    given["refit"] = not args.no_refit
    given["early_stopping"] = not args.no_early_stopping
    given["interval"] = args.interval or None
    # Resolved here so run.json records whether the bar was shown, as `lstmkit text` does.
    given["progress"] = show_progress(args.progress)
    with said_together(problems), as_flags(name for name in given if hasattr(args, name)):
        config = ForecasterConfig(**given)
        check_device(config.device)  # before any data is read
    return config


def _origins_problem(
    origins: int,
    most: int,
    stride: int,
    first: int,
    why: str,
    given: bool = False,
    default: bool = False,
) -> str:
    """Why ``--backtest-origins`` cannot be ``origins``: the most the series allows and why
    one more origin fails (``why``, :func:`_training_problem` of its ``first`` points, whose
    advice counts the ``origins`` asked for); ``given``: the ``stride`` is
    ``--backtest-stride``'s, named with it; ``default``: ``origins`` is the flag's default,
    not given (it was told "got 3" of a flag never given)."""
    apart = (
        f"{stride} steps apart (--backtest-stride {stride})" if given else f"{stride} steps apart"
    )
    # "origin 3" counted back from the last, where the advice after it counts "the first of
    # the 3 backtest origins" from the start: the earliest is the one said in both
    allowed = "1" if most == 1 else f"between 1 and {most}"
    if origins < 1:  # why one origin more than the most fails, and its advice, are beside it
        return f"--backtest-origins must be {allowed} for this series, got {value_repr(origins)}."
    if default:
        head = (
            f"--backtest runs {origins} origins by default, more than this series allows: pass "
            f"--backtest-origins {most} (the most that fit)"
        )
    else:
        head = f"--backtest-origins must be {allowed} for this series, got {origins}"
    head += f". The origins are {apart}, so the earliest of {most + 1} origins would"
    if first < 1:
        return f"{head} have no points to fit on."
    why = why.removeprefix("the series is too short: ")
    if origins != most + 1:
        # the advice's origins are those asked for, not the ones said before it ("the
        # earliest of 10 origins", then "no shorter --lookback fits the first of the 50
        # backtest origins")
        asked = "run by default" if default else "asked for"
        why = why.replace(
            f"the first of the {origins} backtest origins", f"the first of the {origins} {asked}"
        )
    return f"{head} be fitted on only the first {first} points, too few: {why}"


def _horizon_that_fits(
    config: ForecasterConfig,
    n: int,
    holdout: int | None,
    m: int,
    problem_of: Callable[[ForecasterConfig, int, int, bool], str | None],
    origins: int = 0,
    stride: int | None = None,
) -> int | None:
    """The longest horizon shorter than ``config.horizon`` whose run fits the ``n`` points of a
    series (its holdout ``holdout``, by default as long as the horizon): ``horizon`` + 3 points
    before the holdout, and no problem in fitting them (``problem_of``), nor, with ``origins``
    backtest origins (as ``_plan`` places them, ``stride`` apart where given), the points before
    each; None where none does.
    A half-monthly series of 40 points had no hint when its default horizon became 24."""
    # none longer than n - 3 leaves h + 3 points to fit (`--horizon 1e15` counted down from it)
    for h in range(min(config.horizon - 1, n - 3), 0, -1):
        held = h if holdout is None else holdout
        if held > h or n - held < h + 3:
            continue
        shorter = replace(config, horizon=h)
        if problem_of(shorter, n - held, m, held > 0) is not None:
            continue
        step = stride or _default_stride(h, m)
        if all(problem_of(shorter, n - h - k * step, m, True) is None for k in range(origins)):
            return h
    return None


def _default_stride(horizon: int, m: int) -> int:
    """The steps between backtest origins without ``--backtest-stride``: one season, at most
    one horizon, so long horizons do not eat the training data."""
    return min(horizon, m) if m > 1 else horizon


def _backtest_flags_problem(args: argparse.Namespace) -> str | None:
    """Why the backtest's flags cannot run as given (before the data is weighed), else None."""
    given = [
        f"{flag} ({value_repr(value)})" if value is not True else flag
        for flag, value in (
            ("--backtest-origins", args.backtest_origins),
            ("--backtest-stride", args.backtest_stride),
            ("--no-retrain", args.no_retrain or None),
        )
        if value is not None
    ]
    if given and not args.backtest:
        verb = "apply" if len(given) > 1 else "applies"
        return f"{', '.join(given)} {verb} to the backtest; add --backtest."
    if args.backtest_stride is not None and args.backtest_stride < 1:
        return (
            "--backtest-stride must be >= 1 (steps between origins), got "
            f"{value_repr(args.backtest_stride)}."
        )
    return None


def _training_problem(
    config: ForecasterConfig,
    n: int,
    m: int,
    scored: bool = True,
    origins: tuple[int, ...] | None = None,
) -> str | None:
    """Why ``n`` training points cannot be fitted (see ``Forecaster.length_problem``) or, when
    the forecast is scored, cannot give MASE and seasonal naive their season; else ``None``.
    ``origins``: with ``--backtest``, how many origins it asks for and the points before the
    first of them, with this season and with ``--season-length 1`` (whose default stride is
    another), which an advised ``--lookback`` or ``--season-length 1`` must fit too."""
    from lstmkit.forecast import Forecaster

    if n < 1:
        return f"the series is too short: no points are left to fit on, got {n}."
    # Scored, a series of one season or less is refused whatever the look-back: said first,
    # as the --lookback that the look-back's problem suggests was then refused for it.
    short = season_problem(n, m, "training points") if scored else None
    model = Forecaster(config)
    count, fewest, fewest_seasonless = (0, n, n) if origins is None else origins
    fewest, fewest_seasonless = min(n, fewest), min(n, fewest_seasonless)
    # --season-length 1 advised where it runs: these points and the backtest's first origin's
    # (spaced by its stride without a season) fit without one
    seasonless = fewest_seasonless >= 1 and model.length_problem(fewest_seasonless, 1) is None
    if short is not None and config.lookback is None:
        if not seasonless:
            return f"{short}; give a longer series."
        return f"{short}; give a longer series, or --season-length 1 if it has no season."
    problem = model.length_problem(n, m)
    if problem is not None and config.lookback is None and m > 1:
        # the longest that fits, as fit says it from Python, and --season-length 1 where it
        # fits ("pass --lookback, or --season-length 1" named no look-back, and was said where
        # neither fits these points)
        fits = model._longest_lookback(n, m) or 0
        if count and (fewest < 1 or season_problem(fewest, m, "training points") is not None):
            fits = 0  # the first origin has no season of points before it, whatever the look-back
        while fits and count and not model._fits_with_lookback(fewest, m, fits):
            fits -= 1
        season = "--season-length 1 if the series has no season"
        first = f"the first of the {count} backtest origins" if count > 1 else "the backtest origin"
        if fits:
            at = f", at {first} too" if count else ""
            advice = f"pass --lookback {fits} (the longest that fits{at})"
            advice += f", or {season}" if seasonless else ""
        else:
            advice = "no shorter --lookback fits" + (f" {first}" if count else "")
            advice += f"; pass {season}" if seasonless else ", nor does --season-length 1"
        problem += f" The look-back defaults to {DEFAULT_LOOKBACK_SAID} (m={m}); {advice}."
    elif problem is not None and config.lookback is not None and short is None:
        # a --lookback given too long was told the points it needs alone, where the default
        # look-back is told the longest that fits
        fits = model._longest_lookback(n, m) or 0
        while fits and count and not model._fits_with_lookback(fewest, m, fits):
            fits -= 1
        if fits:
            first = (
                f"the first of the {count} backtest origins" if count > 1 else "the backtest origin"
            )
            at = f", at {first} too" if count else ""
            problem += f" Pass --lookback {fits} (the longest that fits{at})."
    if problem is None and short is not None:
        problem = f"{short}; give a longer series, or --season-length 1 if it has no season."
    return problem


def _stamps(index: pd.Index, series: pd.Index | None = None) -> list[str]:
    """``1960-01-01`` when every timestamp of the ``series`` they belong to (default ``index``)
    and of ``index`` is at midnight, ISO 8601 (``2024-01-21T00:00:00``) otherwise, so one
    series never mixes the two (a 12-hourly series' steps at midnight alone keep their time,
    as explain and predict's origin write them); a zoned index's with its UTC offset, midnights
    too (``2020-07-16T00:00:00+05:30``, as forecast.csv writes them: the date alone is a
    different instant in each zone); ``str`` for positions."""
    if not isinstance(index, pd.DatetimeIndex):
        return [str(i) for i in index]
    if not D._timed(index) and not (series is not None and D._intraday(series)):
        return [t.strftime("%Y-%m-%d") for t in index]
    return [t.isoformat() for t in index]


def _forecast_json(pred: pd.DataFrame, series: pd.Index) -> dict[str, list[Any]]:
    """``Forecaster.predict``'s frame as the ``forecast`` object of ``--json`` and ``run.json``
    (its times written as those of the ``series`` it continues)."""
    stamps = _stamps(pred.index, series)
    return {"timestamp": stamps, **{c: pred[c].tolist() for c in pred.columns}}


def _not_finite(pred: pd.DataFrame, series: pd.Index) -> str:
    """Where ``Forecaster.predict``'s frame has no finite forecast (``"4 of the 6 steps (from
    1960-09-01)"``, ``"its one step (2024-01-21T00:00:00)"``), its time written as ``--json``
    writes it (:func:`_forecast_json`): a 12-hourly series' step at midnight lost its time,
    and ``lstmkit predict`` wrote every step's (``1960-07-01 00:00:00``)."""
    bad = np.flatnonzero(~np.isfinite(pred["forecast"].to_numpy()))
    first = _stamps(pred.index, series)[bad[0]]
    if len(pred) == 1:  # "at 1 of the 1 steps", as plot_forecast's "all 1 steps" was
        return f"its one step ({first})"
    return f"{len(bad)} of the {len(pred)} steps (from {first})"


@dataclass(frozen=True)
class _Run:
    """One forecast run, checked and ready to fit (see :func:`_plan`)."""

    args: argparse.Namespace
    frame: pd.DataFrame
    name: str
    config: ForecasterConfig
    holdout: int
    season: int  # the season length the baselines and MASE use
    stride: int
    starts: list[int]  # the backtest's origins, first the last one; [] without --backtest
    # --future-cols over the series' rows and those after its target's last value (the last
    # columns of `frame` are theirs over its rows), or None
    future: pd.DataFrame | None = None
    data_sha256: str = ""  # of the file read: see _data_sha256


def run_forecast(args: argparse.Namespace) -> int:
    # With --jobs, the fit's worker processes stay for the backtest's fits and for the next
    # series' (each new one imports torch again, seconds), and exit with the command.
    with kept_workers():
        if args.series_col is not None:
            return _run_series(args)
        _execute(_plan(args))
    return 0


def _refuse_series_flags(args: argparse.Namespace) -> None:
    """Refuse a ``--series-col`` that ``--where`` or the date and value flags read too."""
    col = args.series_col
    if any(c == col for c, _ in args.where or []):
        raise CLIError(f"--series-col {col} is also in --where; name it in one of them.")
    # (as --where's own refusal, which named --where, a flag not given, after reading the file)
    read = {args.date_col: "dates"} | dict.fromkeys(
        [args.value_col, *args.covariate_cols, *(args.future_cols or [])], "values"
    )
    if col in read:
        raise CLIError(
            "--series-col tells the series apart by a column other than the date and value "
            f"columns, got {col!r}, which is read as {read[col]}."
        )


def _series_options_by(
    args: argparse.Namespace, fmt: dict[str, object], sep: str
) -> tuple[dict[str, str], bool] | None:
    """The options that read the first series of ``--csv``'s ``--series-col`` by ``sep``
    (:func:`lstmkit.data._options_that_read`), where the date and value flags are given: a
    long-format ';' file was told ``--sep ';'`` alone, then each other option one run each."""
    if args.date_col is None or args.value_col is None:
        return None
    where = dict(args.where or [])  # --where COL=VALUE, its rows alone
    try:
        table = D._csv_table(args.csv, sep, fmt["thousands"], decimal=str(fmt["decimal"]))
        names = D._names_of_table(table, args.csv, args.series_col, sep=sep, where=where)
    except ValueError:
        return None
    columns = [args.value_col, *args.covariate_cols, *(args.future_cols or [])]
    given = {
        "fill": args.fill,
        "date_format": args.date_format,
        "decimal": fmt["decimal"],
        "thousands": fmt["thousands"],
        "where": {**where, args.series_col: names[0]},
    }
    return D._options_that_read(Path(args.csv), args.date_col, columns, given, sep)


def _run_series(args: argparse.Namespace) -> int:
    """Every series of a long-format CSV, one run each (checked all before any is fitted), and
    a table that compares them."""
    col = args.series_col
    if args.csv is None:
        raise CLIError("--series-col applies with --csv FILE (a file of several series).")
    _refuse_series_flags(args)
    # the flags of every series, checked once before any is read: --lr -1 was told as the
    # first series' ("series store=A: --lr must be ..."), after reading the file
    configs: dict[int | None, ForecasterConfig] = {None: _config(args)}
    fmt = csv_format(args)
    check_csv(args.csv)
    with D._one_read():  # a .tar.zst unpacked once for the header and the table
        header = _header(args.csv, fmt["sep"])  # as the table, read once for every series
        with as_flags(["where"]), D._sha256_of_read() as digests:  # each series built from it
            table = D._csv_table(
                args.csv, fmt["sep"], fmt["thousands"], decimal=str(fmt["decimal"])
            )
    with as_flags(["where"]):
        try:
            names = D._names_of_table(
                table,
                args.csv,
                col,
                sep=fmt["sep"],
                where=fmt["where"],
                thousands=fmt["thousands"],
                decimal=str(fmt["decimal"]),
                read=partial(_series_options_by, args, fmt),
            )
        except ValueError as err:
            try:
                refuse_absent_columns(err, args, [("--series-col", [col])])
            except CLIError as said:
                options = getattr(err, "read_options", None)
                raise CLIError(_with_line_that_reads(str(said), options, args)) from None
            raise
    folders = [_series_folder(n) for n in names]
    same = [f.casefold() for f in folders]  # one folder on a case-insensitive disk
    if args.out is not None and len(set(same)) < len(same):
        twice = next(f for f, c in zip(folders, same, strict=True) if same.count(c) > 1)
        raise CLIError(
            f"--series-col {col}: two series would share the folder {twice!r} under --out; "
            "rename one of them."
        )
    if args.out is not None and folders:
        # each series' run stages its files in --out/<series>/: the longest such folder's
        # name and paths checked, as forecast checked --out's own, before any fit
        pairs = zip(names, folders, strict=True)
        longest = max(pairs, key=lambda nf: len(nf[1].encode(errors="replace")))
        refuse_long_staging(args, series=longest)
    check_out_dir(args.out, files=("summary.csv",))
    refuse_other_output(args.out, "lstmkit forecast --series-col", allowed=("series runs",))
    # written in place after each series: as a user, open() refused it once one had trained
    refuse_all(
        lambda: refuse_read_only(args.out, ("summary.csv",)),
        lambda: args.overwrite or _refuse_foreign_summary(args.out),
    )
    # rows with an empty series cell belong to no series: said before the series
    # are checked, as no run reads them and a series' refusal of a gap may be that row's
    # (ser15: the note came after the checks, so a gap's refusal advised --fill alone)
    cells = D._cells(table, col)  # every row's series, read once for the note and the runs
    blank = cells == ""
    if args.where:  # of the rows --where selects
        picked = D._select_rows(table, dict(args.where), typed_path(args.csv)).index
        blank &= cells.index.isin(picked)
    if blank.any():
        # the file's lines: row k is line k + 2 above a quoted value holding a line break
        breaks = table.attrs.get("quoted_breaks", ())
        rows = [str(D._file_line(breaks, k + 2)) for k in cells.index[blank]]
        print(
            f"note: {len(rows)} row{plural_s(len(rows))} of {typed_path(args.csv)} "
            f"{'has' if len(rows) == 1 else 'have'} no {col!r} (line{plural_s(len(rows))} "
            f"{D._describe_positions(rows)}): "
            + (
                "it belongs to no series and is not forecast."
                if len(rows) == 1
                else "they belong to no series and are not forecast."
            ),
            file=sys.stderr,
        )
    runs = []
    warned: list[list[warnings.WarningMessage]] = []  # each series' reading warnings
    # each series' rows of the table, found in one pass: each series read from the whole
    # table compared every row's cell again (a file of 1,000 series of 120 rows took 100 s
    # before the first fit); its own rows, which keep their labels (the file's lines), are
    # all that `--where COL=NAME` selects of it
    rows_of = cells.groupby(cells, sort=False).indices
    # and the series that write the same dates (most, in a long file) read them once
    read_dates: dict[tuple[object, ...], Any] = {}
    digest = _data_sha256(args, digests)  # the file's, which each series' run.json records
    problems: dict[tuple[Any, ...], str | None] = {}  # and their lengths'
    # checking the series is long work of its own before the first fit's bar (1,000 series of
    # 120 rows: 4 s), shown as the fits are; closed before a refusal or warning is said
    bar = progress_bar(args.progress, total=len(names), desc="check", unit="series", leave=False)
    # whether the fits draw their bars, as --where's fit decides it: decided in each series'
    # check, under the bar that holds stderr there, a terminal's was no (no fit drew its bar,
    # and each run.json said "progress": false)
    progress = show_progress(args.progress)
    try:
        with bar:
            for name, folder in zip(names, folders, strict=True):
                one = argparse.Namespace(**vars(args))
                one.progress = progress
                one.where = [*(args.where or []), (col, name)]
                one.out = None if args.out is None else args.out / folder
                try:
                    with _recording(warned), _above(bar):
                        own = table.iloc[rows_of[name]]
                        planned = _plan(one, own, read_dates, digest, header, configs, problems)
                        runs.append(planned)
                except (CLIError, ValueError, TypeError) as err:
                    raise CLIError(f"series {col}={name}: {err}") from None
                bar.update()
    finally:  # before a refusal of one series, those of the series before it
        _warn_once(warned, col, names)
    said = [run.frame.attrs.get("utc_offsets", []) for run in runs]
    _note_utc_offsets(
        args, list(dict.fromkeys(o for offsets in said for o in offsets)), _rows_read(args), said
    )
    if args.out is not None:  # an earlier run's table and series must not pass for this one's
        _remove_old_series(args.out, folders)
        remove_stale(args.out, ("summary.csv",), ())
    results = []
    warned = []  # each series' fitting warnings (an interval with too few errors): once, after
    try:
        for k, (run, name) in enumerate(zip(runs, names, strict=True)):
            if k and not args.json:
                print("\n" + "=" * 72 + "\n")
            try:
                with _recording(warned):
                    results.append(_execute(run))
            except (CLIError, ValueError, TypeError) as err:
                message = f"series {col}={name}: {err}"
                if args.out is not None and k:
                    # one series before it "was" written, and summary.csv lists "it" alone
                    were, them = ("was", "it") if k == 1 else ("were", "them")
                    # a sentence of its own: as a parenthesis it stood after the refusal's
                    # full stop ("... may help). (the series before it ...)")
                    message += "" if message.endswith((".", "?", "!")) else "."
                    message += (
                        f" The series before it, {', '.join(names[:k])}, {were} written to "
                        f"--out, and its summary.csv lists {them} alone."
                    )
                raise CLIError(message) from None
            if args.out is not None:  # after each series: a run stopped part-way names them
                rows = _series_rows(col, names[: k + 1], results)
                pd.DataFrame(rows).to_csv(args.out / "summary.csv", index=False)
    finally:  # a run stopped part-way says those of the series before
        _warn_once(warned, col, names)
    rows = _series_rows(col, names, results)
    if not args.json:
        _print_series_summary(col, rows, args.out, [r["season_length"] for r in results])
    return 0


@contextlib.contextmanager
def _above(bar: Any) -> Iterator[None]:
    """What the block prints to stderr (a series' notes), printed above ``bar`` where it is
    drawn: printed as it came, a note ran on from the end of the bar's line."""
    if bar.disable:
        yield
        return
    held = io.StringIO()
    try:
        with contextlib.redirect_stderr(held):
            yield
    finally:
        if held.getvalue():
            bar.write(held.getvalue(), file=sys.stderr, end="")


@contextlib.contextmanager
def _recording(into: list[list[warnings.WarningMessage]]) -> Iterator[None]:
    """Record the warnings that the caller's filters show, each time one comes (their
    "default" or "once" would keep a second series' to itself), as one list added to ``into``
    for :func:`_warn_once`, also when the block raises. Those the filters ignore are not
    recorded, and those they make errors raise, each where it is warned, by its own module:
    said again at the user's line, a library's warning silenced by module (as Python silences
    DeprecationWarning) was shown, and -W error stopped nothing."""
    filters = list(warnings.filters)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # a warning no filter matches: shown
        for action, message, category, module, lineno in reversed(filters):
            warnings.filterwarnings(
                action if action in ("ignore", "error") else "always",
                _pattern(message),
                category,
                _pattern(module),
                lineno,
            )
        try:
            yield
        finally:
            into.append(caught)


def _pattern(match: re.Pattern[str] | str | None) -> str:
    """A filter's message or module as :func:`warnings.filterwarnings` takes it: a text held as
    a string (the interpreter's own filters) matches whole."""
    if isinstance(match, str):
        return re.escape(match) + r"\Z"
    return "" if match is None else match.pattern


def _warn_once(warned: list[list[warnings.WarningMessage]], col: str, names: list[str]) -> None:
    """Warn once of each warning that reading or fitting the series (``names``, one list of
    caught warnings each, up to one that failed) gave, saying of how many of them: the same
    column of one file read 50 times (spreadsheet serial dates, two-digit years) said the same
    thing 50 times."""
    # one warning: the same text but for its numbers (each series' rows, counts, dates), not
    # for what it quotes (the covariates 'p1' and 'p2' are two warnings, not one)
    kinds: dict[tuple[type[Warning], str], list[tuple[str, str]]] = {}
    for name, caught in zip(names, warned, strict=False):  # up to a series that failed
        for w in caught:
            same = kinds.setdefault((w.category, _shape(str(w.message))), [])
            if not same or same[-1][0] != name:  # once per series
                same.append((name, str(w.message)))
    # but those that differ in what they quote and never come from one series are one (each
    # series' own first date, 'Jan-49' and 'Mar-49', said 50 times), as they were before
    # (each group with the set of its series: 2,000 series each quoting its own date took 15 s
    # when the sets were rebuilt and the group sorted at every merge)
    groups: dict[tuple[type[Warning], str], list[tuple[list[tuple[str, str]], set[str]]]] = {}
    for (category, shape), same in kinds.items():
        loose = groups.setdefault((category, re.sub(_QUOTED, "''", shape)), [])
        series = {n for n, _ in same}
        apart = next((g for g in loose if not g[1] & series), None)
        if apart is None:
            loose.append((list(same), series))
        else:
            apart[0].extend(same)
            apart[1].update(series)
    position = {name: k for k, name in enumerate(names)}
    for category, same in (
        # in the series' order: the first is the one shown
        (c, sorted(g, key=lambda seen: position[seen[0]]))
        for (c, _), loose in groups.items()
        for g, _ in loose
    ):
        (first, message), n = same[0], len(same)
        if n > 1:
            which = "" if len({m for _, m in same}) == 1 else f", this of {col}={first}"
            message += (
                f" (Warned of {n} of the {len(names)} series of --series-col {col}{which}; "
                "shown once.)"
            )
        elif len(names) > 1:  # which one, where the others' reports stand between
            message += f" (Warned of series {col}={first} alone.)"
        warnings.warn(message, category, stacklevel=user_stacklevel())


_QUOTED = re.compile(r"""'[^']*'|"[^"]*\"""")  # a name or value a message quotes


def _shape(message: str) -> str:
    """``message`` with its numbers as ``#``, outside the names and values it quotes."""
    parts = re.split(f"({_QUOTED.pattern})", message)  # odd positions: the quoted ones
    return "".join(p if k % 2 else re.sub(r"\d+", "#", p) for k, p in enumerate(parts))


def _series_folder(name: str) -> str:
    """The folder of a series under ``--out``: its name in word characters, dots and dashes,
    never "." or ".."."""
    return re.sub(r"^\.+$", lambda m: "_" * len(m[0]), re.sub(r"[^\w.-]+", "_", name))


def _remove_old_series(out: Path, folders: list[str]) -> None:
    """Remove the runs of the series that an earlier ``--series-col`` run wrote into ``out``
    (its summary.csv names them): ``lstmkit predict`` would offer them as this run's. Those of
    ``folders``, which this run writes again, go too, so that a run stopped part-way leaves no
    earlier run beside its own (its summary.csv names only the series it wrote). Of each, only
    the files a forecast run writes go (then the folders they leave empty); a folder that is no
    forecast run, or is not named in summary.csv, and the files lstmkit did not write (a record
    of the user's too, beside the run's model/), stay. One
    line on stderr names the folders this run does not write again."""
    from lstmkit._records import RECORD
    from lstmkit.io import CONFIG_FILE, WEIGHTS_FILE, _record_problem

    if _summary_problem(out / "summary.csv") is not None:  # a user's (--overwrite): no runs
        return
    try:
        old = pd.read_csv(out / "summary.csv", dtype=str, keep_default_na=False)
    except (OSError, ValueError):  # none, or not a table: nothing is known to be a series
        return
    if old.columns.empty:
        return
    again = {f.casefold() for f in folders}  # one folder on a case-insensitive disk
    seen: set[str] = set()
    removed, kept = [], []  # the folders not written again, and those of them others keep
    for name in pd.unique(old.iloc[:, 0].str.strip()):
        folder = _series_folder(name)
        run = out / folder
        if not folder or folder.casefold() in seen or not _removable_run(run):
            continue
        seen.add(folder.casefold())
        for file in (
            *(run / f for f in _RUN_FILES),
            *(run / "model" / f for f in (CONFIG_FILE, WEIGHTS_FILE)),
        ):
            # a record lstmkit did not write (a user's run.json beside the run's model/) stays
            if file.is_file() and not (RECORD.fullmatch(file.name) and _record_problem(file)):
                file.unlink()
        for empty in (run / "model", run):
            if empty.is_dir() and not any(empty.iterdir()):
                empty.rmdir()
        if folder.casefold() in again:
            continue
        removed.append(folder)
        if run.exists():
            kept.append(folder)
    if removed:
        others = f" ({', '.join(kept)} kept the files lstmkit did not write)" if kept else ""
        print(
            f"note: removed the runs of the series {', '.join(removed)} from {str(out)!r}, "
            f"which an earlier run wrote there (its summary.csv) and this one does not write "
            f"again{others}.",
            file=sys.stderr,
        )


def _removable_run(path: Path) -> bool:
    """Whether ``path`` is a forecast run's folder (``run.json`` or ``model/config.json``, as
    :func:`lstmkit.cli.refuse_other_output` knows one, that lstmkit wrote: a user's run.json
    let their forecast.csv be deleted) reached through no symbolic link."""
    from lstmkit.io import CONFIG_FILE, _record_problem

    if path.is_symlink() or not path.is_dir() or (path / "model").is_symlink():
        return False
    return any(
        file.is_file() and _record_problem(file) is None
        for file in (path / "run.json", path / "model" / CONFIG_FILE)
    )


def _summary_problem(file: Path) -> str | None:
    """Why ``file``, a ``summary.csv`` in ``--out``, is not the table ``lstmkit forecast
    --series-col`` writes (the series' column, then ``n`` and ``holdout``), in words after "no
    ... run's"; ``None`` where it is, or where there is none."""
    import csv

    from lstmkit._checks import _clipped

    if not file.is_file():
        return None
    try:
        with open(file, newline="", encoding="utf-8-sig") as f:
            header = next(csv.reader(f), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return "it is no table lstmkit reads"
    if header[1:3] == ["n", "holdout"]:
        return None
    if not header:  # "its first line is ''" said nothing; a blank first line is no empty file
        said = "it is empty" if file.stat().st_size == 0 else "its first line is blank"
    else:
        said = f"its first line is {_clipped(','.join(header), 40)!r}"
    return f"{said}, where lstmkit's starts with the series' column, n, holdout"


def _refuse_foreign_summary(out: Path | None) -> None:
    """Refuse an ``--out`` whose ``summary.csv`` lstmkit did not write: a user's table was
    overwritten, and the series it named had their folders' run files deleted as an earlier
    run's."""
    if out is None or (why := _summary_problem(out / "summary.csv")) is None:
        return
    command = "lstmkit forecast --series-col"
    raise CLIError(
        f"--out {str(out)!r} holds a summary.csv that is no `{command}` run's ({why}); "
        f"`{command}` would overwrite it. Choose another folder or delete that file first, or "
        "pass --overwrite to replace it."
    )


def _series_rows(col: str, names: list[str], results: list[dict[str, Any]]) -> list[dict]:
    """One row per series: its length and each method's holdout RMSE and MASE."""
    from lstmkit.baselines import available_baselines

    rows = []
    for name, result in zip(names, results, strict=True):
        row: dict[str, Any] = {col: name, "n": result["n"], "holdout": result["holdout"]}
        metrics = result["metrics"]
        if not metrics:  # --holdout 0: the same columns, empty, whatever the holdout
            ran = [b for b in available_baselines() if b not in result["baselines_skipped"]]
            metrics = {method: {"rmse": None, "mase": None} for method in ["model", *ran]}
        for method, scores in metrics.items():
            row[f"{method}_rmse"] = scores["rmse"]
            row[f"{method}_mase"] = scores["mase"]
        # with --backtest, its means over the origins too: each series' run.json held them,
        # and the table of the series compared their holdouts alone
        for method, scores in (result.get("backtest") or {}).items():
            row[f"backtest_{method}_rmse"] = scores["rmse"]
            row[f"backtest_{method}_mase"] = scores["mase"]
            if method == "model":
                row["backtest_coverage"] = scores["coverage"]
        rows.append(row)
    return rows


def _number_format(values: Iterable[float | None], digits: int = 2) -> Callable[[float], str]:
    """How a table prints the numbers of one quantity (a forecast's columns, the RMSEs of its
    methods): ``digits`` decimals when the largest of them lies in ``[1, 1e9)``; below 1, one
    decimal more for each leading zero, so the largest keeps ``digits + 1`` significant digits
    (``0.0123``, ``0.456``; two decimals printed 0.012 as 0.01); 4 significant digits in
    scientific notation below 0.01 and from 1e9. With decimals only, a series of 1e-10 printed
    a forecast of 0.00 everywhere, and one of 1e300 as numbers of 300 digits."""
    finite = [abs(v) for v in values if v is not None and math.isfinite(v)]
    top = max(finite, default=0.0)
    if top == 0.0 or 1 <= top < 1e9:
        return lambda v: f"{v:.{digits}f}"
    if 0.01 <= top < 1:
        decimals = digits - math.floor(math.log10(top))  # 3 from 0.1, 4 from 0.01 (digits 2)
        return lambda v: f"{v:.{decimals}f}"
    return lambda v: f"{v:.3e}"


def _cell(value: float | None, digits: int, fmt: Callable[[float], str] | None = None) -> str:
    """A score as the metric tables print it (with ``fmt`` when given); "-" where there is none
    (NaN in the result)."""
    if value is None:
        return "-"
    return fmt(value) if fmt is not None else f"{value:.{digits}f}"


# the backtest's mean RMSEs a series' row of summary.csv has with --backtest
_BACKTEST_PAIR = ("backtest_model_rmse", "backtest_seasonal_naive_rmse")


def _series_beaten(rows: list[dict], col: str, model: str, naive: str) -> tuple[int, int, str]:
    """On how many of ``rows`` the RMSE ``model`` is below ``naive``, of how many have both
    (finite: a series without the scores, or with an undefined one, is not counted), for the
    holdout's line and the backtest's alike, and the end of that line naming the series not
    compared (by ``col``), "" when every one was: "1 of 2 series" under a table of 3 did not
    say which was left out, nor that one was."""
    both = [all(r.get(k) is not None and math.isfinite(r[k]) for k in (model, naive)) for r in rows]
    paired = [r for r, has in zip(rows, both, strict=True) if has]
    # one pass: "r is not in paired", searched through it, took 14 s for 20,000 series
    left = [str(r[col]) for r, has in zip(rows, both, strict=True) if not has]
    # thousands separated as shown_names' "(10,000 in all)" and the counts of the line
    said = (
        f"; {len(left):,} not compared, without both RMSEs: {shown_names(left, 5)}" if left else ""
    )
    return sum(r[model] < r[naive] for r in paired), len(paired), said


def _lowest(rmse: dict[str, float]) -> str:
    """The method with the lowest RMSE in ``rmse`` (by name, finite scores only), every one
    tied at it joined by " = " ("model = seasonal_naive" on a constant series, both 0.00:
    the first of them was named alone), "-" where there is none.

    Example:
        >>> _lowest({"model": 0.0, "seasonal_naive": 0.0}), _lowest({"model": 1.5})
        ('model = seasonal_naive', 'model')
    """
    if not rmse:
        return "-"
    low = min(rmse.values())
    return " = ".join(k for k, v in rmse.items() if v == low)


def _print_series_summary(
    col: str, rows: list[dict], out: Path | None, seasons: list[int] | None = None
) -> None:
    """The series side by side: the model's and seasonal naive's holdout RMSE and MASE, and the
    method with the lowest RMSE on each; on how many series the model beats seasonal naive
    over the holdout, and with ``--backtest`` over the backtest. Where the series' holdouts
    or the seasons their MASE is scaled at (``seasons``, each series' m) differ, a column
    says each: monthly and quarterly series' scores sat side by side, MASE at m=12 beside
    m=4 and RMSEs over 12 and 4 points, with no word of either."""
    print("\n" + "=" * 72 + f"\n\n{len(rows):,} series, one per value of {col!r}:\n")
    if not any(row["holdout"] for row in rows):
        print("(--holdout 0: nothing was held out, so nothing is scored)")
    else:
        table = []
        rmse_format = _number_format(
            row.get(key) for row in rows for key in ("model_rmse", "seasonal_naive_rmse")
        )
        # those of the series scored (--holdout 0 of a short series holds none out)
        seasons = [None] * len(rows) if seasons is None else seasons
        scored = [(r["holdout"], m) for r, m in zip(rows, seasons, strict=True) if r["holdout"]]
        labels = [len({h for h, _ in scored}) > 1, len({m for _, m in scored}) > 1]
        for row, m in zip(rows, seasons, strict=True):
            rmse = {
                k.removesuffix("_rmse"): v
                for k, v in row.items()
                if k.endswith("_rmse") and not k.startswith("backtest_")  # the holdout's
            }
            finite = {k: v for k, v in rmse.items() if v is not None and math.isfinite(v)}
            best = _lowest(finite)
            table.append(
                (
                    str(row[col]),
                    str(row["n"]),
                    *[
                        str(v)
                        for v, shown in zip((row["holdout"], m), labels, strict=True)
                        if shown
                    ],
                    _cell(row.get("model_rmse"), 2, rmse_format),
                    _cell(row.get("model_mase"), 3),
                    _cell(row.get("seasonal_naive_rmse"), 2, rmse_format),
                    _cell(row.get("seasonal_naive_mase"), 3),
                    best,
                )
            )
        said = [h for h, shown in zip(("holdout", "MASE m"), labels, strict=True) if shown]
        header = [col, "n", *said, "model RMSE", "model MASE", "s. naive RMSE", "s. naive MASE"]
        print_table([*header, "lowest RMSE"], table)
        wins, paired, left = _series_beaten(rows, col, "model_rmse", "seasonal_naive_rmse")
        print(
            f"\nthe model beats seasonal naive on {wins:,} of {paired:,} series "
            f"(holdout RMSE{left})"
        )
    if any(k in row for row in rows for k in _BACKTEST_PAIR):  # with --backtest
        wins, tested, left = _series_beaten(rows, col, *_BACKTEST_PAIR)
        print(
            f"over the backtest: the model beats seasonal naive on {wins:,} of {tested:,} "
            f"series (mean RMSE over the origins; summary.csv's backtest_* columns{left})"
        )
    if out is not None:
        print(f"wrote summary.csv and a folder per series into {out}")
    sys.stdout.flush()


@D._read_once  # a .tar.zst unpacked once for all that reads it, not kept to the fit
def _plan(
    args: argparse.Namespace,
    table: pd.DataFrame | None = None,
    read_dates: dict[tuple[object, ...], Any] | None = None,
    data_sha256: str | None = None,
    header: list[str] | None = None,
    configs: dict[int | None, ForecasterConfig] | None = None,
    problems: dict[tuple[Any, ...], str | None] | None = None,
) -> _Run:
    """Read the data and check every flag against it, before anything is fitted or written.
    ``table``: ``--csv`` as already read, which the series is built from, ``read_dates`` its
    date columns read so far and ``header`` its header row (see :func:`_load`);
    ``data_sha256``: the file's :func:`_data_sha256`, where the caller has it (once for all
    the series of a file); ``configs``: kept over the series of a file, whose flags are the
    same: the flags' :func:`_config` (key None), built by the first series that reaches it,
    and it with each default ``--horizon`` (by key), built once each; ``problems``: kept over
    them too, :func:`_training_problem` by its arguments (most series of a file are as long
    as the others: each built a Forecaster to ask it again)."""
    with D._sha256_of_read() as digests:
        frame, name = _load(args, table=table, read_dates=read_dates, header=header)
    if data_sha256 is None:
        data_sha256 = _data_sha256(args, digests)
    configs = {} if configs is None else configs
    if None not in configs:  # after the data: a series' refusal of its data comes first
        configs[None] = _config(args)
    config = configs[None]
    horizon = f"--horizon ({config.horizon})"
    if config.horizon is None:
        default = D.default_horizon(frame.index)
        if default not in configs:
            configs[default] = replace(config, horizon=default)
        config = configs[default]
        horizon = f"--horizon ({config.horizon}, by default from the data's frequency)"
    holdout = config.horizon if args.holdout is None else args.holdout
    _refuse_flags(args, config, holdout, horizon, args.out)
    future = _checked_future(args, table, frame, config, holdout, horizon, header)
    held = f"--holdout {holdout}" if args.holdout is not None else f"the holdout ({holdout}, "
    held += "" if args.holdout is not None else "by default --horizon)"
    problems = {} if problems is None else problems

    def problem_of(
        config: ForecasterConfig,
        n: int,
        m: int,
        scored: bool = True,
        origins: tuple[int, ...] | None = None,
    ) -> str | None:
        if (config, n, m, scored) not in problems:
            problems[config, n, m, scored] = _training_problem(config, n, m, scored)
        if problems[config, n, m, scored] is None or origins is None:
            return problems[config, n, m, scored]
        # refused: its advice fits the backtest's first origin too, asked once more
        if (config, n, m, scored, origins) not in problems:
            problems[config, n, m, scored, origins] = _training_problem(
                config, n, m, scored, origins
            )
        return problems[config, n, m, scored, origins]

    m_data = config.season_length or D.season_length(frame.index)
    if len(frame) - holdout < config.horizon + 3:
        origins = 3 if args.backtest_origins is None else args.backtest_origins
        fits = _horizon_that_fits(
            config,
            len(frame),
            args.holdout,
            m_data,
            problem_of,
            origins if args.backtest else 0,
            args.backtest_stride,
        )
        # the series' length and what the parts need in all ("144 points minus the holdout
        # (200, ...) leave -56" said a negative count and no total)
        raise CLIError(
            f"the series is too short: {len(frame)} points, where {held} and at least --horizon "
            f"({config.horizon}) + 3 to fit on (the look-back and the windows to train and "
            f"validate on) need at least {holdout + config.horizon + 3}"
            + (f"; --horizon {fits} fits it" if fits is not None else "")
            + "."
        )
    first_origin = None  # with --backtest: the points before its first origin, as advice fits
    count = 3 if args.backtest_origins is None else args.backtest_origins
    if args.backtest and count >= 1:  # --backtest-origins 0 or -2: refused as such below
        before = len(frame) - config.horizon  # the last origin's points
        strides = [args.backtest_stride or _default_stride(config.horizon, m) for m in (m_data, 1)]
        first_origin = (count, *(before - (count - 1) * stride for stride in strides))
    problem = problem_of(config, len(frame) - holdout, m_data, holdout > 0, first_origin)
    if problem is not None:
        raise CLIError(f"fitting on the {len(frame) - holdout} points before {held}: {problem}")
    stride = args.backtest_stride or _default_stride(config.horizon, m_data)
    cutoffs = [("the holdout", len(frame) - holdout)] if holdout else []
    if args.backtest:
        # The last origin forecasts the final `horizon` points; earlier ones `stride` apart.
        origins = 3 if args.backtest_origins is None else args.backtest_origins
        most = 0  # origins whose training part each is long enough to fit and to score
        while problem_of(config, len(frame) - config.horizon - most * stride, m_data) is None:
            most += 1
        if not 1 <= origins <= most:
            # the first that fails (the advice, first_origin, counts the origins asked for)
            first = len(frame) - config.horizon - most * stride
            why = problem_of(config, first, m_data, True, first_origin)
            raise CLIError(
                _origins_problem(
                    origins,
                    most,
                    stride,
                    first,
                    str(why),
                    args.backtest_stride is not None,
                    args.backtest_origins is None,
                )
                if most
                else f"--backtest has no origin here: fitting on the first {first} points: {why}"
            )
        starts = [len(frame) - config.horizon - k * stride for k in range(origins)]
        cutoffs += [("a backtest origin", start) for start in starts]
    else:
        starts = []
    _check_fill_before_cutoffs(args.fill, frame, cutoffs, getattr(args, "future_cols", None))
    if future is not None:
        _note_unread_plan(args, holdout, *future.attrs.pop("unread_plan", (0, 0)))
    # after the fill's refusals: a note, then the refusal of the same fill, was said
    _note_filled_cells(args, frame)
    _note_filled_scores(args.fill, frame, cutoffs, config.horizon)
    # not Day, which pandas < 3 counts as a Tick (24 hours) too
    sub_daily = (
        isinstance(frame.index, pd.DatetimeIndex)
        and isinstance(frame.index.freq, pd.offsets.Tick)
        and not isinstance(frame.index.freq, pd.offsets.Day)
    )
    if m_data == 1 and sub_daily and not args.json:
        step = pd.Timedelta(frame.index.freq).total_seconds()
        day = 86_400 / step if step > 0 else 0
        example = (
            f"{day:.0f}, the steps in a day, with a --lookback: the default is "
            f"{DEFAULT_LOOKBACK_SAID}"
            if day == int(day) and 1 < day <= 1440  # minutes: seconds make a season too long
            else "the steps in one cycle"
        )
        print(
            f"note: no seasonal period is known for the frequency {frame.index.freqstr!r}, so "
            f"the model has no season and seasonal naive is naive; pass --season-length (e.g. "
            f"{example}) if the series has a cycle.",
            file=sys.stderr,
        )
    return _Run(args, frame, name, config, holdout, m_data, stride, starts, future, data_sha256)


def _refuse_flags(
    args: argparse.Namespace,
    config: ForecasterConfig,
    holdout: int | None,
    horizon: str,
    out: Path | None,
) -> None:
    """``lstmkit forecast``'s refusals of its flags that no data decides, after the data's own
    (a file is there to read again); before a pipe's, which gives its data once
    (:func:`refuse_before_reading`). ``holdout``: the points held out (None: the default
    horizon, which the data's frequency gives); ``horizon``: ``--horizon`` as said; ``out``:
    the run's folder, checked to take its files (None: none, or not checked here)."""
    if holdout is not None and holdout < 0:
        raise CLIError(f"--holdout must be >= 0, got {value_repr(holdout)}.")
    if holdout is not None and config.horizon is not None and holdout > config.horizon:
        raise CLIError(
            f"--holdout ({holdout}) must not exceed {horizon}: the held-out points are scored "
            "against one forecast from the origin; pass a longer --horizon with it."
        )
    check_out_dir(out, files=_RUN_FILES)
    refuse_other_output(out, "lstmkit forecast", allowed=("forecast run",))
    if out is not None:
        # a run folder (run.json, or a model/ left without it) is rewritten; any other holds
        # no run whose files these are
        def unmarked() -> None:
            # a run.json beside model/ is judged as any: a user's was overwritten without a word
            left = (out / "model" / "config.json").is_file() and not (out / "run.json").is_file()
            if args.overwrite or left:
                return
            # without --backtest the run deletes backtest.csv and backtest.png (written_together's
            # stale files): a user's was deleted where the refusal said "overwrite", "replace"
            deletes = not args.backtest and any((out / f).is_file() for f in _BACKTEST_FILES)
            does = "overwrite or delete" if deletes else "overwrite"
            refuse_unmarked(out, _RUN_FILES, "run.json", "forecast run", "lstmkit forecast", does)

        # both at once: a folder with both problems took two runs to hear of them
        read_only = [*_RUN_FILES, "model/config.json", "model/model.safetensors"]
        refuse_all(
            lambda: refuse_read_only(out, read_only),
            unmarked,
            lambda: _refuse_others_files(out, [*_RUN_FILES, "model"]),
        )
        check_out_dir(
            out / "model",
            files=("config.json", "model.safetensors"),
            kind="lstmkit.Forecaster",  # Forecaster.save's, checked before training
            replaced=True,  # written_together swaps model/ whole: its old files are deleted
            overwrite=args.overwrite,
        )
    # --no-calendar is --calendar none: the two together repeat one choice
    if args.no_calendar and args.calendar not in (None, "none"):
        raise CLIError(f"--calendar {args.calendar} and --no-calendar contradict each other.")
    if problem := _backtest_flags_problem(args):
        raise CLIError(problem)
    if args.backtest and holdout == 0:
        raise CLIError("--backtest needs --holdout > 0 (it evaluates on the held-out span).")
    if config.strategy == "recursive" and args.covariate_cols:
        # before the series' length: a shorter --horizon was advised, then refused for this
        raise CLIError(
            f"--covariate-cols {' '.join(args.covariate_cols)} need --strategy direct or "
            "seq2seq: the recursive network feeds back its own forecast and reads no "
            "covariate's values at the forecast steps."
        )


def refuse_before_reading(args: argparse.Namespace) -> None:
    """Refuse the flags of ``lstmkit forecast`` given ``--csv`` as a pipe (``-``, bash's
    ``<(zcat sales.csv.gz)``) that need no data, before the pipe is read: its data, which it
    gives once, was spent on their refusal (and a pipe no one wrote to was waited on). A
    file's refusal of its data comes first otherwise, as the data is there to read again."""
    if args.series_col is not None:
        _refuse_series_flags(args)
    csv_format(args)  # --where twice, --decimal as --thousands
    config = _config(args)
    holdout = config.horizon if args.holdout is None else args.holdout
    said = f"--horizon ({config.horizon})"
    # with --series-col, each series' folder under --out is checked as the series is planned
    # (the horizon was said as "", so the refusal read "must not exceed : the held-out ...")
    _refuse_flags(args, config, holdout, said, args.out if args.series_col is None else None)
    if args.series_col is None:
        return
    check_out_dir(args.out, files=("summary.csv",))
    refuse_other_output(args.out, "lstmkit forecast --series-col", allowed=("series runs",))


def _data_sha256(args: argparse.Namespace, digests: dict[Path, str]) -> str:
    """The SHA-256 (hex) of the file the data is read from: ``--csv``'s bytes as they were
    parsed (all of them, whatever ``--where`` selects; ``digests``: from
    :func:`lstmkit.data._sha256_of_read` around the reading), or the bundled dataset's packaged
    CSV. ``dataset`` names the data; this tells which data it was, a file edited since or not."""
    if args.csv is not None:
        return digests[args.csv]
    return hashlib.sha256(D._packaged_file(args.dataset).read_bytes()).hexdigest()


def _check_future_flags(args: argparse.Namespace, model: Any, path: Path) -> None:
    """Refuses ``lstmkit predict``'s ``--future-cols`` that are not the model's future
    covariates, or no ``--csv`` for a model with them (whose columns are then the model's
    by default: :func:`_model_flags`)."""
    fitted = list(model.state_["future"])
    given = list(getattr(args, "future_cols", []))
    if given and not fitted:
        raise CLIError(
            f"--future-cols {' '.join(given)}: the model in {str(path)!r} was fitted without "
            "future covariates."
        )
    if not fitted:
        return
    if args.csv is None:
        raise CLIError(
            f"the model in {str(path)!r} was fitted with the future covariates "
            f"{', '.join(fitted)}, which its forecast reads at every step: pass --csv FILE "
            "with their columns, the rows after the target's last value holding their values "
            "at the forecast steps (--future-cols names them if the file calls them otherwise)."
        )
    # by position, as --covariate-cols (a file may rename them)
    if given and len(given) != len(fitted):
        raise CLIError(
            f"--future-cols must name the model's {_future_counted(len(fitted))} "
            f"({' '.join(fitted)}){' in its order' * (len(fitted) > 1)}, got {' '.join(given)}."
        )


def _future_counted(count: int) -> str:
    """The model's future covariates counted as --future-cols' refusals say them: "future
    covariate" for one (it was "1 future covariate(s)"), "2 future covariates"."""
    return "future covariate" if count == 1 else f"{count} future covariates"


def _predict_future(
    args: argparse.Namespace, model: Any, frame: pd.DataFrame | None, horizon: int
) -> pd.DataFrame | None:
    """``lstmkit predict``'s ``--future-cols`` (:func:`_future_values`, the flags checked by
    :func:`_check_future_flags`), checked to cover the forecast steps; ``None`` for a model
    without future covariates."""
    if not model.state_["future"] or frame is None:
        return None
    given = list(args.future_cols)
    future = _future_values(args, None, horizon)
    future.columns = list(model.state_["future"])  # --future-cols names the model's, in its order
    after = int((future.index > frame.index[-1]).sum())
    if after < horizon:
        steps = D.future_index(frame.index, horizon)
        # the model's names, read by default (:func:`_model_flags`), are no flag given
        counted = f"{horizon} step{plural_s(horizon)}"
        read = (
            f"--future-cols {' '.join(given)}: the forecast of {counted} after "
            f"{D._label(frame.index[-1])} reads their values"
            if getattr(args, "future_cols_given", True)
            else f"--csv {typed_path(args.csv)}: the forecast of {counted} after "
            f"{D._label(frame.index[-1])} reads the future covariates {', '.join(given)}"
        )
        # one step was told as several: "the forecast of 1 steps ... at every step, X … X,
        # and 'f.csv' holds 0 of them ...; the first missing is X"
        held = (
            "has no row for it after the target's last value"
            if horizon == 1
            else f"holds {after} of them in the rows after the target's last value; the first "
            f"missing is {D._label(steps[after])}"
        )
        raise CLIError(
            f"{read} {steps_read(steps, D._label)}, and {typed_path(args.csv)} {held}. "
            # (none held: --horizon 1 reads the first missing step too)
            + add_plan_rows(
                ", ".join(given), args.value_col, _shorter_horizon(after), horizon - after
            )
        )
    return future


def _the_first(n: int) -> str:
    """``"the first 3"`` of rows, ``"the first"`` of one (not ``"the first 1"``)."""
    return "the first" if n == 1 else f"the first {n}"


def _note_unread_plan(args: argparse.Namespace, holdout: int, read: int, unread: int) -> None:
    """Says on stderr that a holdout left rows of ``--future-cols``' plan after the target's
    last value unread (``read`` of them were, ``unread`` not): a forecast of the future
    silently became one of the held-out points."""
    if not holdout or not unread:
        return
    given = (
        f"--holdout {holdout}" if args.holdout is not None else "the holdout, by default --horizon"
    )
    # one row said as one: 'the first 1 of those rows', 'none of those rows' of a plan of one
    if read + unread == 1:
        which = "not that row"
    else:
        which = f"{_the_first(read)} of those rows" if read else "none of those rows"
    # --holdout 0 forecasts --horizon steps, holdout + read: rows past them stay unread; a
    # plan shorter than that is refused then ('holds 1 of them'): its own length as --horizon
    if unread <= holdout:
        those = "it" if read + unread == 1 else "those rows"
    else:
        those = f"{_the_first(holdout + read)} of them"
    shorter = f" --horizon {read + unread}" if unread < holdout else ""
    print(
        f"note: {typed_path(args.csv)}{_rows_read(args)} has {read + unread} "
        f"row{plural_s(read + unread)} "
        "after the target's last value "
        f"(the plan of --future-cols); this run's forecast covers the {holdout} held-out "
        f"point{plural_s(holdout)} ({given}) and {which}; pass --holdout 0{shorter} to forecast "
        f"{those}.",
        file=sys.stderr,
    )


def _checked_future(
    args: argparse.Namespace,
    table: pd.DataFrame | None,
    frame: pd.DataFrame,
    config: ForecasterConfig,
    holdout: int,
    horizon: str,
    header: list[str] | None = None,
) -> pd.DataFrame | None:
    """The ``--future-cols`` of the rows the forecast reads (:func:`_future_values`), checked
    to hold the values of every forecast step after the training data: the held-out rows',
    then those of the rows after the target's last value; ``None`` without the flag
    (``horizon``: the horizon as messages name it, ``--horizon (7, by default from the data's
    frequency)`` where none was given; ``header``: the file's header row, where the caller
    read it)."""
    futures = list(getattr(args, "future_cols", []))
    if not futures:
        return None
    if config.strategy == "recursive":
        raise CLIError(
            "--future-cols need --strategy direct or seq2seq: the recursive network reads no "
            "forecast step's inputs."
        )
    # the forecast from the training data's end reads the held-out rows first: a plan's empty
    # cells after its last step were refused though no step reads them
    future = _future_values(args, table, config.horizon - holdout, holdout, header)
    after = int((future.index > frame.index[-1]).sum())
    if holdout + after >= config.horizon:
        # said once the run's plan is checked: not before a refusal of the series' length
        future.attrs["unread_plan"] = (after, future.attrs.pop("unread", 0))
        return future
    end = frame.index[len(frame) - holdout - 1]
    steps = D.future_index(frame.index[: len(frame) - holdout], config.horizon)
    # one step (no holdout then, and no row after the target's) was told as several: "the
    # forecast of --horizon (1) steps ... at every step, X … X, and 'f.csv' holds 0 of them (0
    # held out, 0 in the rows ...); the first missing is X"
    held = (
        "has no row for it after the target's last value"
        if config.horizon == 1
        else f"holds {holdout + after} of them ({holdout} held out, {after} in the rows after "
        f"the target's last value); the first missing is {D._label(steps[holdout + after])}"
    )
    raise CLIError(
        f"--future-cols {' '.join(futures)}: the forecast of {horizon} "
        f"step{plural_s(config.horizon)} after {D._label(end)} reads their values "
        f"{steps_read(steps, D._label)}, and {typed_path(args.csv)} {held}. "
        + add_plan_rows(
            ", ".join(futures),
            args.value_col,
            _shorter_horizon(holdout + after, holdout),
            config.horizon - holdout - after,
        )
    )


def _value_label(args: argparse.Namespace, column: object) -> str:
    """The value axis' label of a run's plots: a bundled dataset's units (``thousands of
    passengers``), else the target column's name."""
    if args.csv is None and args.dataset is not None:
        info = D.DATASETS.get(D._ALIASES.get(args.dataset, args.dataset))
        if info is not None:
            return info.units
    return str(column)


def _drawable_names(args: argparse.Namespace, name: str, label: str) -> list[str]:
    """The data's ``name`` (``$`` escaped) and the value axis' ``label`` as the plots draw
    them, the characters no font has escaped in one warning for both (where each plotting
    call warned of each character in its own title or label, once per figure)."""
    data = "the --csv file's name" if args.csv is not None else "the model folder's name"
    if getattr(args, "dataset", None) is not None:
        data = "the dataset's name"
    return drawable([plain_text(name), label], [data, "the target column's name"])


def _run_record(model_dir: Path) -> tuple[dict[str, Any], list[str]] | None:
    """The ``run.json`` that ``lstmkit forecast --out`` wrote beside the saved model's
    ``model/`` folder (``model_dir``), and the words of its ``command``; ``None`` where there is
    none (a ``Forecaster.save`` folder, also one saved inside a run's folder under another
    name than ``model``: not the run's model) or it is not one this command wrote (an older
    version's, or one edited: no ``command``, or one that does not split as a shell reads it)."""
    model_dir = model_dir.absolute()  # "." given inside model/ is named model too
    if model_dir.name != "model":
        return None
    try:
        run = json.loads((model_dir.parent / "run.json").read_text(encoding="utf-8"))
        command = run["command"]
        # shlex.split(None) reads stdin (a run.json edited to "command": null waited there)
        words = shlex.split(command) if isinstance(command, str) else None
    except (OSError, ValueError, TypeError, KeyError):  # none, or not one this command wrote
        return None
    return None if words is None else (run, words)


def _trained_units(model_dir: Path, column: object) -> str | None:
    """The units of the bundled dataset a saved model was trained on, where the ``run.json``
    that ``lstmkit forecast --out`` wrote beside its ``model/`` says it read one (a dataset
    name and no ``--csv``) and the model's target is that dataset's series; else ``None``
    (a ``Forecaster.save`` folder does not tell where its data came from)."""
    record = _run_record(model_dir)
    if record is None:
        return None
    name, words = record[0].get("dataset"), record[1]
    if not isinstance(name, str) or any(w.startswith("--cs") for w in words):
        return None
    key = D._ALIASES.get(name, name)
    return D.DATASETS[key].units if key in D.DATASETS and column == key else None


class _RecordedFlags(argparse.ArgumentParser):
    """A parser of a run's recorded command that refuses by raising, not by exiting."""

    def error(self, message: str) -> Any:  # argparse's is NoReturn: it prints and exits
        raise ValueError(message)


_READ_AS = (  # the flags that say how a file's text is read, and how a shell types their values
    ("sep", "--sep", D._sep_flag),
    ("decimal", "--decimal", D._sep_flag),
    ("thousands", "--thousands", D._sep_flag),
    ("date_format", "--date-format", shlex.quote),
    ("fill", "--fill", shlex.quote),  # a newer file's gaps filled as the run filled its own
)
_SEPARATORS = {"sep": ",", "decimal": ".", "thousands": None}  # csv_format's defaults


def _run_reading(words: list[str]) -> dict[str, str] | None:
    """The flags of :data:`_READ_AS` that a run's recorded command (its ``words``) gave, by
    their ``args`` names; ``None`` where the command does not parse (edited by hand)."""
    parser = _RecordedFlags(add_help=False)
    csv_format_arguments(parser)
    parser.add_argument("--date-format")
    parser.add_argument("--fill")
    try:
        flags = parser.parse_known_args(words)[0]
    except ValueError:
        return None
    read = {dest: getattr(flags, dest) for dest, _, _ in _READ_AS}
    # a forecast run's `--fill none` is its default, no fill: nothing to read a file as
    return {
        dest: value
        for dest, value in read.items()
        if value is not None and (dest, value) != ("fill", "none")
    }


def _where_flags(rows: Iterable[tuple[str, str]]) -> list[str]:
    """``--where COL=VALUE`` of each of ``rows`` as a shell types it."""
    return [f"--where {shlex.quote(f'{c}={v}')}" for c, v in rows]


def _typed(flags: dict[str, Any]) -> str:
    """``flags`` (of :data:`_READ_AS`, by ``args`` names) as a shell types them."""
    return " ".join(f"{flag} {typed(flags[d])}" for d, flag, typed in _READ_AS if d in flags)


def _csv_as_the_run(
    args: argparse.Namespace, model_dir: Path, copies: contextlib.ExitStack
) -> argparse.Namespace:
    """``args`` of ``lstmkit predict`` or ``explain`` with ``--csv`` read as the run that saved
    the model in ``model_dir`` read its file (:func:`_read_as_the_run`), its ``run.json`` read
    and its command parsed once, and ``--fill none`` read as no fill, the run's not taken
    (there was no way to refuse the fill of a run that gave one). Before a pipe, which gives
    its data once, is read (that one was refused after it) and copied into ``copies``
    (:func:`lstmkit.cli.read_once`), the flags so read are refused as
    :func:`lstmkit.cli.csv_format` refuses them (the separators need no data): ``--where``
    naming a column twice, ``--decimal`` and ``--thousands`` as one character, also one given
    alone beside the run's other or its default (``--thousands .`` beside the decimal point)."""
    record = _run_record(model_dir)
    reading = None if record is None else _run_reading(record[1])
    runs, left = ({}, {}) if reading is None else _runs_separators(args, reading)
    runs_point = reading is not None and reading.get("decimal", ".") == "."
    csv_format(argparse.Namespace(**{**vars(args), **runs}), runs_point)
    # a pipe (or '-') was refused as "read only once": read once, as forecast reads it
    args.csv = copies.enter_context(read_once(args.csv, "--csv"))
    if record is not None and reading is not None:
        args = _read_as_the_run(args, record[0].get("where"), runs, left)
    return args if args.fill != "none" else argparse.Namespace(**{**vars(args), "fill": None})


def _runs_separators(
    args: argparse.Namespace, reading: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """The flags of a run's ``reading`` (:func:`_run_reading`) that ``args`` does not give,
    by ``args`` names, and its separators left out of them: one that another separator, given
    or left at its default, uses (its decimal comma beside --sep ','); then its own default
    may be another's (its --thousands '.' beside the decimal point that stands for its
    comma)."""
    taken: dict[str, str] = {d: v for d, v in reading.items() if getattr(args, d) is None}
    left: dict[str, str] = {}

    def used(dest: str) -> str | None:  # the character a separator is read with
        return getattr(args, dest) or taken.get(dest, _SEPARATORS[dest])

    while clash := [
        d
        for d in taken
        if d in _SEPARATORS and any(used(e) == taken[d] for e in _SEPARATORS if e != d)
    ]:
        left[clash[0]] = taken.pop(clash[0])
    return taken, left


def _read_as_the_run(
    args: argparse.Namespace, where: object, runs: dict[str, str], left: dict[str, str]
) -> argparse.Namespace:
    """``args`` of ``lstmkit predict`` or ``explain`` with ``--csv`` read as the run that saved
    the model read its file (:func:`_csv_as_the_run`: the ``run.json`` beside the model): the
    run's ``--sep``, ``--decimal``, ``--thousands``, ``--date-format`` and ``--fill`` where not
    given, ``runs`` (a separator of the run's that is another's, given or by default, is not
    taken: ``left``; :func:`_runs_separators`), and its rows (``where``: its ``--where``, or
    the series of ``--series-col``) where ``--where`` is not given, for the columns the file
    has and no flag reads (one that lacks them holds one series: read whole).
    Said on stderr; ``runs_where`` holds the rows taken and ``runs_date_format`` the format
    (:func:`_runs_reading`)."""
    taken: dict[str, Any] = dict(runs)
    if args.where is None and isinstance(where, dict):
        header = _header(args.csv, taken.get("sep") or args.sep or ",")
        # a column a flag reads is no column of rows (refused as --where, not given, was)
        read = {args.date_col, args.value_col, *(args.covariate_cols or ())}
        read |= set(args.future_cols or ())
        rows = [
            (c, v) for c, v in where.items() if isinstance(v, str) and c in header and c not in read
        ]
        taken |= {"where": rows, "runs_where": rows} if rows else {}
    if "date_format" in taken:
        taken["runs_date_format"] = taken["date_format"]
    words = " ".join([_typed(taken), *_where_flags(taken.get("where", []))]).strip()
    # and the run's separators left out: the file is not read as the run read its own
    given = _typed({d: getattr(args, d) for d in _SEPARATORS if getattr(args, d) is not None})
    if words and left:
        said = f"as the run did: {words} (not its {_typed(left)}, beside {given})"
    elif left:
        said = f"without the run's {_typed(left)}, beside {given}"
    else:
        said = f"as the run did: {words}" if words else ""
    if said:
        print(f"note: read {typed_path(args.csv)} {said}", file=sys.stderr)
    return argparse.Namespace(**{**vars(args), **taken})


@contextlib.contextmanager
def _runs_reading(args: argparse.Namespace) -> Iterator[None]:
    """Within it, a refusal of the rows of a ``--where`` or the dates of a ``--date-format``
    that :func:`_read_as_the_run` took from the run (``args.runs_where``,
    ``args.runs_date_format``; the user gave neither) says so and how to read others, where
    the library writes it (:data:`lstmkit._remedies.runs_reading`)."""
    rows = getattr(args, "runs_where", None)
    taken = {
        "where": " ".join(_where_flags(rows)) if rows else None,
        "date_format": getattr(args, "runs_date_format", None),
    }
    token = runs_reading.set({k: v for k, v in taken.items() if v is not None})
    try:
        yield
    finally:
        runs_reading.reset(token)


def _shorter_horizon(held: int, holdout: int = 0) -> str | None:
    """Forecast's and predict's lever where ``--csv`` holds the future covariates of the first
    ``held`` forecast steps only: the ``--horizon`` that reads them, not below ``holdout``
    (forecast refuses a horizon shorter than its ``--holdout``); None where it holds none.
    "pass a shorter --horizon" named no number, and a pasted "--horizon" had none."""
    if not held:
        return None
    if held <= max(holdout, 1):
        return f"pass --horizon {held}"
    fewer = f", not below --holdout {holdout}" if holdout > 1 else ""
    return f"pass --horizon {held} (or less{fewer})"


def _filled_in_history(frame: pd.DataFrame, trained: int, model: Any) -> dict[str, list[str]]:
    """The values ``--fill`` made up (``frame.attrs["filled"]``) that the saved model's history
    holds, its last points of the ``trained`` rows that it was fitted on, by column: their
    times as run.json writes the forecast's (:func:`_stamps`: ``2024-01-03``, or ISO 8601,
    ``2024-01-03T06:00:00``, where the series has hours; ``str`` wrote ``2024-01-03
    00:00:00``). ``lstmkit explain RUN``, which reads that history
    without ``--csv``, names them (:func:`lstmkit.cli.explain._note_runs_filled_lags`) as it
    names a file's with ``--csv``; run.json's ``filled_in_history``, absent where none."""
    filled = frame.attrs.get("filled", {})
    if not any(filled.values()):  # no --fill, or nothing to fill: the history is not looked at
        return {}
    first = trained - len(model.state_["history"]["index"])
    made = {
        str(column): _stamps(
            frame.index[[q for q in positions if first <= q < trained]], frame.index
        )
        for column, positions in filled.items()
    }
    return {column: times for column, times in made.items() if times}


def _execute(run: _Run) -> dict[str, Any]:
    """Fit, score, write and print one planned run; its result (what --json prints)."""
    from lstmkit.forecast import Forecaster, _holding_out, plot_forecast
    from lstmkit.io import versions

    args, frame, name, config, holdout = run.args, run.frame, run.name, run.config, run.holdout
    train = frame.iloc[: len(frame) - holdout] if holdout else frame
    # the past covariates, then the future ones (read at their own rows by fit and predict)
    n_fut = 0 if run.future is None else run.future.shape[1]
    covariates = frame.iloc[:, 1 : frame.shape[1] - n_fut]
    # fit reads the rows before the holdout: a covariate rolled round the whole file
    # (np.roll) holds the holdout's values at its first rows, which those rows alone cannot
    # tell from a lag, and was fitted without a word
    # with --holdout 0 the whole series is the training part, and no refusal says
    # "of the training part"
    held = contextlib.nullcontext()
    if holdout:
        rows = None
        if covariates.shape[1]:
            with contextlib.suppress(TypeError, ValueError):  # not numbers: fit refuses them
                rows = frame.iloc[len(train) :, : 1 + covariates.shape[1]].to_numpy(dtype=float)
        said = f"--holdout {holdout}" + (
            "" if args.holdout is not None else ", by default the horizon"
        )
        held = _holding_out(rows, said)
    logger.info(
        "%s: %d points from %s to %s (%s), %d column%s; season length %d; fitting on the first "
        "%d, holding out %d",
        name,
        len(frame),
        *_stamps(frame.index[[0, -1]], frame.index),
        getattr(frame.index, "freqstr", None) or "integer steps",
        frame.shape[1],
        plural_s(frame.shape[1]),
        run.season,
        len(train),
        holdout,
    )
    note_extra_jobs(config.jobs, config.ensemble, quiet=args.json)
    t0 = time.perf_counter()
    with as_flags(["lr"]), held:  # a diverged training suggests a lower --lr
        model = Forecaster(config).fit(
            train.iloc[:, :1],
            covariates.iloc[: len(train)] if covariates.shape[1] else None,
            run.future,
        )
    pred = model.predict(config.horizon, future_covariates=run.future)
    seconds = time.perf_counter() - t0
    if not np.isfinite(pred["forecast"].to_numpy()).all():
        # printing failed with "unsupported format string passed to NoneType.__format__", and
        # --out with plot_forecast's refusal, which names an argument this command has not
        # (refused before --out is written: as every refusal, without saying so, which beside
        # --series-col's "the series before it ... were written" read as a contradiction)
        raise CLIError(
            f"the fitted model forecasts no finite number at {_not_finite(pred, frame.index)}: "
            "its weights give values beyond the floating-point range (a lower --lr may help)."
        )
    m = model.state_["m"]
    metrics: dict[str, dict[str, float]] = {}
    truth = None
    y_train = train.iloc[:, 0].to_numpy()
    if holdout:
        truth = frame.iloc[len(frame) - holdout :, 0]
        scored = pred["forecast"].to_numpy()[:holdout]
        metrics["model"] = evaluate(truth.to_numpy(), scored, y_train, m)
        inside = (truth.to_numpy() >= pred["lower"].to_numpy()[:holdout]) & (
            truth.to_numpy() <= pred["upper"].to_numpy()[:holdout]
        )
        metrics["model"]["coverage"] = float(inside.mean()) if config.interval else math.nan
        # as in the backtest's summary, so a script reads the coverage against its target
        metrics["model"]["nominal"] = config.interval if config.interval else math.nan
        started = time.perf_counter()
        base = baseline_forecasts(y_train, holdout, m, statistical=not args.no_stat_baselines)
        logger.info("baselines %s: %.1f s", ", ".join(base), time.perf_counter() - started)
        for method, values in base.items():
            metrics[method] = evaluate(truth.to_numpy(), values, y_train, m)
    backtest = _backtest(run, model, covariates) if args.backtest else None
    skipped = [k for k, ok in available_baselines().items() if not ok]
    result = json_safe(
        {
            "dataset": name,
            "dataset_sha256": run.data_sha256,
            # the rows read (--where, and each series of --series-col), for a script to tell
            # the series apart without parsing `dataset`
            "where": dict(args.where) if args.where else None,
            "command": args.command_line,
            "n": len(frame),
            # the frequency read (pandas' alias, "MS"; null for integer steps), which only -v
            # said: a script reads it without parsing the log
            "freq": getattr(frame.index, "freqstr", None),
            "inserted_timestamps": frame.attrs.get("inserted", 0),
            # only with values --fill made up in the saved model's history: explain RUN names them
            **(
                {"filled_in_history": filled}
                if (filled := _filled_in_history(frame, len(train), model))
                else {}
            ),
            "holdout": holdout,
            "seed": config.seed,
            "config": asdict(config),
            "lookback": model.state_["lookback"],
            "season_length": m,
            "log_transform": model.state_["log"],
            # only with --future-cols: the output of a run without them is as before
            **(
                {}
                if run.future is None
                else {
                    "future_covariates": {
                        "columns": list(run.future.columns),
                        # the forecast steps' values from the rows after the target's last one
                        "rows_after_target": int((run.future.index > frame.index[-1]).sum()),
                    }
                }
            ),
            "metrics": metrics,
            "baselines_skipped": skipped
            if not args.no_stat_baselines
            else ["AutoARIMA", "AutoETS", "AutoTheta"],
            # only with --backtest: the output of a run without it is as before
            **({} if backtest is None else {"backtest_setup": _backtest_setup(run)}),
            "backtest": backtest.summary if backtest is not None else None,
            "backtest_calibration": backtest.calibration.to_dict("records")
            if backtest is not None and backtest.calibration is not None
            else None,
            "forecast": _forecast_json(pred, frame.index),
            "fit_seconds": seconds,
            "members": [
                {
                    "best_epoch": h.best_epoch + 1,  # counted from 1, as the progress bar does
                    "epochs_run": h.epochs_run,
                    "best_val_loss": h.best_val_loss if h.val_loss else None,
                    "refit_epochs": model.refit_history_[k].epochs_run
                    if model.refit_history_
                    else None,
                }
                for k, h in enumerate(model.history_)
            ],
            "threads": config.num_threads,
            "versions": versions(),
        }
    )
    earlier = None
    if args.out is not None:
        earlier = saved_before(args.out)  # read before the run's files replace it
        # all files or none: an earlier run's backtest must not pass for this one's either
        with (
            _moves_named(args.out),
            written_together(args.out, stale=_BACKTEST_FILES) as out,
        ):
            model.save(out / "model")
            table = pred.copy()
            table.index.name = "timestamp"
            # the column is there with --holdout 0 too, empty, as lower and upper are with
            # --interval 0: a script reads the same columns from every run
            known = truth.to_numpy() if truth is not None else np.empty(0)
            table["y_true"] = np.concatenate([known, np.full(len(pred) - len(known), np.nan)])
            _write_forecast_csv(table, out / "forecast.csv", frame.index)
            history = train.iloc[:, 0]
            label = _value_label(args, history.name)  # what the values are, on both plots
            # one warning for the characters no font has, in the plots' titles and labels
            shown, label = _drawable_names(args, name, label)
            plot_forecast(
                history.rename(label),
                pred,
                truth,
                path=out / "forecast.png",
                title=f"{shown}: {config.cell} forecast, horizon {config.horizon}",
            )
            model.plot_training(
                out / "training.png",
                title=f"{shown}: loss per epoch of each ensemble member",
            )
            if backtest is not None:
                backtest.forecasts.to_csv(out / "backtest.csv", index=False)
                fig = backtest.plot()
                fig.axes[0].set_title(f"{shown}: {fig.axes[0].get_title()}")
                fig.axes[0].set_ylabel(plain_text(label))
                save_figure(fig, out / "backtest.png", dpi=110)
            (out / "run.json").write_text(json.dumps(result, indent=2) + "\n")
    if args.json:
        print(json.dumps(result))
    else:
        _report(
            name,
            result,
            metrics,
            backtest,
            config,
            args.out,
            args.no_stat_baselines,
            stamps=_csv_stamps(pred.index, frame.index),
        )
    if args.out is not None:  # a rerun into the same --out replaced the run there without a word
        note_replaced(args.out, earlier)
    return result


def _backtest(run: _Run, model: Any, covariates: pd.DataFrame) -> Any:
    """``--backtest``: ``model``'s config fitted at each of ``run.starts`` on the points before
    it, or with ``--no-retrain`` once on those before the first, which then forecasts from
    every origin (``Forecaster.backtest(retrain=False)``; ``model``, fitted on the points up to
    the holdout, has seen those the origins before the last forecast)."""
    from lstmkit.forecast import Forecaster

    frame, first = run.frame, run.starts[-1]
    covs = covariates if covariates.shape[1] else None
    if run.args.no_retrain:
        with as_flags(["lr"]):
            model = Forecaster(model.config).fit(
                frame.iloc[:first, :1], None if covs is None else covs.iloc[:first], run.future
            )
    # without retraining, the model's warning of later origins' windows far outside the points
    # it was fitted on names the data as the user gave it (and --no-retrain as what to drop)
    far = (
        far_outside_of_source(_source(run.args))
        if run.args.no_retrain
        else contextlib.nullcontext()
    )
    with far:
        return model.backtest(
            frame.iloc[:, :1],
            covs,
            future_covariates=run.future,
            start=first,
            stride=run.stride,
            statistical_baselines=not run.args.no_stat_baselines,
            levels=_BACKTEST_LEVELS if model.config.interval is not None else (),
            **({"retrain": False} if run.args.no_retrain else {}),
        )


def _source(args: argparse.Namespace) -> str:
    """Where the series came from, as a message names what the library calls `series`: the
    --csv file, the dataset, or (``lstmkit predict DIR`` without either) the model's own
    training data, as ``lstmkit explain DIR`` names it (it was "the dataset None"); ``explain``
    takes no dataset, and names its --csv or the model's training data by it too."""
    if args.csv is not None:
        return f"--csv {typed_path(args.csv)}"
    if getattr(args, "dataset", None) is not None:
        return f"the dataset {args.dataset}"
    return "the model's training data"


def _backtest_setup(run: _Run) -> dict[str, Any]:
    """How ``--backtest`` ran, for ``--json`` and ``run.json``: the origins (the first forecast
    step of each, oldest first), the steps between them and whether each was fitted anew."""
    starts = sorted(run.starts)
    return {
        "origins": len(starts),
        "stride": run.stride,
        "retrain": not run.args.no_retrain,
        "first_origin": _stamps(run.frame.index[[starts[0]]], run.frame.index)[0],
    }


def _backtest_heading(setup: dict[str, Any]) -> str:
    """The backtest table's heading: over how many origins, how far apart, how fitted."""
    n, stride = setup["origins"], setup["stride"]
    if n == 1:
        return "rolling-origin backtest (1 origin, fitted on the points before it)"
    fitted = "fitted at each" if setup["retrain"] else "fitted once before the first"
    return f"rolling-origin backtest (mean over {n} origins {stride} steps apart, {fitted})"


# Nominal coverages the backtest scores besides --interval (from the same validation errors).
_BACKTEST_LEVELS = (0.5, 0.9)


def _check_fill_before_cutoffs(
    fill: str | None,
    frame: pd.DataFrame,
    cutoffs: list[tuple[str, int]],
    known: list[str] | None = None,
) -> None:
    """Refuse a --fill that fills the last point before a cutoff (the holdout, a backtest
    origin; ``(what, position)``) from a value at or after it. The ``known`` columns
    (``--future-cols``) are known in advance, the values after a cutoff too (a forecast from
    it reads them), so a fill of theirs that reads ahead learns nothing it would not know."""
    if frame.attrs.get("fill") not in D._FILLS_AHEAD:
        return  # nothing filled, or never from ahead: no frame built (per series of a file)
    view = pd.DataFrame(index=frame.index)  # the fill's record, less the known columns'
    view.attrs = dict(frame.attrs)
    filled = frame.attrs.get("filled", {})
    view.attrs["filled"] = {c: q for c, q in filled.items() if c not in set(known or [])}
    for what, cutoff in cutoffs:
        read = D.fill_reads_ahead(view, cutoff)
        if read is not None:
            filled, source = (D._label(x) for x in read)
            raise CLIError(
                f"--fill {fill} fills {filled}, the last point before {what} at "
                f"{D._label(frame.index[cutoff])}, from {source}, a value after it: the model "
                "would train on what it is scored against. Use --fill ffill (or zero), which "
                "never looks ahead."
            )


def _note_filled_scores(
    fill: str | None, frame: pd.DataFrame, cutoffs: list[tuple[str, int]], horizon: int
) -> None:
    """Say on stderr which scored target values --fill made up (inside the holdout or a
    backtest origin's horizon): the scores count them as observed."""
    filled = frame.attrs.get("filled", {}).get(frame.columns[0], [])
    scored = {q for _, cutoff in cutoffs for q in range(cutoff, min(cutoff + horizon, len(frame)))}
    made_up = [frame.index[q] for q in filled if q in scored]
    if made_up:
        print(
            f"note: --fill {fill} made up {len(made_up)} of the {frame.columns[0]!r} values "
            f"the forecasts are scored against ({D._describe_positions(made_up)}); the scores "
            "count them as observed.",
            file=sys.stderr,
        )


def _others_sticky(out: Path) -> os.stat_result | None:
    """``out``'s stat where it is a folder with the sticky bit (``chmod +t``, as ``/tmp`` has)
    of another user's, in which only a file's owner may replace or delete it; None otherwise
    (none there, not sticky, this user's)."""
    try:
        folder = out.stat()
    except OSError:
        return None
    if not folder.st_mode & stat.S_ISVTX or folder.st_uid == os.geteuid():
        return None
    return folder


def _refuse_others_files(out: Path | None, names: Iterable[str]) -> None:
    """Refuse an ``--out`` with the sticky bit (``chmod +t``, as ``/tmp`` has), not this user's,
    that holds files of ``names`` (a run's, which it replaces or deletes) owned by another
    user: there only a file's owner may rename over it or delete it, so the run's files,
    written after the fit, could not be moved in ("[Errno 1] Operation not permitted:
    '.lstmkit-....tmp/forecast.csv' -> 'shared/forecast.csv'", no folder named). Root may."""
    if out is None or os.name != "posix" or os.geteuid() == 0:
        return
    # none yet (the run makes it, and owns what it writes there), or no other user's
    if (folder := _others_sticky(out)) is None:
        return
    me = os.geteuid()
    theirs: dict[str, int] = {}
    for name in names:
        try:
            owner = (out / name).lstat().st_uid
        except OSError:
            continue
        if owner != me:
            theirs[f"{name}/" if (out / name).is_dir() else name] = owner
    if not theirs:
        return
    import pwd

    def user(uid: int) -> str:
        try:
            return pwd.getpwuid(uid).pw_name
        except KeyError:
            return f"uid {uid}"

    users = and_list([user(uid) for uid in dict.fromkeys(theirs.values())])
    mode = stat.filemode(folder.st_mode)
    raise CLIError(
        f"--out {typed_path(out)} holds {and_list(list(theirs))} of another user ({users}), "
        f"in a folder with the sticky bit ({mode}, as /tmp has), where only a file's owner "
        "may replace or delete it: the run could not move its files in. Choose another --out "
        "(a folder of your own), or ask the owner to remove them."
    )


@contextlib.contextmanager
def _moves_named(out: Path) -> Iterator[None]:
    """The system's refusal to move a finished run's file into ``out`` (``os.replace`` of
    :func:`written_together`, its permissions changed during the run), said as the refusal of
    ``--out``, naming the folder and the file: it said "[Errno 13] Permission denied:
    'runs/x/.lstmkit-...tmp/forecast.csv' -> 'runs/x/forecast.csv'" alone. The sticky bit is
    named where it refused (the folder another user's), not for a folder of the user's own that
    has it. ``written_together`` puts back what the folder held before a move fails part-way,
    which the message says."""
    try:
        yield
    except OSError as err:
        moved = err.filename2
        # the moves' alone (written_together's moved_in): a rename of the model's save inside
        # the staging folder was said as a move of the run's file into --out
        if not hasattr(err, "moved_in") or moved is None or err.strerror is None:
            raise
        if err.filename is None:
            raise
        into = Path(os.fsdecode(moved)).absolute()
        if out.absolute() not in into.parents:
            raise
        staged = Path(os.fsdecode(err.filename))
        name = staged.name
        # a folder of the name where a file goes, or a file where a folder (model/) goes, made
        # during the run (one there before is refused before the fit): Windows refuses that
        # move as Permission denied, which was told as permissions changed
        folder = staged.is_dir() if staged.exists() else not Path(name).suffix
        there = into.is_dir() and not into.is_symlink()
        if (into.exists() or into.is_symlink()) and there != folder:
            what = "a folder" if there else "a file"
            goes = "folder" if folder else "file"
            why = (
                f" ({what} named {name} is there, made during the run, where the run's {goes} goes)"
            )
        elif err.errno == errno.EPERM and _others_sticky(out) is not None:
            why = " (a folder with the sticky bit, where only a file's owner may replace it)"
        elif err.errno in (errno.EACCES, errno.EPERM):
            why = " (its permissions changed during the run?)"
        else:
            why = ""
        refused = OSError(
            f"--out {typed_path(out)} cannot be written: {err.strerror}, moving the run's "
            f"{name} into it{why}. It holds what it held before; run again into another --out."
        )
        refused.errno = err.errno
        raise refused from None


# What `lstmkit forecast --out` writes besides model/.
_RUN_FILES = (
    "forecast.csv",
    "forecast.png",
    "training.png",
    "backtest.csv",
    "backtest.png",
    "run.json",
)
# those of them a run without --backtest deletes, an earlier run's backtest not passing for its
_BACKTEST_FILES = ("backtest.csv", "backtest.png")


def _refuse_dataset_in_no_zone(dataset: str, frame: pd.DataFrame, model: Any) -> None:
    """Refuse a bundled dataset as the newer history of a model whose training data had a
    time zone: the datasets have none, and no flag gives them one. The library's refusal
    told it to "write them in the file with their UTC offset", of a file the user never
    wrote; said as it words it, with what can be done instead."""
    if frame.index.tz is not None or model.state_["history"]["freq"] is None:
        return
    trained = model._saved_history().index
    if trained.tz is None:
        return
    raise CLIError(
        f"the dataset {dataset} must have timestamps in {trained.tz} like the training "
        f"data's, got timestamps without a time zone (first {frame.index[0]}): the bundled "
        "datasets have none. Pass the newer history with --csv FILE, its timestamps written "
        f"with their UTC offset as the training data's were (its last: {trained[-1]}), or no "
        "dataset, to forecast from the end of the training data."
    )


def run_predict(args: argparse.Namespace) -> int:
    """``lstmkit predict``; ``--csv -`` and a named pipe (``--csv <(zcat new.csv.gz)``) are
    read once, after the flags and the model that need no data, into a copy deleted however
    the command ends (:func:`lstmkit.cli.read_once`)."""
    with contextlib.ExitStack() as copies:
        return _predict(args, copies)


def _predict(args: argparse.Namespace, copies: contextlib.ExitStack) -> int:
    from lstmkit.forecast import Forecaster, _as_given, _user_names, plot_forecast
    from lstmkit.io import versions

    problems = []  # every flag problem at once, as `lstmkit forecast` says them
    if args.horizon is not None and args.horizon <= 0:
        problems.append(f"--horizon must be a positive integer, got {value_repr(args.horizon)}.")
    # 0: no interval, as `lstmkit forecast --interval 0`
    if problem := _interval_problem(args.interval):
        problems.append(problem)
    if refused_flags_pending():  # a flag's text refused by the parse: said with these, first
        refuse_together(problems)
    path = resolve_model_dir(args.model)
    if (text := text_model_runner(path)) is not None:
        # before the dataset, which a sentence given as one (`predict clf "a fine film"`) was
        # refused as, "unknown dataset 'a fine film'"; worded as Forecaster.load words it
        from lstmkit.io import not_of_kind

        raise CLIError(not_of_kind(path, {"kind": text[0]}, "lstmkit.Forecaster"))
    refuse_together(problems)
    refuse_overwrite_without_out(args)
    check_out_dir(args.out, files=PREDICT_FILES)
    refuse_other_output(args.out, "lstmkit predict", allowed=("prediction",))
    refuse_all(
        lambda: refuse_read_only(args.out, PREDICT_FILES),
        lambda: _refuse_others_files(args.out, PREDICT_FILES),
        # its forecast.csv, a user's or another program's, is no prediction
        lambda: (
            args.overwrite
            or refuse_unmarked(
                args.out, PREDICT_FILES, "prediction.json", "prediction", "lstmkit predict"
            )
        ),
    )
    model, table = None, None
    with D._sha256_of_read() as digests:
        if args.csv is not None and args.dataset is None:
            if not _piped(args.csv):
                check_csv(args.csv)  # a folder, a file not there: before the model is read
            with as_flags(["device"]):
                model = Forecaster.load(path, device=args.device)
            _check_future_flags(args, model, path)
            args = _csv_as_the_run(args, path, copies)
        with _runs_reading(args):  # a refusal of the run's --where or --date-format says so
            if model is not None:
                args, table = _model_flags(args, model)
            trained = None if model is None else model._trained_step()
            if model is not None:  # the plan rows its forecast reads (_plan_steps)
                steps = model.config.horizon if args.horizon is None else args.horizon
                # the model's time zone: a file's dates read in UTC are forecast on its clock
                zone = model.state_["history"].get("tz")
                args = argparse.Namespace(**{**vars(args), "plan_steps": steps, "zone": zone})
            with D._days_trained(trained):  # a newer history opens on the model's days
                frame, name = _load(args, required=False, saved=True, table=table)
    if model is None:
        with as_flags(["device"]):
            model = Forecaster.load(path, device=args.device)
        _check_future_flags(args, model, path)
    horizon = model.config.horizon if args.horizon is None else args.horizon
    if model.state_["future"] and frame is not None:
        # before the plan is read: rows added for more steps than the network gives do not help
        with as_flags(["horizon"]):
            if problem := model._horizon_problem(horizon):
                raise ValueError(problem)
    future = _predict_future(args, model, frame, horizon)
    n_fut = 0 if future is None else future.shape[1]
    if frame is not None:
        # the target and past covariates: the future covariates come last, by --future-cols
        # (checked above), and are no --covariate-cols
        n_past = len(model.state_["columns"]) - len(model.state_["future"])
        columns = _user_names(model.state_["columns"][:n_past])
        frame_past = frame.iloc[:, : frame.shape[1] - n_fut]
        besides = (
            f" besides its future covariates ({', '.join(model.state_['future'])}, --future-cols)"
            if n_fut
            else ""
        )
        if frame_past.shape[1] != len(columns):
            # with --csv, only where every flag was given (:func:`_model_flags` reads as many
            # columns as the model's), --covariate-cols among them
            given = (
                "--value-col and --covariate-cols give" if args.csv is not None else f"{name} has"
            )
            if args.csv is None:
                flags = ""
            elif len(columns) == 1:
                flags = "; give --value-col only (no --covariate-cols)"
            else:
                flags = (
                    f"; give --value-col for {columns[0]} and --covariate-cols for "
                    f"{', '.join(columns[1:])}, in that order"
                )
            raise CLIError(
                f"the model was trained on {_columns_said(columns)}"
                f"{besides}; {given} {frame_past.shape[1]}{flags}."
            )
        moved = [
            f"{c!r} (trained as column {columns.index(c) + 1}, given as {k + 1})"
            for k, c in enumerate(str(c) for c in frame_past.columns)
            if c in columns and columns.index(c) != k
        ]
        if moved:
            raise CLIError(
                f"the columns are in another order than the model's ({', '.join(columns)})"
                f"{besides}: "
                f"{', '.join(moved)}; give --value-col {columns[0]}"
                + (f" --covariate-cols {' '.join(columns[1:])}" if len(columns) > 1 else "")
                + "."
            )
    if frame is not None and args.csv is None:
        _refuse_dataset_in_no_zone(args.dataset, frame, model)
    past = None if frame is None else frame.iloc[:, 1 : frame.shape[1] - n_fut]  # covariates
    source = _source(args)  # the library's `series` is the newer history
    with as_source(source):
        # model.history(...), its future covariates' lags checked against the steps forecast
        history = _as_given(
            model._history(
                None if frame is None else frame.iloc[:, :1],
                None if past is None or past.shape[1] == 0 else past,
                future,
                horizon=horizon,
            )
        )
    if frame is not None:
        # its --fill of blank cells said as forecast says its own, after the refusals of the
        # same fill (a plan's last cells empty): a note, then the refusal, was said
        _note_filled_cells(args, frame)
    covariates = history.iloc[:, 1 : history.shape[1] - n_fut]
    with far_outside_of_source(source), as_flags(["horizon", "interval"]), as_source(source):
        pred = model.predict(
            horizon,
            series=history.iloc[:, :1],
            covariates=covariates if covariates.shape[1] else None,
            future_covariates=future,
            interval=args.interval,  # 0: none, None: the model's
        )
    if frame is not None:
        _warn_older(args, model, history.index, pred.index)
    if not np.isfinite(pred["forecast"].to_numpy()).all():
        # an edited state.scale or loc, or weights that overflow: printing failed with
        # "unsupported format string passed to NoneType.__format__"
        raise CLIError(
            f"the model in {str(path)!r} forecasts no finite number at "
            f"{_not_finite(pred, history.index)}: its config.json (state.scale, state.loc) or "
            "its weights give values beyond the floating-point range."
        )
    origin = _stamps(history.index[-1:], history.index)[0]  # not every point's, for one
    # as the terminal and forecast.csv show times (the plot's title too: ISO 8601 is for JSON)
    shown_origin = _csv_stamps(history.index[-1:], history.index)[0]
    result = json_safe(
        {
            "model": str(path),
            "data": name or "the model's training data",
            # which data it was, as `lstmkit forecast` records it (None: the model's own)
            "data_sha256": None if frame is None else _data_sha256(args, digests),
            # the rows read with --where, as `lstmkit forecast --json` records them
            "where": dict(args.where) if args.where else None,
            "command": args.command_line,
            "origin": origin,
            "horizon": horizon,
            "interval": model.config.interval if args.interval is None else args.interval or None,
            "forecast": _forecast_json(pred, history.index),
            "config": asdict(model.config),
            "versions": versions(),
        }
    )
    if args.out is not None:
        # the value axis as `lstmkit forecast` labels it: a bundled dataset's units, where the
        # data given, or the run that saved the model, was one (the column name was drawn)
        column = history.columns[0]
        label = (
            _value_label(args, column)
            if frame is not None
            else _trained_units(path, column) or str(column)
        )
        # a new forecast.csv beside an old plot, never
        with _moves_named(args.out), written_together(args.out) as out:
            table = pred.copy()
            table.index.name = "timestamp"
            _write_forecast_csv(table, out / "forecast.csv", history.index)
            shown, label = _drawable_names(args, name or str(path), label)
            plot_forecast(
                history.iloc[:, 0].rename(label),
                pred,
                path=out / "forecast.png",
                title=f"{shown}: forecast from {shown_origin}, horizon {horizon}",
            )
            # what was forecast and how, as --json prints it less the forecast (forecast.csv's):
            # it marks the folder as this command's, which a rerun rewrites
            record = {k: v for k, v in result.items() if k != "forecast"}
            record["files"] = ["forecast.csv", "forecast.png"]
            (out / "prediction.json").write_text(json.dumps(record, indent=2) + "\n")
    if args.json:
        print(json.dumps(result))
        return 0
    level = pred.attrs.get("interval")
    band = f", {level_percent(level)} interval" if level is not None else ""
    print(
        f"{result['data']}: forecast from {shown_origin}, horizon {horizon}{band} (model {path})\n"
    )
    _print_forecast(result["forecast"], _csv_stamps(pred.index, history.index))
    if args.out is not None:
        print(f"\nwrote forecast.csv, forecast.png and prediction.json into {args.out}")
    sys.stdout.flush()
    return 0


def _warn_older(
    args: argparse.Namespace,
    model: Any,
    given: pd.Index,
    steps: pd.Index,
    *,
    explained: bool = False,
) -> None:
    """Warn where the history ``lstmkit predict`` was given (``given``, its --csv or dataset)
    ends before the model's training data: the forecast of an older file, whose ``steps``
    are points the model was trained on, was printed as a forecast without a word.
    ``explained``: ``steps`` is the one step ``lstmkit explain`` explains, told so."""
    trained = model._history().index
    try:
        if not given[-1] < trained[-1]:
            return
        inside = int((steps <= trained[-1]).sum())
    except TypeError:  # another kind of index than the training data's: nothing to compare
        return
    if not inside:  # an explained step after the training data's end: a forecast still
        return
    its_end, end, step = _csv_stamps(pd.Index([given[-1], trained[-1], steps[-1]]), given)
    leave = "--csv" if args.csv is not None else "the dataset"
    told = (
        f"the step explained, {step}, is a point the model was trained on"
        if explained
        else f"{inside} of the {len(steps)} steps forecast from it "
        f"{'is a point' if inside == 1 else 'are points'} the model was trained on"
    )
    warnings.warn(
        f"{_source(args)} ends at {its_end}, before the model's training data, which ends at "
        f"{end}: {told} (in-sample, not a forecast); give data that reach {end} or later, or "
        f"leave {leave} out to {'explain a forecast' if explained else 'forecast'} after the "
        "training data.",
        UserWarning,
        stacklevel=1,
    )


def _model_flags(
    args: argparse.Namespace, model: Any
) -> tuple[argparse.Namespace, pd.DataFrame | None]:
    """``lstmkit predict``'s flags with the ``--csv`` columns that they leave out filled in as
    ``lstmkit explain`` reads them (:func:`_model_csv_columns`: by the saved ``model``'s
    names, else in order), and the file as read; as given, and None, where they name every
    column the model reads."""
    state = model.state_
    n_past = len(state["columns"]) - len(state["future"])
    if (
        args.date_col is not None
        and args.value_col is not None
        and (args.covariate_cols or n_past == 1)
        and (args.future_cols or not state["future"])
    ):
        return args, None
    dates = (state.get("history") or {}).get("name")  # the model's date column
    table, date_col, cols, futures = _model_csv_columns(
        args, state["columns"], state["future"], dates
    )
    filled = {"date_col": date_col, "value_col": cols[0], "covariate_cols": cols[1:]}
    # a refusal of the target's values names the model's target, not a --value-col not given
    target = None if args.value_col is not None else state["columns"][0]
    filled |= {"future_cols": futures, "model_target": target}
    filled["future_cols_given"] = bool(args.future_cols)  # said so where a step is missing
    return argparse.Namespace(**{**vars(args), **filled}), table


def _csv_stamp(stamp: str) -> str:
    """A time of :func:`_stamps` as forecast.csv writes it (pandas' ``2020-01-17 12:00:00``
    rather than ISO 8601's ``2020-01-17T12:00:00``), so the terminal shows the file's times."""
    return stamp.replace("T", " ", 1)


def _csv_stamps(index: pd.Index, series: pd.Index) -> list[str]:
    """The times ``index`` (of a forecast that continues ``series``) as forecast.csv writes
    them: times of day as pandas writes them, its fractions of a second alike for the whole
    index (``00:00:20.000``, ``00:00:20.500``, where ISO 8601 wrote ``00:00:20`` and
    ``00:00:20.500000``); a zoned index's with its offset, midnights too (``2020-02-10
    00:00:00+01:00``, where the date alone was printed); else as :func:`_stamps`, midnights of
    a series with times of day with their time."""
    if isinstance(index, pd.DatetimeIndex) and D._timed(index):
        return [str(stamp) for stamp in index.astype(str)]
    return [_csv_stamp(stamp) for stamp in _stamps(index, series)]


def _write_forecast_csv(table: pd.DataFrame, path: Path, series: pd.Index) -> None:
    """``table`` (a forecast, indexed ``timestamp``) as forecast.csv, its times as the terminal
    shows them: the steps of a series with times of day keep theirs at midnight alone, where
    pandas wrote the date (2020-01-21, printed 2020-01-21 00:00:00)."""
    if D._intraday(series) and not D._intraday(table.index):
        stamps = _csv_stamps(table.index, series)
        table = table.set_axis(pd.Index(stamps, name="timestamp"), axis=0)
    table.to_csv(path)


def _print_forecast(fc: dict[str, list[Any]], stamps: list[str] | None = None) -> None:
    """The forecast ``fc`` (as ``--json`` writes it) as a table, its times ``stamps`` (those of
    :func:`_csv_stamps`; default: ``fc``'s, as forecast.csv writes them to the second)."""
    fc = {**fc, "timestamp": stamps or [_csv_stamp(ts) for ts in fc["timestamp"]]}
    known = sum(lo is not None for lo in fc["lower"])
    if not known:  # no interval (--interval 0): two empty columns said nothing
        num = _number_format(fc["forecast"])
        print_table(
            ["timestamp", "forecast"],
            [(ts, num(f)) for ts, f in zip(fc["timestamp"], fc["forecast"], strict=True)],
        )
        return
    num = _number_format([*fc["forecast"], *fc["lower"], *fc["upper"]])
    rows = [
        (ts, num(f), "" if lo is None else num(lo), "" if hi is None else num(hi))
        for ts, f, lo, hi in zip(
            fc["timestamp"], fc["forecast"], fc["lower"], fc["upper"], strict=True
        )
    ]
    print_table(["timestamp", "forecast", "lower", "upper"], rows)
    if 0 < known < len(fc["lower"]):
        print(
            f"(the interval covers the {'first step' if known == 1 else f'first {known} steps'}, "
            "the horizon it was calibrated for; "
            "later steps have none)"
        )


def _metric_header(season: int) -> list[str]:
    """The metrics table's header, MASE's with the season its scale is measured at (``m``):
    a weekly series' 52 or a daily one's 7 were said nowhere but in run.json."""
    return ["method", *list(_METRIC_NAMES.values())[:-1], f"MASE (m={season})"]


def _metric_rows(metrics: dict[str, dict[str, float]]) -> list[tuple[str, ...]]:
    rows = []
    # RMSE and MAE are in the series' units: one format for both, over every method
    units = _number_format(v[k] for v in metrics.values() for k in ("rmse", "mae"))
    for method, vals in metrics.items():
        cells = [
            f"{vals[k]:.3f}"
            if k == "mase"
            else units(vals[k])
            if k in ("rmse", "mae")
            else f"{vals[k]:.2f}"
            for k in _METRIC_NAMES
        ]
        rows.append((method, *cells))
    return rows


def _explain_nans(table: dict[str, dict[str, float]], where: str = "") -> None:
    """One line per kind of undefined (nan) metric in ``table``, saying why."""
    suffix = f" {where}" if where else ""
    why = {
        "mape": f"MAPE is undefined where the truth has a 0{suffix}",
        "mase": "MASE is undefined when the training series does not change at the seasonal "
        f"lag{suffix}",
    }
    for key, reason in why.items():
        if any(math.isfinite(v["rmse"]) and not math.isfinite(v[key]) for v in table.values()):
            print(f"(nan: {reason})")
    failed = [method for method, v in table.items() if not math.isfinite(v["rmse"])]
    if failed:
        print(f"(nan: {', '.join(failed)} failed{suffix}; see the log)")


def _beaten(table: dict[str, dict[str, float]], where: str) -> None:
    """A line naming the best baseline when its RMSE is lower than the model's, both printed
    as the table above prints them (4 significant digits said 20668.42 as 2.067e+04 and
    2023.09 as 2023), with the digits that tell them apart where the table's are alike."""
    model = table["model"]["rmse"]
    rivals = [(v["rmse"], m) for m, v in table.items() if m != "model" and math.isfinite(v["rmse"])]
    if not rivals or not math.isfinite(model):
        return
    best, method = min(rivals)
    units = _number_format(v.get(k) for v in table.values() for k in ("rmse", "mae"))
    if best < model:
        said = units(best), units(model)
        if said[0] == said[1]:
            # the table's rounding hides the win ("RMSE 1.23 against 1.23"): digits until the
            # two differ, as 17 significant ones always do
            digits = next(d for d in range(4, 18) if f"{best:.{d}g}" != f"{model:.{d}g}")
            said = f"{best:.{digits}g}", f"{model:.{digits}g}"
        print(f"({method} beats the model {where}: RMSE {said[0]} against {said[1]})")


def _report(
    name: str,
    result: dict[str, Any],
    metrics: dict[str, dict[str, float]],
    backtest: Any,
    config: ForecasterConfig,
    out: Path | None,
    stat_baselines_off: bool = False,
    stamps: list[str] | None = None,
) -> None:
    print(
        f"{name}: n={result['n']}, holdout={result['holdout']}, horizon={config.horizon}, "
        f"lookback={result['lookback']}, cell={config.cell}, strategy={config.strategy}, "
        f"ensemble={config.ensemble}, seed={config.seed} (fit {result['fit_seconds']:.1f} s)"
    )
    if metrics:
        print()
        print_table(_metric_header(result["season_length"]), _metric_rows(metrics))
        _explain_nans(metrics)
        _beaten(metrics, "on the holdout")
        cov = metrics["model"].get("coverage")
        if cov is not None and config.interval and math.isfinite(cov):
            print(
                f"\ninterval coverage on the holdout: {cov:.0%} "
                f"(nominal {level_percent(config.interval)})"
            )
    if result["baselines_skipped"] and (metrics or backtest is not None):  # a table to be in
        # why they are missing, and for the extra what installs them
        why = (
            "--no-stat-baselines"
            if stat_baselines_off
            else "statsforecast is not installed: pip install 'lstmkit[baselines]'"
        )
        print(f"skipped baselines: {', '.join(result['baselines_skipped'])} ({why})")
    if backtest is not None:
        coverage = backtest.summary["model"]["coverage"]
        print(
            "\n"
            + _backtest_heading(result["backtest_setup"])
            + (f", interval coverage {coverage:.0%}:" if math.isfinite(coverage) else ":")
        )
        print_table(_metric_header(result["season_length"]), _metric_rows(backtest.summary))
        _explain_nans(backtest.summary, "at some origin")
        if backtest.calibration is not None and len(backtest.calibration) > 1:
            scored = [
                f"{level_percent(row.nominal)} → {row.coverage:.0%}"
                if math.isfinite(row.coverage)
                else f"{level_percent(row.nominal)} → (too few validation errors)"
                for row in backtest.calibration.itertuples()
            ]
            print(f"interval coverage by nominal level: {', '.join(scored)}")
        _beaten(backtest.summary, "over the backtest")
    print(
        f"\nforecast ({level_percent(config.interval)} interval):"
        if config.interval
        else "\nforecast:"
    )
    _print_forecast(result["forecast"], stamps)
    if out is not None:
        files = "forecast.csv, forecast.png, training.png, " + (
            "backtest.csv, backtest.png, " if backtest is not None else ""
        )
        print(f"\nwrote {files}run.json and model/ into {out}")
        if result["holdout"]:
            # a model with future covariates reads their values at the held-out steps, which
            # `lstmkit predict DIR` alone refuses to do without (naming --csv); a FILE with the
            # training data's columns is read by their names, the flags left out (and the
            # rows of a long-format file by --where)
            future = (result.get("future_covariates") or {}).get("columns") or []
            rows = _where_flags((result.get("where") or {}).items())
            # quoted as a shell reads them, so that the command runs as shown: a folder such as
            # "runs/sales 2024" split into two arguments
            plan = (
                f" --csv FILE{''.join(' ' + r for r in rows)}` (FILE with the training data's "
                f"columns, its target ending before them, its rows for them holding "
                f"{', '.join(future)})"
                if future
                else "`"
            )
            print(
                f"(model/ was fitted without the {result['holdout']} held-out points, so "
                f"`lstmkit predict {shlex.quote(str(out))}{plan} forecasts them again; "
                "--holdout 0 fits on everything)"
            )
    else:
        print("\n(--out DIR saves the plots forecast.png and training.png, the CSV and the model)")
    sys.stdout.flush()
