"""Last reading of the config choices and of the UTF-8 refusals: a list or an array where a name
is chosen is refused by name, as any other wrong value, not by the failure of ``in`` on it; a
compressed CSV that is not UTF-8 is described by its text, not by its archive's bytes."""

from __future__ import annotations

import gzip
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from lstmkit import data as D
from lstmkit.forecast import ForecasterConfig
from lstmkit.text import SentimentConfig
from lstmkit.text.labelled import read_labelled_csv
from lstmkit.train import TrainConfig

_PAIR = np.array(["sst5", "sst2"])
_PAIR_REPR = "array(['sst5', 'sst2'], dtype='<U4')"


def _refusal(make: Callable[[], object]) -> str:
    with pytest.raises(ValueError) as err:
        make()
    return str(err.value)


def test_a_list_task_is_refused_by_name() -> None:
    # was TypeError: unhashable type: 'list'
    assert _refusal(lambda: SentimentConfig(task=["sst5"])) == (
        "`task` must be a str, one of ('sst2', 'sst5'), got list ['sst5']."
    )


def test_an_array_task_is_refused_by_name_with_the_phrase_options() -> None:
    # was ValueError: The truth value of an array with more than one element is ambiguous
    assert _refusal(lambda: SentimentConfig(task=_PAIR, neutral_words=True)) == (
        f"`task` must be a str, one of ('sst2', 'sst5'), got ndarray {_PAIR_REPR}. "
        f"`neutral_words` is an "
        f"SST-5 option and does nothing for task {_PAIR_REPR}; leave it out."
    )


def test_an_array_readout_is_refused_by_name() -> None:
    assert _refusal(lambda: SentimentConfig(readout=_PAIR)) == (
        f"`readout` must be a str, 'last', 'max' or 'mean', got ndarray {_PAIR_REPR}."
    )


def test_a_numpy_str_task_still_chooses_sst5() -> None:
    config = SentimentConfig(task=np.str_("sst5"), phrases=True)
    assert config.neutral_words is True


def test_an_array_schedule_is_refused_by_name() -> None:
    assert _refusal(lambda: TrainConfig(schedule=_PAIR)) == (
        f"`schedule` must be a str, 'cosine', 'plateau' or 'constant', got ndarray {_PAIR_REPR}."
    )


def test_an_array_anchor_is_refused_by_name() -> None:
    assert _refusal(lambda: ForecasterConfig(anchor=_PAIR)) == (
        f"`anchor` must be a str, one of ('level', 'season', 'smooth'), got ndarray {_PAIR_REPR}."
    )


# -- a compressed CSV that is not UTF-8: the byte named is one of the text, not of the archive


def test_a_latin1_csv_gz_names_the_byte_of_its_text(tmp_path: Path) -> None:
    # was "got byte 0x8b on line 1 (byte 2 of the line)", the gzip header's second byte
    path = tmp_path / "sales.csv.gz"
    path.write_bytes(
        gzip.compress("date,value\n2020-01-01,1\n2020-01-02,caf\xe9\n".encode("latin-1"))
    )
    with pytest.raises(ValueError) as err:
        D.read_csv(path, "date", "value")
    assert str(err.value) == (
        "CSV file 'sales.csv.gz' must be UTF-8 text, got byte 0xe9 on line 3 (byte 15 of the "
        "line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8."
    )


def test_a_utf16_zip_is_said_to_be_utf16(tmp_path: Path) -> None:
    path = tmp_path / "reviews.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("reviews.csv", "text,label\ngood,pos\n".encode("utf-16"))
    with pytest.raises(ValueError) as err:
        read_labelled_csv(path, "text", "label")
    assert str(err.value) == (
        "CSV file 'reviews.zip' must be UTF-8 text, got UTF-16 (it begins with UTF-16's "
        'byte-order mark 0xff 0xfe, as Excel saves "Unicode Text" and "CSV UTF-16" and Windows '
        "PowerShell 5's `>` writes); save the file as UTF-8 (Excel: Save As, \"CSV UTF-8 (Comma "
        'delimited)"; Notepad: Save As, Encoding UTF-8; PowerShell: `| Out-File -Encoding utf8 '
        "FILE` in place of `> FILE`)."
    )
