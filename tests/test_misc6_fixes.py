"""Fixes of the misc6 review: numpy dates among numbers, the .tar.zst cache, ``load``'s type."""

from __future__ import annotations

import io
import tarfile
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path

import numpy as np
import pytest

from lstmkit import data
from lstmkit.cli import main
from lstmkit.text.charlm import read_corpus
from lstmkit.text.labelled import read_labelled_csv

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")


def test_a_numpy_date_among_numbers_is_refused_with_its_position() -> None:
    # numpy read np.datetime64("2020") as 50 (years since 1970) beside the numbers
    with pytest.raises(ValueError) as err:
        data.make_windows([1.0, np.datetime64("2020"), 3.0, 4.0], lookback=1, horizon=1)
    assert str(err.value) == (
        "`values` must hold numbers, got a date (np.datetime64('2020')) at position 1; keep "
        "the dates apart, as a pandas index, and pass the values."
    )


def test_a_numpy_duration_among_numbers_is_refused_with_its_position() -> None:
    # read as 3 (hours), beside a missing value too
    with pytest.raises(TypeError) as err:
        data.make_windows([1.0, None, np.timedelta64(3, "h"), 4.0], lookback=1, horizon=1)
    assert str(err.value) == (
        "`values` must hold numbers, got a duration (np.timedelta64(3,'h')) at position 2; "
        "give it in a unit, e.g. its value / np.timedelta64(1, 'h') for hours."
    )


def _tar(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        member = tarfile.TarInfo(name)
        member.size = len(content)
        archive.addfile(member, io.BytesIO(content))
    return buffer.getvalue()


def _held_by_data(*blobs: bytes) -> list[str]:
    """The globals of lstmkit.data (a ContextVar: its value here) that hold one of ``blobs``,
    themselves or in a tuple or list."""
    held = []
    for name, value in vars(data).items():
        if isinstance(value, ContextVar):
            value = value.get(None)
        inner = value if isinstance(value, tuple | list) else (value,)
        if any(isinstance(v, bytes) and v in blobs for v in inner):
            held.append(name)
    return held


def test_a_tar_zst_is_not_kept_after_the_read(
    tmp_path: Path, zstd_compress: Callable[[bytes], bytes]
) -> None:
    # the last .tar.zst read, packed and unpacked, stayed in a global for the process's life
    tar = _tar("sales.csv", b"month,sales\n2020-01,1\n2020-02,2\n2020-03,3\n")
    sales = tmp_path / "sales.tar.zst"
    sales.write_bytes(packed := zstd_compress(tar))
    assert data.read_csv(sales, "month", "sales")["sales"].tolist() == [1.0, 2.0, 3.0]
    assert _held_by_data(packed, tar) == []
    tar = _tar("reviews.csv", b"text,label\ngood,pos\nbad,neg\n")
    reviews = tmp_path / "reviews.tar.zst"
    reviews.write_bytes(packed := zstd_compress(tar))
    assert read_labelled_csv(reviews, "text", "label") == (["good", "bad"], ["pos", "neg"])
    assert _held_by_data(packed, tar) == []
    tar = _tar("poems.txt", b"Shall I compare thee\n")
    poems = tmp_path / "poems.tar.zst"
    poems.write_bytes(packed := zstd_compress(tar))
    assert read_corpus(poems) == "Shall I compare thee\n"
    assert _held_by_data(packed, tar) == []


@pytest.mark.parametrize("future", [False, True])
def test_forecast_csv_unpacks_a_tar_zst_once_and_keeps_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    zstd_compress: Callable[[bytes], bytes],
    future: bool,
) -> None:
    # once per command while the last .tar.zst was kept for the process's life; twice with
    # --future-cols once it was kept for one read
    import zstandard

    unpack, opened = zstandard.open, []
    monkeypatch.setattr(zstandard, "open", lambda *a, **k: opened.append(1) or unpack(*a, **k))
    rows = "".join(
        f"{2000 + m // 12}-{m % 12 + 1:02d},{100 + m if m < 96 else ''},{m % 2}\n"
        for m in range(108 if future else 96)
    )
    tar = _tar("sales.csv", f"month,sales,promo\n{rows}".encode())
    sales = tmp_path / "sales.tar.zst"
    sales.write_bytes(packed := zstd_compress(tar))
    args = ["forecast", "--csv", str(sales), "--date-col", "month", "--value-col", "sales"]
    args += ["--future-cols", "promo"] if future else []
    assert main([*args, "--epochs", "1", "--out", str(tmp_path / "out"), "--json"]) == 0
    assert len(opened) == 1
    assert _held_by_data(packed, tar) == []


def test_load_returns_the_class_it_is_called_on(tmp_path: Path) -> None:
    # annotated to return the base class: a subclass's load was typed as the base
    from typing import Self, get_type_hints

    from lstmkit import Forecaster, ForecasterConfig
    from lstmkit.text.sentiment import SentimentPredictor
    from lstmkit.text.vocab import Vocabulary

    for cls in (Forecaster, SentimentPredictor, Vocabulary):
        assert get_type_hints(cls.load)["return"] is Self, cls.__name__

    class MyForecaster(Forecaster):
        pass

    config = ForecasterConfig(
        horizon=2, lookback=3, season_length=1, transform="none", calendar=False, ensemble=1,
        val_size=2, interval=None, epochs=1, hidden_size=2,
    )  # fmt: skip
    Forecaster(config).fit(np.arange(12.0)).save(tmp_path / "fc")
    assert type(MyForecaster.load(tmp_path / "fc")) is MyForecaster

    class MyVocabulary(Vocabulary):
        pass

    Vocabulary(["good", "bad"]).save(tmp_path / "vocab.json")
    loaded = MyVocabulary.load(tmp_path / "vocab.json")
    assert type(loaded) is MyVocabulary and loaded.itos[2:] == ["good", "bad"]


@pytest.mark.parametrize(
    ("argv", "listed", "prog"),
    [
        ("forecast airline --foo 1 -vz", "--foo 1 -vz", "lstmkit forecast"),
        ("forecast airline -vz --foo 1", "-vz --foo 1", "lstmkit forecast"),
        ("--zz 3 forecast airline -vz", "--zz 3 -vz", "lstmkit"),
    ],
)
def test_a_glued_cluster_is_listed_with_every_unrecognized_argument(
    flags_refusal: Callable[[list[str]], str], argv: str, listed: str, prog: str
) -> None:
    # `-vz` alone was named (--foo 1 dropped), or dropped beside --zz 3, where `-z` was not
    assert flags_refusal(argv.split()) == (
        f"error: unrecognized arguments: {listed} (`{prog} --help` lists the flags)\n"
    )
    assert flags_refusal(argv.replace("-vz", "-z").split()) == (
        f"error: unrecognized arguments: {listed.replace('-vz', '-z')} (`{prog} --help` lists "
        "the flags)\n"
    )
