"""io11: command-line input plumbing (named pipes for the CSV flags, explain's notes of a saved
run's fill, the refusals of --fill without --csv)."""

import json
import sys
from pathlib import Path

import pytest

from lstmkit.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="named pipes (mkfifo) are POSIX")

_SALES = "month,sales\n" + "".join(
    f"{2010 + k // 12}-{k % 12 + 1:02d}-01,{100 + 3 * (k % 12) + k}\n" for k in range(48)
)
_FIT = ["--epochs", "1", "--ensemble", "1", "--hidden-size", "4", "--no-stat-baselines"]
_FIT += ["--no-progress", "--interval", "0", "--json"]


def _reviews(first: int) -> str:
    """A labelled CSV of 24 films, numbered from ``first``."""
    rows = [(k, w, label) for k in range(first, first + 12) for w, label in _WORDS]
    return "text,label\n" + "".join(f"film {k} was {w},{label}\n" for k, w, label in rows)


_WORDS = (("great", "up"), ("bad", "dn"))
_REVIEWS = _reviews(0)
_CLF = ["--embed-dim", "4", "--hidden-size", "4", "--epochs", "1", "--batch-size", "4"]
_CLF += ["--no-progress", "--json"]


# -- 1. --csv, --dev-csv, --test-csv as named pipes (bash's <(...)): read once, flags first ---


