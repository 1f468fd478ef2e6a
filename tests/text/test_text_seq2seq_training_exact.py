"""Seq2seq training and decoding written out: beam search on a model whose next-token
log-probabilities are set by hand (greedy's miss, the beam width, ``max_len``, the stopping rule
and its ties), the teacher-forced training loop in float64 against a loop written out here, the
clock's budget, the held-out measures of :func:`train_numbers`, and the small helpers."""

from __future__ import annotations

import copy
import json
import logging
import math
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import torch

from lstmkit.text import seq2seq
from lstmkit.text.seq2seq import (
    BOS,
    EOS,
    PAD,
    SOURCE_TOKENS,
    TARGET_TOKENS,
    Seq2Seq,
    Seq2SeqConfig,
    Seq2SeqResult,
    beam_decode,
    decode_words,
    encode_number,
    fit_seq2seq,
    greedy_decode,
    load_seq2seq,
    number_to_words,
    save_seq2seq,
    saved_max_digits,
    sequence_accuracy,
    spell,
    split_numbers,
    train_numbers,
)

# A table model's ids: <pad> 0, <bos> 1, <eos> 2, then a, b, c, d (the words zero .. three).
A, B, C, D = 3, 4, 5, 6
_SPECIAL = 0.005  # the probability left to <pad> and to <bos>, never emitted


def _table_model(after: dict[int, dict[int, float]]) -> Seq2Seq:
    """A float64 model whose next-token probabilities depend only on the last token read:
    ``after[last][token]`` (the ids a row leaves out share what is left of 0.99 equally;
    <pad> and <bos> get 0.005 each).

    The decoder's forget gate is shut (bias -1e4: sigmoid gives exactly 0) and its recurrent
    weights are zero, so the encoder's state is forgotten; the input and output gates are open
    (exactly 1) and the cell gate reads the one-hot embedding of the token (tanh(1e4) = 1), so
    ``h = tanh(1) * onehot(last)`` and the head's column ``last`` holds that row's logits.
    """
    v = 7
    model = Seq2Seq(5, v, embed_dim=v, hidden_size=v, num_layers=1).double().eval()
    logits = torch.empty(v, v, dtype=torch.float64)  # [last, next]
    for last in range(v):
        row = after.get(last, {})
        rest = [t for t in (EOS, A, B, C, D) if t not in row]
        p = {PAD: _SPECIAL, BOS: _SPECIAL, **row}
        for t in rest:
            p[t] = (0.99 - sum(row.values())) / len(rest)
        logits[last] = torch.tensor([math.log(p[t]) for t in range(v)], dtype=torch.float64)
    with torch.no_grad():
        dec = model.decoder
        dec.weight_hh_l0.zero_()
        dec.weight_ih_l0.zero_()
        dec.weight_ih_l0[2 * v : 3 * v] = 1e4 * torch.eye(v)  # the cell gate g
        dec.bias_hh_l0.zero_()
        dec.bias_ih_l0.copy_(torch.cat([torch.full((v,), b) for b in (1e4, -1e4, 0.0, 1e4)]))
        model.target_embedding.weight.copy_(torch.eye(v))
        model.head.weight.copy_(logits.T / math.tanh(1.0))
        model.head.bias.zero_()
    return model


def _p(after: dict[int, dict[int, float]], *path: int) -> float:
    """The log-probability of ``path`` (from <bos>) under the table ``after``."""
    total, last = 0.0, BOS
    for token in path:
        total += math.log(after[last][token])
        last = token
    return total


# Greedy takes a (0.3), then <eos> (0.3): 0.09. <bos> d <eos> is 0.25 * 0.99 = 0.2475.
_MISSED = {
    BOS: {EOS: 0.1, A: 0.3, B: 0.2, C: 0.14, D: 0.25},
    A: {EOS: 0.3, A: 0.1725, B: 0.1725, C: 0.1725, D: 0.1725},
    B: {EOS: 0.3, A: 0.1725, B: 0.1725, C: 0.1725, D: 0.1725},
    C: {EOS: 0.3, A: 0.1725, B: 0.1725, C: 0.1725, D: 0.1725},
    D: {EOS: 0.96, A: 0.0075, B: 0.0075, C: 0.0075, D: 0.0075},
}


