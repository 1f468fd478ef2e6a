"""revtxt20: review of txt20 (text CSVs named by their path as given, quoted).

``text train`` turns the library's "column ['text'] not found in 'r.csv'" into the flag form
("--text-col 'text' is not a column of 'r.csv'") only where its own name for the file equals
the library's character for character; these pin that match for the files txt20's tests did not
give: standard input, an archive, a name holding a quote, and the same name in two folders.
"""

import io
import zipfile
from pathlib import Path

import pytest

from lstmkit.cli import main

_CSV = "review,rating\n" + "".join(f"a fine film {k},up\na dull film {k},down\n" for k in range(5))
_AVAILABLE = "available columns: ['review', 'rating'].\n"


def test_a_missing_column_keeps_its_flag_for_stdin_an_archive_and_a_quoted_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    with zipfile.ZipFile("r.zip", "w") as archive:
        archive.writestr("r.csv", _CSV)
    Path("it's.csv").write_text(_CSV, "utf-8")
    flags = ["--text-col", "text", "--label-col", "rating", "--out", "o"]
    for given, named in (("r.zip", "'r.zip'"), ("it's.csv", '"it\'s.csv"')):
        assert main(["text", "train", "--csv", given, *flags]) == 2
        assert capsys.readouterr().err == (
            f"error: --text-col 'text' is not a column of {named}; {_AVAILABLE}"
        )
    raw = io.BytesIO(_CSV.encode())
    raw.name = "<stdin>"  # as sys.stdin.buffer is named
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(raw))
    assert main(["text", "train", "--csv", "-", *flags]) == 2
    assert capsys.readouterr().err == (
        f"error: --text-col 'text' is not a column of '<stdin>'; {_AVAILABLE}"
    )
    assert not Path("o").exists()


def test_two_files_of_one_name_each_keep_the_flag_form_by_their_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for folder in ("train", "dev"):
        Path(folder).mkdir()
        Path(folder, "r.csv").write_text(_CSV.replace("review", "text"), "utf-8")
    argv = ["text", "train", "--csv", "train/r.csv", "--dev-csv", "dev/r.csv"]
    assert main([*argv, "--text-col", "review", "--label-col", "rating", "--out", "o"]) == 2
    available = "available columns: ['text', 'rating']."
    assert capsys.readouterr().err == (
        f"error: --text-col 'review' is not a column of 'train/r.csv'; {available} "
        f"--text-col 'review' is not a column of 'dev/r.csv'; {available}\n"
    )
