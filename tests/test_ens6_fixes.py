"""Fixes of the ens6 session (explanations and messages): one test (or a few) per fix."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main

# -- 1. an ensemble's tie costs no second explanation: its prediction runs first ---------------


class _NoBar:
    def update(self, n: int) -> None:
        pass


@pytest.mark.parametrize(
    ("method", "calls"),
    [("lrp", [2, 2]), ("gradxinput", [2, 2, 2, 2]), ("occlusion", [2, 2, 2, 6, 2, 6])],
)
def test_an_ensembles_tied_batch_is_explained_once(method: str, calls: int, tied_classifier):
    """On "a good film" the logits' arg-max is "positive", the probabilities' "negative": the
    ensemble's batch was explained for the first, then again for the second (lrp: the member
    called 4 times, gradxinput 8, occlusion 16). Its prediction (each member once) now names
    the class before the one explanation: LRP checks the members against it, running none."""
    from lstmkit.text import ClassifierEnsemble
    from lstmkit.text.sentiment import SentimentPredictor

    model, vocab = tied_classifier
    members = [model, copy.deepcopy(model)]  # two modules: each member's output recorded
    predictor = SentimentPredictor(
        ClassifierEnsemble(members).eval(), vocab, ("negative", "positive")
    )
    ids = [vocab.encode(predictor.tokens(t)) for t in ["a good film", "a bad film"]]
    seen = []  # the rows of each member's call
    handles = [m.register_forward_pre_hook(lambda _m, a: seen.append(len(a[0]))) for m in members]
    try:
        [(positions, ex, output)] = list(
            predictor._explained_batches(ids, None, 64, _NoBar(), method)
        )
    finally:
        for handle in handles:
            handle.remove()
    assert seen == calls
    assert positions == [0, 1]
    assert ex.target.tolist() == [0, 0]
    assert torch.softmax(output, dim=-1)[0].tolist() == [0.5, 0.5]


# -- 2. a --csv file is named by the path given, as the messages that start with its flag do ---


def _data_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> str:
    """``data/sales.csv`` in ``tmp_path``, the current folder, holding ``text``: the path as
    typed, which the messages now name (they named ``sales.csv``, which does not say which)."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "sales.csv").write_text(text)
    monkeypatch.chdir(tmp_path)
    return "data/sales.csv"


_SALES = "month,sales\n" + "".join(f"2020-{m:02d}-01,{m}\n" for m in range(1, 13))


def test_the_columns_listed_name_the_csv_by_its_path(tmp_path, monkeypatch, capsys) -> None:
    csv = _data_csv(tmp_path, monkeypatch, _SALES)
    assert main(["forecast", "--csv", csv, "--value-col", "sales", "--out", "o"]) == 2
    assert capsys.readouterr().err == (
        "error: --csv needs --date-col ('data/sales.csv' has the columns month, sales).\n"
    )


def test_a_column_the_csv_lacks_names_the_csv_by_its_path(tmp_path, monkeypatch, capsys) -> None:
    csv = _data_csv(tmp_path, monkeypatch, _SALES)
    argv = ["forecast", "--csv", csv, "--date-col", "month", "--value-col", "Sales"]
    assert main([*argv, "--out", "o"]) == 2
    assert capsys.readouterr().err == (
        "error: --value-col 'Sales' is not a column of 'data/sales.csv'; available columns: "
        "['month', 'sales'] (did you mean 'sales'?).\n"
    )


def test_a_true_false_target_names_the_csv_by_its_path(tmp_path, monkeypatch, capsys) -> None:
    rows = "".join(f"2020-{m:02d}-01,{m % 2 == 0}\n" for m in range(1, 13))
    csv = _data_csv(tmp_path, monkeypatch, "month,flag\n" + rows)
    argv = ["forecast", "--csv", csv, "--date-col", "month", "--value-col", "flag"]
    assert main([*argv, "--out", "o"]) == 2
    assert capsys.readouterr().err.startswith(
        "error: --value-col flag must name a column of numbers to forecast, got True/False in "
        "'data/sales.csv' (read as 1 and 0): forecast a number,"
    )
