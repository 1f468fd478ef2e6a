"""The docstrings a user reads with ``help()`` name the errors the calls raise and the fields of
the public dataclasses."""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit import io
from lstmkit.backtest import BacktestResult
from lstmkit.data import DatasetInfo, load_dataset, read_csv, series_names, to_frame
from lstmkit.explain import Explanation, Faithfulness, aopc, lrp, random_relevance
from lstmkit.forecast import Forecaster, ForecasterConfig, NotFittedError
from lstmkit.nn import GateParams, GRUCell, Summary, summary
from lstmkit.text import (
    CharLM,
    CharLMConfig,
    CharVocab,
    SentimentConfig,
    Seq2Seq,
    Seq2SeqConfig,
    TextClassifier,
    Vocabulary,
    save_charlm,
    save_seq2seq,
    train_charlm,
)
from lstmkit.text.charlm import CharLMResult
from lstmkit.text.seq2seq import Seq2SeqResult
from lstmkit.train import History, TrainConfig

AIR = load_dataset("airline")
TOKENS = torch.tensor([[3, 4, 5]])


def _names_under(doc: str | None, section: str) -> set[str]:
    """The names a Google-style ``section`` of ``doc`` describes (``a, b: ...`` gives both)."""
    text = inspect.cleandoc(doc or "")
    if f"{section}:" not in text:
        return set()
    names: set[str] = set()
    for line in text.split(f"{section}:", 1)[1].splitlines()[1:]:
        if line and not line.startswith(" "):
            break  # the next section
        if match := re.match(r" {4}(\w+(?:, \w+)*):", line):
            names.update(match.group(1).split(", "))
    return names


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    config = {"horizon": 2, "ensemble": 1, "epochs": 1, "hidden_size": 2, "refit": False}
    return Forecaster(**config, interval=None, progress=False).fit(np.arange(1.0, 41.0))


def _csv(tmp: Path) -> Path:
    """A small long-format CSV (an existing file, too, where a folder is expected)."""
    path = tmp / "stores.csv"
    path.write_text("month,sales,store\n2020-01-01,1,A\n2020-02-01,2,A\n2020-03-01,3,A\n")
    return path


def _damaged(tmp: Path) -> Path:
    (tmp / io.CONFIG_FILE).write_text("{}")
    (tmp / io.WEIGHTS_FILE).write_bytes(b"not safetensors")
    return tmp


def _classifier() -> TextClassifier:
    return TextClassifier(20, 4, 3, 2)


def _seq2seq() -> Seq2Seq:
    return Seq2Seq(10, 10, 4, 5, 1)


def _charlm_result() -> CharLMResult:
    return CharLMResult(CharLM(3, 2, 2, 1), CharVocab(["a", "b", "c"]), CharLMConfig())