def test_forecast_reads_its_csv_from_a_named_pipe_as_from_the_file(
    make_fifo, tmp_path: Path, copies: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `lstmkit forecast --csv <(cat sales.csv) ...` was "--csv must be a CSV file, got
    # '/dev/fd/63', a pipe or a device, which is read only once; save the data to a file ..."
    (tmp_path / "sales.csv").write_text(_SALES)
    flags = ["--date-col", "month", "--value-col", "sales", *_FIT]
    assert main(["forecast", "--csv", str(tmp_path / "sales.csv"), *flags]) == 0
    by_name = json.loads(capsys.readouterr().out)
    fifo = tmp_path / "fifo"
    writer = make_fifo(fifo, _SALES.encode())
    assert main(["forecast", "--csv", str(fifo), *flags]) == 0
    writer.join()
    piped = json.loads(capsys.readouterr().out)
    assert piped["dataset"] == str(fifo)
    assert piped["dataset_sha256"] == by_name["dataset_sha256"]
    assert piped["metrics"] == by_name["metrics"]
    assert piped["metrics"]["model"]["rmse"] > 0
    assert list(copies.iterdir()) == []  # the copy is gone
    # a column flag missing: the pipe's columns listed, as a file's are
    fifo.unlink()
    writer = make_fifo(fifo, _SALES.encode())
    assert main(["forecast", "--csv", str(fifo), "--value-col", "sales"]) == 2
    writer.join()
    assert capsys.readouterr().err == (
        f"error: --csv needs --date-col ({str(fifo)!r} has the columns month, sales).\n"
    )
    assert list(copies.iterdir()) == []


def test_text_train_reads_its_three_csv_flags_from_named_pipes(
    make_fifo, tmp_path: Path, copies: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # each was refused as "a pipe or a device, which is read only once"
    data = {"train": _reviews(0), "dev": _reviews(100), "test": _reviews(200)}
    for name, text in data.items():
        (tmp_path / f"{name}.csv").write_text(text)
    flags = ["--text-col", "text", "--label-col", "label", *_CLF]
    files = ["--dev-csv", str(tmp_path / "dev.csv"), "--test-csv", str(tmp_path / "test.csv")]
    argv = ["text", "train", "--csv", str(tmp_path / "train.csv"), *files, *flags]
    assert main([*argv, "--out", str(tmp_path / "f")]) == 0
    by_name = json.loads(capsys.readouterr().out)
    pipes = zip("tds", data.values(), strict=True)
    writers = [make_fifo(tmp_path / n, text.encode()) for n, text in pipes]
    files = ["--dev-csv", str(tmp_path / "d"), "--test-csv", str(tmp_path / "s")]
    argv = ["text", "train", "--csv", str(tmp_path / "t"), *files, *flags]
    assert main([*argv, "--out", str(tmp_path / "p")]) == 0
    for writer in writers:
        writer.join()
    piped = json.loads(capsys.readouterr().out)
    assert (piped["file"], piped["dev_file"], piped["test_file"]) == tuple(
        str(tmp_path / name) for name in ("t", "d", "s")
    )
    assert (piped["dev"], piped["test"]) == (by_name["dev"], by_name["test"])
    assert list(copies.iterdir()) == []


def test_flags_are_refused_before_a_named_pipe_is_opened(
    unopened, tmp_path: Path, copies: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # refusals that need no file come before the pipes are read: a pipe that no one writes to
    # is not waited on, nor is one that gives its data once spent on a refusal of a flag
    monkeypatch.chdir(tmp_path)
    assert unopened(["forecast", "airline", "--csv", "a"], Path("a")) == 2
    assert capsys.readouterr().err == "error: give either a dataset name or --csv, not both.\n"
    assert unopened(["forecast", "--csv", "f", "--horizon", "0"], Path("f")) == 2
    assert capsys.readouterr().err == "error: --horizon must be a positive integer, got 0.\n"
    Path("o").write_text("")
    assert unopened(["forecast", "--csv", "g", "--out", "o"], Path("g")) == 2
    assert capsys.readouterr().err == "error: --out must be a folder, got the existing file 'o'.\n"
    Path("train.csv").write_text(_REVIEWS)
    text = ["text", "train", "--csv", "b", "--text-col", "text", "--label-col", "label"]
    assert unopened([*text, "--out", "o3", "--epochs", "0"], Path("b")) == 2
    assert capsys.readouterr().err == "error: --epochs must be a positive integer, got 0.\n"
    assert unopened([*text, "--out", "o"], Path("c")) == 2
    assert capsys.readouterr().err == "error: --out must be a folder, got the existing file 'o'.\n"
    # a column flag missing: --csv's columns listed, the --dev-csv and --test-csv pipes unread
    # (no column named label: one would be read as --label-col, txt37)
    Path("rated.csv").write_text(_REVIEWS.replace("text,label", "text,rating", 1))
    text = ["text", "train", "--csv", "rated.csv", "--dev-csv", "d", "--test-csv", "e"]
    assert unopened([*text, "--text-col", "text", "--out", "o2"], Path("d"), Path("e")) == 2
    assert capsys.readouterr().err == (
        "error: --csv needs --label-col ('rated.csv' has the columns text, rating).\n"
    )
    assert not Path("o2").exists()
    assert list(copies.iterdir()) == []


# -- 3. predict and explain given --fill (or another reading flag) without --csv: one message --

_GAPPED = "month,sales\n" + "".join(
    f"20{10 + k // 12}-{k % 12 + 1:02d}-01,{k % 7 + k / 10:.1f}\n"
    for k in range(60)
    if k not in (20, 57)
)


@pytest.fixture(scope="module")
def gapped_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``gap.csv`` (two months missing, one of them inside the last window)
    and ``run/``, a forecast of it fitted with ``--fill ffill``."""
    folder = tmp_path_factory.mktemp("gapped")
    (folder / "gap.csv").write_text(_GAPPED)
    argv = ["forecast", "--csv", str(folder / "gap.csv"), "--date-col", "month"]
    argv += ["--value-col", "sales", "--fill", "ffill", *_FIT[:-1]]
    assert main([*argv, "--out", str(folder / "run")]) == 0
    return folder


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_predict_and_explain_refuse_reading_flags_without_csv_alike(
    command: str, gapped_run: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # predict said "--fill applies only with --csv FILE.", explain "--fill needs --csv FILE to
    # read columns from." (it reads no columns); --date-col '' was taken silently by predict
    monkeypatch.chdir(gapped_run)
    capsys.readouterr()
    own = "only with --csv FILE; without it, the saved model's own history is read.\n"
    for argv, said in (
        (["--fill", "zero"], f"--fill applies {own}"),
        (["--fill", "none", "--sep", ";"], f"--fill, --sep apply {own}"),
        (["--date-col", "", "--where", "a=b"], f"--date-col, --where apply {own}"),
    ):
        assert main([command, "run", *argv, "--out", "o"]) == 2
        assert capsys.readouterr() == ("", f"error: {said}")
    assert not Path("o").exists()


# -- 4. note_inserted: the rows --where read named once, as the run's name names them ---------


def test_the_fill_note_and_the_run_name_the_rows_where_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a refactor (the rows' words were built twice, by _load and note_inserted): the words pinned
    rows = [
        f"{store},{2010 + k // 12}-{k % 12 + 1:02d}-01,{k % 7 + k / 10:.1f}\n"
        for store in "AB"
        for k in range(40)
        if (store, k) != ("A", 20)
    ]
    (tmp_path / "long.csv").write_text("store,month,sales\n" + "".join(rows))
    argv = ["forecast", "--csv", str(tmp_path / "long.csv"), "--date-col", "month"]
    argv += ["--value-col", "sales", "--where", "store=A", "--fill", "ffill", *_FIT]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["dataset"] == "long (store=A)"
    assert err == (
        f"note: {str(tmp_path / 'long.csv')!r} (store=A) lacked 1 timestamp of its regular MS "
        "grid (2% of the 40 rows now); it was inserted and filled with --fill ffill.\n"
    )


# -- 5. every read-once path refuses a bad column alike, and leaves no copy behind ------------


def test_a_bad_column_is_refused_alike_from_a_packed_file_standard_input_and_a_pipe(
    make_fifo, tmp_path: Path, copies: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # measured, no change needed: pinned, with the pipe io11 reads
    import gzip
    import io
    import zipfile

    monkeypatch.chdir(tmp_path)
    packed = gzip.compress(_SALES.encode(), mtime=0)
    Path("s.csv.gz").write_bytes(packed)
    with zipfile.ZipFile("s.zip", "w") as z:
        z.writestr("s.csv", _SALES)
    flags = ["--date-col", "month", "--value-col", "salez"]
    said = (
        "error: --value-col 'salez' is not a column of {}; available columns: ['month', 'sales'] "
        "(did you mean 'sales'?).\n"
    )
    for given in ("s.csv.gz", "s.zip", "-", "fifo"):
        writer = None
        if given == "-":
            raw = io.BytesIO(packed)
            monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw))
        elif given == "fifo":
            writer = make_fifo(Path("fifo"), Path("s.zip").read_bytes())
        assert main(["forecast", "--csv", given, *flags]) == 2
        if writer is not None:
            writer.join()
        shown = {"-": "<stdin>"}.get(given, given)
        assert capsys.readouterr().err == said.format(repr(shown))
    assert list(copies.iterdir()) == []
