"""Seq2seq numbers written out: the reversed source, the training loss over the real target
tokens, the learning-rate schedule, the sampling of numbers and the accuracy."""

from __future__ import annotations

import copy
import math

import pytest
import torch

from lstmkit.text import seq2seq
from lstmkit.text.seq2seq import (
    BOS,
    EOS,
    Seq2Seq,
    Seq2SeqConfig,
    fit_seq2seq,
    greedy_decode,
    sequence_accuracy,
    teacher_forcing_batch,
)


def test_sequence_accuracy_counts_only_whole_matches() -> None:
    predictions = [[3, 4], [3], [5, 6, 7], [], [8]]
    targets = [[3, 4], [3, 4], [5, 6], [], [9]]
    assert sequence_accuracy(predictions, targets) == 2 / 5  # a prefix or an extension is wrong


def test_greedy_decoding_reads_the_source_reversed() -> None:
    """The encoder reads ``[1, 2, 3]`` as ``3, 2, 1`` (Sutskever et al.); greedy decoding then
    takes the argmax at every step, fed back, until ``<eos>`` or ``max_len``."""
    torch.manual_seed(0)
    model = Seq2Seq(5, 7, embed_dim=3, hidden_size=6, num_layers=1).double().eval()
    with torch.no_grad():
        model.head.weight.mul_(6.0)
        model.head.bias[EOS] -= 2.0  # long enough outputs to compare
    expected, token = [], BOS
    with torch.no_grad():
        state = model.encode(torch.tensor([[3, 2, 1]]), torch.tensor([3]))
        for _ in range(6):
            log_probs, state = model.decode_step(torch.tensor([[token]]), state)
            log_probs[..., :2] = -math.inf  # never <pad> or <bos>
            token = int(log_probs[0, -1].argmax())
            if token == EOS:
                break
            expected.append(token)
    assert greedy_decode(model, [[1, 2, 3]], 6) == [expected]
    assert len(expected) >= 2 and expected != greedy_decode(model, [[3, 2, 1]], 6)[0]


def test_fit_reports_the_mean_loss_over_the_real_target_tokens() -> None:
    """One step on the whole batch: the loss reported is the mean of -log p over every target
    token and its ``<eos>``, the padding of shorter targets left out."""
    torch.manual_seed(1)
    model = Seq2Seq(5, 7, embed_dim=3, hidden_size=4, num_layers=1)
    before = copy.deepcopy(model).double()
    pairs = [([1, 2, 3], [3, 4, 5, 6]), ([4], [6])]  # targets of 4 and 1 tokens
    config = Seq2SeqConfig(batch_size=2, epochs=1, progress=False)
    loss = fit_seq2seq(model, pairs, config)["loss"]
    terms = []
    with torch.no_grad():
        for source, target in pairs:
            inp, out = teacher_forcing_batch([target])
            src = torch.tensor([source[::-1]])
            log_probs = before(src, torch.tensor([len(source)]), inp)[0]
            terms += [-float(log_probs[t, y]) for t, y in enumerate(out[0].tolist())]
    assert len(terms) == 7
    assert loss == pytest.approx(sum(terms) / 7, rel=1e-5)


def test_fit_visits_every_pair_with_a_cosine_learning_rate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """3 pairs in batches of 1 for 2 epochs: 6 steps at ``lr * (1 + cos(pi * s / 6)) / 2``."""
    rates: list[float] = []
    adam = seq2seq.adam

    def spying(params: object, lr: float) -> torch.optim.Optimizer:
        optimizer = adam(params, lr)
        step = optimizer.step
        optimizer.step = lambda *a, **k: rates.append(optimizer.param_groups[0]["lr"]) or step()
        return optimizer

    monkeypatch.setattr(seq2seq, "adam", spying)
    torch.manual_seed(0)
    model = Seq2Seq(5, 7, embed_dim=3, hidden_size=4, num_layers=1)
    pairs = [([1], [3]), ([2], [4]), ([3], [5])]
    config = Seq2SeqConfig(batch_size=1, epochs=2, lr=0.01, progress=False)
    assert fit_seq2seq(model, pairs, config)["steps"] == 6
    assert rates == pytest.approx([0.01 * (1 + math.cos(math.pi * s / 6)) / 2 for s in range(6)])


def test_greedy_decoding_of_a_batch_runs_until_every_output_has_ended() -> None:
    """Outputs of 2, 1, 4 and 4 tokens (each ended by ``<eos>`` before ``max_len``): the batch
    decodes on until the last one ends, each row as that source alone."""
    torch.manual_seed(23)
    model = Seq2Seq(11, 6, embed_dim=4, hidden_size=8, num_layers=1).double()
    with torch.no_grad():
        model.encoder.weight_ih_l0.mul_(3.0)
        model.head.weight.mul_(6.0)
    sources = [[1, 2, 3], [4], [5, 6, 7, 8, 9, 10], [7, 7]]
    expected = [[3, 4], [4], [3, 3, 3, 4], [4, 3, 3, 4]]
    assert [greedy_decode(model, [s], 8)[0] for s in sources] == expected
    assert greedy_decode(model, sources, 8) == expected


def test_train_numbers_splits_distinct_numbers_into_train_and_test() -> None:
    """``train_size + test_size`` distinct numbers, the first ``train_size`` (after a shuffle)
    to train on and the rest to test: the metrics count them so."""
    from lstmkit.text.seq2seq import train_numbers

    config = Seq2SeqConfig(
        max_digits=1, train_size=6, test_size=4, embed_dim=2, hidden_size=3, num_layers=1,
        batch_size=6, epochs=1, beam_size=2, progress=False,
    )  # fmt: skip
    m = train_numbers(config).metrics
    assert (m["train_pairs"], m["test_pairs"], m["train_accuracy_pairs"]) == (6, 4, 6)
