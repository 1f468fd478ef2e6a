"""Review of rl18 (deb4722b): what its report left alone, each pinned."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _datasets_said(capsys, words: list[str]) -> str:
    from lstmkit.cli import main

    with pytest.raises(SystemExit) as e:
        main(["datasets", *words])
    assert e.value.code == 2
    return capsys.readouterr().err


def test_lstmkit_datasets_says_its_unknown_words_in_one_sentence(capsys) -> None:
    """`lstmkit datasets foo bar` said "'foo' is none of them; 'bar' is none of them", a
    sentence a word: now one, with each guess by its word where not every word has one."""
    head = (
        "`lstmkit datasets` takes no name: it lists every bundled series (airline, car_sales, "
        "milk, wine). "
    )
    for words, said in [
        (
            ["foo", "bar"],
            "'foo' and 'bar' are none of them. Forecast one with `lstmkit forecast NAME`, load "
            "it with `lstmkit.data.load_dataset(NAME)` ",
        ),
        (
            ["airlines", "wyne", "foo"],
            "'airlines', 'wyne' and 'foo' are none of them (did you mean 'airline' for "
            "'airlines' and 'wine' for 'wyne'?). Forecast them with `lstmkit forecast airline` "
            "and `lstmkit forecast wine`, load them with `lstmkit.data.load_dataset('airline')` "
            "and `lstmkit.data.load_dataset('wine')` ",
        ),
    ]:
        err = _datasets_said(capsys, words)
        assert f"unrecognized arguments: {' '.join(words)}; {head}{said}(" in err, err


@pytest.mark.parametrize(
    "argv",
    [
        ["explain", "missing-model"],
        ["text", "predict", "missing-model", "a fine film", "--explain"],
    ],
)
def test_eps_zero_is_shown_as_written(capsys, argv) -> None:
    """`--eps 0` was told "got 0.0", a number nobody wrote (`--bias-factor 95` is "got 95")."""
    from lstmkit.cli import main

    assert main([*argv, "--eps", "0"]) == 2
    assert capsys.readouterr() == ("", "error: --eps must be a positive finite number, got 0.\n")
    assert main([*argv, "--eps=-1e-3"]) == 2
    assert capsys.readouterr().err == "error: --eps must be a positive finite number, got -0.001.\n"


def test_explain_target_minus_zero_is_not_told_a_negative_index(clf_dir, interval_refusal) -> None:
    """`lstmkit explain DIR --target -0` was told "(a negative index does not count from the
    end)": -0 is no negative index; it is told to write the first class's index unsigned."""
    argv = ["explain", str(clf_dir), "--text", "film 1 was great", "--target"]
    assert interval_refusal([*argv, "-0"]) == (
        "error: --target must be one of ['down', 'up'] or an index in [0, 2) (an index is "
        "written without a sign: 0), got '-0'.\n"
    )
    assert interval_refusal([*argv, "-00"]).endswith("without a sign: 0), got '-00'.\n")
    assert interval_refusal([*argv, "-2"]) == (
        "error: --target must be one of ['down', 'up'] or an index in [0, 2) (a negative index "
        "does not count from the end), got '-2'.\n"
    )


def test_text_fraction_flags_are_the_configs_own_list(tmp_path, capsys) -> None:
    """cli/text.py kept its own list of the fields in [0, 1) beside SentimentConfig's
    `fractions=`, in another order: `--word-dropout 95 --neighbours 20%` were told in the
    reverse of Python's order. The config says them in its field order; the CLI says them as
    typed (cli21; the config's field order since flg18)."""
    from lstmkit.cli import main
    from lstmkit.text.sentiment import SentimentConfig

    out = tmp_path / "m"
    argv = ["text", "train", "sst2", "--out", str(out), "--word-dropout", "95"]
    assert main([*argv, "--neighbours", "20%"]) == 2
    assert capsys.readouterr() == (
        "",
        "error: --word-dropout must be a number in [0, 1), got 95 (a fraction: 0.95 for 95 %). "
        "--neighbours must be a number in [0, 1), got '20%' (a fraction: 0.2 for 20 %).\n",
    )
    with pytest.raises(ValueError) as info:
        SentimentConfig(word_dropout=0.95 * 100, neighbours="20%")
    assert str(info.value) == (
        "`neighbours` must be a number in [0, 1), got '20%' (a number, not text: 0.2 for 20 %). "
        "`word_dropout` must be a number in [0, 1), got 95.0 (a fraction: 0.95 for 95 %)."
    )
    assert not out.exists()


