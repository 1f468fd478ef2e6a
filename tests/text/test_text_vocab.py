"""The vocabulary's exact cut-offs, tie order, special ids, round trips and padded batches."""

from __future__ import annotations

import pytest
import torch

from lstmkit.text.vocab import (
    PAD,
    UNK,
    Vocabulary,
    batches,
    length_batches,
    pad_batch,
    tokenize,
)

# counts: a 3, b 2, then c and d once each (ties alphabetically)
TEXTS = ["b a c", "a b", "d a"]


def test_tokenize_splits_on_any_run_of_whitespace_and_keeps_case() -> None:
    assert tokenize(" a  Good\tfilm\n") == ["a", "Good", "film"]
    vocab = Vocabulary.build(["good Good GOOD good"])
    assert vocab.itos == [PAD, UNK, "good", "GOOD", "Good"]  # 2, then 1 and 1 by code point
    assert vocab.encode("Good  film") == [4, 1]


@pytest.mark.parametrize(
    ("min_freq", "max_size", "kept"),
    [
        (1, None, ["a", "b", "c", "d"]),
        (2, None, ["a", "b"]),  # seen at least twice: b's 2 is enough
        (3, None, ["a"]),
        (4, None, []),
        (1, 3, ["a", "b", "c"]),  # the tie c/d cut alphabetically
        (1, 0, []),  # no ordinary token: the two special ones alone
        (2, 5, ["a", "b"]),
    ],
)
def test_min_freq_and_max_size_cut_offs(min_freq, max_size, kept) -> None:
    vocab = Vocabulary.build(TEXTS, min_freq=min_freq, max_size=max_size)
    assert vocab.itos == [PAD, UNK, *kept]
    assert len(vocab) == 2 + len(kept)


def test_cut_offs_below_their_range_are_refused_by_name() -> None:
    with pytest.raises(ValueError) as info:
        Vocabulary.build(TEXTS, min_freq=0)
    assert str(info.value) == "`min_freq` must be a positive integer, got 0."
    with pytest.raises(ValueError) as info:
        Vocabulary.build(TEXTS, max_size=-1)
    assert str(info.value) == "`max_size` must be an integer >= 0 or None, got -1."


def test_special_tokens_are_never_ordinary_ones() -> None:
    for special in (PAD, UNK):
        with pytest.raises(ValueError) as info:
            Vocabulary(["a", special])
        assert (
            str(info.value) == f"`tokens` must be unique and exclude <pad>/<unk>, got {special!r}."
        )
    # in texts they are dropped, however often they come
    vocab = Vocabulary.build(["<unk> <unk> a <pad> <pad> <pad>"])
    assert vocab.itos == [PAD, UNK, "a"]
    assert vocab.stoi == {PAD: 0, UNK: 1, "a": 2}


def test_repr_cuts_tokens_longer_than_20_characters_and_marks_more_than_5() -> None:
    five = Vocabulary(["x" * 20, "y" * 21, "c", "d", "e"])
    assert repr(five) == (
        "Vocabulary(size=7, special=['<pad>', '<unk>'], first=['"
        + "x" * 20
        + "', '"
        + "y" * 19
        + "…', 'c', 'd', 'e'])"
    )


def test_encode_decode_round_trip_and_the_range_of_ids() -> None:
    vocab = Vocabulary.build(TEXTS)  # <pad> 0, <unk> 1, a 2, b 3, c 4, d 5
    ids = vocab.encode("d c z b a")
    assert ids == [5, 4, 1, 3, 2]
    assert vocab.decode(ids) == "d c <unk> b a"
    assert vocab.decode([2, 0, 3, 0]) == "a b"
    assert vocab.decode([2, 0, 3, 0], skip_pad=False) == "a <pad> b <pad>"
    for bad in (6, -1):
        with pytest.raises(ValueError) as info:
            vocab.decode([2, bad])
        assert str(info.value) == f"`ids` must lie in [0, 6), got {bad}."


