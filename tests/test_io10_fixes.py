"""io10: command-line input streams (standard input, pipes) and the notes of what was read."""

import gzip
import hashlib
import io
import json
import os
from pathlib import Path

import pytest

from lstmkit.cli import main

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

_CORPUS = ("the cat sat on the mat\nthe dog sat on the log\n" * 20).encode()
_LM = ["--max-steps", "2", "--eval-every", "1", "--embed-dim", "4", "--hidden-size", "4"]
_LM += ["--num-layers", "1", "--batch-size", "2", "--bptt", "8", "--json"]
_SENTENCES = b"film 1 was great\n\nfilm 2 was awful\n"


def _pipe(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Standard input as a pipe of ``data`` gives it (``lstmkit ... < corpus.txt``)."""
    raw = io.BytesIO(data)
    raw.name = "<stdin>"  # as sys.stdin.buffer is named
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw))


# -- 1. text train-lm --file - and a pipe: read once, into a copy named as the stream ---------


def test_train_lm_reads_its_corpus_from_standard_input_and_from_a_pipe(
    make_fifo, tmp_path: Path, copies: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # was "--file must be a text file, got '-': standard input is read only once; save the
    # data to a file and pass its name.", and for a pipe "got '/dev/fd/63', a pipe or a device"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus.txt").write_bytes(_CORPUS)
    assert main(["text", "train-lm", "--file", "corpus.txt", "--out", "f", *_LM]) == 0
    by_name = json.loads(capsys.readouterr().out)
    _pipe(monkeypatch, _CORPUS)
    assert main(["text", "train-lm", "--file", "-", "--out", "s", *_LM]) == 0
    piped = json.loads(capsys.readouterr().out)
    assert (piped["corpus"], piped["file"]) == ("<stdin>", "<stdin>")
    assert piped["file_sha256"] == by_name["file_sha256"] == hashlib.sha256(_CORPUS).hexdigest()
    assert piped["val"] == by_name["val"]  # the same text learnt, the same way
    assert piped["command"].startswith("lstmkit text train-lm --file - --out s")
    assert list(copies.iterdir()) == []  # the copy is gone
    packed = gzip.compress(_CORPUS, mtime=0)
    writer = make_fifo(tmp_path / "fifo", packed)  # <(gzip -c corpus.txt)
    assert main(["text", "train-lm", "--file", str(tmp_path / "fifo"), "--out", "p", *_LM]) == 0
    writer.join()
    by_pipe = json.loads(capsys.readouterr().out)
    assert by_pipe["file"] == str(tmp_path / "fifo")
    assert by_pipe["val"] == by_name["val"]  # unpacked as its bytes begin
    assert by_pipe["file_sha256"] == hashlib.sha256(packed).hexdigest()
    assert list(copies.iterdir()) == []


def test_train_lm_refuses_an_empty_or_a_terminal_standard_input_writing_nothing(
    tmp_path: Path, copies: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    _pipe(monkeypatch, b"")
    assert main(["text", "train-lm", "--file", "-", "--out", "o", *_LM]) == 2
    assert capsys.readouterr().err == (
        "error: --file '<stdin>' is empty; expected the text to train a character model on.\n"
    )
    assert list(copies.iterdir()) == []
    monkeypatch.setattr("sys.stdin.buffer.isatty", lambda: True)
    assert main(["text", "train-lm", "--file", "-", "--out", "o", *_LM]) == 2
    assert capsys.readouterr().err == (
        "error: --file - reads the text file from standard input, got a terminal; pipe it in "
        "(--file - < corpus.txt), or pass the file's name.\n"
    )
    assert not (tmp_path / "o").exists()


# -- 2. text predict --file -: compressed bytes unpacked, as --csv - unpacks them ------------


def test_text_predict_unpacks_gzip_on_standard_input_and_reads_a_pipe(
    make_fifo, clf_dir: Path, tmp_path: Path, copies: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # was "--file - (stdin) is gzip-compressed, not plain text; unpack it into the pipe, ...",
    # and a pipe "--file '/dev/fd/63' is not a file."
    _pipe(monkeypatch, _SENTENCES)
    assert main(["text", "predict", str(clf_dir), "--file", "-", "--json"]) == 0
    plain = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["line"], r["text"]) for r in plain] == [
        (1, "film 1 was great"),
        (3, "film 2 was awful"),
    ]
    _pipe(monkeypatch, gzip.compress(_SENTENCES))
    assert main(["text", "predict", str(clf_dir), "--file", "-", "--json"]) == 0
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == plain
    writer = make_fifo(tmp_path / "fifo", _SENTENCES)
    assert main(["text", "predict", str(clf_dir), "--file", str(tmp_path / "fifo"), "--json"]) == 0
    writer.join()
    assert [json.loads(line) for line in capsys.readouterr().out.splitlines()] == plain
    _pipe(monkeypatch, gzip.compress(b"\n\n"))
    assert main(["text", "predict", str(clf_dir), "--file", "-"]) == 2
    assert capsys.readouterr().err == (
        "error: --file '<stdin>' holds no sentence (every line is blank); expected one sentence "
        "per line.\n"
    )
    assert list(copies.iterdir()) == []


# -- 4 and 5. a saved run's --fill: said alike by explain, and refused by --fill none --------

_GAPPED = "month,sales\n" + "".join(
    f"20{10 + k // 12}-{k % 12 + 1:02d}-01,{k % 7 + k / 10:.1f}\n"
    for k in range(60)
    if k not in (20, 33)
)
_NOTE = (
    "note: 'gap.csv' lacked 2 timestamps of its regular MS grid (3% of the 60 rows now); "
    "they were inserted and filled with --fill ffill.\n"
)


@pytest.fixture(scope="module")
def gapped_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding ``gap.csv`` (two months missing) and ``run/``, a forecast of it fitted
    with ``--fill ffill``."""
    folder = tmp_path_factory.mktemp("gapped")
    (folder / "gap.csv").write_text(_GAPPED)
    argv = ["forecast", "--csv", str(folder / "gap.csv"), "--date-col", "month"]
    argv += ["--value-col", "sales", "--fill", "ffill", "--epochs", "1", "--ensemble", "1"]
    argv += ["--hidden-size", "4", "--no-stat-baselines", "--no-progress"]
    assert main([*argv, "--out", str(folder / "run")]) == 0
    return folder


def test_explain_says_the_timestamps_its_fill_inserted_as_forecast_and_predict_do(
    gapped_run: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # explain filled the gaps silently, where forecast and predict said so
    monkeypatch.chdir(gapped_run)
    capsys.readouterr()
    assert main(["predict", "run", "--csv", "gap.csv"]) == 0
    said = "note: read 'gap.csv' as the run did: --fill ffill\n" + _NOTE
    assert capsys.readouterr().err == said
    assert main(["explain", "run", "--csv", "gap.csv"]) == 0
    assert capsys.readouterr().err == said
    assert main(["explain", "run", "--csv", "gap.csv", "--fill", "ffill"]) == 0
    assert capsys.readouterr().err == _NOTE


@pytest.mark.parametrize("command", ["predict", "explain"])
def test_fill_none_refuses_the_fill_of_the_run(
    command: str, gapped_run: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # the run's --fill was always taken: there was no way to see the gaps refused
    monkeypatch.chdir(gapped_run)
    capsys.readouterr()
    assert main([command, "run", "--csv", "gap.csv", "--fill", "none"]) == 2
    assert capsys.readouterr().err == (
        "error: timestamps in 'gap.csv' must be regularly spaced (no gaps), got irregular steps "
        "before 2011-10-01, 2012-11-01 (usual step: 1 month); missing 2011-09-01, 2012-10-01; "
        "pass --fill ffill, bfill, interpolate or zero to insert the missing timestamps and fill "
        "their values.\n"
    )
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert (
        "(default: the --fill of the run that saved the model, if any; none: no fill, "
        "whatever the run's)"
    ) in " ".join(capsys.readouterr().out.split())


# -- 3. a file named "-", given as "./-", is named so ------------------------------------------


def test_a_file_named_dash_is_named_as_it_must_be_typed(
    clf_dir: Path, gapped_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # each said '-', which names standard input: the user could not type it to name the file
    monkeypatch.chdir(tmp_path)
    flags = ["--date-col", "month", "--value-col", "sales"]
    for argv, said in (
        (["forecast", "--csv", "./-", *flags], "--csv './-' not found."),
        (["text", "train-lm", "--file", "./-", "--out", "o"], "--file './-' not found."),
        (["text", "predict", str(clf_dir), "--file", "./-"], "--file './-' not found."),
    ):
        assert main(argv) == 2
        assert capsys.readouterr().err == f"error: {said}\n"
    (tmp_path / "-").write_text("")
    empty = (
        "error: --csv './-' is empty; expected a header row naming the columns, then one row per "
        "timestamp.\n"
    )
    assert main(["forecast", "--csv", "./-", *flags]) == 2
    assert capsys.readouterr().err == empty
    assert main(["predict", str(gapped_run / "run"), "--csv", "./-"]) == 2
    assert capsys.readouterr().err == "note: read './-' as the run did: --fill ffill\n" + empty
    assert main(["text", "train-lm", "--file", "./-", "--out", "o"]) == 2
    assert capsys.readouterr().err == (
        "error: --file './-' is empty; expected the text to train a character model on.\n"
    )
    assert not (tmp_path / "o").exists()


# -- 7. a text stream that cannot seek, refused at the line of its bad byte -----------------

_ROWS = "month,sales\n" + "".join(
    f"{2000 + k // 12}-{k % 12 + 1:02d}-01,{k}\n" for k in range(3000)
)
_BAD = _ROWS.encode() + "2250-01-01,4 café\n".encode("latin-1")  # on line 3002


def _text_pipe(data: bytes, encoding: str = "utf-8") -> io.TextIOWrapper:
    """A pipe that holds ``data``, open in text mode: it cannot seek, as ``sys.stdin`` cannot."""
    r, w = os.pipe()
    with open(w, "wb") as f:
        f.write(data)  # smaller than a pipe's buffer (64 KiB)
    return io.TextIOWrapper(io.FileIO(r), encoding=encoding)


def test_a_pipe_open_in_text_mode_is_refused_at_the_line_from_where_it_stood() -> None:
    from lstmkit.data import read_csv

    said = (
        "CSV file '<TextIOWrapper>' must be UTF-8 text, got byte 0xe9 on line {} (byte 17 of "
        "the line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as "
        "UTF-8, or open it with the encoding it was saved in (open(path, encoding=...)), not as "
        "'utf-8'."
    )
    with _text_pipe(_BAD) as f, pytest.raises(ValueError) as err:
        read_csv(f, "month", "sales")  # right before: read whole, in one block
    assert str(err.value) == said.format(3002)
    # a line read first: its block of 8 KiB was decoded ahead, and the lines were counted from
    # that block's end ("line 2449")
    with _text_pipe(_BAD) as f, pytest.raises(ValueError) as err:
        f.readline()
        read_csv(f, "month", "sales")
    assert str(err.value) == said.format(3001)  # as a file's is: from where it stood
    bad = _ROWS.encode() + b"\x81\n"  # no character of cp1252
    with _text_pipe(bad, "cp1252") as f, pytest.raises(ValueError) as err:
        f.readline()
        read_csv(f, "month", "sales")
    assert str(err.value) == (
        "`path`, a file object ('<TextIOWrapper>') open in text mode as 'cp1252', cannot be "
        "read: its byte 0x81 on line 3001 (byte 1 of the line) is not 'cp1252'; lstmkit reads "
        "UTF-8: open it in binary mode (open(path, 'rb')), or with the encoding it was saved in "
        "(open(path, encoding=...))."
    )


def test_sys_stdin_of_a_subprocess_is_refused_at_the_line_from_where_it_stood() -> None:
    import subprocess
    import sys

    script = (
        "import sys\nfrom lstmkit.data import read_csv\nsys.stdin.readline()\n"
        "try:\n    read_csv(sys.stdin, 'month', 'sales')\n"
        "except ValueError as err:\n    print(err)\n"
    )
    env = {**os.environ, "PYTHONIOENCODING": "utf-8:strict"}  # as a UTF-8 locale opens it
    done = subprocess.run(
        [sys.executable, "-c", script], input=_BAD, capture_output=True, env=env, check=True
    )
    assert done.stdout.decode() == (
        "CSV file '<stdin>' must be UTF-8 text, got byte 0xe9 on line 3001 (byte 17 of the "
        "line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8, "
        "or open it with the encoding it was saved in (open(path, encoding=...)), not as "
        "'utf-8'.\n"
    )


# -- 6. an abbreviation of several flags: the candidates named, and where they are listed ----


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["--ver"], "--ver could match --version, --verbose (`lstmkit"),
        (
            ["forecast", "airline", "--no-re"],
            "--no-re could match --no-retrain, --no-refit (`lstmkit forecast",
        ),
        # named as typed, not with its value: was "--no-re=1 could match"
        (
            ["forecast", "airline", "--no-re=1"],
            "--no-re could match --no-retrain, --no-refit (`lstmkit forecast",
        ),
        (["predict", "m", "--de", "cpu"], "--de could match --decimal, --device (`lstmkit predict"),
        (["explain", "m", "--fil", "x"], "--fil could match --file, --fill (`lstmkit explain"),
        (
            ["text", "train", "--no-p"],
            "--no-p could match --no-phrases, --no-polar-phrases, --no-progress (`lstmkit text "
            "train",
        ),
        (
            ["text", "train-lm", "--e", "3", "--out", "o"],
            "--e could match --embed-dim, --eval-every (`lstmkit text train-lm",
        ),
    ],
)
def test_an_ambiguous_abbreviation_names_its_flags_and_the_help_that_lists_them(
    argv: list[str], said: str, flags_refusal
) -> None:
    assert flags_refusal(argv) == f"error: ambiguous option: {said} --help` lists the flags)\n"
