"""Character LM: carried state, closed-form losses, sampling, training, CLI."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.text.charlm import (
    CharLM,
    CharLMConfig,
    CharVocab,
    evaluate_loss,
    generate,
    load_shakespeare,
    sample_next,
    split_text,
    streams,
    train_charlm,
)


def test_split_and_streams() -> None:
    assert split_text("abcdefghij", 0.1) == ("abcdefghi", "j")
    data = streams(torch.arange(11), 3)
    assert data.tolist() == [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
    with pytest.raises(ValueError, match="too short"):
        streams(torch.arange(3), 3)


def test_nanogpt_split_sizes() -> None:
    try:
        text = load_shakespeare()
    except FileNotFoundError:
        pytest.skip("shared data not available")
    train, val = split_text(text)
    assert (len(train), len(val)) == (1_003_854, 111_540)
    assert len(CharVocab.from_text(text)) == 65


def test_uniform_model_loss_is_log_vocab() -> None:
    model = CharLM(7, 4, 8, 2)
    torch.nn.init.zeros_(model.head.weight)
    torch.nn.init.zeros_(model.head.bias)
    assert evaluate_loss(model, torch.randint(0, 7, (200,)), batch_size=4) == pytest.approx(
        math.log(7), rel=1e-6
    )


def test_carried_state_makes_window_size_irrelevant() -> None:
    """With the state carried across windows, the loss does not depend on the window length."""
    torch.manual_seed(0)
    model = CharLM(5, 4, 6, 2).double()
    ids = torch.randint(0, 5, (120,))
    full = evaluate_loss(model, ids, batch_size=2, bptt=1000)
    assert evaluate_loss(model, ids, batch_size=2, bptt=7) == pytest.approx(full, rel=1e-12)
    # without carrying (fresh state per window) it would differ:
    data = streams(ids, 2)
    chunk = model(data[:, 7:13])[0]
    carried = model(data[:, :13])[0][:, 7:]
    assert not torch.allclose(chunk, carried)


def test_sampling_top_k_and_greedy() -> None:
    logits = torch.tensor([0.0, 3.0, 2.0, -1.0, 2.5])
    g = torch.Generator().manual_seed(0)
    draws = {sample_next(logits, 1.0, top_k=2, generator=g) for _ in range(200)}
    assert draws == {1, 4}
    assert sample_next(logits, 0.0) == 1
    assert sample_next(logits, 5.0, top_k=1, generator=g) == 1


def test_generation_is_deterministic_with_seed() -> None:
    torch.manual_seed(0)
    vocab = CharVocab(list("abc\n"))
    model = CharLM(len(vocab), 4, 8, 1)
    a = generate(model, vocab, "ab", 30, temperature=1.0, seed=5)
    assert a == generate(model, vocab, "ab", 30, temperature=1.0, seed=5)
    assert a.startswith("ab") and len(a) == 32
    assert generate(model, vocab, "ab", 10, top_k=1) == generate(model, vocab, "ab", 10, 0.0)
    with pytest.raises(ValueError, match=r"alphabet: \['z'\]"):
        generate(model, vocab, "az", 3)
    with pytest.raises(ValueError, match=r"`prompt`.*`top_k`"):
        generate(model, vocab, "", 3, top_k=9)


def test_training_learns_a_periodic_text() -> None:
    text = "abcd\n" * 400
    config = CharLMConfig(
        embed_dim=8,
        hidden_size=16,
        num_layers=1,
        dropout=0.0,
        batch_size=4,
        bptt=20,
        lr=0.03,
        max_steps=80,
        eval_every=40,
        minutes=1.0,
    )
    result = train_charlm(text, config)
    assert result.metrics["val_loss"] < 0.1  # the text is deterministic after one character
    assert generate(result.model, result.vocab, "ab", 8, temperature=0.0) == "abcd\nabcd\n"


def test_cli_train_lm_and_generate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    (data / "tinyshakespeare").mkdir(parents=True)
    (data / "tinyshakespeare" / "input.txt").write_text("ROMEO:\nHello there.\n" * 40)
    out = tmp_path / "lm"
    argv = [
        "text",
        "train-lm",
        "shakespeare",
        "--out",
        str(out),
        "--data-dir",
        str(data),
        "--json",
        "--hidden-size",
        "8",
        "--embed-dim",
        "4",
        "--batch-size",
        "2",
        "--bptt",
        "16",
        "--max-steps",
        "5",
        "--eval-every",
        "5",
    ]
    assert main(argv) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["steps"] == 5 and payload["val"]["loss_nats_per_char"] > 0
    gen = [
        "text",
        "generate",
        str(out),
        "--prompt",
        "ROMEO:",
        "--length",
        "20",
        "--seed",
        "1",
        "--json",
    ]
    assert main(gen) == 0
    first = json.loads(capsys.readouterr().out)["text"]
    assert main(gen) == 0
    assert json.loads(capsys.readouterr().out)["text"] == first
    assert first.startswith("ROMEO:") and len(first) == 26
    assert main(["text", "generate", str(out), "--prompt", "ROMEO#"]) == 2
    assert "outside the model's alphabet" in capsys.readouterr().err
