"""files9: the text readers take a file object, as lstmkit.data.read_csv takes one."""

import gzip
import io
import json

import pytest

from lstmkit.text import Vocabulary, read_labelled_csv
from lstmkit.text.charlm import read_corpus

_LABELLED = "text,label\na good film,pos\na dull film,neg\n"


def test_read_labelled_csv_takes_a_file_object(tmp_path) -> None:
    # was "`path` must be a str or Path, got StringIO."
    assert read_labelled_csv(io.StringIO(_LABELLED), "text", "label") == (
        ["a good film", "a dull film"],
        ["pos", "neg"],
    )
    path = tmp_path / "reviews.csv"
    path.write_text(_LABELLED.replace("a dull film", ""))
    q = repr(str(path))  # named as the file object is: by its name, the path it was opened at
    with path.open("rb") as f, pytest.raises(ValueError) as err:
        read_labelled_csv(f, "text", "label")
    assert str(err.value) == (
        f"column 'text' of {q} must hold a text with a token in every row, got none in "
        "row 2 (rows counted from 1 below the header); fill it in or remove it."
    )
    with pytest.raises(ValueError) as err:
        read_labelled_csv(io.BytesIO(_LABELLED.encode()), "text", "class")
    assert str(err.value) == (
        "`label_col` 'class' is not a column of '<BytesIO>'; available columns: ['text', 'label']."
    )


def test_read_labelled_csv_refuses_a_latin1_file_open_in_text_mode_by_name(tmp_path) -> None:
    path = tmp_path / "reviews.csv"
    path.write_bytes((_LABELLED + "un café,pos\n").encode("latin-1"))
    with path.open(encoding="utf-8") as f, pytest.raises(ValueError) as err:
        read_labelled_csv(f, "text", "label")
    assert str(err.value) == (
        "CSV file 'reviews.csv' must be UTF-8 text, got byte 0xe9 on line 4 (byte 7 of the "
        "line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8, "
        "or open it with the encoding it was saved in (open(path, encoding=...)), not as "
        "'utf-8'."
    )


def test_read_corpus_takes_a_file_object() -> None:
    assert read_corpus(io.StringIO("to be\r\nor not\n")) == "to be\nor not\n"
    assert read_corpus(io.BytesIO(gzip.compress(b"to be\n"))) == "to be\n"  # unpacked
    with pytest.raises(ValueError) as err:
        read_corpus(io.StringIO(""))
    assert str(err.value) == (
        "'<StringIO>' is empty; expected the text to train a character model on."
    )


def test_read_corpus_refuses_a_latin1_file_open_in_text_mode_as_its_path(tmp_path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes("to be\ncafé\n".encode("latin-1"))
    said = (
        "must be UTF-8 text, got byte 0xe9 on line 2 (byte 4 of the line), which is not UTF-8 "
        "(a Latin-1 or Windows-1252 file?); save the file as UTF-8"
    )
    with pytest.raises(ValueError) as err:
        read_corpus(path)
    assert str(err.value) == f"{str(path)!r} {said}."
    with path.open(encoding="utf-8") as f, pytest.raises(ValueError) as err:
        read_corpus(f)
    assert str(err.value) == (
        f"{str(path)!r} {said}, or open it with the encoding it was saved in "
        "(open(path, encoding=...)), not as 'utf-8'."
    )
    with path.open(encoding="latin-1") as f:  # the way out it names
        assert read_corpus(f) == "to be\ncafé\n"


def test_vocabulary_load_takes_a_file_object(tmp_path) -> None:
    vocab = Vocabulary.build(["a good film"])
    vocab.save(tmp_path / "vocab.json")
    with (tmp_path / "vocab.json").open() as f:
        assert Vocabulary.load(f).itos == vocab.itos
    with pytest.raises(ValueError) as err:
        Vocabulary.load(io.BytesIO(json.dumps(["a"]).encode()))
    assert str(err.value) == (
        "'<BytesIO>' is not a vocabulary file (a JSON list of tokens starting with <pad>, <unk>), "
        "got a list starting with 'a'."
    )


def _pipe(monkeypatch, data: bytes) -> None:
    """Standard input as a pipe of ``data`` gives it (``lstmkit ... < reviews.csv``)."""
    raw = io.BytesIO(data)
    raw.name = "<stdin>"  # as sys.stdin.buffer is named
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw))


_ROWS = "text,label\n" + "".join(f"a good film {k},pos\na dull film {k},neg\n" for k in range(20))
_TINY = ["--epochs", "1", "--hidden-size", "8", "--embed-dim", "4", "--no-progress", "--json"]


def test_text_train_reads_a_csv_piped_into_standard_input(tmp_path, monkeypatch, capsys) -> None:
    # was "--csv must be a CSV file, got '-': standard input is read only once; ..."
    from lstmkit.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "dev.csv").write_text(_ROWS.replace("film", "show"))  # texts of its own
    _pipe(monkeypatch, _ROWS.encode())
    flags = ["--text-col", "text", "--label-col", "label", *_TINY, "--out", "m"]
    assert main(["text", "train", "--csv", "-", "--dev-csv", "dev.csv", *flags]) == 0
    said = json.loads(capsys.readouterr().out)
    assert (said["file"], said["dev_file"], said["config"]["data"]) == (
        "<stdin>",
        "dev.csv",
        "<stdin>",
    )
    assert (tmp_path / "m" / "model.safetensors").is_file()


def test_text_train_takes_standard_input_for_one_file(tmp_path, monkeypatch, capsys) -> None:
    from lstmkit.cli import main

    monkeypatch.chdir(tmp_path)
    _pipe(monkeypatch, _ROWS.encode())
    argv = ["text", "train", "--csv", "-", "--test-csv", "-", "--text-col", "text"]
    assert main([*argv, "--label-col", "label", "--out", "m"]) == 2
    assert capsys.readouterr().err == (
        "error: --csv and --test-csv are each '-', standard input, which gives one file; pass "
        "the others by their names.\n"
    )
    _pipe(monkeypatch, b"text,label\ncaf\xe9,pos\n")
    assert main([*argv[:4], "--text-col", "text", "--label-col", "label", "--out", "m"]) == 2
    assert capsys.readouterr().err == (
        "error: --csv '<stdin>' must be UTF-8 text, got byte 0xe9 on line 2 (byte 4 of the "
        "line), which is not UTF-8 (a Latin-1 or Windows-1252 file?); save the file as UTF-8.\n"
    )
    assert not (tmp_path / "m").exists()
