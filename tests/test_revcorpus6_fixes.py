"""Review of corpus6 (text predict/explain --file and the SST files unpacked as --csv is): a
plain sentences file, stdin or SST file imported pandas to be read (a third of a second more
for `text predict --file`), and Tiny Shakespeare's file was not read from a packed namesake,
as an SST file is."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from lstmkit.text.charlm import load_shakespeare, shakespeare_path

SST = b"1 a great film\n0 an awful film\n"


def test_plain_sentences_and_sst_files_are_read_without_importing_pandas(tmp_path: Path) -> None:
    # read_sentences and load_sst imported lstmkit.data (and pandas) for every file, as
    # read_corpus had until revcorpus5; a packed file under a plain name is still told its
    # suffix (tests/text/test_corpus6_fixes.py), from the UTF-8 error it gives
    sentences = tmp_path / "s.txt"
    sentences.write_bytes("\ufeffa great film\r\n\r\ncafé\r".encode())
    (tmp_path / "sst").mkdir()
    (tmp_path / "sst" / "stsa.binary.dev").write_bytes(SST)
    code = (
        "import io, sys\n"
        "from lstmkit.cli import read_sentences\n"
        "from lstmkit.text.sst import load_sst\n"
        f"print(read_sentences({str(sentences)!r}))\n"
        f"print(load_sst('sst2', 'dev', {str(tmp_path)!r}).texts)\n"
        "print('pandas' in sys.modules)\n"
        # io10: standard input is read as --csv - reads it (lstmkit.data._path_of, which
        # unpacks compressed bytes), with pandas
        "sys.stdin = io.TextIOWrapper(io.BytesIO(b'a film\\n\\nits end'))\n"
        "print(read_sentences('-'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout == (
        "[(1, 'a great film'), (3, 'café')]\n"
        "['a great film', 'an awful film']\n"
        "False\n"
        "[(1, 'a film'), (3, 'its end')]\n"
    )


def test_tiny_shakespeare_is_read_from_its_one_packed_namesake(tmp_path: Path) -> None:
    folder = tmp_path / "tinyshakespeare"
    folder.mkdir()
    (folder / "input.txt.gz").write_bytes(gzip.compress(b"ROMEO:\r\nBut soft\r\n"))
    assert shakespeare_path(tmp_path) == folder / "input.txt.gz"
    assert load_shakespeare(tmp_path) == "ROMEO:\nBut soft\n"
    (folder / "input.txt.bz2").write_bytes(b"")
    with pytest.raises(ValueError) as err:
        shakespeare_path(tmp_path)
    assert str(err.value) == (
        f"Tiny Shakespeare's folder {str(folder)!r} holds 2 packed copies of 'input.txt' "
        "('input.txt.gz', 'input.txt.bz2') and not the file itself; keep one."
    )
    (folder / "input.txt.gz").unlink()
    (folder / "input.txt.bz2").unlink()
    with pytest.raises(FileNotFoundError) as err:
        shakespeare_path(tmp_path)
    assert str(err.value) == (
        f"Tiny Shakespeare file not found: {str(folder / 'input.txt')!r}. Put it there, or "
        "pass `data_dir` (CLI: --data-dir) with the folder that holds tinyshakespeare/input.txt."
    )
