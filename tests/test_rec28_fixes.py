"""Output-folder records (rec28): one registry of the records' names, a user's run.json or
prediction.json in ``--out`` known as the user's, a seq2seq explanation's early check of the
files it writes, and a read-only file and a user's file said in one message.

As root every file is writable to ``os.access``; it is asked here as a user would be.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import lstmkit
from lstmkit import _records, io
from lstmkit.cli import explain as cli_explain
from lstmkit.cli import main

# -- 1. one registry of the records' names ----------------------------------------------------


def test_the_records_names_come_from_one_registry():
    # three lists of the same names (cli's, explain's, io's) had to be kept alike by hand
    import lstmkit.cli as cli

    assert cli.RECORD is _records.RECORD and cli_explain.EXPLAIN is _records.EXPLAIN
    assert [pattern for pattern, _ in io._UNVERSIONED_RECORDS] == [
        _records.RELEVANCE,
        _records.EXPLANATION,
    ]
    names = ["config.json", "run.json", "prediction.json", "explanation.json", "relevance.json"]
    names += ["relevance-12.json", "relevance-.json", "explanation-1.json", "forecast.csv"]
    assert [n for n in names if _records.RECORD.fullmatch(n)] == names[:6]
    assert [n for n in names if _records.EXPLAIN.fullmatch(n)] == names[3:6]
    assert not any(hasattr(m, n) for m, n in [(cli, "_RECORD"), (cli_explain, "_RECORD_NAME")])


# -- 2. explain's stale files: its record read once -------------------------------------------


def test_stale_names_reads_an_explanation_record_once(tmp_path, monkeypatch):
    # explanation.json was read and parsed for its check, then again for its "files"
    record = {"versions": {"lstmkit": "1"}, "files": ["relevance.png", "relevance.csv"]}
    (tmp_path / "explanation.json").write_text(json.dumps(record), "utf-8")
    for name in ("relevance.png", "relevance.csv", "decoder_relevance.csv"):
        (tmp_path / name).write_text("x")
    reads: list[str] = []
    real_bytes, real_text = Path.read_bytes, Path.read_text

    def read_bytes(self):
        reads.append(self.name)
        return real_bytes(self)

    def read_text(self, *args, **kwargs):
        reads.append(self.name)
        return real_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(Path, "read_text", read_text)
    stale = cli_explain._stale_names(tmp_path, overwrite=False)
    assert stale == ["relevance.png", "relevance.csv", "explanation.json"]
    assert reads == ["explanation.json"]


# -- 4. a seq2seq explanation checks the files it writes, decoder_relevance.csv with LRP alone --


@pytest.fixture(scope="module")
def s2s_fc_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from lstmkit.forecast import Forecaster

    folder = tmp_path_factory.mktemp("s2s") / "fc"
    fc = Forecaster(strategy="seq2seq", epochs=1, horizon=2, lookback=4, seed=0, ensemble=1)
    fc.fit(np.arange(60.0)).save(folder)
    return folder


def test_seq2seq_explain_writes_beside_a_users_decoder_relevance_without_lrp(
    s2s_fc_dir, tmp_path, capsys, held_files
):
    # the early check listed decoder_relevance.csv for any method: a user's file there, which
    # --method gradxinput neither writes nor deletes, was refused as one it would overwrite
    out = tmp_path / "ex"
    argv = ["explain", str(s2s_fc_dir), "--method", "gradxinput", "--out", str(out)]
    assert main(argv) == 0
    (out / "decoder_relevance.csv").write_text("mine\n")
    capsys.readouterr()
    assert main(argv) == 0
    assert capsys.readouterr().out.endswith(
        f"wrote {out / 'relevance.png'}, {out / 'relevance.csv'} and {out / 'explanation.json'}\n"
    )
    held = held_files(out)
    assert held["decoder_relevance.csv"] == b"mine\n"
    assert json.loads(held["explanation.json"])["files"] == ["relevance.png", "relevance.csv"]


def test_seq2seq_lrp_explain_refuses_a_users_decoder_relevance_before_computing(
    s2s_fc_dir, tmp_path, monkeypatch, capsys, held_files
):
    import lstmkit.explain.forecast as F

    out = tmp_path / "ex"
    assert main(["explain", str(s2s_fc_dir), "--method", "gradxinput", "--out", str(out)]) == 0
    (out / "decoder_relevance.csv").write_text("mine\n")
    before = held_files(out)
    capsys.readouterr()

    def computed(*args, **kwargs):
        raise AssertionError("computed before the refusal")

    with monkeypatch.context() as patched:
        patched.setattr(F, "explain_forecast", computed)
        assert main(["explain", str(s2s_fc_dir), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds decoder_relevance.csv, which no record of lstmkit's "
        "there lists as its own; `lstmkit explain` would overwrite it. Choose another folder "
        "or delete it first, or pass --overwrite to replace it.\n"
    )
    assert held_files(out) == before
    # with --overwrite, LRP writes it
    assert main(["explain", str(s2s_fc_dir), "--out", str(out), "--overwrite"]) == 0
    assert held_files(out)["decoder_relevance.csv"].startswith(b"time,step,relevance")


# -- 5. a read-only file and a user's file said in one message --------------------------------


def test_explain_out_says_a_read_only_file_and_the_users_file_at_once(
    read_only, clf_dir, tmp_path, capsys, held_files, explain_argv, read_only_said
):
    # the read-only explanation.html (an earlier explanation's) was said first, and the user's
    # relevance-2.json that two sentences would overwrite only on the next run
    out = tmp_path / "ex"
    assert main(explain_argv(clf_dir, out, "film 1 was great")) == 0
    (out / "relevance-2.json").write_text('{"mine": 2}')
    read_only(out / "explanation.html")
    before = held_files(out)
    capsys.readouterr()
    assert main(explain_argv(clf_dir, out, "film 1 was great", "film 2 was awful")) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds explanation.html, {read_only_said} --out {str(out)!r} "
        "holds relevance-2.json, which no record of lstmkit's there lists as its own; `lstmkit "
        "explain` would overwrite it. Choose another folder or delete it first, or pass "
        "--overwrite to replace it.\n"
    )
    assert held_files(out) == before


def test_forecaster_explain_out_says_a_read_only_file_and_the_users_file_at_once(
    read_only, clf_dir, fc_dir, tmp_path, capsys, explain_argv, read_only_said
):
    # as of sentences: a sentence's read-only record and the user's relevance.csv, which a
    # forecaster's explanation would overwrite
    out = tmp_path / "ex"
    assert main(explain_argv(clf_dir, out, "film 1 was great")) == 0
    (out / "relevance.csv").write_text("mine\n")
    read_only(out / "relevance.json")
    capsys.readouterr()
    assert main(["explain", str(fc_dir), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds relevance.json, {read_only_said} --out {str(out)!r} "
        "holds relevance.csv, which no record of lstmkit's there lists as its own; `lstmkit "
        "explain` would overwrite it. Choose another folder or delete it first, or pass "
        "--overwrite to replace it.\n"
    )


def test_explain_out_still_says_a_read_only_file_before_reading_the_model(
    read_only, clf_dir, tmp_path, capsys, explain_argv, read_only_said
):
    # without a file of the user's, the read-only one is said before the model is read
    out = tmp_path / "ex"
    assert main(explain_argv(clf_dir, out, "film 1 was great")) == 0
    read_only(out / "explanation.html")
    capsys.readouterr()
    assert main(explain_argv(tmp_path / "no-model", out, "film 2 was awful")) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(out)!r} holds explanation.html, {read_only_said}\n"
    )


# -- 3. a run.json or prediction.json that lstmkit did not write is the user's -----------------

STOPPED = "(yours or another program's, or left by a save of lstmkit's stopped before it wrote"


@pytest.mark.parametrize("record", ["[1, 2]", '{"mine": 1}'])
def test_predict_out_takes_a_run_json_of_the_users_as_theirs(
    fc_dir, tmp_path, capsys, record, held_files
):
    # "holds a `lstmkit forecast` run (run.json)": the name alone made it a forecast run's
    (tmp_path / "run.json").write_text(record)
    (tmp_path / "forecast.csv").write_text("my,data\n")
    argv = ["predict", str(fc_dir), "--out", str(tmp_path)]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds forecast.csv but no prediction.json, so no "
        f"prediction {STOPPED} prediction.json, which it writes last); `lstmkit predict` would "
        "overwrite it. Choose another folder or delete it first, or pass --overwrite to replace "
        "it.\n"
    )
    assert held_files(tmp_path) == {"run.json": record.encode(), "forecast.csv": b"my,data\n"}
    # --overwrite writes the prediction, beside the user's run.json, which it leaves
    assert main([*argv, "--overwrite"]) == 0
    held = held_files(tmp_path)
    assert sorted(held) == ["forecast.csv", "forecast.png", "prediction.json", "run.json"]
    assert held["run.json"] == record.encode() and held["forecast.csv"] != b"my,data\n"


def test_predict_out_still_refuses_lstmkits_run_json(fc_dir, tmp_path, capsys):
    from lstmkit.io import versions

    (tmp_path / "run.json").write_text(json.dumps({"versions": versions()}))
    assert main(["predict", str(fc_dir), "--out", str(tmp_path), "--overwrite"]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds a `lstmkit forecast` run (run.json); `lstmkit "
        "predict` would mix its files with it. Choose another folder.\n"
    )


def test_explain_out_writes_beside_a_run_json_of_the_users(fc_dir, tmp_path, capsys, held_files):
    (tmp_path / "run.json").write_text('{"mine": 1}')
    assert main(["explain", str(fc_dir), "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    held = held_files(tmp_path)
    assert sorted(held) == ["explanation.json", "relevance.csv", "relevance.png", "run.json"]
    assert held["run.json"] == b'{"mine": 1}'


def test_other_output_takes_a_prediction_json_of_lstmkits_alone(tmp_path):
    # a user's prediction.json was "a prediction.json (`lstmkit predict` writes one)"
    from lstmkit.cli import CLIError, refuse_other_output
    from lstmkit.io import versions

    (tmp_path / "prediction.json").write_text('{"mine": 1}')
    assert refuse_other_output(tmp_path, "lstmkit forecast", ("forecast run",)) is None
    (tmp_path / "prediction.json").write_text(json.dumps({"versions": versions()}))
    with pytest.raises(CLIError) as refused:
        refuse_other_output(tmp_path, "lstmkit forecast", ("forecast run",))
    assert str(refused.value) == (
        f"--out {str(tmp_path)!r} holds a prediction.json (`lstmkit predict` writes one); "
        "`lstmkit forecast` would mix its files with it. Choose another folder."
    )


def test_forecast_out_refuses_then_overwrites_a_run_json_of_the_users(tmp_path, capsys, held_files):
    (tmp_path / "run.json").write_text("[1, 2]")
    (tmp_path / "prediction.json").write_text('{"mine": 1}')
    argv = ["forecast", "airline", "--epochs", "1", "--horizon", "2", "--out", str(tmp_path)]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: --out {str(tmp_path)!r} holds run.json but no run.json that lstmkit wrote "
        f"(its run.json holds no JSON object), so no forecast run {STOPPED} run.json, which it "
        "writes last); `lstmkit forecast` would overwrite it. Choose another folder or delete "
        "it first, or pass --overwrite to replace it.\n"
    )
    assert main([*argv, "--overwrite"]) == 0
    capsys.readouterr()
    held = held_files(tmp_path)
    assert held["prediction.json"] == b'{"mine": 1}'  # the user's, left as it was
    assert json.loads(held["run.json"])["versions"]["lstmkit"] == lstmkit.__version__