@torch.no_grad()
def test_the_table_model_gives_the_log_probabilities_set_by_hand() -> None:
    model = _table_model(_MISSED)
    state = model.encode(torch.tensor([[2, 3]]), torch.tensor([2]))
    for last, row in _MISSED.items():
        log_probs, _ = model.decode_step(torch.tensor([[last]]), state)
        for token, p in row.items():
            assert float(log_probs[0, 0, token]) == pytest.approx(math.log(p), abs=1e-12)
        assert float(log_probs[0, 0, PAD]) == pytest.approx(math.log(_SPECIAL), abs=1e-12)


def test_a_wider_beam_finds_what_greedy_misses() -> None:
    """Greedy (and a beam of 1) takes a, then <eos>: 0.3 * 0.3 = 0.09. A beam of 2 keeps d
    too, and d <eos> (0.25 * 0.96 = 0.24) wins; wider beams find nothing better."""
    model = _table_model(_MISSED)
    assert greedy_decode(model, [[1, 2]], 5) == [[A]]
    seq, score = beam_decode(model, [1, 2], beam_size=1, max_len=5)
    assert (seq, score) == ([A], pytest.approx(_p(_MISSED, A, EOS), abs=1e-12))
    assert score == pytest.approx(math.log(0.09), abs=1e-12)
    for width in (2, 3, 7):
        seq, score = beam_decode(model, [1, 2], beam_size=width, max_len=5)
        assert (seq, score) == ([D], pytest.approx(math.log(0.25 * 0.96), abs=1e-12))
    assert spell(model, "12", beam_size=2) == "three"
    assert spell(model, "12") == "zero"  # greedy by default


# From <bos> d is only the fourth best, and only d ends well (0.15 * 0.96 = 0.144).
_FOURTH = {
    BOS: {EOS: 0.08, A: 0.3, B: 0.25, C: 0.21, D: 0.15},
    **{last: _MISSED[last] for last in (A, B, C, D)},
}


def test_the_beam_keeps_as_many_hypotheses_as_its_width_by_default_four() -> None:
    """Up to three hypotheses (a, b, c) all end in <eos> at the next step, a best (0.3 * 0.3);
    four keep d too and find d <eos> (0.144)."""
    model = _table_model(_FOURTH)
    for width in (1, 2, 3):
        seq, score = beam_decode(model, [1], beam_size=width, max_len=4)
        assert (seq, score) == ([A], pytest.approx(_p(_FOURTH, A, EOS), abs=1e-12))
        assert score == pytest.approx(math.log(0.09), abs=1e-12)
    for width in (4, 5):
        assert beam_decode(model, [1], width, 4) == ([D], pytest.approx(math.log(0.144), abs=1e-12))
    assert beam_decode(model, [1]) == ([D], pytest.approx(math.log(0.144), abs=1e-12))


# a follows a with 0.9: a x k (cut at max_len, no <eos>) scores 0.9 ** k; <eos> at once 0.05
_LOOP = {last: {A: 0.9, EOS: 0.05} for last in (BOS, A, B, C, D)}


