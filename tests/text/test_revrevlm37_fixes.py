"""revrevlm37: review of revlm37. Training repeats the short numbers now, but the config still
asked for ``train_size + test_size <= 10**max_digits`` distinct numbers: ``--max-digits 4``
with the default sizes was refused though 4,000 four-digit numbers are left to hold out, and
``split_numbers`` given more than it can hold out failed inside torch."""

from __future__ import annotations

from collections import Counter

import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import seq2seq
from lstmkit.text._configs import held_out_room


def test_max_digits_4_with_the_default_sizes_is_taken() -> None:
    """Was "`train_size + test_size` must be <= 10000 distinct numbers of up to 4 digits"."""
    config = seq2seq.Seq2SeqConfig(max_digits=4)
    assert (config.train_size, config.test_size, held_out_room(20_000, 4)) == (20_000, 1_000, 4000)
    train, test = seq2seq.split_numbers(20_000, 1_000, 4, torch.Generator().manual_seed(0))
    assert (len(train), len(set(test)), not set(train) & set(test)) == (20_000, 1_000, True)
    assert Counter(len(str(n)) for n in test) == {4: 1000}
    assert Counter(len(str(n)) for n in train) == {1: 5000, 2: 5000, 3: 5000, 4: 5000}
    # 60 + 50 > 100, and 60 leave the 60 two-digit numbers beyond their 30 to hold out
    assert seq2seq.Seq2SeqConfig(max_digits=2, train_size=60, test_size=50).test_size == 50


def test_too_many_held_out_names_the_room_and_a_train_size_that_leaves_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(ValueError) as info:
        seq2seq.Seq2SeqConfig(max_digits=1, train_size=100, test_size=1)
    assert str(info.value) == (
        "`test_size` must be <= 0 for `train_size` 100 and `max_digits` 1, the numbers of up "
        "to 1 digit left out of the training (it takes an equal share of each digit count, "
        "every number of a count with no more numbers than its share), got 1: a `train_size` "
        "of at most 9 leaves 1, and a larger `max_digits` has more."
    )
    assert seq2seq.Seq2SeqConfig(max_digits=1, train_size=9, test_size=1).train_size == 9
    # split_numbers itself: was torch's "random_ expects 'from' to be less than 'to'"
    with pytest.raises(ValueError) as direct:
        seq2seq.split_numbers(100, 1, 1, torch.Generator())
    assert str(direct.value) == str(info.value)
    assert main(["text", "train-seq2seq", "numbers", "--max-digits", "3", "--out", "m"]) == 2
    assert capsys.readouterr().err.endswith(
        "error: --test-size must be <= 0 for --train-size 20000 and --max-digits 3, the numbers "
        "of up to 3 digits left out of the training (it takes an equal share of each digit "
        "count, every number of a count with no more numbers than its share), got 1000: there "
        "are 1000 numbers of up to 3 digits in all, and a larger --max-digits has more.\n"
    )
    with pytest.raises(ValueError, match=r"must be <= 999999999 .* there are 1000000000 numbers"):
        seq2seq.Seq2SeqConfig(max_digits=9, train_size=1, test_size=10**9)


@pytest.mark.parametrize("digits", [1, 2, 3])
@pytest.mark.parametrize("train_size", [1, 7, 13, 200, 299, 2999])
def test_split_holds_out_up_to_the_room_the_config_allows(digits: int, train_size: int) -> None:
    """At the limit, train_size not divisible by the digit count, the split fills both sets,
    distinct held-out numbers never trained on; one more is refused."""
    room = held_out_room(train_size, digits)
    if room:
        config = seq2seq.Seq2SeqConfig(max_digits=digits, train_size=train_size, test_size=room)
        train, test = seq2seq.split_numbers(train_size, room, digits, torch.Generator())
        assert (len(train), len(set(test)), config.test_size) == (train_size, room, room)
        assert not set(train) & set(test)
        assert set(train) | set(test) == set(range(10**digits)) or train_size < 10**digits
    with pytest.raises(ValueError, match=rf"^`test_size` must be <= {room} for"):
        seq2seq.Seq2SeqConfig(max_digits=digits, train_size=train_size, test_size=room + 1)


@pytest.mark.parametrize("digits", range(4, 10))
def test_split_of_longer_numbers_is_disjoint_for_odd_sizes(digits: int) -> None:
    for train_size, test_size in ((7, 3), (13, 1), (1001, 999)):
        train, test = seq2seq.split_numbers(
            train_size, test_size, digits, torch.Generator().manual_seed(1)
        )
        assert (len(train), len(set(test))) == (train_size, test_size)
        assert not set(train) & set(test)
        assert max(train + test) < 10**digits


def test_readme_says_what_can_be_held_out() -> None:
    from pathlib import Path

    readme = Path(__file__).resolve().parents[2] / "README.md"
    text = " ".join(readme.read_text(encoding="utf-8").split())
    assert "`--max-digits 4` holds its 1,000 out of the 4,000 four-digit numbers" in text
    assert "`--max-digits 3 --train-size 2000 --test-size 200` holds out 200" in text
    assert seq2seq.Seq2SeqConfig(max_digits=3, train_size=2000, test_size=200).test_size == 200
    assert seq2seq.Seq2SeqConfig(max_digits=3, train_size=2000, test_size=234).test_size == 234
