"""Fixes of the textprep session: what `lstmkit predict` records of its data and command."""

from __future__ import annotations

import hashlib
import json
import shlex

import pytest

from lstmkit.cli import main
from lstmkit.data import load_dataset

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

FAST = ["--epochs", "3", "--ensemble", "1", "--no-stat-baselines"]


# a file that ends before the training data on purpose: predict warns of it, which
# test_fc33_fixes.py pins
@pytest.mark.filterwarnings("ignore:.*before the model's training data:UserWarning")
def test_predict_json_records_which_data_it_read_and_its_command(tmp_path, capsys):
    run = tmp_path / "run"
    argv = ["forecast", "airline", "--horizon", "3", *FAST, "--json", "--out", str(run)]
    assert main(argv) == 0
    fitted = json.loads(capsys.readouterr().out)
    csv = tmp_path / "older.csv"
    load_dataset("airline")[:120].rename_axis("month").rename("pax").to_csv(csv)
    cases = [
        # a newer series from a file: the file's bytes, as forecast's dataset_sha256
        (["--csv", str(csv), "--date-col", "month", "--value-col", "pax"], csv.read_bytes()),
        # a bundled dataset: its packaged CSV, the hash forecast records (PROVENANCE.md's)
        (["airline"], None),
        # the model's own training data: no file read
        ([], None),
    ]
    digests = []
    for flags, data in cases:
        command = ["predict", str(run), *flags, "--json"]
        assert main(command) == 0
        record = json.loads(capsys.readouterr().out)
        assert record["command"] == shlex.join(["lstmkit", *command])
        digests.append(record["data_sha256"])
        if data is not None:
            assert record["data_sha256"] == hashlib.sha256(data).hexdigest()
    assert digests[1] == fitted["dataset_sha256"]
    assert digests[1].startswith("52c60033a5b2")  # src/lstmkit/datasets/PROVENANCE.md
    assert digests[2] is None


def test_dataset_sha256_is_of_the_bytes_parsed_not_the_file_after(tmp_path, capsys, monkeypatch):
    import lstmkit.data as D

    csv = tmp_path / "air.csv"
    load_dataset("airline").rename_axis("month").rename("pax").to_csv(csv)
    parsed = csv.read_bytes()
    build = D._frame_of_table

    def edited_after_reading(raw, path, *args, **kwargs):
        # the file changes once read (a line appended): the hash was of the file after
        path.write_bytes(parsed + b"1961-01-01,500\n")
        return build(raw, path, *args, **kwargs)

    monkeypatch.setattr(D, "_frame_of_table", edited_after_reading)
    flags = ["--csv", str(csv), "--date-col", "month", "--value-col", "pax", "--json"]
    assert main(["forecast", *flags, "--horizon", "3", *FAST]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["n"] == 144  # the rows parsed, of which the hash is
    assert record["dataset_sha256"] == hashlib.sha256(parsed).hexdigest()