def test_max_len_cuts_hypotheses_and_bounds_the_defaults() -> None:
    """Cut at ``max_len`` tokens a hypothesis is finished without <eos>: a x 20 (0.9 ** 20 =
    0.12 beats <eos> at once, 0.05) under beam search's default ``max_len`` 20; spelling runs to
    its default, 4 * digits + 2 tokens of the number's digits (6 for one digit), and at 40 words a
    beam prefers <eos> at once (0.9 ** 40 = 0.015)."""
    model = _table_model(_LOOP)
    assert beam_decode(model, [1], 2, max_len=1) == ([A], pytest.approx(math.log(0.9), abs=1e-12))
    assert beam_decode(model, [1], 2, max_len=3) == (
        [A] * 3,
        pytest.approx(3 * math.log(0.9), abs=1e-12),
    )
    seq, score = beam_decode(model, [1])
    assert (seq, score) == ([A] * 20, pytest.approx(20 * math.log(0.9), abs=1e-11))
    assert spell(model, 1) == " ".join(["zero"] * 6)
    assert spell(model, 1, beam_size=2) == " ".join(["zero"] * 6)  # 0.9 ** 6 > 0.05
    assert spell(model, 1, max_digits=3) == " ".join(["zero"] * 6)  # the number's digits
    assert spell(model, 1, max_len=40) == " ".join(["zero"] * 40)
    assert spell(model, 1, beam_size=2, max_len=40) == ""  # 0.05 > 0.9 ** 40
    assert spell(model, 1, beam_size=2, max_len=3) == "zero zero zero"
    assert spell(model, 1, max_len=3) == "zero zero zero"


def _counting_steps(model: Seq2Seq) -> list[list[int]]:
    """The last tokens each of ``model``'s decoding steps reads, one list per step."""
    fed: list[list[int]] = []
    decode_step = model.decode_step

    def counted(tokens: torch.Tensor, state: object) -> object:
        fed.append(tokens[:, -1].tolist())
        return decode_step(tokens, state)

    model.decode_step = counted  # type: ignore[method-assign]
    return fed


def test_the_search_stops_once_a_finished_score_ties_or_beats_every_live_one() -> None:
    """<eos> and a tie from <bos> (0.45 each): <eos> at once is finished with the score of the
    one live hypothesis, which can only lose more, so one step is all; a stronger <eos> stops
    at the step it is found, a weaker one lets the search go on."""
    tie = {last: {EOS: 0.45, A: 0.45} for last in (BOS, A, B, C, D)}
    model = _table_model(tie)
    fed = _counting_steps(model)
    assert beam_decode(model, [1], 2, 6) == ([], pytest.approx(math.log(0.45), abs=1e-12))
    assert fed == [[BOS]]
    model = _table_model(_MISSED)
    fed = _counting_steps(model)
    assert beam_decode(model, [1], 2, 6)[0] == [D]
    assert fed == [[BOS], [A, D]]  # both best extensions end: no live hypothesis is left
    fed.clear()
    assert beam_decode(model, [1], 3, 6)[0] == [D]
    assert fed == [[BOS], [A, D, B]]  # then d <eos> (0.24) beats a live a x (0.05): stop
    model = _table_model(_LOOP)
    fed = _counting_steps(model)
    beam_decode(model, [1], 2, 4)
    assert len(fed) == 4  # a x k stays ahead of every <eos> to max_len


def test_a_beam_wider_than_the_allowed_ids_never_reads_pad_or_bos() -> None:
    """Width 25 over 7 ids: a step keeps only the allowed extensions (5 per hypothesis, those
    by <eos> finished), never one ending in <pad> or <bos> (scored -inf), so no step reads
    them: 4 hypotheses after one step, 4 * 4 after two."""
    model = _table_model(_LOOP)
    fed = _counting_steps(model)
    beam_decode(model, [1], 25, 3)
    assert fed[0] == [BOS]
    assert sorted(fed[1]) == [A, B, C, D]  # <eos> finished
    assert len(fed[2]) == 16 and set(fed[2]) == {A, B, C, D}


def test_beam_decode_returns_the_model_to_its_mode_and_refuses_a_zero_beam_in_spell() -> None:
    model = _table_model(_MISSED).train()
    assert beam_decode(model, [1], 2, 3)[0] == [D] and model.training
    with pytest.raises(ValueError) as e:
        spell(model, "12", beam_size=0)
    assert str(e.value) == "`beam_size` must be a positive integer, got 0."
    with pytest.raises(ValueError) as e:
        spell(model, "123", max_digits=2)
    assert str(e.value).startswith("`number` must have at most 2 digits")


