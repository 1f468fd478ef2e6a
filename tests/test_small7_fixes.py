"""Small defects left from the session's reviews: weeks on another weekday for a newer
history, URLs where a local file is read, covariates beside a series along a row, and the
CLI's list of unknown flags."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.forecast import Forecaster, ForecasterConfig
from lstmkit.text.charlm import read_corpus
from lstmkit.text.labelled import read_labelled_csv
from lstmkit.text.sentiment import SentimentPredictor
from lstmkit.text.vocab import Vocabulary

QUICK = ForecasterConfig(horizon=2, lookback=4, ensemble=1, epochs=1, interval=None)


def _weekly(start: str, freq: str, tz: str | None = None) -> pd.Series:
    index = pd.date_range(start, periods=40, freq=freq, tz=tz)
    return pd.Series(np.sin(np.arange(40.0)), index=index, name="y")


@pytest.mark.parametrize(
    ("fitted", "given", "said"),
    [
        # a Wednesday model named 5B, a history of Mondays named W-MON, as W-SUN vs W-MON;
        # W-MON names its weekday, 5B does not (walk29a: "(5B), got W-MON" said no days)
        (("2020-01-08", "5B"), ("2020-01-06", "W-MON"), "(5B on Wednesdays), got W-MON."),
        (("2020-01-05", "7D"), ("2020-01-06", "5B"), "(7D on Sundays), got 5B on Mondays."),
        (("2020-01-05", "7D"), ("2020-01-06", "7D"), "(7D on Sundays), got 7D on Mondays."),
        # named as fitted (fc9: it was "7D", the model's days)
        (("2020-01-08", "168h"), ("2020-01-06", "7D"), "(168h on Wednesdays), got 7D on Mondays."),
    ],
)
def test_weeks_on_another_weekday_are_refused_for_a_newer_history(
    fitted: tuple[str, str], given: tuple[str, str], said: str
) -> None:
    """A 5B model fitted on Wednesdays took a W-MON history, and a 7D model on Sundays a 5B
    or 7D history of Mondays: their calendar inputs then shifted by days, silently."""
    model = Forecaster(QUICK).fit(_weekly(*fitted))
    with pytest.raises(ValueError) as err:
        model.predict(series=_weekly(*given))
    assert str(err.value) == f"`series` must have the training data's frequency {said}"


def test_weeks_on_the_same_weekday_stay_one_frequency_in_a_time_zone() -> None:
    model = Forecaster(QUICK).fit(_weekly("2020-01-06", "5B", tz="Europe/Berlin"))
    same = model.predict(series=_weekly("2020-01-06", "5B", tz="Europe/Berlin"))
    other = model.predict(series=_weekly("2020-01-06", "W-MON", tz="Europe/Berlin"))
    np.testing.assert_array_equal(other.to_numpy(), same.to_numpy())


def test_a_forecaster_saved_to_a_url_is_refused_before_anything_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``save("s3://bucket/m")`` created the local folders ``s3:/bucket/m``."""
    model = Forecaster(QUICK).fit(_weekly("2020-01-06", "W-MON"))
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError) as err:
        model.save("s3://bucket/m")
    assert str(err.value) == (
        "`path` must be a local folder, got the URL 's3://bucket/m': lstmkit reads and writes "
        "no network; save it into a local folder and copy that folder there."
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("given", "said"),
    [
        (
            "https://example.com/m",
            "`path` must be a local folder, got the URL 'https://example.com/m': lstmkit reads "
            "and writes no network; copy the saved model's folder to this machine first and "
            "pass its path.",
        ),
        (
            "file:///tmp/m",
            "`path` must be a folder's path, not a URL, got 'file:///tmp/m'; pass the path, "
            "'/tmp/m'.",
        ),
    ],
)
def test_a_forecaster_loaded_from_a_url_is_told_it_is_one(given: str, said: str) -> None:
    """It read "model folder 'https:/example.com/m' does not exist."."""
    with pytest.raises(FileNotFoundError) as err:
        Forecaster.load(given)
    assert str(err.value) == said


def test_a_text_model_loaded_from_a_url_is_told_it_is_one() -> None:
    with pytest.raises(FileNotFoundError) as err:
        SentimentPredictor.load("s3://bucket/m")
    assert str(err.value) == (
        "`model_dir` must be a local folder, got the URL 's3://bucket/m': lstmkit reads and "
        "writes no network; copy the saved model's folder to this machine first and pass its "
        "path."
    )


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        (["predict", "s3://bucket/m"], "model"),
        (["explain", "s3://bucket/m"], "model"),
        (["text", "predict", "s3://bucket/m", "good"], "model_dir"),
    ],
)
def test_a_model_folder_given_as_a_url_on_the_command_line_is_told_it_is_one(
    argv: list[str], name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`lstmkit predict s3://bucket/m` said "model folder 's3:/bucket/m' does not exist."."""
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: {name} must be a local folder, got the URL 's3://bucket/m': lstmkit reads and "
        "writes no network; copy the saved model's folder to this machine first and pass its "
        "path.\n"
    )


def test_text_files_given_as_urls_are_told_lstmkit_reads_no_network() -> None:
    """The labelled CSV, a vocabulary and a text to train on were "file not found:
    'https:/example.com/a.csv'", as if missing there."""
    with pytest.raises(FileNotFoundError) as err:
        read_labelled_csv("https://example.com/a.csv", "text", "label")
    assert str(err.value) == (
        "`path` must be a local file, got the URL 'https://example.com/a.csv': lstmkit reads no "
        "network; download it first (e.g. urllib.request.urlretrieve('https://example.com/a.csv'"
        ", 'data.csv')) and pass the file's name."
    )
    with pytest.raises(FileNotFoundError) as err:
        Vocabulary.load("s3://bucket/vocab.json")
    assert str(err.value) == (
        "`path` must be a local file, got the URL 's3://bucket/vocab.json': lstmkit reads no "
        "network; copy it to a local file first and pass the file's name."
    )
    with pytest.raises(FileNotFoundError) as err:
        read_corpus("http://example.com/t.txt")
    assert str(err.value) == (
        "`path` must be a local file, got the URL 'http://example.com/t.txt': lstmkit reads no "
        "network; download it first (e.g. urllib.request.urlretrieve('http://example.com/t.txt'"
        ", 'data.txt')) and pass the file's name."
    )
    with pytest.raises(FileNotFoundError) as err:
        read_corpus("no such file.txt")
    assert str(err.value) == "`path` file not found: 'no such file.txt'."


ROW = (
    "`series` is an array of shape (1, 40), whose rows are the time steps (target in column 0, "
    "covariates after); transpose it (series.T, shape (40, 1)) if its 40 columns are the steps."
)


@pytest.mark.parametrize("points", [40, 30])
def test_covariates_beside_a_series_along_a_row_are_told_to_transpose_the_series(
    points: int,
) -> None:
    """fit and predict(series=) with covariates said only "must have the series' 1 points,
    got 40: 39 of them come after the series' end", not that the series lies along a row."""
    y = np.sin(np.arange(40.0))
    said = f"`covariates` must have the series' 1 points, got {points}: {ROW}"
    with pytest.raises(ValueError) as err:
        Forecaster(QUICK).fit(y[None, :], covariates=np.zeros(points))
    assert str(err.value) == said
    model = Forecaster(QUICK).fit(y, covariates=np.zeros(40))
    with pytest.raises(ValueError) as err:
        model.predict(series=y[None, :], covariates=np.zeros(points))
    assert str(err.value) == said
