"""revlm37: review of lm37. The numbers trainer's sample held 8 one-digit numbers among 20,000,
and its model spelt 7 "seventy"; spell and text spell decoded to different limits; a --top-k
past the alphabet was refused where nanoGPT and Hugging Face cap it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import seq2seq

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme() -> str:
    return " ".join(README.read_text(encoding="utf-8").split())


def test_split_numbers_gives_each_digit_count_its_share() -> None:
    """Seed 0's defaults: a sixth of the 20,000 for each digit count, every number below 1,000
    trained on (333 or 334 times each one-digit number), the 1,000 held out of 4 to 6 digits,
    distinct and never trained on."""
    train, test = seq2seq.split_numbers(20_000, 1_000, 6, torch.Generator().manual_seed(0))
    digits = Counter(len(str(n)) for n in train)
    assert [digits[d] for d in range(1, 7)] == [3334, 3334, 3333, 3333, 3333, 3333]
    assert seq2seq.training_shares(20_000, 6) == [3334, 3334, 3333, 3333, 3333, 3333]
    each = Counter(train)
    assert [each[n] for n in range(10)] == [334, 333, 333, 333, 334, 334, 333, 333, 334, 333]
    assert {each[n] for n in range(10, 100)} == {37, 38}
    assert {each[n] for n in range(100, 1000)} == {3, 4}
    assert all(each[n] == 1 for n in train if n >= 1000)  # distinct long numbers
    held = Counter(len(str(n)) for n in test)
    assert (len(set(test)), [held[d] for d in range(1, 7)]) == (1000, [0, 0, 0, 316, 334, 350])
    assert not set(train) & set(test)
    assert train[:5] == [14, 57871, 75, 27610, 6703]  # shuffled
    # a small one: 10 one-digit numbers are more than a share of 3, so some are held out
    assert seq2seq.split_numbers(6, 12, 2, torch.Generator().manual_seed(0)) == (
        [92, 0, 81, 2, 5, 25],
        [9, 70, 79, 83, 73, 66, 6, 8, 3, 84, 1, 99],
    )
    # a share of 15: every one-digit number, trained on, none held out
    train, test = seq2seq.split_numbers(30, 20, 2, torch.Generator().manual_seed(0))
    assert sorted(n for n in train if n < 10) == sorted([*range(10), 2, 8, 0, 7, 9])
    assert min(test) >= 10 and len(set(test)) == 20 and not set(train) & set(test)


@pytest.mark.parametrize(("train", "test", "digits"), [(2, 98, 2), (1, 9, 1), (0, 10, 1)])
def test_split_numbers_holds_out_as_many_as_config_allows(train: int, test: int, digits: int):
    """At the config's limit (train_size + test_size = 10**max_digits) the split fills both."""
    got_train, got_test = seq2seq.split_numbers(train, test, digits, torch.Generator())
    assert (len(got_train), len(set(got_test))) == (train, test)
    assert sorted(got_train + got_test) == list(range(10**digits))


def test_a_quick_training_spells_every_one_digit_number() -> None:
    """Trained on distinct numbers, a one-digit number was rare or held out, never learnt; with
    its share (3 of each here) a few seconds of training spells all ten."""
    config = seq2seq.Seq2SeqConfig(
        max_digits=2, train_size=60, test_size=20, embed_dim=16, hidden_size=48, num_layers=1,
        epochs=30, batch_size=10, lr=1e-2, progress=False,
    )  # fmt: skip
    model = seq2seq.train_numbers(config).model
    spelt = [seq2seq.spell(model, n) for n in range(10)]
    assert spelt == [seq2seq.number_to_words(n) for n in range(10)]


def test_readme_gives_the_rerun_figures_of_the_numbers_model() -> None:
    text = _readme()
    assert "| 1,000 | 99.8 % | 99.8 % | 28 s |" in text
    assert "(316, 334 and 350 of 4, 5 and 6 digits for seed 0" in text
    assert "each of the 10 one-digit numbers comes 333 or 334 times" in text
    assert "print(len(wrong), wrong) # 0 []" in text
    assert '`500441` → "five hundred four thousand forty one", `900005` → "nine hundred five"' in (
        text
    )
    assert "numbers of 1 or 2 digits are few" not in text


def _always_zero(folder: Path) -> seq2seq.Seq2Seq:
    """A saved model (of the default 6 digits) that says "zero" at every step, never <eos>."""
    model = seq2seq.Seq2Seq(len(seq2seq.SOURCE_TOKENS), len(seq2seq.TARGET_TOKENS), 4, 8, 1)
    with torch.no_grad():
        model.head.weight.zero_()
        model.head.bias.zero_()
        model.head.bias[seq2seq.TARGET_TOKENS.index("zero")] = 10.0
    seq2seq.save_seq2seq(seq2seq.Seq2SeqResult(model, seq2seq.Seq2SeqConfig()), folder)
    return model


def test_spell_and_text_spell_decode_to_one_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`text spell m 7` decoded up to 26 tokens (the model's 6 digits), spell(model, 7) 6: both
    decode to 4 * digits + 2 tokens of the number's digits, leading zeros dropped (a model that
    never ends writes as many words)."""
    model = _always_zero(tmp_path / "m")
    for number, words in (("7", 6), ("0042", 10), ("300017", 26)):
        assert main(["text", "spell", str(tmp_path / "m"), number]) == 0
        assert capsys.readouterr().out == " ".join(["zero"] * words) + "\n"
        assert seq2seq.spell(model, number) == " ".join(["zero"] * words)
        assert seq2seq.spell(model, number, max_digits=6) == " ".join(["zero"] * words)
        assert seq2seq.spell(model, number, beam_size=2) == " ".join(["zero"] * words)
    assert main(["text", "spell", str(tmp_path / "m"), "7", "--beam", "2"]) == 0
    assert capsys.readouterr().out == " ".join(["zero"] * 6) + "\n"


@pytest.fixture
def lm_dir(tmp_path: Path) -> Path:
    from lstmkit.text import CharLMConfig, CharVocab, save_charlm
    from lstmkit.text.charlm import CharLM, CharLMResult

    torch.manual_seed(0)
    lm = CharLM(4, 2, 4, 1)
    save_charlm(CharLMResult(lm, CharVocab(list("ab c")), CharLMConfig()), tmp_path / "lm")
    return tmp_path / "lm"


def test_top_k_past_the_alphabet_samples_among_all_of_it(
    lm_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--top-k 99 on an alphabet of 4 was refused; it samples as --top-k 4, with a note."""
    from lstmkit.text.charlm import generate, load_charlm

    argv = ["text", "generate", str(lm_dir), "--prompt", "ab", "--length", "20", "--seed", "3"]
    assert main([*argv, "--top-k", "4"]) == 0
    whole = capsys.readouterr()
    assert whole.err == ""
    assert main([*argv, "--top-k", "99"]) == 0
    assert capsys.readouterr() == (
        whole.out,
        "note: --top-k 99 is more than the model's alphabet of 4 characters: it samples among "
        "all 4, as --top-k 4 does.\n",
    )
    model, vocab = load_charlm(lm_dir)
    drawn = generate(model, vocab, "ab", 20, 0.8, top_k=99, seed=3)
    assert drawn == generate(model, vocab, "ab", 20, 0.8, top_k=None, seed=3) == whole.out[:-1]
    assert generate(model, vocab, "ab", 5, top_k=10**30, seed=1) == generate(
        model, vocab, "ab", 5, seed=1
    )
    with pytest.raises(ValueError, match=r"^`top_k` must be a positive integer or None, got 0\.$"):
        generate(model, vocab, "ab", 5, top_k=0)
