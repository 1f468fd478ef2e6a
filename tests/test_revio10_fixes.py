"""revio10: review of io10 (text --file - and pipes read once, into a copy named as the stream)."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from lstmkit.cli import main

_CORPUS = ("the cat sat on the mat\nthe dog sat on the log\n" * 20).encode()
_LM = ["--max-steps", "2", "--eval-every", "1", "--embed-dim", "4", "--hidden-size", "4"]
_LM += ["--num-layers", "1", "--batch-size", "2", "--bptt", "8"]


def test_plain_text_on_standard_input_is_read_without_importing_pandas(tmp_path: Path) -> None:
    # io10 read every stream through lstmkit.data, which imports pandas: `text predict --file -`
    # started about a second later than before it (0.3 s of import on a quiet machine), where
    # a named file is still read without pandas; compressed bytes still are unpacked (with it)
    code = (
        "import gzip, io, sys\n"
        "from lstmkit.cli import read_sentences\n"
        "sys.stdin = io.TextIOWrapper(io.BytesIO(b'a film\\n\\nits end'))\n"
        "print(read_sentences('-'), 'pandas' in sys.modules)\n"
        "sys.stdin = io.TextIOWrapper(io.BytesIO(gzip.compress(b'a film\\n\\nits end')))\n"
        "print(read_sentences('-'), 'pandas' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout == (
        "[(1, 'a film'), (3, 'its end')] False\n[(1, 'a film'), (3, 'its end')] True\n"
    )


def test_a_corpus_piped_by_name_is_named_by_its_path_not_its_number(
    tmp_path: Path, monkeypatch, capsys, undrawn_figures
) -> None:
    # `lstmkit text train-lm --file <(zcat corpus.txt.gz)` printed "63: best validation loss"
    # and titled its plot "63: ..." (the basename of /dev/fd/63), and --json said "corpus": "63"
    monkeypatch.chdir(tmp_path)
    fifo = tmp_path / "fifo"
    for out, json_flag in (("h", []), ("j", ["--json"])):
        os.mkfifo(fifo)
        writer = threading.Thread(target=lambda: fifo.write_bytes(_CORPUS), daemon=True)
        writer.start()
        assert main(["text", "train-lm", "--file", str(fifo), "--out", out, *_LM, *json_flag]) == 0
        writer.join()
        fifo.unlink()
        said = capsys.readouterr().out
        if json_flag:
            record = json.loads(said)
            assert (record["corpus"], record["file"]) == (str(fifo), str(fifo))
        else:
            assert said.startswith(f"{fifo}: best validation loss ")


def test_plain_text_on_standard_input_is_copied_as_it_streams_not_held_whole(
    monkeypatch,
) -> None:
    # io10 read standard input whole (stdin.read()) before writing its copy: a 300 MB corpus
    # piped to train-lm peaked at 400 MB before training began; now 34 MB (copied in blocks)
    import io

    from lstmkit.cli import read_once, user_path

    asked: list[int | None] = []

    class Stdin(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            asked.append(size)
            return super().read(size)

    data = b"the cat sat on the mat\n" * 10_000
    stdin = Stdin(data)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(stdin))
    with read_once(user_path("-"), "--file") as copy:
        assert (str(copy), copy.name, Path(os.fspath(copy)).read_bytes()) == (
            "<stdin>",
            "<stdin>",
            data,
        )
    assert asked[0] == 512 and all(size is not None and size > 0 for size in asked), asked
    assert not Path(os.fspath(copy)).exists()
