"""revio11: a review of io11 (named pipes for the CSV flags, one refusal of the reading flags
without --csv)."""

import gzip
import json
import os
import sys
import threading
from pathlib import Path

import pytest

from lstmkit.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="named pipes (mkfifo) are POSIX")

_SALES = "month,sales\n" + "".join(
    f"{2010 + k // 12}-{k % 12 + 1:02d}-01,{100 + 3 * (k % 12) + k}\n" for k in range(48)
)
_FIT = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
_FIT += ["--no-progress", "--interval", "0", "--json"]


def _joined(writer: threading.Thread, fifo: Path) -> None:
    """Wait for ``writer`` of ``fifo``: fail (not hang) where the command never opened it."""
    writer.join(30)
    if writer.is_alive():
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))  # the writer's wait ended
        pytest.fail(f"the command did not read the named pipe {str(fifo)!r}")


def test_a_compressed_pipe_names_the_run_as_a_plain_one(
    make_fifo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `forecast --csv <(gzip -c sales.csv)` recorded run.json's dataset as '63' (the stem of
    # '/dev/fd/63', taken as a packed file's name), `<(cat sales.csv)` as '/dev/fd/63'
    flags = ["--date-col", "month", "--value-col", "sales", *_FIT]
    said = {}
    for name, data in (("plain", _SALES.encode()), ("packed.csv", gzip.compress(_SALES.encode()))):
        writer = make_fifo(tmp_path / name, data)
        assert main(["forecast", "--csv", str(tmp_path / name), *flags]) == 0
        _joined(writer, tmp_path / name)
        said[name] = json.loads(capsys.readouterr().out)
    assert said["plain"]["dataset"] == str(tmp_path / "plain")
    assert said["packed.csv"]["dataset"] == str(tmp_path / "packed.csv")
    assert said["packed.csv"]["metrics"] == said["plain"]["metrics"]


def test_read_csv_reads_a_named_pipe_once_as_the_command_does(make_fifo, tmp_path: Path) -> None:
    # lstmkit.data.read_csv("/dev/fd/63") (a pipe, there) said "`path` file not found:
    # '/dev/fd/63'.", where `lstmkit forecast --csv` reads it (io11)
    from lstmkit.data import read_csv

    (tmp_path / "sales.csv").write_text(_SALES)
    by_name = read_csv(tmp_path / "sales.csv", "month", "sales")
    writer = make_fifo(tmp_path / "plain", _SALES.encode())
    piped = read_csv(str(tmp_path / "plain"), "month", "sales")
    _joined(writer, tmp_path / "plain")
    assert piped.equals(by_name)
    assert piped["sales"].iloc[-1] == 100 + 3 * 11 + 47
    writer = make_fifo(tmp_path / "packed", gzip.compress(_SALES.encode()))
    with pytest.raises(ValueError) as err:
        read_csv(tmp_path / "packed", "month", "salez")
    _joined(writer, tmp_path / "packed")
    assert str(err.value) == (
        f"column ['salez'] not found in {str(tmp_path / 'packed')!r}; available columns: "
        "['month', 'sales'] (did you mean 'sales'?)."
    )


def test_read_corpus_and_vocabulary_load_read_a_named_pipe(make_fifo, tmp_path: Path) -> None:
    # each read a str path without pandas, and said of a pipe that is there "text file not
    # found" (read_corpus) or "vocabulary file not found" (Vocabulary.load)
    from lstmkit.text.charlm import read_corpus
    from lstmkit.text.vocab import Vocabulary

    writer = make_fifo(tmp_path / "corpus", b"to be\r\nor not\n")
    assert read_corpus(str(tmp_path / "corpus")) == "to be\nor not\n"
    _joined(writer, tmp_path / "corpus")
    writer = make_fifo(tmp_path / "vocab", b'["<pad>", "<unk>", "to", "be"]')
    assert Vocabulary.load(tmp_path / "vocab").itos == ["<pad>", "<unk>", "to", "be"]
    _joined(writer, tmp_path / "vocab")


# -- io11's item 2: explain RUN without --csv names the values the run's --fill made up -------


def _gapped_rows() -> str:
    """60 months of sales and promo: 2014-08 missing (inserted), sales empty in 2014-10 and
    promo in 2014-11, all inside the last window."""
    rows = [
        f"20{10 + k // 12}-{k % 12 + 1:02d}-01,{'' if k == 57 else f'{k % 7 + k / 10:.1f}'},"
        f"{'' if k == 58 else k % 3}\n"
        for k in range(60)
        if k != 55
    ]
    return "month,sales,promo\n" + "".join(rows)


def test_explain_run_without_csv_names_the_values_the_runs_fill_made_up(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    undrawn_figures,
) -> None:
    # `lstmkit explain RUN` (a run of forecast --fill) explained the saved history's window,
    # filled values and all, without a word; `explain RUN --csv FILE` named them
    monkeypatch.chdir(tmp_path)
    Path("gap.csv").write_text(_gapped_rows())
    argv = ["forecast", "--csv", "gap.csv", "--date-col", "month", "--value-col", "sales"]
    argv += ["--covariate-cols", "promo", "--fill", "interpolate", "--holdout", "0", *_FIT]
    assert main([*argv[:-1], "--out", "run"]) == 0
    record = json.loads(Path("run/run.json").read_text())
    assert record["filled_in_history"] == {
        "sales": ["2014-08-01", "2014-10-01"],  # as run.json's other times (io12)
        "promo": ["2014-08-01", "2014-11-01"],
    }
    capsys.readouterr()
    note = (
        "note: --fill interpolate made up 4 of the explained window's values (sales at "
        "2014-08-01, 2014-10-01; promo at 2014-08-01, 2014-11-01); their relevance is that of "
        "the filled values.\n"
    )
    assert main(["explain", "run", "--no-progress"]) == 0
    assert capsys.readouterr().err == note
    assert main(["explain", "run", "--csv", "gap.csv", "--no-progress"]) == 0
    assert capsys.readouterr().err.endswith(note)  # the file's, as the saved history's
    # a run saved before they were recorded (or without --fill): no note, read as before
    del record["filled_in_history"]
    Path("run/run.json").write_text(json.dumps(record))
    assert main(["explain", "run", "--no-progress"]) == 0
    assert capsys.readouterr().err == ""


def test_a_device_as_csv_is_not_said_to_be_a_pipe(capsys: pytest.CaptureFixture[str]) -> None:
    # forecast --csv /dev/null said "got '/dev/null', a pipe or a device, which is read only
    # once", where forecast reads a pipe (io11)
    assert main(["forecast", "--csv", "/dev/null", "--date-col", "a", "--value-col", "b"]) == 2
    assert capsys.readouterr().err == (
        "error: --csv must be a CSV file, got '/dev/null', a device, not a file; save the data "
        "to a file and pass its name.\n"
    )