def _business_months(freq: str, n: int = 24) -> pd.DatetimeIndex:
    # Berlin's midnights of the business month starts or ends, written in UTC (23:00, 22:00)
    berlin = pd.date_range("2015-01-01", periods=n, freq=freq, tz="Europe/Berlin")
    return berlin.tz_convert("UTC")


def test_business_month_ends_off_by_hours_are_told_the_day_they_are() -> None:
    """Business month ends written on another clock (2015-01-29 23:00 for 2015-01-30) were
    "irregular steps ... (usual step: 30 days)" with no advice, where calendar month ends off
    by hours are told the line that moves them: now the line, which reads them as BME."""
    from lstmkit.data import to_frame

    index = _business_months("BME").tz_localize(None)
    series = pd.Series(np.arange(24.0), index=index)
    with pytest.raises(ValueError) as info:
        to_frame(series)
    assert str(info.value) == (
        "timestamps in `series` must be regularly spaced, got 24 of 24 off a business month's "
        "end by up to 2 hours (2015-01-29 23:00:00 for 2015-01-30): business month ends (the "
        "last weekday of each month) written on another clock (midnights of a time zone written "
        "in UTC, say) read as irregular steps. Move them to the day: series.index = "
        "series.index.round('D')."
    )
    series.index = series.index.round("D")
    assert to_frame(series).index.freqstr == "BME"
    # the day's last hour beside midnights: the day itself
    last = pd.date_range("2015-01-01", periods=24, freq="BME")
    last = last + pd.to_timedelta(np.arange(24) % 2 * 23, unit="h")
    with pytest.raises(ValueError) as info:
        to_frame(pd.Series(np.arange(24.0), index=last))
    assert str(info.value).endswith(
        "got 12 of 24 off a business month's end by up to 23 hours (2015-02-27 23:00:00 for "
        "2015-02-27): business month ends (the last weekday of each month) written on another "
        "clock (the day's last hour, say) read as irregular steps. Move them to the day: "
        "series.index = series.index.normalize()."
    )


def test_a_csv_s_zoned_business_month_starts_off_by_hours_are_told_a_pandas_line(
    tmp_path,
) -> None:
    """A CSV of business month starts at Berlin's midnights with a UTC offset
    (2014-12-31T23:00:00+00:00) was told "usual step: 31 days" alone: now the pandas line,
    the zone dropped first (to_period's warning), which reads the file as BMS."""
    from lstmkit.data import read_csv

    index = _business_months("BMS")
    path = tmp_path / "bms.csv"
    frame = pd.DataFrame({"date": index.strftime("%Y-%m-%dT%H:%M:%S+00:00"), "y": range(24)})
    frame.to_csv(path, index=False)
    with pytest.raises(ValueError) as info:
        read_csv(path, "date", "y")
    assert str(info.value) == (
        f"timestamps in {str(path)!r} must be regularly spaced, got 24 of 24 off a business "
        "month's start by up to 2 hours (2014-12-31 23:00:00+00:00 for 2015-01-01): business "
        "month starts (the first weekday of each month) written on another clock (midnights of "
        "a time zone written in UTC, say) read as irregular steps. Move them to the day: write "
        "them as the days they are (2019-01-01), e.g. with pandas: "
        "dates.dt.tz_localize(None).dt.round('D')."
    )
    dates = pd.to_datetime(frame["date"])
    frame["date"] = dates.dt.tz_localize(None).dt.round("D")
    frame.to_csv(path, index=False)
    assert read_csv(path, "date", "y").index.freqstr == "BMS"