# five pairs of 1 to 3 source ids and 1 to 3 target ids: batches of 2, 2 and 1 per epoch
_PAIRS = [
    ([1, 2, 3], [3, 4, 5]),
    ([4], [6]),
    ([2, 2], [5, 3]),
    ([3, 1], [4]),
    ([1], [6, 6, 3]),
]
_FIT = Seq2SeqConfig(
    batch_size=2, epochs=2, lr=0.05, clip=0.42, dropout=0.3, seed=3, progress=False
)


def _fit_by_hand(model: Seq2Seq, adam_step: Callable[..., bool]) -> dict:
    """:func:`fit_seq2seq` of ``_PAIRS`` under ``_FIT`` written out: each epoch a permutation
    of the pairs drawn from a generator seeded with ``seed``; the sources reversed and padded
    with 0; the decoder reads ``<bos> y`` and is scored on ``y <eos>``, the loss the mean of
    -log p over the real target tokens; dropout on (training mode); the gradients clipped to a
    total norm of ``clip``; Adam (Kingma & Ba 2015, betas 0.9 and 0.999, eps 1e-8) at
    ``lr (1 + cos(pi step / 6)) / 2`` over the 6 planned steps (ceil(5 / 2) = 3 per epoch)."""
    config = _FIT
    params = list(model.parameters())
    moments = [(torch.zeros_like(p), torch.zeros_like(p)) for p in params]
    generator = torch.Generator().manual_seed(config.seed)
    model.train()
    losses, clipped, step = [], [], 0
    for _ in range(2):
        order = torch.randperm(5, generator=generator).tolist()
        for s in (0, 2, 4):
            batch = [_PAIRS[i] for i in order[s : s + 2]]
            width = max(len(src) for src, _ in batch)
            source = torch.tensor([src[::-1] + [0] * (width - len(src)) for src, _ in batch])
            lengths = torch.tensor([len(src) for src, _ in batch])
            steps = max(len(tgt) for _, tgt in batch) + 1
            inp = torch.tensor([[BOS, *t] + [0] * (steps - 1 - len(t)) for _, t in batch])
            out = torch.tensor([[*t, EOS] + [0] * (steps - 1 - len(t)) for _, t in batch])
            log_probs = model(source, lengths, inp)
            terms = [
                -log_probs[b, t, y]
                for b in range(len(batch))
                for t, y in enumerate(out[b].tolist())
                if y != PAD
            ]
            loss = torch.stack(terms).mean()
            losses.append(float(loss.detach()))
            lr = config.lr * 0.5 * (1 + math.cos(math.pi * step / 6))
            clipped.append(adam_step(params, loss, moments, lr, config.clip, step + 1))
            step += 1
    return {"final": model.state_dict(), "losses": losses, "clipped": clipped}


def test_fit_is_the_loop_written_out_by_hand(
    float64: None, adam_step: Callable[..., bool], pinned_for_torch: Callable[..., Any]
) -> None:
    """Six steps of two epochs from a model left in eval mode: the final weights and the last
    loss are those of the loop above, in float64, and the model is handed back in eval mode."""
    clipped, last = pinned_for_torch(
        {
            "2.13": ([False, True, True, False, False, True], 1.7682936622686087),
            "2.14": ([False, True, True, False, False, True], 1.7682936622686087),
            "2.15": ([False, True, True, False, False, True], 1.7682936622686087),
            "2.4": ([False, True, True, False, False, True], 1.8428292304166611),
            "2.9": ([False, True, True, False, False, True], 1.7682936622686087),
        }
    )
    torch.manual_seed(0)
    model = Seq2Seq(5, 7, embed_dim=3, hidden_size=4, num_layers=1, dropout=0.3).eval()
    reference = copy.deepcopy(model)
    torch.manual_seed(11)  # the dropout masks
    expected = _fit_by_hand(reference, adam_step)
    assert expected["clipped"] == clipped  # the clip acts
    assert expected["losses"][-1] == pytest.approx(last, rel=1e-6)
    torch.manual_seed(11)
    fit = fit_seq2seq(model, _PAIRS, _FIT)
    assert (fit["steps"], fit["loss"]) == (6, pytest.approx(expected["losses"][-1], rel=1e-9))
    final = model.state_dict()
    assert final.keys() == expected["final"].keys()
    for name, value in expected["final"].items():
        torch.testing.assert_close(final[name], value, rtol=1e-9, atol=1e-12, msg=name)
    assert model.training is False and model.decoder.training is False


