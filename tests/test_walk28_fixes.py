"""Fixes from walking README's character LM and seq2seq sections (walk28)."""

import pytest
import torch

from lstmkit.text.charlm import CharLM, CharLMConfig, CharLMResult, CharVocab, generate
from lstmkit.text.seq2seq import (
    Seq2Seq,
    Seq2SeqConfig,
    Seq2SeqResult,
    beam_decode,
    greedy_decode,
    max_output_len,
    spell,
)


@pytest.fixture
def charlm() -> tuple[CharLM, CharVocab]:
    torch.manual_seed(0)
    vocab = CharVocab.from_text("ab\n")
    return CharLM(len(vocab), embed_dim=4, hidden_size=4, num_layers=1), vocab


def test_generate_refuses_a_result_for_the_model(charlm):
    # a CharLMResult failed as AttributeError "'CharLMResult' object has no attribute ..."
    model, vocab = charlm
    result = CharLMResult(model, vocab, CharLMConfig(), {})
    with pytest.raises(TypeError) as e:
        generate(result, vocab, "a")
    assert str(e.value) == (
        "`model` must be a CharLM, got CharLMResult; pass its `.model` (and its `.vocab` as "
        "`vocab`)."
    )


def test_generate_lists_model_and_vocab_swapped(charlm):
    # swapped, it failed as "'CharLM' object has no attribute 'stoi'"
    model, vocab = charlm
    with pytest.raises(TypeError) as e:
        generate(vocab, model, "a")
    assert str(e.value) == (
        "`model` must be a CharLM, got CharVocab. `vocab` must be a CharVocab (load_charlm "
        "returns it with the model), got CharLM."
    )
    with pytest.raises(TypeError) as e:
        generate(model, "ab\n", "a")
    assert str(e.value) == (
        "`vocab` must be a CharVocab (load_charlm returns it with the model), got str."
    )


def test_generate_refuses_another_texts_alphabet(charlm):
    # a smaller alphabet failed in decoding ("`ids` must lie in [0, 2)"); a larger one of
    # the same size class sampled other characters silently
    model, _ = charlm
    with pytest.raises(ValueError) as e:
        generate(model, CharVocab.from_text("ab"), "a", length=-1)
    assert str(e.value) == (
        "`vocab` has 2 characters but `model` predicts 3 (its `vocab_size`); pass the alphabet "
        "it was trained with (load_charlm returns both). `length` must be an integer >= 0, "
        "got -1."
    )
    with pytest.raises(ValueError, match=r"^`vocab` has 4 characters but `model` predicts 3 "):
        generate(model, CharVocab.from_text("abc\n"), "a")
    assert generate(model, charlm[1], "a", length=2, seed=0) == generate(
        model, charlm[1], "a", length=2, seed=0
    )


@pytest.fixture
def seq2seq() -> Seq2Seq:
    torch.manual_seed(0)
    return Seq2Seq(source_vocab=11, target_vocab=5, embed_dim=4, hidden_size=4, num_layers=1)


def test_decoders_refuse_a_result_for_the_model(seq2seq):
    # train_numbers' result failed as "'Seq2SeqResult' object has no attribute 'source_vocab'"
    result = Seq2SeqResult(seq2seq, Seq2SeqConfig())
    said = "`model` must be a Seq2Seq, got Seq2SeqResult; pass its `.model`."
    for call in (
        lambda: spell(result, 42),
        lambda: greedy_decode(result, [[5, 1]]),
        lambda: beam_decode(result, [5, 1]),
    ):
        with pytest.raises(TypeError) as e:
            call()
        assert str(e.value) == said
    with pytest.raises(TypeError) as e:
        beam_decode(None, [5, 1])
    assert str(e.value) == "`model` must be a Seq2Seq, got NoneType."


