"""`lstmkit explain --file` unpacks a compressed file by its name's end as `--csv` is unpacked;
it read a `.gz` file's packed bytes as text, refused as not UTF-8."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import pytest

from lstmkit.cli import main

# a byte-order mark, blank and whitespace-only lines, "\r\n" and "\r" line ends
SENTENCES = "\ufeffa good film\n\n  \r\nnot good at all\ra bad café\n\n".encode()


def _zipped(**files: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("as_json", [[], ["--json"]])
def test_explain_reads_a_gz_or_zip_file_as_the_plain_file(
    classifier_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], as_json: list[str]
) -> None:
    files = {
        "s.txt": SENTENCES,
        "s.txt.gz": gzip.compress(SENTENCES),
        "s.zip": _zipped(**{"s.txt": SENTENCES}),
    }
    outs = []
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
        assert main(["explain", str(classifier_dir), "--file", str(tmp_path / name), *as_json]) == 0
        # the JSON names the command, which names the file
        outs.append(capsys.readouterr().out.replace(name, "FILE"))
    assert outs[0] == outs[1] == outs[2]
    assert outs[0].count("not good at all") == 1


def test_explain_refuses_a_zip_of_two_files_naming_the_flag(
    classifier_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    two = tmp_path / "s.zip"
    two.write_bytes(_zipped(**{"a.txt": SENTENCES, "b.txt": SENTENCES}))
    assert main(["explain", str(classifier_dir), "--file", str(two)]) == 2
    assert capsys.readouterr().err == (
        f"error: --file {str(two)!r} is an archive of several files ('a.txt', 'b.txt'), where "
        "one, the text, is read; unpack the one you mean and pass it.\n"
    )
