"""``lstmkit explain`` records what it computed with, as ``lstmkit forecast``'s run.json does."""

from __future__ import annotations

import json

import torch

from lstmkit.cli import main
from lstmkit.io import versions


def test_explain_json_records_the_threads_and_versions_it_ran_with(classifier_dir, capsys) -> None:
    # --threads can change the float rounding, so the relevances, and --json did not say how
    # many the explanation ran on, nor with which torch
    argv = ["explain", str(classifier_dir), "--text", "a good film", "--json", "--threads", "2"]
    assert main(argv) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["threads"], record["versions"]) == (2, versions())
    assert record["versions"]["torch"] == torch.__version__
    assert torch.get_num_threads() == 1  # the command's threads, for its duration only
