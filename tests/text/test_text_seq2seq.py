"""Seq2seq: ground truth, teacher forcing, beam search = exhaustive search, training, CLI."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
import torch

from lstmkit.cli import main
from lstmkit.text.seq2seq import (
    BOS,
    EOS,
    Seq2Seq,
    Seq2SeqConfig,
    _reverse_sources,
    beam_decode,
    greedy_decode,
    normalize_number,
    number_to_words,
    spell,
    teacher_forcing_batch,
    train_numbers,
)


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (15, "fifteen"),
        (40, "forty"),
        (101, "one hundred one"),
        (4012, "four thousand twelve"),
        (120000, "one hundred twenty thousand"),
        (999999, "nine hundred ninety nine thousand nine hundred ninety nine"),
        (7000005, "seven million five"),
    ],
)
def test_number_to_words(n: int, words: str) -> None:
    assert number_to_words(n) == words


def test_number_to_words_refuses_what_is_not_an_int() -> None:
    for bad, shown in ((True, "bool True"), (4.0, "float 4.0"), ("42", "str '42'")):
        with pytest.raises(TypeError) as e:
            number_to_words(bad)  # type: ignore[arg-type]
        assert str(e.value) == f"`n` must be an integer, got {shown}."
    assert number_to_words(np.int64(42)) == "forty two"
    with pytest.raises(ValueError) as e:
        number_to_words(-1)
    assert str(e.value) == "`n` must be in [0, 10**9), got -1."


def test_teacher_forcing_batch() -> None:
    inp, out = teacher_forcing_batch([[5, 6], [7]])
    assert inp.tolist() == [[BOS, 5, 6], [BOS, 7, 0]]
    assert out.tolist() == [[5, 6, EOS], [7, EOS, 0]]


@torch.no_grad()
def _sequence_log_prob(model: Seq2Seq, source: list[int], seq: list[int]) -> float:
    src, lengths = _reverse_sources([source])
    inp = torch.tensor([[BOS, *seq[:-1]]])
    log_probs = model(src, lengths, inp)[0].double()
    return float(sum(log_probs[t, tok] for t, tok in enumerate(seq)))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_beam_search_equals_exhaustive_search(seed: int) -> None:
    torch.manual_seed(seed)
    model = Seq2Seq(4, 6, embed_dim=3, hidden_size=4, num_layers=1).double().eval()
    with torch.no_grad():  # sharpen the distribution so sequences differ clearly
        model.head.weight.mul_(4.0)
    source, max_len = [1, 3, 2], 3
    words = [3, 4, 5]  # every id but <pad>, <bos> (never emitted) and <eos>
    candidates = [
        [*prefix, EOS] for k in range(max_len) for prefix in itertools.product(words, repeat=k)
    ] + [list(p) for p in itertools.product(words, repeat=max_len)]
    scores = [_sequence_log_prob(model, source, c) for c in candidates]
    best = candidates[max(range(len(candidates)), key=scores.__getitem__)]
    seq, score = beam_decode(model, source, beam_size=6**max_len, max_len=max_len)
    assert seq == (best[:-1] if best[-1] == EOS else best)
    assert score == pytest.approx(max(scores), abs=1e-9)
    # beam 1 is greedy decoding
    assert (
        beam_decode(model, source, beam_size=1, max_len=max_len)[0]
        == greedy_decode(model, [source], max_len)[0]
    )


def test_decoding_gives_the_model_its_training_mode_back() -> None:
    torch.manual_seed(0)
    model = Seq2Seq(11, 6, embed_dim=4, hidden_size=8, num_layers=2, dropout=0.5)
    model.train()
    model.encoder.eval()  # a submodule the caller froze keeps its own mode
    greedy = greedy_decode(model, [[1, 2], [3]], 5)
    assert model.training and model.decoder.training and not model.encoder.training
    seq, _ = beam_decode(model, [1, 2], 1, 5)
    assert model.training and model.decoder.training and not model.encoder.training
    assert greedy == greedy_decode(model.eval(), [[1, 2], [3]], 5)  # dropout was off
    assert seq == greedy[0]


def _favouring_the_special_ids() -> Seq2Seq:
    """A model whose next-token scores ignore the state: <pad> 10, <bos> 9, <eos> 0, id 3 6,
    id 4 1 (so each step's log-probabilities are ``log_softmax`` of those)."""
    model = Seq2Seq(11, 5, embed_dim=4, hidden_size=8, num_layers=1).double()
    with torch.no_grad():
        model.head.weight.zero_()
        model.head.bias.copy_(torch.tensor([10.0, 9.0, 0.0, 6.0, 1.0]))
    return model


def test_decoding_never_emits_pad_or_bos() -> None:
    """<pad> and <bos> are the most likely ids at every step, yet no decoder emits them: greedy
    takes id 3, the best of the rest, until max_len (it emitted <pad> x 4 before)."""
    model = _favouring_the_special_ids()
    log_p = torch.log_softmax(torch.tensor([10.0, 9.0, 0.0, 6.0, 1.0], dtype=torch.float64), -1)
    assert greedy_decode(model, [[1, 2], [5]], 4) == [[3, 3, 3, 3], [3, 3, 3, 3]]
    # beam: [3, 3] (2 log p(3) = -8.65) beats [] (<eos> at once: -10.33), and [3, <eos>]
    seq, score = beam_decode(model, [1, 2], beam_size=3, max_len=2)
    assert seq == [3, 3]
    assert score == pytest.approx(2 * float(log_p[3]), abs=1e-12)
    assert score == pytest.approx(-8.6534, abs=1e-4)
    # a beam wider than the ids allowed (3 of 5) keeps only allowed hypotheses; over three
    # steps, [3, 3, 3] (-12.98) loses to <eos> at once (it was <pad> x 3, -0.98)
    seq, score = beam_decode(model, [1, 2], beam_size=25, max_len=3)
    assert (seq, score) == ([], pytest.approx(float(log_p[EOS]), abs=1e-12))
    assert score == pytest.approx(-10.3267, abs=1e-4)
    assert spell(model, "12", beam_size=1, max_len=2) == "zero zero"
    assert spell(model, "12", beam_size=4, max_len=2) == "zero zero"
    assert spell(model, 12, max_len=2) == "zero zero"  # an integer, as its digits


def test_greedy_decoding_of_a_batch_equals_each_source_alone() -> None:
    for seed in range(5):
        torch.manual_seed(seed)
        model = Seq2Seq(11, 6, embed_dim=4, hidden_size=8, num_layers=2).double()
        with torch.no_grad():
            model.head.weight.mul_(4.0)
        sources = [[1, 2, 3], [4], [5, 6, 7, 8, 9, 10]]
        batch = greedy_decode(model, sources, 7)
        assert batch == [greedy_decode(model, [s], 7)[0] for s in sources]
        assert batch == [beam_decode(model, s, 1, 7)[0] for s in sources]


def test_decoding_refuses_sources_out_of_range_by_name() -> None:
    model = Seq2Seq(11, 6, embed_dim=4, hidden_size=8, num_layers=1)
    with pytest.raises(ValueError) as e:
        greedy_decode(model, [[1, 2], [], [0, 3], [11], [2.5]], 0)  # type: ignore[list-item]
    assert str(e.value) == (
        "`max_len` must be a positive integer, got 0. `sources[1]` must be non-empty, got []. "
        "`sources[2]` must hold int ids in [1, 11) (0 is padding; the digit 0 is id 1), got "
        "[0, 3]. `sources[3]` must hold int ids in [1, 11) (0 is padding; the digit 0 is id 1), "
        "got [11]. `sources[4]` must hold int ids in [1, 11) (0 is padding; the digit 0 is id "
        "1), got [2.5]."
    )
    with pytest.raises(ValueError) as e:
        greedy_decode(model, [])
    assert str(e.value) == "`sources` must hold at least one sequence, got none."
    with pytest.raises(ValueError) as e:
        beam_decode(model, [-1, 4], beam_size=0, max_len=0)
    assert str(e.value) == (
        "`source` must hold int ids in [1, 11) (0 is padding; the digit 0 is id 1), got [-1, 4]. "
        "`beam_size` must be a positive integer, got 0. "
        "`max_len` must be a positive integer, got 0."
    )
    with pytest.raises(ValueError) as e:
        beam_decode(model, [])
    assert str(e.value) == "`source` must be non-empty, got []."
    # tensors of ids are taken as their values
    assert greedy_decode(model, [torch.tensor([1, 2])], 4) == greedy_decode(model, [[1, 2]], 4)
    assert beam_decode(model, torch.tensor([3]), 2, 4) == beam_decode(model, [3], 2, 4)


def test_decoding_takes_numpy_arrays_of_ids_as_lists() -> None:
    # the check of a source's type refused numpy arrays, which decoded before it
    model = Seq2Seq(11, 6, embed_dim=4, hidden_size=8, num_layers=1)
    batch = [[5, 1, 2], [3, 4, 9]]
    assert greedy_decode(model, np.array(batch), 4) == greedy_decode(model, batch, 4)
    assert greedy_decode(model, [np.array(batch[0])], 4) == greedy_decode(model, batch[:1], 4)
    assert beam_decode(model, np.array([3, 7]), 2, 4) == beam_decode(model, [3, 7], 2, 4)
    with pytest.raises(TypeError) as e:
        greedy_decode(model, np.array([5, 1, 2]))  # type: ignore[arg-type]
    assert str(e.value).endswith("got a numpy array of shape (3,).")


def test_decoding_refuses_sources_that_are_not_sequences_of_ids_by_name() -> None:
    # a flat source for greedy decoding raised "'int' object is not iterable"
    model = Seq2Seq(11, 6, embed_dim=4, hidden_size=8, num_layers=1)
    with pytest.raises(TypeError) as e:
        greedy_decode(model, [5, 1, 2])  # type: ignore[list-item]
    assert str(e.value) == (
        "`sources` must be a sequence of id sequences, one per source (e.g. [[5, 1, 2]]), got "
        "int 5 at `sources[0]`; wrap a single source in a list."
    )
    with pytest.raises(TypeError) as e:
        greedy_decode(model, [[5, 1], 3])  # type: ignore[list-item]
    assert str(e.value).endswith("got int 3 at `sources[1]`.")
    with pytest.raises(TypeError) as e:
        greedy_decode(model, torch.tensor([5, 1, 2]))  # type: ignore[arg-type]
    assert str(e.value).endswith("got a tensor of shape (3,).")
    with pytest.raises(TypeError) as e:
        greedy_decode(model, 5)  # type: ignore[arg-type]
    assert str(e.value).endswith("got int 5.")
    with pytest.raises(TypeError) as e:
        beam_decode(model, 5)  # type: ignore[arg-type]
    assert str(e.value) == "`source` must be one sequence of ids (e.g. [5, 1, 2]), got int 5."
    with pytest.raises(TypeError) as e:
        beam_decode(model, "512")  # type: ignore[arg-type]
    assert str(e.value) == "`source` must be one sequence of ids (e.g. [5, 1, 2]), got str '512'."
    # a 2-D tensor is a batch of sources
    batch = torch.tensor([[1, 2], [3, 4]])
    assert greedy_decode(model, batch, 4) == greedy_decode(model, [[1, 2], [3, 4]], 4)


def test_constructor_refuses_vocabularies_without_the_special_ids() -> None:
    with pytest.raises(ValueError) as e:
        Seq2Seq(1, 2, embed_dim=0, num_layers=True, dropout="x")  # type: ignore[arg-type]
    assert str(e.value) == (
        "`source_vocab` must be an integer >= 2 (id 0 is padding), got 1. "
        "`target_vocab` must be an integer >= 3 (ids 0, 1, 2 are <pad>, <bos>, <eos>), got 2. "
        "`embed_dim` must be a positive integer, got 0. `num_layers` must be a positive "
        "integer, got True. `dropout` must be a number in [0, 1), got 'x' (a number, not text)."
    )
    model = Seq2Seq(np.int64(11), 3, 4, 8, np.int64(1))
    assert model.config() == {
        "source_vocab": 11,
        "target_vocab": 3,
        "embed_dim": 4,
        "hidden_size": 8,
        "num_layers": 1,
        "dropout": 0.0,
    }
    assert type(model.config()["source_vocab"]) is int
    # the special ids exist: it decodes, and <eos> is the only id it may emit
    assert greedy_decode(model, [[1]], 3) == [[]]
    eos_at_once = _sequence_log_prob(model, [1], [EOS])
    assert beam_decode(model, [1], 2, 3) == ([], pytest.approx(eos_at_once, abs=1e-6))


def test_training_on_two_digit_numbers() -> None:
    config = Seq2SeqConfig(
        max_digits=2,
        train_size=80,
        test_size=20,
        embed_dim=16,
        hidden_size=48,
        num_layers=1,
        batch_size=8,
        lr=0.01,
        epochs=30,
        beam_size=3,
    )
    result = train_numbers(config)
    assert result.metrics["train_accuracy"] == 1.0
    assert result.metrics["greedy_accuracy"] >= 0.5  # unseen numbers: needs composition


def test_cli_train_accuracy_reports_the_pairs_it_was_measured_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tiny = ["--hidden-size", "8", "--embed-dim", "4", "--num-layers", "1", "--no-progress"]
    argv = ["text", "train-seq2seq", "numbers", "--out", str(tmp_path / "m"), "--json", *tiny]
    sizes = ["--max-digits", "4", "--train-size", "1200", "--test-size", "5", "--epochs", "1"]
    assert main([*argv, *sizes]) == 0
    train = json.loads(capsys.readouterr().out)["train"]
    # greedy accuracy on the distinct training numbers, at most 1,000: the 1,200 pairs hold 700
    # (300 a digit count, the 10 of one digit and 90 of two repeated to fill theirs)
    assert train["pairs"] == 700 and train["training_pairs"] == 1200


def test_config_errors_listed_at_once() -> None:
    # 100 training examples leave 40 of the 90 two-digit numbers to hold out
    with pytest.raises(ValueError, match=r"`test_size` must be <= 40 for `train_size` 100 .*`lr`"):
        Seq2SeqConfig(max_digits=2, train_size=100, test_size=50, lr=0)


def test_cli_train_and_spell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "s2s"
    argv = [
        "text",
        "train-seq2seq",
        "numbers",
        "--out",
        str(out),
        "--json",
        "--max-digits",
        "2",
        "--train-size",
        "30",
        "--test-size",
        "5",
        "--hidden-size",
        "8",
        "--embed-dim",
        "4",
        "--epochs",
        "1",
        "--num-layers",
        "1",
    ]
    assert main(argv) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["test"]["pairs"] == 5
    # measured on the 25 distinct numbers: the 10 of one digit (15 pairs) and 15 of two
    assert (payload["train"]["pairs"], payload["train"]["training_pairs"]) == (25, 30)
    assert 0.0 <= payload["test"]["beam_sequence_accuracy"] <= 1.0
    assert main(["text", "spell", str(out), "42", "--beam", "2", "--json"]) == 0
    assert isinstance(json.loads(capsys.readouterr().out)["words"], str)
    assert main(["text", "spell", str(out), "4x2"]) == 2
    assert "string of digits" in capsys.readouterr().err
    # the model knows numbers of 1 to --max-digits 2 digits; leading zeros are dropped
    assert main(["text", "spell", str(out), "123"]) == 2
    assert capsys.readouterr().err == (
        "error: the number to spell (the argument after the model's folder) must have at most "
        "2 digits (the model was trained on numbers of 1 to 2 digits), got 3 digits: '123'.\n"
    )
    for typed, read in (("0042", "42"), ("000", "0"), ("0099", "99")):
        assert main(["text", "spell", str(out), typed, "--json"]) == 0
        payload = json.loads(capsys.readouterr().out)
        assert main(["text", "spell", str(out), read, "--json"]) == 0
        assert payload == json.loads(capsys.readouterr().out)
        assert payload["number"] == read
    assert main(["text", "spell", str(out), "000123"]) == 2  # 3 digits once the zeros go
    assert "got 3 digits (leading zeros dropped): '000123'" in capsys.readouterr().err


def test_cli_as_subprocess() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "lstmkit.cli", "text", "spell", "/nonexistent", "12"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr == "error: model folder '/nonexistent' does not exist.\n"


def test_normalize_number() -> None:
    assert normalize_number("0042") == "42"
    assert normalize_number("000") == "0"
    assert normalize_number("999999", max_digits=6) == "999999"
    assert normalize_number("0999999", max_digits=6) == "999999"
    with pytest.raises(ValueError) as e:
        normalize_number("1000000", max_digits=6)
    assert str(e.value) == (
        "`number` must have at most 6 digits (max_digits=6), got 7 digits: '1000000'."
    )
    for bad in ("", "-5", "+5", "1e3", " 12", "1,000", "\uff11\uff12"):
        with pytest.raises(ValueError, match="`number` must be a non-empty string of digits 0-9"):
            normalize_number(bad)
    # an integer is read as its digits (it raised "must be a non-empty string" before)
    assert [normalize_number(n) for n in (42, np.int64(7), 0)] == ["42", "7", "0"]
    with pytest.raises(ValueError, match=r"^`number` must be an integer >= 0, got -5\.$"):
        normalize_number(-5)
    with pytest.raises(ValueError, match="at most 2 digits"):
        normalize_number(100, max_digits=2)
    for bad, shown in ((4.0, "float 4.0"), (True, "bool True"), (None, "None")):
        with pytest.raises(TypeError) as e:
            normalize_number(bad)
        assert str(e.value) == (
            f"`number` must be a string of digits 0-9 or an integer >= 0, got {shown}."
        )


def test_training_that_diverges_stops_and_saves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.train import DivergedError

    config = Seq2SeqConfig(
        max_digits=2,
        train_size=20,
        test_size=5,
        embed_dim=4,
        hidden_size=8,
        num_layers=1,
        batch_size=8,
        lr=1e38,
        epochs=2,
    )
    with pytest.raises(DivergedError) as e:
        train_numbers(config)
    assert str(e.value) == (
        "training diverged: the training loss became nan at epoch 1, step 2. "
        "Try a lower learning rate than `lr`=1e+38."
    )
    out = tmp_path / "s2s"
    argv = ["text", "train-seq2seq", "numbers", "--out", str(out), "--max-digits", "2"]
    argv += ["--train-size", "20", "--test-size", "5", "--hidden-size", "8", "--epochs", "1"]
    assert main([*argv, "--lr", "inf"]) == 2
    assert capsys.readouterr().err == "error: --lr must be a positive finite number, got inf.\n"
    # one step (20 pairs, --batch-size 64): its loss is finite, the weights after it are not
    assert main([*argv, "--lr", "1e38"]) == 2
    assert capsys.readouterr().err == (
        "error: training diverged: 20 parameter tensors hold NaN or infinite values after "
        "training (first: source_embedding.weight). Try a lower learning rate than --lr=1e+38.\n"
    )
    assert not out.exists()


def test_train_numbers_refuses_a_config_that_is_not_a_seq2seq_config() -> None:
    # was: AttributeError ('dict' object has no attribute 'device')
    with pytest.raises(TypeError) as err:
        train_numbers({"epochs": 1})  # type: ignore[arg-type]
    assert str(err.value) == "`config` must be a Seq2SeqConfig, got dict."
