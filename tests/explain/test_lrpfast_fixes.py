"""Speed of LRP over many sentences (``lstmkit explain --file``, ``explain_many``): each speed-up
pinned by a test that the numbers stay what they were (the speed is measured by
benchmarks/lrp_speed.py)."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

import lstmkit.io
import lstmkit.nn as lnn
from lstmkit.cli import main
from lstmkit.explain import lrp
from lstmkit.text import TextClassifier


def test_explain_file_reads_the_versions_once(
    classifier_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # every sentence's record read the library versions anew, pandas' from its installed
    # metadata: 1.4 ms a sentence, more than its explanation (20,000 lines: 28 s of about 60)
    calls = []
    real = lstmkit.io.versions

    def counted() -> dict[str, str]:
        calls.append(1)
        return real()

    monkeypatch.setattr(lstmkit.io, "versions", counted)
    lines = tmp_path / "lines.txt"
    lines.write_text("a good film\nbad\nnot good at all\n", encoding="utf-8")
    assert main(["explain", str(classifier_dir), "--file", str(lines), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(calls) == 1
    assert [r["line"] for r in records] == [1, 2, 3]
    assert [r["versions"] for r in records] == [real()] * 3


def test_explain_json_builds_no_text_block(
    classifier_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # --json prints the records only, but each sentence's coloured and aligned text block was
    # built too: 0.4 ms a sentence, about a third of the time that was not the explanation
    from lstmkit.explain import render

    calls = []
    real = render.to_terminal

    def counted(*args: object, **kwargs: object) -> str:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "to_terminal", counted)
    lines = tmp_path / "lines.txt"
    lines.write_text("a good film\nbad\nnot good at all\n", encoding="utf-8")
    argv = ["explain", str(classifier_dir), "--file", str(lines)]
    assert main([*argv, "--json", "--out", str(tmp_path / "out")]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert calls == []
    assert [r["tokens"] for r in records] == [
        ["a", "good", "film"],
        ["bad"],
        ["not", "good", "at", "all"],
    ]
    assert records[1]["written"] == [
        str(tmp_path / "out" / "explanation-2.html"),
        str(tmp_path / "out" / "relevance-2.json"),
        str(tmp_path / "out" / "relevance.png"),
    ]
    assert main(argv) == 0  # the text blocks still have them
    assert len(calls) == 3
    assert capsys.readouterr().out.startswith("> a good film\npredicted: ")


# -- the LRP passes: the same numbers, fewer and smaller operations ----------------------------


class _BiGRUMean(nn.Module):
    readout = "mean"

    def __init__(self) -> None:
        super().__init__()
        self.embedding = nn.Embedding(12, 4, padding_idx=0)
        self.rnn = lnn.GRU(4, 3, num_layers=2, batch_first=True, bidirectional=True)
        self.head = nn.Linear(6, 2)

    def forward(self, tokens: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(self.embedding(tokens), lengths=lengths)
        mask = (torch.arange(tokens.shape[1]) < lengths[:, None]).unsqueeze(2)
        return self.head((out * mask).sum(1) / lengths[:, None])


TOKENS = torch.tensor([[3, 7, 1, 9, 4], [5, 2, 0, 0, 0], [8, 6, 10, 11, 0], [2, 0, 0, 0, 0]])
LENGTHS = torch.tensor([5, 2, 4, 1])


def _models() -> dict[str, nn.Module]:
    torch.manual_seed(0)
    lstm = TextClassifier(12, 4, 3, 2).double().eval()
    torch.manual_seed(0)
    return {"lstm": lstm, "gru": _BiGRUMean().double().eval()}


# lrp(model, TOKENS, target=1, lengths=LENGTHS, bias_factor=1.0) before the passes were made
# faster (commit 8f8538a): relevance per token, then initial_state. The same to the last bit on
# the machine that computed them; to 1e-12 here, as a matrix product's last bit differs between
# CPUs.
GOLDEN = {
    "lstm": (
        [[-0.4277443955176863, 0.06713321544762482, 0.2694153680214912, -0.06936032988844555,
          -0.045384252953844184], [-0.01752229085828936, -0.10016901440028125, 0.0, 0.0, 0.0],
         [0.05850548544887234, -0.07434563167924066, -0.0997117744799911, -0.21104985492710318,
          0.0], [-0.16000109188295633, 0.0, 0.0, 0.0, 0.0]],
        [0.0004539775528437202, -0.0019051608030846122, 0.001291282896567653,
         -0.0016705472749282343],
    ),
    "gru": (
        [[-0.12027484181230091, -0.044978634375148124, 0.019159560668527052,
          -0.056814981048660736, -0.06744335938589197],
         [-0.054627772629745275, -0.0668700863626418, 0.0, 0.0, 0.0],
         [1.6216372979456928, 18.523838363409467, -10.100533031974852, -28.854020026590547, 0.0],
         [-0.6913056282269483, 0.0, 0.0, 0.0, 0.0]],
        [0.07078704855522278, -0.20308993052598534, 18.566495360719202, 0.4183160309447218],
    ),
}  # fmt: skip


@pytest.mark.parametrize("kind", ["lstm", "gru"])
def test_lrp_gives_the_numbers_it_gave_before_the_speed_up(kind: str) -> None:
    ex = lrp(_models()[kind], TOKENS, target=1, lengths=LENGTHS, bias_factor=1.0)
    relevance, initial = GOLDEN[kind]
    np.testing.assert_allclose(ex.relevance.numpy(), relevance, rtol=1e-12, atol=0)
    np.testing.assert_allclose(ex.initial_state.numpy(), initial, rtol=1e-12, atol=0)
    # conservation: all of the score but what the biases and stabilizers kept (none at delta 1)
    total = ex.relevance.sum(1) + ex.initial_state
    np.testing.assert_allclose(total.numpy(), ex.score.numpy(), rtol=1e-9)


@pytest.mark.parametrize("kind", ["lstm", "gru"])
@pytest.mark.parametrize("bias_factor", [0.0, 1.0])
def test_a_batch_of_mixed_lengths_gives_each_sequence_what_it_gets_alone(
    kind: str, bias_factor: float
) -> None:
    model = _models()[kind]
    ex = lrp(model, TOKENS, target=1, lengths=LENGTHS, bias_factor=bias_factor)
    for b, n in enumerate(LENGTHS.tolist()):
        alone = lrp(
            model,
            TOKENS[b : b + 1, :n],
            target=1,
            lengths=LENGTHS[b : b + 1],
            bias_factor=bias_factor,
        )
        np.testing.assert_allclose(
            ex.relevance_per_feature[b, :n].numpy(),
            alone.relevance_per_feature[0].numpy(),
            rtol=1e-12,
            atol=0,
        )
        assert float(ex.initial_state[b]) == pytest.approx(float(alone.initial_state[0]), rel=1e-12)
        assert bool((ex.relevance[b, n:] == 0).all())


def _profiled(model: nn.Module, tokens: torch.Tensor, lengths: torch.Tensor) -> list:
    with warnings.catch_warnings():
        # torch 2.11's profiler warns that it "clears events at the end of each cycle" (one
        # cycle here)
        warnings.filterwarnings("ignore", "Warning: Profiler clears events", UserWarning)
        with torch.profiler.profile(record_shapes=True) as prof:
            lrp(model, tokens, lengths=lengths, check=False)  # the passes alone, not the model
    return [e for e in prof.events() if e.name in ("aten::_to_copy", "aten::where")]


def test_lrp_converts_the_embedded_rows_not_the_embedding_table() -> None:
    # the whole table went to float64 for every batch (SST's 15,000 words x 200: 24 MB), where
    # the batch reads a few rows of it
    torch.manual_seed(0)
    model = TextClassifier(20_000, 8, 3, 2).eval()
    events = _profiled(model, torch.tensor([[5, 9, 11], [7, 2, 0]]), torch.tensor([3, 2]))
    converted = [e.input_shapes[0] for e in events if e.name == "aten::_to_copy"]
    assert [2, 3, 8] in converted  # the embedded batch [B, T, E]
    assert [20_000, 8] not in converted
