"""Output writing and the small commands: the clean-up of killed saves in a folder of many
files, figures through descriptors, saved-model files given for their folder, piped output."""

import re
import subprocess
import sys
from types import SimpleNamespace

import torch


def _dead_pid() -> int:
    gone = subprocess.Popen([sys.executable, "-c", ""])
    gone.wait()
    return gone.pid


def test_a_save_into_a_folder_of_many_files_tries_the_pattern_on_temporary_names_alone(
    tmp_path, monkeypatch
):
    # remove_orphans made a path object and matched a regular expression for every entry of
    # the folder on every save: 5,000 frames beside a model made its save 4 times as long as
    # into an empty folder. Only names of a dot and '.tmp' are tried; the user's files all stay.
    from lstmkit import _orphans
    from lstmkit.io import save_model

    dead = f"{_dead_pid()}.{_orphans._machine()}"
    users = {f"frame_{i:04d}.png": f"{i}".encode() for i in range(2000)}
    users.update(
        {
            ".model.safetensors.tmp": b"a",  # the user's own hidden temporary file
            f".config.json.{dead}-0123abcd.tmp.keep": b"b",  # a longer name
            f".config.json.{dead}-0123abcd.TMP": b"c",  # another case
            f".config.json.{dead}-0123abcg.tmp": b"d",  # no hex
            f"config.json.{dead}-0123abcd.tmp": b"e",  # no dot first
            f".notes.txt.{dead}-0123abcd.tmp": b"f",  # of a file no save writes
        }
    )
    for name, content in users.items():
        (tmp_path / name).write_bytes(content)
    kept = tmp_path.parent / f"{tmp_path.name}-kept"
    kept.mkdir()
    (kept / "inside.txt").write_bytes(b"g")
    link = f".model.safetensors.{dead}-89abcdef.tmp"  # an orphan's name, a link to a folder
    (tmp_path / link).symlink_to(kept)
    orphan = f".config.json.{dead}-0123abcd.tmp"  # the one a killed save left
    (tmp_path / orphan).write_bytes(b"{")
    tried = []

    class Counted:
        def __init__(self, pattern):
            self.pattern = re.compile(pattern)

        def fullmatch(self, name):
            tried.append(name)
            return self.pattern.fullmatch(name)

    def fullmatch(pattern, name):
        tried.append(name)
        return re.fullmatch(pattern, name)

    monkeypatch.setattr(_orphans, "re", SimpleNamespace(compile=Counted, fullmatch=fullmatch))
    save_model(torch.nn.Linear(2, 1), tmp_path, {"kind": "linear"})
    monkeypatch.undo()
    assert sorted(tried) == sorted(
        [
            ".model.safetensors.tmp",
            f".config.json.{dead}-0123abcg.tmp",
            f".notes.txt.{dead}-0123abcd.tmp",
            link,
            orphan,
        ]
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*users, "config.json", "model.safetensors"]
    )
    assert {name: (tmp_path / name).read_bytes() for name in users} == users
    assert [(p.name, p.read_bytes()) for p in kept.iterdir()] == [("inside.txt", b"g")]
