"""types36: `lstmkit datasets --example NAME --out FILE` says what it wrote, as `lstmkit forecast
--out` and `lstmkit explain --out` do. (The typing of calls is in test_typing.py and
test_typing_calls.py.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lstmkit._examples import example_text
from lstmkit.cli import main


def test_out_says_which_file_it_wrote(tmp_path, monkeypatch, capsys) -> None:
    # `lstmkit datasets --example my --out x.csv` printed nothing (rc 0)
    monkeypatch.chdir(tmp_path)
    assert main(["datasets", "--example", "my", "--out", "x.csv"]) == 0
    assert capsys.readouterr() == ("wrote x.csv\n", "")
    assert (tmp_path / "x.csv").read_text("utf-8") == example_text("my")
    # as typed, made folders and a file's name as --example takes it alike
    assert main(["datasets", "--example", "PROMO.csv", "--out", "data/promo.csv"]) == 0
    assert capsys.readouterr() == ("wrote data/promo.csv\n", "")
    assert (tmp_path / "data" / "promo.csv").read_text("utf-8") == example_text("promo")


@pytest.mark.skipif(sys.platform == "win32", reason="links and named pipes of POSIX")
def test_out_through_a_link_says_the_link_and_into_a_pipe_nothing(tmp_path, capsys) -> None:
    target = tmp_path / "target.csv"
    target.write_text("old", "utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert main(["datasets", "--example", "eu", "--out", str(link)]) == 0
    assert capsys.readouterr() == (f"wrote {link}\n", "")
    assert target.read_text("utf-8") == example_text("eu")
    # the pipe's reader has the CSV: a line of its own after it would not be the file's
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # so that the writer's open returns
    try:
        assert main(["datasets", "--example", "my", "--out", str(pipe)]) == 0
        read = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert read == example_text("my").encode("utf-8")
    assert capsys.readouterr() == ("", "")


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout")
def test_out_dev_stdout_prints_the_csv_alone() -> None:
    # the README: `/dev/stdout` is written into; "wrote /dev/stdout" would end its CSV
    done = subprocess.run(
        [sys.executable, "-m", "lstmkit", "datasets", "--example", "my", "--out", "/dev/stdout"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, example_text("my"), "")


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout")
def test_out_dev_stdout_redirected_to_a_file_holds_the_csv_alone(tmp_path) -> None:
    # `--out /dev/stdout > x.csv`: /dev/stdout is then x.csv, a file, written through
    # descriptor 1 (out36: it was replaced); no "wrote /dev/stdout" after the CSV
    out = tmp_path / "x.csv"
    with out.open("w", encoding="utf-8") as stdout:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "lstmkit",
                "datasets",
                "--example",
                "eu",
                "--out",
                "/dev/stdout",
            ],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert (done.returncode, done.stderr) == (0, "")
    assert out.read_text("utf-8") == example_text("eu")


def test_the_readme_says_out_tells_what_it_wrote() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    said = (
        "It says what it wrote on stdout, as `forecast --out` and `explain --out` do "
        "(`wrote promo.csv`; nothing after a write into `/dev/stdout` or a pipe, whose reader "
        "has the CSV)"
    )
    assert said in " ".join(readme.split())