def test_beam_decode_refuses_a_batch_as_a_type(seq2seq):
    # [[5, 1, 2]] (greedy_decode's form) was a ValueError "must hold int ids in [1, 11) ...",
    # where the same batch as a 2-D tensor was a TypeError
    with pytest.raises(TypeError) as e:
        beam_decode(seq2seq, [[5, 1, 2]], beam_size=2, max_len=2)
    assert str(e.value) == (
        "`source` must be one sequence of ids (e.g. [5, 1, 2]), got list [[5, 1, 2]], a batch "
        "of sources (as greedy_decode takes them); beam_decode decodes one: pass each of them."
    )
    with pytest.raises(ValueError) as e:  # an id out of range is still a value problem
        beam_decode(seq2seq, [5, 11], beam_size=2, max_len=2)
    assert str(e.value) == (
        "`source` must hold int ids in [1, 11) (0 is padding; the digit 0 is id 1), got [5, 11]."
    )


def test_max_output_len_checks_its_argument():
    # 0 gave 2, "3" failed as "can only concatenate str (not "int") to str"
    assert [max_output_len(k) for k in (1, 6, 9, 31)] == [6, 26, 38, 126]
    with pytest.raises(ValueError) as e:
        max_output_len(0)
    assert str(e.value) == "`max_digits` must be a positive integer, got 0."
    with pytest.raises(TypeError) as e:
        max_output_len("3")
    assert (
        str(e.value) == "`max_digits` must be a positive integer, got '3' (a number, not text: 3)."
    )
    with pytest.raises(TypeError) as e:
        max_output_len(True)
    assert str(e.value) == "`max_digits` must be a positive integer, got True."


def test_model_commands_name_the_saved_models_inside_a_parent_folder(tmp_path, capsys, charlm):
    # `generate runs` for `--out runs/lm` said only what the folder lacks, not where the
    # models it holds are
    from lstmkit.cli import main
    from lstmkit.text.charlm import save_charlm
    from lstmkit.text.seq2seq import save_seq2seq

    model, vocab = charlm
    for name in ("lm", "lm2"):
        save_charlm(CharLMResult(model, vocab, CharLMConfig(), {}), tmp_path / name)
    save_seq2seq(Seq2SeqResult(Seq2Seq(11, 5, 4, 4, 1), Seq2SeqConfig()), tmp_path / "run/model")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "config.json").write_text("not json")
    runs = str(tmp_path)
    assert main(["text", "generate", runs]) == 2
    assert capsys.readouterr().err == (
        f"error: {runs!r} is not a saved lstmkit charlm model: missing config.json, "
        "model.safetensors (in it and in its model/ subfolder); give one of the folders in it "
        f"that hold one: {str(tmp_path / 'lm')!r}, {str(tmp_path / 'lm2')!r}.\n"
    )
    assert main(["text", "spell", runs, "12"]) == 2  # a run folder's model/ counts too
    assert capsys.readouterr().err == (
        f"error: {runs!r} is not a saved lstmkit seq2seq model: missing config.json, "
        "model.safetensors (in it and in its model/ subfolder); give the folder in it: "
        f"{str(tmp_path / 'run')!r}.\n"
    )
    assert main(["text", "predict", runs, "hi"]) == 2  # none of its kind: as before
    assert capsys.readouterr().err == (
        f"error: {runs!r} is not a saved lstmkit classifier model: missing config.json, "
        "model.safetensors, vocab.json (in it and in its model/ subfolder).\n"
    )


def test_spell_says_the_number_with_the_beam(tmp_path, capsys, flags_refusal):
    # `spell m 4.5 --beam 0` told --beam's problem alone, the number's only once that was fixed
    from lstmkit.cli import main

    number = (
        "umber to spell (the argument after the model's folder) must be a non-empty string of "
        "digits 0-9, got '4.5'."
    )
    folder = str(tmp_path / "none")  # checked after them: nothing is read for a refusal
    assert main(["text", "spell", folder, "4.5", "--beam", "0"]) == 2
    assert (
        capsys.readouterr().err
        == f"error: --beam must be a positive integer, got 0. The n{number}\n"
    )
    said = flags_refusal(["text", "spell", folder, "4.5", "--beam", "x"])  # refused in the parse
    assert said == f"error: --beam must be an integer, got 'x'. The n{number}\n"
    assert main(["text", "spell", folder, "4.5"]) == 2
    assert capsys.readouterr().err == f"error: the n{number}\n"