def test_the_clock_ends_the_fit_at_the_first_step_past_its_budget(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """``minutes=0.5`` is 30 s: a clock that reads 10 s after the first step and exactly 30 after
    the second goes on; 30.5 after the third (the first of epoch 2 of 3) ends the fit there, with
    a log line, and the seconds are those of the last reading, to one decimal."""
    readings = iter([0.0, 10.0, 30.0, 30.5, 31.27])  # start, after each step, end
    monkeypatch.setattr(seq2seq, "time", SimpleNamespace(perf_counter=lambda: next(readings)))
    torch.manual_seed(0)
    model = Seq2Seq(5, 7, embed_dim=3, hidden_size=4, num_layers=1)
    config = Seq2SeqConfig(batch_size=1, epochs=3, minutes=0.5, progress=False)
    with caplog.at_level(logging.INFO, logger="lstmkit.text.seq2seq"):
        fit = fit_seq2seq(model, _PAIRS[:2], config)
    assert next(readings, None) is None  # each reading taken, none more
    assert (fit["steps"], fit["seconds"]) == (3, 31.3)
    assert [r.getMessage() for r in caplog.records] == [
        "the wall-clock budget (`minutes`, --minutes) stopped training at step 3 of 6: a run the "
        "clock stops does not repeat bit for bit; a larger budget lets it make every step"
    ]
    assert model.training is False


def test_train_numbers_measures_the_held_out_numbers_greedy_and_by_beam(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """split_numbers with the seed: its 6 training numbers train a model initialised from the
    seed, its 12 held-out ones are decoded greedily and by a beam of
    ``beam_size`` (here one that is always right), both to ``4 * max_digits + 2`` tokens; the
    first 10 greedy errors are listed, and the first training pairs (here 4 of 6) are measured
    greedily too."""
    monkeypatch.setattr(seq2seq, "TRAIN_EVAL_PAIRS", 4)
    config = Seq2SeqConfig(
        max_digits=2, train_size=6, test_size=12, embed_dim=2, hidden_size=3, num_layers=1,
        batch_size=6, epochs=1, beam_size=3, seed=5, progress=False,
    )  # fmt: skip
    train, test = split_numbers(6, 12, 2, torch.Generator().manual_seed(5))
    assert (len(train), len(test)) == (6, 12)
    train_sources = [encode_number(n)[0] for n in train]
    test_sources = [encode_number(n)[0] for n in test]
    targets = [encode_number(n)[1] for n in test]

    greedy_calls, beam_calls, fits = [], [], []
    real_greedy, real_fit = seq2seq.greedy_decode, seq2seq._fit_seq2seq

    def greedy(model: Seq2Seq, sources: list[list[int]], max_len: int) -> list[list[int]]:
        greedy_calls.append((sources, max_len))
        return real_greedy(model, sources, max_len)

    def beam(model: Seq2Seq, source: list[int], beam_size: int, max_len: int) -> tuple:
        beam_calls.append((source, beam_size, max_len))
        return encode_number(int("".join(SOURCE_TOKENS[i] for i in source)))[1], 0.0

    def fit(model: Seq2Seq, pairs: list, config: Seq2SeqConfig, stop: object) -> dict:
        fits.append((copy.deepcopy(model.state_dict()), pairs))
        fits.append(real_fit(model, pairs, config, stop))
        return fits[-1]

    monkeypatch.setattr(seq2seq, "greedy_decode", greedy)
    monkeypatch.setattr(seq2seq, "beam_decode", beam)
    monkeypatch.setattr(seq2seq, "_fit_seq2seq", fit)
    result = train_numbers(config)
    (initial, pairs), fitted = fits
    assert pairs == [encode_number(n) for n in train]
    torch.manual_seed(5)
    expected = Seq2Seq(len(SOURCE_TOKENS), len(TARGET_TOKENS), 2, 3, 1).state_dict()
    assert initial.keys() == expected.keys()
    assert all(torch.equal(initial[k], v) for k, v in expected.items())  # seed 5's weights
    assert greedy_calls == [(test_sources, 10), (train_sources[:4], 10)]
    assert beam_calls == [(s, 3, 10) for s in test_sources]
    decoded = real_greedy(result.model, test_sources, 10)
    wrong = [(n, g) for n, g, t in zip(test, decoded, targets, strict=True) if g != t]
    assert len(wrong) == 12  # one step of training spells no number
    m = dict(result.metrics)
    assert m.pop("beam_seconds") >= 0.0
    assert m == {
        "greedy_accuracy": 0.0,
        "beam_accuracy": 1.0,
        "beam_size": 3,
        "train_accuracy": sequence_accuracy(
            real_greedy(result.model, train_sources[:4], 10),
            [encode_number(n)[1] for n in train[:4]],
        ),
        "train_accuracy_pairs": 4,
        "train_pairs": 6,
        "test_pairs": 12,
        "steps": 1,
        "train_seconds": fitted["seconds"],
        "final_loss": fitted["loss"],
        "errors": [
            {"number": n, "expected": number_to_words(n), "greedy": decode_words(g)}
            for n, g in wrong[:10]
        ],
        "interrupted": None,
        "seed": 5,
        "threads": torch.get_num_threads(),
    }
    assert isinstance(result, Seq2SeqResult) and result.config is config
    assert result.model.training is False


def test_sequence_accuracy_compares_as_lists_and_refuses_unequal_counts() -> None:
    assert sequence_accuracy([(3, 4), (5,), range(6, 8)], [[3, 4], [6], [6, 7]]) == 2 / 3
    with pytest.raises(ValueError) as e:
        sequence_accuracy([[3]], [[3], [4]])
    assert str(e.value) == "`predictions` and `targets` must be as many, at least 1, got 1 and 2."


def test_decode_words_names_every_id_as_is() -> None:
    assert decode_words([4, 31, 23, 4]) == "one hundred twenty one"
    assert decode_words([PAD, BOS, EOS, 33]) == "<pad> <bos> <eos> million"
    assert decode_words([]) == ""


def test_a_saved_model_loads_in_eval_mode_with_its_max_digits(tmp_path: Path) -> None:
    torch.manual_seed(0)
    model = Seq2Seq(len(SOURCE_TOKENS), len(TARGET_TOKENS), 2, 3, 1, dropout=0.5)
    assert Seq2SeqResult(model, Seq2SeqConfig()).metrics == {}  # none by default
    result = Seq2SeqResult(model, Seq2SeqConfig(max_digits=9), {"steps": 4})
    folder = save_seq2seq(result, tmp_path / "m")
    assert folder == tmp_path / "m"
    saved = json.loads((folder / "config.json").read_text())
    assert (saved["metrics"], saved["train"]["max_digits"]) == ({"steps": 4}, 9)
    loaded = load_seq2seq(folder)
    assert loaded.training is False and loaded.decoder.training is False
    assert loaded.config() == model.config()
    assert all(torch.equal(v, model.state_dict()[k]) for k, v in loaded.state_dict().items())
    assert saved_max_digits(folder) == 9
    for value in (10, 0, True, 2.0):
        saved["train"]["max_digits"] = value
        (folder / "config.json").write_text(json.dumps(saved))
        with pytest.raises(ValueError) as e:
            saved_max_digits(folder)
        assert str(e.value) == (
            f"{str(folder / 'config.json')!r} does not describe a usable seq2seq model: "
            f"train.max_digits must be an integer in 1..9, got {value!r}."
        )
