"""Compressed text files wherever text is read: `text predict --file` and the SST files read a
`.gz` file's packed bytes as text (refused as not UTF-8); a gzip corpus named as no packed file
was refused as not UTF-8, without the suffix that has it unpacked, as read_csv names it."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text.charlm import read_corpus
from lstmkit.text.sst import load_sst

# a byte-order mark, blank and whitespace-only lines, "\r\n" and "\r" line ends: lines and line
# numbers as the plain file's
SENTENCES = "\ufeffa great film\n\n  \r\nan awful , dull film\rcafé was lovely\n\n".encode()
SST = b"1 a great film\n\n0 an awful -lrb- dull -rrb- film\n1 caf\xc3\xa9 was lovely\n"


def _zipped(**files: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _tarred(**files: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, content in files.items():
            member = tarfile.TarInfo(name)
            member.size = len(content)
            archive.addfile(member, io.BytesIO(content))
    return buffer.getvalue()


@pytest.mark.parametrize("as_json", [[], ["--json"]])
def test_text_predict_reads_a_gz_or_zip_file_as_the_plain_file(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], as_json: list[str]
) -> None:
    plain = tmp_path / "s.txt"
    plain.write_bytes(SENTENCES)
    (tmp_path / "s.txt.gz").write_bytes(gzip.compress(SENTENCES))
    (tmp_path / "s.zip").write_bytes(_zipped(**{"s.txt": SENTENCES}))
    outs = []
    for name in ("s.txt", "s.txt.gz", "s.zip"):
        assert (
            main(["text", "predict", str(clf_dir), "--file", str(tmp_path / name), *as_json]) == 0
        )
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1] == outs[2]
    assert outs[0].count("was lovely") == 1
    if as_json:  # "\r" ends line 4, the blank and whitespace lines are skipped
        lines = [json.loads(line)["line"] for line in outs[0].splitlines()]
        assert lines == [1, 4, 5]


def test_text_predict_refuses_a_zip_of_two_files_and_names_unnamed_gzip(
    clf_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    two = tmp_path / "s.zip"
    two.write_bytes(_zipped(**{"a.txt": SENTENCES, "b.txt": SENTENCES}))
    assert main(["text", "predict", str(clf_dir), "--file", str(two)]) == 2
    assert capsys.readouterr().err == (
        f"error: --file {str(two)!r} is an archive of several files ('a.txt', 'b.txt'), where "
        "one, the text, is read; unpack the one you mean and pass it.\n"
    )
    unnamed = tmp_path / "sentences"
    unnamed.write_bytes(gzip.compress(SENTENCES))
    assert main(["text", "predict", str(clf_dir), "--file", str(unnamed)]) == 2
    assert capsys.readouterr().err == (
        f"error: --file {str(unnamed)!r} is gzip-compressed, not plain text; name it with the "
        "suffix .gz, and it is unpacked.\n"
    )


def test_a_corpus_packed_under_a_plain_name_is_told_its_suffix(tmp_path: Path) -> None:
    path = tmp_path / "poems"
    cases = {
        gzip.compress(b"shall i\n"): "is gzip-compressed, not plain text; name it with the "
        "suffix .gz, and it is unpacked.",
        _zipped(**{"p.txt": b"shall i\n"}): "is a zip archive, not plain text; name it with "
        "the suffix .zip, and it is unpacked.",
        _tarred(**{"a.txt": b"a", "b.txt": b"b"}): "is a tar archive of several files "
        "('a.txt', 'b.txt'), gzip-compressed, not plain text; unpack the one you mean and pass "
        "it.",
    }
    for packed, said in cases.items():
        path.write_bytes(packed)
        with pytest.raises(ValueError) as err:
            read_corpus(path)
        assert str(err.value) == f"{str(path)!r} {said}"


def _sst(folder: Path, split: str, name: str, content: bytes) -> Path:
    (folder / "sst").mkdir(parents=True, exist_ok=True)
    (folder / "sst" / name).write_bytes(content)
    return folder


@pytest.mark.parametrize(
    ("name", "pack"),
    [
        ("stsa.binary.dev.gz", gzip.compress),
        ("stsa.binary.dev.zip", lambda b: _zipped(**{"stsa.binary.dev": b})),
        ("stsa.binary.dev.tar.gz", lambda b: _tarred(**{"stsa.binary.dev": b})),
    ],
)
def test_a_packed_sst_file_reads_as_the_plain_one(tmp_path: Path, name: str, pack) -> None:
    plain = load_sst("sst2", "dev", _sst(tmp_path / "plain", "dev", "stsa.binary.dev", SST))
    packed = load_sst("sst2", "dev", _sst(tmp_path / "packed", "dev", name, pack(SST)))
    assert (packed.texts, packed.labels) == (plain.texts, plain.labels)
    assert plain.texts == ["a great film", "an awful ( dull ) film", "café was lovely"]


def test_a_packed_sst_file_is_refused_as_read_csv_refuses_it(tmp_path: Path) -> None:
    folder = _sst(tmp_path, "dev", "stsa.binary.dev.zip", _zipped(a=SST, b=SST))
    path = folder / "sst" / "stsa.binary.dev.zip"
    with pytest.raises(ValueError) as err:
        load_sst("sst2", "dev", folder)
    assert str(err.value) == (
        f"SST file {str(path)!r} is an archive of several files ('a', 'b'), where one, the "
        "text, is read; unpack the one you mean and pass it."
    )
    _sst(folder, "dev", "stsa.binary.dev.gz", gzip.compress(SST))
    with pytest.raises(ValueError) as err:
        load_sst("sst2", "dev", folder)
    assert str(err.value) == (
        f"SST folder {str(folder / 'sst')!r} holds 2 packed copies of 'stsa.binary.dev' "
        "('stsa.binary.dev.gz', 'stsa.binary.dev.zip') and not the file itself; keep one."
    )
    unnamed = _sst(tmp_path / "u", "dev", "stsa.binary.dev", gzip.compress(SST))
    with pytest.raises(ValueError) as err:
        load_sst("sst2", "dev", unnamed)
    assert str(err.value) == (
        f"SST file {str(unnamed / 'sst' / 'stsa.binary.dev')!r} is gzip-compressed, not plain "
        "text; name it with the suffix .gz, and it is unpacked."
    )


def test_the_shared_sst_files_read_as_before() -> None:
    import hashlib

    from lstmkit.text.sst import find_text_data

    try:
        folder = find_text_data()
    except FileNotFoundError:
        pytest.skip("the shared SST files are not here")
    digest = hashlib.sha256()
    for task in ("sst2", "sst5"):
        for split in ("dev", "test"):
            read = load_sst(task, split, folder)
            digest.update(repr((read.texts, read.labels)).encode())
    # the digest of the splits as read before they were unpacked (read_bytes)
    assert digest.hexdigest() == (
        "c6b8003e9f3bcf6b18ce9e6eeca02898ba48ab6549ea46af0df564d080ba9538"
    )


def test_text_predict_unpacks_compressed_stdin_as_csv_dash_does(
    clf_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import bz2

    # io10: was refused ("is gzip-compressed, not plain text; unpack it into the pipe"), where
    # --csv - unpacks it
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(SENTENCES)))
    assert main(["text", "predict", str(clf_dir), "--file", "-"]) == 0
    plain = capsys.readouterr().out
    for packed in (gzip.compress(SENTENCES), bz2.compress(SENTENCES)):
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(packed)))
        assert main(["text", "predict", str(clf_dir), "--file", "-"]) == 0
        assert capsys.readouterr().out == plain
