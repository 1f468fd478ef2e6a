"""msg19: one wording of a positive integer, percentages where no fraction is taken, the
device advice for an index, the thousands remedy at the end of a sentence, and the text flags'
kinds read from the configs."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import torch

from lstmkit.text import CharLMConfig, SentimentConfig, Seq2SeqConfig
from lstmkit.train import TrainConfig

POSITIVE = "must be a positive finite number, got"
NO_PERCENT = "(a percentage is no number here)"


def test_the_text_side_says_a_positive_integer_as_the_forecasting_side_does() -> None:
    """SentimentConfig(epochs=0) said "must be a positive int", TrainConfig(epochs=0) "must be
    a positive integer": one wording now, for the configs, the modules' sizes and `members`."""
    from lstmkit.text.charlm import CharLM, evaluate_loss
    from lstmkit.text.classifier import TextClassifier, build_classifier

    said = "`epochs` must be a positive integer, got 0."
    for config in (TrainConfig, SentimentConfig, Seq2SeqConfig):
        with pytest.raises(ValueError) as refused:
            config(epochs=0)
        assert str(refused.value) == said, config
    with pytest.raises(ValueError) as refused:
        CharLMConfig(bptt=0)
    assert str(refused.value) == "`bptt` must be a positive integer, got 0."
    with pytest.raises(ValueError) as refused:
        TextClassifier(0, 2, 2, 2)
    assert str(refused.value) == "`vocab_size` must be a positive integer, got 0."
    with pytest.raises(ValueError) as refused:
        CharLM(3, embed_dim=0)
    assert str(refused.value) == "`embed_dim` must be a positive integer, got 0."
    with pytest.raises(ValueError) as refused:
        build_classifier({**TextClassifier(10, 2, 2, 2).config(), "members": 0})
    assert str(refused.value) == "`members` must be a positive integer, got 0."
    net = CharLM(3, embed_dim=2, hidden_size=2, num_layers=1)
    with pytest.raises(ValueError) as refused:
        evaluate_loss(net, torch.tensor([0, 1, 2] * 4), batch_size=0, bptt=2)
    assert str(refused.value) == "`batch_size` must be a positive integer, got 0."


def test_a_percentage_is_told_its_fraction_only_where_a_fraction_is_taken(
    interval_refusal, tmp_path: Path
) -> None:
    """--lr 20% and --clip 20% were told "(a fraction: 0.2 for 20 %)", as if a learning rate or
    a clipping norm were a share of something, SentimentConfig(minutes="20%") "(a number, not
    text: 0.2 for 20 %)", epochs="20%" "0.2 would be refused too". Now a percentage is a
    fraction's alone: --dropout and val_fraction keep theirs, the others are told it is none."""
    out = tmp_path / "out"
    flags = ["--dropout", "20%", "--lr", "20%", "--clip", "20%", "--minutes", "20%"]
    assert interval_refusal(["text", "train", "sst2", "--out", str(out), *flags]) == (
        "error: --dropout must be a number in [0, 1), got '20%' (a fraction: 0.2 for 20 %). "
        f"--lr {POSITIVE} '20%' {NO_PERCENT}. --clip {POSITIVE} '20%' {NO_PERCENT}. --minutes "
        f"{POSITIVE} '20%' {NO_PERCENT}.\n"
    )
    flags = ["--dropout", "20%", "--lr", "20%", "--weight-decay", "1,5%"]
    assert interval_refusal(["forecast", "airline", "--out", str(out), *flags]) == (
        "error: --dropout must be a number in [0, 1), got '20%' (a fraction: 0.2 for 20 %). "
        f"--lr {POSITIVE} '20%' {NO_PERCENT}. --weight-decay must be a finite number >= 0, got "
        f"'1,5%' {NO_PERCENT}.\n"
    )
    assert not out.exists()
    with pytest.raises(ValueError) as refused:
        SentimentConfig(minutes="20%", epochs="20%", word_dropout="20%")
    assert str(refused.value) == (
        f"`epochs` must be a positive integer, got '20%' {NO_PERCENT}. `word_dropout` must be a "
        "number in [0, 1), got '20%' (a number, not text: 0.2 for 20 %). `minutes` "
        f"{POSITIVE} '20%' {NO_PERCENT}."
    )
    with pytest.raises(ValueError) as refused:
        CharLMConfig(val_fraction="20%", clip="20%")
    assert str(refused.value) == (
        f"`clip` {POSITIVE} '20%' {NO_PERCENT}. `val_fraction` must be a number in (0, 1), got "
        "'20%' (a number, not text: 0.2 for 20 %)."
    )


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0, "'cuda:0'"),
        (np.int64(1), "'cuda:1'"),
        ("cpu:0", "'cpu'"),
        ("meta", "'cuda'"),
        ("cuda:256", "'cuda'"),
        ("mkldnn", "'cuda'"),
    ],
)
def test_the_device_advice_reads_an_index_and_the_edges_as_a_config_does(
    value: object, shown: str, monkeypatch
) -> None:
    """fit(..., device=0), an index as torch takes one, was advised net.to('cuda'); 'meta'
    net.to('meta'), a model with no weights; 'cuda:256' net.to('cuda:0') (torch's 8-bit index
    wraps), 'cpu:0' 'cpu:0', and 'mkldnn' raised torch's deprecation warning. Now the advice
    reads the device as a config's `device` does (device_name), an index as torch does."""
    from lstmkit._checks import value_repr
    from lstmkit.train import fit

    # torch.accelerator from torch 2.6 (2.4 has none: set, not patched)
    accelerator = SimpleNamespace(is_available=lambda: False, current_accelerator=lambda: None)
    monkeypatch.setattr(torch, "accelerator", accelerator, raising=False)
    advice = (
        f"takes no `device`, got {value_repr(value)}: fit trains where the model's parameters "
        f"are and moves the batches there; move the model first (net.to({shown})), or make its "
        f"layers there (LSTM(1, 16, device={shown}))."
    )
    with pytest.raises(TypeError) as caught:
        TrainConfig(device=value)
    assert str(caught.value) == "TrainConfig() " + advice
    x = torch.zeros(2, 1)
    with pytest.raises(TypeError) as caught:
        fit(torch.nn.Linear(1, 1), lambda m, b: m(b[0]).sum(), (x, x), device=value)
    assert str(caught.value) == "fit() " + advice


