"""revlm37: review of lm37. The numbers trainer's sample held 8 one-digit numbers among 20,000,
and its model spelt 7 "seventy"; spell and text spell decoded to different limits; a --top-k
past the alphabet was refused where nanoGPT and Hugging Face cap it."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from lstmkit.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme() -> str:
    return " ".join(README.read_text(encoding="utf-8").split())


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
