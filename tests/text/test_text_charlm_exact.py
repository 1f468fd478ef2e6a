"""Character LM numbers written out by hand: the loss over every target, the tempered top-k
distribution, greedy generation with carried state."""

from __future__ import annotations

import math

import pytest
import torch

from lstmkit.text.charlm import CharLM, CharVocab, evaluate_loss, generate, sample_next, streams


def test_evaluate_loss_scores_every_target_once_also_a_last_window_of_one() -> None:
    """The loss is the mean cross-entropy of each stream's characters 1..N-1 given those before;
    with ``bptt=3`` and streams of 11 the last window holds one target (ids 9 -> 10)."""
    torch.manual_seed(0)
    model = CharLM(5, 4, 6, 1).double().eval()
    ids = torch.randint(0, 5, (23,))  # 2 streams of 11, the last id dropped
    data = streams(ids, 2)
    with torch.no_grad():
        logits = model(data[:, :-1])[0]  # one pass, [2, 10, 5]
    expected = torch.nn.functional.cross_entropy(logits.reshape(-1, 5), data[:, 1:].reshape(-1))
    assert evaluate_loss(model, ids, batch_size=2, bptt=3) == pytest.approx(
        float(expected), rel=1e-12
    )


def test_sample_next_draws_from_the_tempered_top_k_distribution() -> None:
    """softmax((logits - max) / T) over the ``top_k`` largest, renormalised: the draws are those
    of ``torch.multinomial`` on that vector, written out here, from the same generator state."""
    logits = torch.tensor([0.0, 3.0, 2.0, -1.0, 2.5], dtype=torch.float64)
    # T = 2, top_k = 4 drops id 3 (the smallest logit); weights exp((l - 3) / 2)
    weights = [math.exp(-1.5), 1.0, math.exp(-0.5), 0.0, math.exp(-0.25)]
    expected = torch.tensor([w / sum(weights) for w in weights], dtype=torch.float64)
    g, h = torch.Generator().manual_seed(7), torch.Generator().manual_seed(7)
    draws = [sample_next(logits, 2.0, top_k=4, generator=g) for _ in range(300)]
    assert draws == [int(torch.multinomial(expected, 1, generator=h)) for _ in range(300)]
    assert 3 not in draws and set(draws) == {0, 1, 2, 4}


def test_generate_continues_the_whole_prompt_with_carried_state() -> None:
    """Greedy generation reads the whole prompt, then one character per step with the state
    carried: each generated character is the argmax after reading everything before it."""
    torch.manual_seed(4)
    vocab = CharVocab(list("abcd"))
    model = CharLM(len(vocab), 4, 8, 1).double()
    with torch.no_grad():  # a state that remembers, and clear argmaxes
        model.rnn.weight_ih_l0.mul_(4.0)
        model.rnn.bias_ih_l0[8:16] += 4.0  # forget gate (order i, f, g, o)
        model.head.weight.mul_(10.0)
    text = generate(model, vocab, "dcab", 12, temperature=0.0)
    # after "d" alone the argmax is "a", after "b" alone "d": the whole prompt decides
    assert text == "dcabbbbbbbbcbbbb"
    assert len(text) == 16 and text.startswith("dcab")
    ids = vocab.encode(text)
    for i in range(4, 16):
        with torch.no_grad():
            logits = model(torch.tensor([ids[:i]]))[0][0, -1]
        assert ids[i] == int(logits.argmax()), i
    assert generate(model, vocab, "dcab", 0) == "dcab"  # no character asked, none drawn
    assert generate(model, vocab, "dcab", 12, top_k=4, seed=1) == generate(
        model, vocab, "dcab", 12, seed=1
    )  # top_k may be the whole alphabet


_TINY = {"embed_dim": 4, "hidden_size": 6, "num_layers": 1, "progress": False}


def test_training_reads_each_stream_in_consecutive_windows_then_starts_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """22 training characters (ids 0..21, the alphabet is the text) make 2 streams of 11; with
    ``bptt=3`` the windows start at 0, 3, 6 and 9 (that one a single input, id 9 -> 10), and
    the fifth step starts the streams again from the zero state."""
    from lstmkit.text.charlm import CharLMConfig, train_charlm

    seen: list[tuple[list[int], bool]] = []
    forward = CharLM.forward

    def spy(self: CharLM, tokens: torch.Tensor, state: object = None) -> object:
        if self.training:
            seen.append((tokens[0].tolist(), state is None))
        return forward(self, tokens, state)

    monkeypatch.setattr(CharLM, "forward", spy)
    text = "abcdefghijklmnopqrstuvwxy"  # 25 characters: 22 train, 3 validate
    config = CharLMConfig(batch_size=2, bptt=3, max_steps=6, eval_every=100, **_TINY)
    train_charlm(text, config)
    assert seen == [
        ([0, 1, 2], True),
        ([3, 4, 5], False),
        ([6, 7, 8], False),
        ([9], False),
        ([0, 1, 2], True),
        ([3, 4, 5], False),
    ]


def test_training_keeps_the_best_check_not_the_last(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation losses 0.5, 0.3, 0.4 at steps 1, 2, 3: the model kept is the one checked at
    step 2, and its loss is reported as the best, the last one as the final."""
    import copy

    from lstmkit.text import charlm
    from lstmkit.text.charlm import CharLMConfig, train_charlm

    losses, weights = iter([0.5, 0.3, 0.4]), []

    def scripted(model: CharLM, ids: torch.Tensor, batch_size: int = 16) -> float:
        weights.append(copy.deepcopy(model.state_dict()))
        return next(losses)

    monkeypatch.setattr(charlm, "evaluate_loss", scripted)
    config = CharLMConfig(batch_size=2, bptt=4, max_steps=3, eval_every=1, **_TINY)
    result = train_charlm("abcd\n" * 20, config)
    m = result.metrics
    assert (m["best_val_loss"], m["best_step"], m["final_val_loss"]) == (0.3, 2, 0.4)
    assert [(step, loss) for step, _, loss in m["history"]] == [(1, 0.5), (2, 0.3), (3, 0.4)]
    kept = result.model.state_dict()
    assert all(torch.equal(kept[k], weights[1][k]) for k in kept)
    assert not torch.equal(kept["head.weight"], weights[2]["head.weight"])
