"""Token ids outside a model's vocabulary are refused by name, before the embedding fails with
torch's "index out of range in self"; the check reads values only where they exist."""

from __future__ import annotations

import pytest
import torch
from torch.nn import functional as F

from lstmkit._token_ids import check_token_ids
from lstmkit.text import CharLM, ClassifierEnsemble, Seq2Seq, TextClassifier

TOKENS_7 = "the model's `vocab_size`"


def _classifier() -> TextClassifier:
    torch.manual_seed(0)
    return TextClassifier(7, 4, 3, 2).eval()


def test_the_classifier_names_ids_out_of_range_and_their_positions() -> None:
    model = _classifier()
    with pytest.raises(ValueError) as e:
        model(torch.tensor([[1, 7, 2], [-1, 3, 0]]), lengths=[3, 2])
    assert str(e.value) == (
        f"`tokens` must hold token ids in [0, 7) ({TOKENS_7}), got 7 at position (0, 1), "
        "-1 at (1, 0)."
    )
    with pytest.raises(ValueError) as e:
        model.encode(torch.arange(20).view(2, 10))  # 7 ... 19 are out: the first five shown
    assert str(e.value) == (
        f"`tokens` must hold token ids in [0, 7) ({TOKENS_7}), got 7 at position (0, 7), "
        "8 at (0, 8), 9 at (0, 9), 10 at (1, 0), 11 at (1, 1) (13 ids out of range in all)."
    )
    with pytest.raises(ValueError, match=r"got 9 at position \(0, 0\)\.$"):
        ClassifierEnsemble([model, _classifier()])(torch.tensor([[9]]))
    with pytest.raises(TypeError) as e:
        model(torch.tensor([[1.0, 2.0]]))
    assert str(e.value) == (
        "`tokens` must be a tensor of token ids (int64 or int32), got dtype torch.float32."
    )
    # the ids at both ends are taken, int32 too, with the same logits as int64
    edge = torch.tensor([[0, 6, 3]])
    logits = model(edge)
    assert logits.shape == (1, 2)
    torch.testing.assert_close(model(edge.int()), logits, rtol=0, atol=0)
    embedded = model.embedding.weight[edge]
    assert torch.equal(embedded[0, 0], torch.zeros(4))  # id 0 is padding: a zero vector


def test_the_language_model_names_ids_out_of_range() -> None:
    model = CharLM(5, 4, 4, num_layers=1)
    with pytest.raises(ValueError) as e:
        model(torch.tensor([[0, 4, 5, 1]]))
    assert str(e.value) == (
        f"`tokens` must hold token ids in [0, 5) ({TOKENS_7}), got 5 at position (0, 2)."
    )
    logits, (h, c) = model(torch.tensor([[0, 4]]))
    assert logits.shape == (1, 2, 5) and h.shape == c.shape == (1, 1, 4)


def test_seq2seq_lists_both_of_its_inputs() -> None:
    model = Seq2Seq(11, 6, 4, 4, num_layers=1)
    lengths = torch.tensor([2])
    source, target = (
        "the model's `source_vocab`; 0 is padding",
        "the model's `target_vocab`; 0 is padding",
    )
    with pytest.raises(ValueError) as e:
        model(torch.tensor([[11, 2]]), lengths, torch.tensor([[1, 6, -2]]))
    assert str(e.value) == (
        f"`source` must hold token ids in [0, 11) ({source}), got 11 at position (0, 0). "
        f"`decoder_input` must hold token ids in [0, 6) ({target}), got 6 at position (0, 1), "
        "-2 at (0, 2)."
    )
    with pytest.raises(TypeError) as e:
        model(torch.tensor([[1.0, 2.0]]), lengths, [[1]])  # type: ignore[arg-type]
    assert str(e.value) == (
        "`source` must be a tensor of token ids (int64 or int32), got dtype torch.float32. "
        "`decoder_input` must be a tensor of token ids (int64 or int32), got list."
    )
    with pytest.raises(ValueError, match=r"^`source` must hold .* got -1 at position \(0, 1\)\.$"):
        model.encode(torch.tensor([[3, -1]]), lengths)
    state = model.encode(torch.tensor([[3, 10]]), lengths)
    with pytest.raises(ValueError, match=r"^`tokens` must hold .* got 9 at position \(1, 0\)\.$"):
        model.decode_step(torch.tensor([[1], [9]]), state)
    assert model(torch.tensor([[10, 1]]), lengths, torch.tensor([[1, 5, 0]])).shape == (1, 3, 6)


def test_the_check_runs_on_any_device(on_accelerator) -> None:
    """One aminmax read back with .tolist(): no .numpy(), which a CUDA tensor refuses (the
    stand-in raises as CUDA does), and the meta device, which has no values, passes."""
    ids = on_accelerator(torch.tensor([[1, 7], [2, -3]]))
    with pytest.raises(ValueError) as e:
        check_token_ids(tokens=(ids, 7, "the alphabet"))
    assert str(e.value) == (
        "`tokens` must hold token ids in [0, 7) (the alphabet), got 7 at position (0, 1), "
        "-3 at (1, 1)."
    )
    assert check_token_ids(tokens=(on_accelerator(torch.tensor([[0, 6]])), 7, "")) is None
    assert (
        check_token_ids(tokens=(torch.empty(2, 3, dtype=torch.long, device="meta"), 7, "")) is None
    )
    with pytest.raises(ValueError, match=r"got 8 at position 1\.$"):  # 1-D: one index
        check_token_ids(ids=(torch.tensor([0, 8]), 7, ""))


def test_per_sample_gradients_and_compiling_skip_the_check() -> None:
    """vmap has no values to read (DP-SGD on text, as the layers allow) and torch.compile would
    break the graph on them: both run, and give what the eager model gives."""
    model = _classifier().double()
    tokens, labels = torch.tensor([[1, 2, 3], [4, 5, 6]]), torch.tensor([0, 1])
    params = {k: v.detach() for k, v in model.named_parameters()}

    def loss(p, x, y):
        return F.cross_entropy(torch.func.functional_call(model, p, (x[None],)), y[None])

    grads = torch.func.vmap(torch.func.grad(loss), in_dims=(None, 0, 0))(params, tokens, labels)
    for b in range(2):
        model.zero_grad()
        loss(dict(model.named_parameters()), tokens[b], labels[b]).backward()
        torch.testing.assert_close(grads["head.weight"][b], model.head.weight.grad)
    lm = CharLM(5, 4, 4, num_layers=1)
    compiled = torch.compile(lm, fullgraph=True, backend="eager")
    torch.testing.assert_close(compiled(torch.tensor([[1, 4]]))[0], lm(torch.tensor([[1, 4]]))[0])
