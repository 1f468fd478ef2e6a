"""Review of cli19: `lstmkit datasets --example NAME --out FILE` as `>` writes (permissions,
links, devices and pipes), a UTF-16 file named as PowerShell's `>` writes it, the README's
example files' hints."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from lstmkit._examples import example_text
from lstmkit.cli import main

# -- 1. `--out FILE` writes as `>` does --------------------------------------------------------


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    yield
    os.umask(old)


def test_out_gives_a_new_file_the_umask_and_an_old_one_its_mode(tmp_path, umask_027) -> None:
    # was rw------- (mkstemp's) for every file, where `> promo.csv` made rw-r----- here
    new = tmp_path / "promo.csv"
    assert main(["datasets", "--example", "promo", "--out", str(new)]) == 0
    assert new.read_text("utf-8") == example_text("promo")
    if sys.platform != "win32":
        assert stat.S_IMODE(new.stat().st_mode) == 0o640
        new.chmod(0o604)
        assert main(["datasets", "--example", "eu", "--out", str(new)]) == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o604
    assert new.read_text("utf-8") == example_text("eu")
    assert sorted(os.listdir(tmp_path)) == ["promo.csv"]


@pytest.mark.skipif(sys.platform == "win32", reason="links and named pipes of POSIX")
def test_out_writes_through_a_link_and_into_a_pipe(tmp_path) -> None:
    # a link was replaced by a file of its own (`--out /dev/stdout` as root replaced the
    # system's /dev/stdout link by a file, and printed nothing); a pipe was replaced so too
    data = tmp_path / "data"
    data.mkdir()
    (data / "promo.csv").write_text("old", "utf-8")
    link = tmp_path / "promo.csv"
    link.symlink_to(data / "promo.csv")
    assert main(["datasets", "--example", "promo.csv", "--out", str(link)]) == 0
    assert link.is_symlink()
    assert (data / "promo.csv").read_text("utf-8") == example_text("promo")
    assert sorted(os.listdir(data)) == ["promo.csv"]
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # so that the writer's open returns
    try:
        assert main(["datasets", "--example", "promo", "--out", str(pipe)]) == 0
        read = os.read(reader, 1 << 16)
    finally:
        os.close(reader)
    assert read == example_text("promo").encode("utf-8")
    assert stat.S_ISFIFO(pipe.stat().st_mode)


@pytest.mark.parametrize("out", ["", "  "])
def test_an_empty_out_is_refused_as_typed(out, tmp_path, monkeypatch, capsys) -> None:
    # was "--out must name a file to write, got the folder '.' (`--out NAME.csv`)."
    monkeypatch.chdir(tmp_path)
    assert main(["datasets", "--example", "promo", "--out", out]) == 2
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == (
        "",
        f"error: --out must name a file to write, got {out!r}.\n",
    )
    assert os.listdir(tmp_path) == []
