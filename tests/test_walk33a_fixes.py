"""walk33a: the character LM's sampling settings given as text, told the number they read as."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import torch

from lstmkit.text.charlm import CharLM, CharVocab, generate, sample_next


def _model() -> tuple[CharLM, CharVocab]:
    torch.manual_seed(0)
    vocab = CharVocab(list("abc\n"))
    return CharLM(len(vocab), 4, 8, 1), vocab


@pytest.mark.parametrize(
    ("temperature", "message"),
    [
        # length, top_k and seed given as text were told the number; temperature was not
        ("0.8", "`temperature` must be a real number, got '0.8' (a number, not text: 0.8)."),
        (
            "-1",
            "`temperature` must be a real number, got '-1' (a number, not text: -1; but -1 would "
            "be refused too).",
        ),
        ("nan", "`temperature` must be a real number, got 'nan' (not a number)."),
    ],
)
def test_generate_tells_a_temperature_given_as_text_the_number_it_reads_as(
    temperature: str, message: str
) -> None:
    model, vocab = _model()
    with pytest.raises(TypeError) as err:
        generate(model, vocab, "ab", 3, temperature=temperature)  # type: ignore[arg-type]
    assert str(err.value) == message
    assert isinstance(err.value, ValueError)  # as the configs' text for a number


def test_generate_tells_every_text_setting_at_once() -> None:
    model, vocab = _model()
    with pytest.raises(TypeError) as err:
        generate(model, vocab, "ab", "5", temperature="0.5", top_k="0")  # type: ignore[arg-type]
    assert str(err.value) == (
        "`length` must be an integer, got '5' (a number, not text: 5). `top_k` must be an "
        "integer or None, got '0' (a number, not text: 0; but 0 would be refused too). "
        "`temperature` must be a real number, got '0.5' (a number, not text: 0.5)."
    )
    # the numbers themselves sample as before: the text is the same as with 0.5 given as such
    assert generate(model, vocab, "ab", 5, temperature=0.5, seed=1) == generate(
        model, vocab, "ab", 5, temperature=float("0.5"), seed=1
    )


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        # sample_next said "got '2'." where generate told the number
        ({"top_k": "2"}, "`top_k` must be an integer or None, got '2' (a number, not text: 2)."),
        (
            {"temperature": "-2", "top_k": "0"},
            "`temperature` must be a real number, got '-2' (a number, not text: -2; but -2 would "
            "be refused too). `top_k` must be an integer or None, got '0' (a number, not text: "
            "0; but 0 would be refused too).",
        ),
        (
            {"top_k": "2.5"},
            "`top_k` must be an integer or None, got '2.5' (a number, not text: 2.5; but 2.5 "
            "would be refused too).",
        ),
    ],
)
def test_sample_next_tells_text_settings_the_number_they_read_as(
    settings: dict[str, str], message: str
) -> None:
    with pytest.raises(TypeError) as err:
        sample_next(torch.zeros(3), **settings)  # type: ignore[arg-type]
    assert str(err.value) == message


def test_generate_tells_a_prompt_with_separate_accents_that_composed_it_fits() -> None:
    # 'é' typed as 'e' and U+0301 (a macOS file name, a copied text) was told "['́']", a lone
    # accent, beside an alphabet that shows 'é'
    vocab = CharVocab(list("Caf\u00e9 \n"))
    model = CharLM(len(vocab), 4, 8, 1)
    with pytest.raises(ValueError) as err:
        generate(model, vocab, "Cafe\u0301", 2, seed=0)
    assert str(err.value) == (
        "`prompt` contains characters outside the model's alphabet: ['e', '\u0301'] (accents "
        "written as separate characters: composed, as Unicode's NFC writes them, they are in "
        "the alphabet); allowed: 'Caf\u00e9 \\n'."
    )
    # no hint where composing leaves characters outside, nor where nothing composes
    for prompt, outside in (("Cafe\u0301x", "['e', 'x', '\u0301']"), ("Cafx", "['x']")):
        with pytest.raises(ValueError) as err:
            generate(model, vocab, prompt, 2, seed=0)
        assert str(err.value) == (
            f"`prompt` contains characters outside the model's alphabet: {outside}; allowed: "
            "'Caf\u00e9 \\n'."
        )
    # the prompt written composed is read as before
    assert generate(model, vocab, "Caf\u00e9", 0) == "Caf\u00e9"


def test_cli_generate_tells_a_decomposed_prompt_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from lstmkit.cli import main
    from lstmkit.text.charlm import CharLMConfig, save_charlm, train_charlm

    config = CharLMConfig(embed_dim=4, hidden_size=8, num_layers=1, batch_size=2, bptt=8)
    config = dataclasses.replace(config, max_steps=1, progress=False)
    out = tmp_path / "lm"
    save_charlm(train_charlm("Caf\u00e9 au lait. " * 20, config), out)
    argv = ["text", "generate", str(out), "--prompt", "Cafe\u0301", "--length", "3"]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "error: --prompt contains characters outside the model's alphabet: ['e', '\u0301'] "
        "(accents written as separate characters: composed, as Unicode's NFC writes them, they "
        "are in the alphabet); allowed: ' .Cafiltu\u00e9'.\n"
    )