def test_an_index_is_advised_on_the_machines_accelerator(monkeypatch) -> None:
    # torch reads device=0 as index 0 of the machine's accelerator: a Mac's is mps
    from lstmkit.train import _advised_device

    accelerator = SimpleNamespace(
        is_available=lambda: True, current_accelerator=lambda: torch.device("mps")
    )
    monkeypatch.setattr(torch, "accelerator", accelerator, raising=False)  # none in torch 2.4
    assert _advised_device("device", 0) == "mps:0"
    assert _advised_device("devices", 0) == "cuda"  # Lightning's count, no index


def test_the_thousands_remedy_ending_a_sentence_is_quoted(interval_refusal, tmp_path) -> None:
    """README's umsatz.csv read with --sep ';' alone was told "pass --decimal , --thousands
    ..": the full stop after the flag's value read as a double dot. Now the '.' is quoted."""
    path = tmp_path / "umsatz.csv"
    path.write_text("Monat;Umsatz\n" + "".join(f"1960-{m:02};1.{m:02}0,5\n" for m in range(1, 13)))
    out = tmp_path / "out"
    flags = ["--sep", ";", "--date-col", "Monat", "--value-col", "Umsatz", "--out", str(out)]
    err = interval_refusal(["forecast", "--csv", str(path), *flags])
    assert err.startswith(
        f"error: column 'Umsatz' of {str(path)!r} has non-numeric values at 1960-01-01 "
    )
    assert err.endswith(
        " (numbers with a decimal comma, '1.010,5' for 1010.5?): pass --decimal ',' --thousands "
        "'.'.\n"
    )
    assert not out.exists()


def test_the_text_flags_take_their_kinds_from_the_configs(
    interval_refusal, monkeypatch, tmp_path: Path
) -> None:
    """lstmkit text's decimal flags read a list of their own (cli/text.py's _NUMBER_KINDS)
    that restated the configs' fractions=/positive= lists, free to drift from them. Now each
    config's _decimal_kinds is read by its check and its flags alike: one kind changed there
    changes both, and every decimal field has one."""
    import dataclasses

    for config in (SentimentConfig, CharLMConfig, Seq2SeqConfig):
        floats = [f.name for f in dataclasses.fields(config) if type(f.default) is float]
        assert list(config._decimal_kinds) == floats, config
    kinds = {**SentimentConfig._decimal_kinds, "weight_decay": "[0, 1)"}
    monkeypatch.setattr(SentimentConfig, "_decimal_kinds", kinds)
    with pytest.raises(ValueError) as refused:
        SentimentConfig(weight_decay=1.5)
    assert str(refused.value) == "`weight_decay` must be a number in [0, 1), got 1.5."
    out = tmp_path / "out"
    flags = ["--weight-decay", "20%"]
    assert interval_refusal(["text", "train", "sst2", "--out", str(out), *flags]) == (
        "error: --weight-decay must be a number in [0, 1), got '20%' (a fraction: 0.2 for 20 %).\n"
    )
    assert not out.exists()
