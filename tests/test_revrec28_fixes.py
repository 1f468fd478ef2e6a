"""Review of rec28 (output-folder records): a user's run.json beside lstmkit's model/ (a run's
or a series') refused as any file of theirs, a user's read-only file beside an explanation's
record said read-only with the rest, and a named pipe of a record's name left unread.

As root every file is writable to ``os.access``; it is asked here as a user would be.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import threading
from pathlib import Path

import lstmkit
from lstmkit import io
from lstmkit.cli import main

STOPPED = "(yours or another program's, or left by a save of lstmkit's stopped before it wrote"
FORECAST = ["forecast", "airline", "--epochs", "1", "--horizon", "2"]


def test_forecast_out_refuses_a_users_run_json_beside_lstmkits_model(
    fc_dir, tmp_path, capsys, held_files, undrawn_figures
):
    # a model/ of lstmkit's made forecast skip its check: the user's run.json was overwritten
    shutil.copytree(fc_dir, tmp_path / "model")
    (tmp_path / "run.json").write_text('{"mine": 1}')
    argv = [*FORECAST, "--out", str(tmp_path)]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds run.json but no run.json that lstmkit wrote "
        f"(its run.json names no lstmkit version), so no forecast run {STOPPED} run.json, "
        "which it writes last); `lstmkit forecast` would overwrite it. Choose another folder or "
        "delete it first, or pass --overwrite to replace it.\n"
    )
    assert held_files(tmp_path) == {"run.json": b'{"mine": 1}'}
    assert main([*argv, "--overwrite"]) == 0
    capsys.readouterr()
    record = json.loads(held_files(tmp_path)["run.json"])
    assert record["versions"]["lstmkit"] == lstmkit.__version__


def test_forecast_out_still_rewrites_a_model_left_without_its_run_json(
    fc_dir, tmp_path, capsys, undrawn_figures
):
    # a run stopped after model/ moved in, before run.json: its folder, rewritten
    shutil.copytree(fc_dir, tmp_path / "model")
    assert main([*FORECAST, "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert (tmp_path / "run.json").is_file()


def test_explain_out_says_a_users_read_only_file_beside_a_record_at_once(
    read_only, clf_dir, fc_dir, tmp_path, capsys, held_files, explain_argv, read_only_said
):
    # beside a record of lstmkit's, the user's read-only relevance.csv was told "pass
    # --overwrite to replace it", and --overwrite then refused it as read-only
    out = tmp_path / "ex"
    assert main(explain_argv(clf_dir, out, "film 1 was great")) == 0
    (out / "relevance.csv").write_text("mine\n")
    read_only(out / "relevance.csv")
    before = held_files(out)
    capsys.readouterr()
    assert main(["explain", str(fc_dir), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds relevance.csv, {read_only_said} --out {str(out)!r} "
        "holds relevance.csv, which no record of lstmkit's there lists as its own; `lstmkit "
        "explain` would overwrite it. Choose another folder or delete it first, or pass "
        "--overwrite to replace it.\n"
    )
    assert held_files(out) == before


def test_explain_reads_no_named_pipe_of_a_records_name(tmp_path):
    # _stale_names read every record name it found, a named pipe too: `explain --out` beside a
    # relevance-3.json made by mkfifo waited for ever
    from lstmkit.cli import explain as cli_explain

    pipe = tmp_path / "relevance-3.json"
    os.mkfifo(pipe)
    done: list[object] = []

    def read() -> None:
        done.extend([cli_explain._stale_names(tmp_path, False), io._record_problem(pipe)])

    reader = threading.Thread(target=read)
    reader.start()
    reader.join(10)
    while reader.is_alive():  # let it go, a writer at each read it waits in, to fail
        with contextlib.suppress(OSError):  # no reader (yet): ENXIO
            os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(0.1)
    assert done == [[], "is not a file"]


def test_series_out_refuses_a_users_run_json_beside_a_series_model(
    stores, tmp_path, capsys, undrawn_figures
):
    # the same check, each series' folder: an earlier run's model/ let the user's run.json go
    out = tmp_path / "runs"
    assert main([*stores, "--out", str(out)]) == 0
    (out / "A" / "run.json").write_text('{"mine": 1}')
    capsys.readouterr()
    assert main([*stores, "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: series store=A: --out {str(out / 'A')!r} holds forecast.csv, forecast.png, "
        "run.json and training.png but no run.json that lstmkit wrote (its run.json names no "
        f"lstmkit version), so no forecast run {STOPPED} run.json, which it writes last); "
        "`lstmkit forecast` would overwrite them. Choose another folder or delete them first, "
        "or pass --overwrite to replace them.\n"
    )
    assert (out / "A" / "run.json").read_text() == '{"mine": 1}'


def test_series_out_keeps_a_users_run_json_in_a_series_not_written_again(
    stores, tmp_path, capsys, held_files, undrawn_figures
):
    # an earlier run's series that this one does not write again went whole, the user's
    # run.json beside its model/ too, though the note says the files lstmkit did not write stay
    out = tmp_path / "runs"
    assert main([*stores, "--out", str(out)]) == 0
    (out / "B" / "run.json").write_text('{"mine": 1}')
    csv = stores[stores.index("--csv") + 1]
    only_a = tmp_path / "a.csv"
    lines = Path(csv).read_text("utf-8").splitlines(keepends=True)
    only_a.write_text("".join(line for line in lines if not line.startswith("B,")), "utf-8")
    capsys.readouterr()
    assert main([*[str(only_a) if a == csv else a for a in stores], "--out", str(out)]) == 0
    assert (
        f"note: removed the runs of the series B from {str(out)!r}, which an earlier run wrote "
        "there (its summary.csv) and this one does not write again (B kept the files lstmkit "
        "did not write).\n"
    ) in capsys.readouterr().err
    assert held_files(out / "B") == {"run.json": b'{"mine": 1}'}
    assert not (out / "B" / "model").exists()