Call = Callable[[Forecaster, Path], object]
CASES: list[tuple[Callable, Call, type[Exception]]] = [
    (Forecaster.fit, lambda fc, tmp: Forecaster().fit([1.0] * 40), TypeError),
    (Forecaster.history, lambda fc, tmp: fc.history([1.0] * 40), TypeError),
    (Forecaster.predict, lambda fc, tmp: fc.predict(series=[1.0] * 40), TypeError),
    (Forecaster.encoder_inputs, lambda fc, tmp: Forecaster().encoder_inputs(), NotFittedError),
    (Forecaster.backtest, lambda fc, tmp: Forecaster().backtest(AIR, levels="a"), TypeError),
    (Forecaster.backtest, lambda fc, tmp: Forecaster().backtest(AIR, stride=0), ValueError),
    (
        Forecaster.backtest,
        lambda fc, tmp: Forecaster().backtest(AIR, retrain=False),
        NotFittedError,
    ),
    (Forecaster.save, lambda fc, tmp: Forecaster().save(tmp), NotFittedError),
    (Forecaster.load, lambda fc, tmp: Forecaster.load(tmp / "none"), FileNotFoundError),
    (read_csv, lambda fc, tmp: read_csv(_csv(tmp), "month", "sales", where=["A"]), TypeError),
    (series_names, lambda fc, tmp: series_names(_csv(tmp), "store", where=5), TypeError),
    (to_frame, lambda fc, tmp: to_frame([1.0, 2.0, 3.0]), TypeError),
    (io.save_model, lambda fc, tmp: io.save_model(_seq2seq(), tmp, {"x": {1}}), TypeError),
    (io.load_model, lambda fc, tmp: io.load_model(_seq2seq(), _damaged(tmp)), ValueError),
    (summary, lambda fc, tmp: summary(5), TypeError),
    (
        random_relevance,
        lambda fc, tmp: random_relevance(_classifier(), TOKENS, seed="a"),
        TypeError,
    ),
    (save_charlm, lambda fc, tmp: save_charlm(_charlm_result(), _csv(tmp)), ValueError),
    (
        save_seq2seq,
        lambda fc, tmp: save_seq2seq(Seq2SeqResult(_seq2seq(), Seq2SeqConfig()), _csv(tmp)),
        ValueError,
    ),
    (TextClassifier.encode, lambda fc, tmp: _classifier().encode(TOKENS, [1.5]), TypeError),
    (TextClassifier.encode, lambda fc, tmp: _classifier().encode(TOKENS, [9]), ValueError),
    (Seq2Seq.encode, lambda fc, tmp: _seq2seq().encode(TOKENS, torch.tensor([9])), ValueError),
    # raw errors before: "unsupported operand", "unhashable type", IndexError, "not iterable",
    # "has no len()", and lrp took check="yes" as true
    (Forecaster.covers, lambda fc, tmp: fc.covers("a"), ValueError),
    (load_dataset, lambda fc, tmp: load_dataset(["airline"]), TypeError),
    (aopc, lambda fc, tmp: aopc(torch.ones(3)), ValueError),
    (Vocabulary.encode, lambda fc, tmp: Vocabulary.build([["a"]]).encode(5), TypeError),
    (train_charlm, lambda fc, tmp: train_charlm(5, CharLMConfig()), TypeError),
    (lrp, lambda fc, tmp: lrp(_classifier().double(), TOKENS, check="yes"), TypeError),
]


@pytest.mark.parametrize(
    ("documented", "call", "error"),
    CASES,
    ids=[f"{case[0].__qualname__}-{k}" for k, case in enumerate(CASES)],
)
def test_the_error_a_call_raises_is_named_under_raises(documented, call, error, fitted, tmp_path):
    with pytest.raises(error) as raised:
        call(fitted, tmp_path)
    assert type(raised.value).__name__ in _names_under(documented.__doc__, "Raises")


@pytest.mark.parametrize(
    "cls",
    [
        ForecasterConfig,
        TrainConfig,
        SentimentConfig,
        CharLMConfig,
        Seq2SeqConfig,
        History,
        DatasetInfo,
        BacktestResult,
        Explanation,
        Faithfulness,
        GateParams,
        Summary,
    ],
    ids=lambda cls: cls.__name__,
)
def test_every_field_of_a_public_dataclass_is_under_attributes(cls):
    named = _names_under(cls.__doc__, "Attributes")
    assert [f.name for f in dataclasses.fields(cls) if f.name not in named] == []


def test_the_messages_of_odd_arguments_name_the_argument_and_what_came(fitted):
    cases = [
        (
            ValueError,
            lambda: fitted.covers(1.5),
            "`level` must be a number strictly between 0 and 1",
        ),
        (TypeError, lambda: load_dataset(["airline"]), "`name` must be a str, one of ['airline', "),
        (
            ValueError,
            lambda: aopc(torch.ones(3)),
            "`curve` must be a 2-D tensor [B, K + 1] (a row per ",
        ),
        (
            TypeError,
            lambda: Vocabulary.build([["a"]]).encode(5),
            "`text` must be a str or a sequence of ",
        ),
        (
            TypeError,
            lambda: train_charlm(5, CharLMConfig()),
            "`text` must be a str (the whole corpus), got",
        ),
        (
            TypeError,
            lambda: lrp(_classifier().double(), TOKENS, check="yes"),
            "`check` must be a bool, got str 'yes'.",
        ),
    ]
    for kind, call, start in cases:  # the type too: a bad type is a TypeError, a value not
        with pytest.raises(Exception) as raised:
            call()
        assert type(raised.value) is kind, (kind, raised.value)
        assert str(raised.value).startswith(start), str(raised.value)
    assert fitted.covers(0.5) in (True, False)


def test_grucell_shows_only_its_own_arguments():
    # it showed the base class's private `_peepholes` list; `peephole` is GRU's own (since
    # nn25: False taken, True refused as GRU refuses it)
    params = list(inspect.signature(GRUCell).parameters)
    assert params == ["input_size", "hidden_size", "bias", "peephole", "device", "dtype"]
