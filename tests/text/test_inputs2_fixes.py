"""Reading users' text files (inputs2): the corpus, --file sentences and SST files decoded by
one helper, lstmkit._checks.utf8_text (each test fails without its fix, but where it says it
covers that merged helper: the same messages, one implementation)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from lstmkit.cli import CLIError, main, read_sentences
from lstmkit.text.charlm import read_corpus
from lstmkit.text.sst import load_sst

LATIN1 = (
    "must be UTF-8 text, got byte 0xe9 on line 2 (byte 6 of the line), which is not UTF-8 (a "
    "Latin-1 or Windows-1252 file?); save the file as UTF-8."
)
STRAY = (
    "must be UTF-8 text, got a NUL byte (0x00) at line 1, column 4, in text that is otherwise "
    "UTF-8; delete it."
)


@pytest.mark.parametrize(
    ("raw", "said"),
    [
        # after a byte-order mark: the bad byte counted in the file, the mark a byte too
        (codecs.BOM_UTF8 + b"1 a good film\n0 caf\xe9 film\n", LATIN1),
        # the mark is no column
        (codecs.BOM_UTF8 + b"1 a\x00 good film\n", STRAY),
    ],
)
def test_a_corpus_sentences_and_an_sst_file_are_refused_alike(
    tmp_path: Path, raw: bytes, said: str
) -> None:
    # covers lstmkit._checks.utf8_text, which read_corpus, read_sentences and sst._read_lines
    # call (each repeated the NUL check, the decoding and the mark's offset)
    (tmp_path / "sst").mkdir()
    path = tmp_path / "sst" / "stsa.binary.dev"
    path.write_bytes(raw)
    with pytest.raises(ValueError) as corpus:
        read_corpus(path)
    assert str(corpus.value) == f"{str(path)!r} {said}"
    with pytest.raises(CLIError) as sentences:
        read_sentences(str(path))
    told = said
    if said.endswith("(a Latin-1 or Windows-1252 file?); save the file as UTF-8."):
        # the command line's --file adds the command that converts it (sent39)
        utf8 = path.with_name("stsa.binary-utf8.dev")
        told = said[:-1] + (
            f", e.g. `iconv -f WINDOWS-1252 -t UTF-8 '{path}' > '{utf8}'`, then pass --file "
            f"'{utf8}'."
        )
    assert str(sentences.value) == f"--file {str(path)!r} {told}"
    with pytest.raises(ValueError) as sst:
        load_sst("sst2", "dev", tmp_path)
    assert str(sst.value) == f"SST file {str(path)!r} {said}"


def test_train_lm_names_its_file_flag_for_an_empty_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "error: 'notes.txt' is empty." named no flag, where text predict's --file is named
    path = tmp_path / "notes.txt"
    path.write_bytes(b"")
    argv = ["text", "train-lm", "--file", str(path), "--out", str(tmp_path / "lm")]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --file {str(path)!r} is empty; expected the text to train a character model on.\n"
    )
    assert not (tmp_path / "lm").exists()


def test_train_lm_names_its_file_flag_for_a_file_of_blank_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "error: 'notes.txt' is too short: ..." named no flag
    path = tmp_path / "notes.txt"
    path.write_bytes(b"\n\n")
    argv = ["text", "train-lm", "--file", str(path), "--out", str(tmp_path / "lm")]
    assert main(argv) == 2
    name = f"--file {str(path)!r}"
    assert capsys.readouterr().err == (
        f"error: {name} is too short: its 1 training character (all but the --val-fraction=0.1 "
        "held out) must make --batch-size=32 streams of at least 2 characters (64 characters), "
        "and its held-out part (--val-fraction=0.1) must have at least 2 characters, got 1; it "
        "has 2 characters in all, where --batch-size=32 streams of --bptt=100 + 1 characters "
        "and the held-out part need at least 3,592.\n"
    )