def test_save_writes_one_json_line_and_load_refuses_what_is_no_vocabulary(tmp_path) -> None:
    file = tmp_path / "vocab.json"
    Vocabulary(["a", "café"]).save(file)
    assert file.read_bytes() == '["<pad>", "<unk>", "a", "café"]'.encode()
    assert Vocabulary.load(file).itos == [PAD, UNK, "a", "café"]
    no_vocabulary = (
        f"{str(file)!r} is not a vocabulary file (a JSON list of tokens starting with <pad>, "
        "<unk>), got "
    )
    for content, got in (
        ('["<pad>", "a", "b"]', "a list starting with '<pad>', 'a'"),
        ('["<pad>", "<unk>", "a", 3]', "int 3 at index 3"),
        ('{"a": 2}', "dict {'a': 2}"),
    ):
        file.write_text(content, encoding="utf-8")
        with pytest.raises(ValueError) as info:
            Vocabulary.load(file)
        assert str(info.value) == no_vocabulary + got + "."
    with pytest.raises(IsADirectoryError) as folder:
        Vocabulary.load(tmp_path)  # a folder is no vocabulary file either: said so, not missing
    assert str(folder.value) == (
        f"`path` must be a vocabulary file, got the folder {str(tmp_path)!r}; it holds "
        f"vocab.json: pass {str(file)!r}."
    )
    file.write_text('["<pad>", "<unk>", "a", "<pad>"]', encoding="utf-8")
    with pytest.raises(ValueError) as info:
        Vocabulary.load(file)
    assert str(info.value) == (
        f"{str(file)!r} is not a vocabulary file: `tokens` must be unique and exclude "
        "<pad>/<unk>, got '<pad>'."
    )


def test_pad_batch_pads_with_the_given_id_to_the_longest_and_refuses_empty_sequences() -> None:
    tokens, lengths = pad_batch([[5, 6, 7], [8]], pad_id=9)
    assert tokens.tolist() == [[5, 6, 7], [8, 9, 9]]
    assert lengths.tolist() == [3, 1]
    assert tokens.dtype == lengths.dtype == torch.int64
    with pytest.raises(ValueError) as info:
        pad_batch([[1], []])
    assert str(info.value) == "`sequences` must all be non-empty, got an empty one."
    with pytest.raises(ValueError) as info:
        pad_batch([])
    assert str(info.value) == "`sequences` must hold at least one sequence, got none."


# lengths 4, 1, 6, 3, 5, 2; sequence k holds the token k + 1, its label is 10 + k
SEQS = [[k + 1] * n for k, n in enumerate((4, 1, 6, 3, 5, 2))]
LABELS = [10, 11, 12, 13, 14, 15]


def _labels(**options) -> list[list[int]]:
    return [y.tolist() for _, _, y in batches(SEQS, LABELS, 2, **options)]


def test_batches_in_order_bucketed_and_shuffled() -> None:
    first = next(iter(batches(SEQS, LABELS, 4)))
    assert first[0].tolist() == [
        [1, 1, 1, 1, 0, 0],
        [2, 0, 0, 0, 0, 0],
        [3, 3, 3, 3, 3, 3],
        [4, 4, 4, 0, 0, 0],
    ]
    assert first[1].tolist() == [4, 1, 6, 3] and first[2].tolist() == [10, 11, 12, 13]
    assert _labels() == [[10, 11], [12, 13], [14, 15]]
    assert [y.tolist() for *_, y in batches(SEQS[:5], LABELS[:5], 2)] == [[10, 11], [12, 13], [14]]
    # sorted by length within chunks of 50 batches (here: all of them), in batch order
    assert _labels(bucket=True) == [[11, 15], [13, 10], [14, 12]]
    # and with shuffle, the order of the batches is shuffled too (seed 0: golden)
    gen = torch.Generator().manual_seed(0)
    assert _labels(bucket=True, shuffle=True, generator=gen) == [[11, 15], [14, 12], [13, 10]]


def test_batches_refuse_a_batch_size_below_one_and_labels_that_do_not_pair_up() -> None:
    with pytest.raises(ValueError) as info:
        list(batches(SEQS, LABELS, 0))
    assert str(info.value) == "`batch_size` must be a positive integer, got 0."
    with pytest.raises(ValueError) as info:
        list(batches(SEQS, [*LABELS, 16], 2))
    assert str(info.value) == "`labels` must have one entry per sequence (6), got 7."


def test_length_batches_hold_the_rows_sorted_by_length_with_their_positions() -> None:
    got = [(pos, tok.tolist(), lens.tolist()) for pos, tok, lens in length_batches(SEQS, 4)]
    assert got == [
        ([1, 5, 3, 0], [[2, 0, 0, 0], [6, 6, 0, 0], [4, 4, 4, 0], [1, 1, 1, 1]], [1, 2, 3, 4]),
        ([4, 2], [[5, 5, 5, 5, 5, 0], [3, 3, 3, 3, 3, 3]], [5, 6]),
    ]
