"""lm37: README walk of "Character language model (Tiny Shakespeare)", "Sequence to sequence"
and "Stopping a run early", as a lecturer handing the commands to students."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.cli.text import _bits_and_perplexity
from lstmkit.text.charlm import CharLM

README = Path(__file__).resolve().parents[2] / "README.md"


def _readme() -> str:
    return " ".join(README.read_text(encoding="utf-8").split())


def test_bits_and_perplexity_by_hand() -> None:
    """train-lm gave its loss in nats alone, where char-RNN courses quote bits per character
    and perplexity: nats / ln 2 and e ** nats, written out here by hand."""
    assert _bits_and_perplexity(1.623) == "2.341 bits/char, perplexity 5.068"
    # 4 significant figures, as 5.068 (revlm39: "perplexity 65" dropped its zeros)
    assert _bits_and_perplexity(math.log(65)) == "6.022 bits/char, perplexity 65.00"
    assert _bits_and_perplexity(7.0) == "10.099 bits/char, perplexity 1,097"
    # past ln(1e6) a power of 10; past 709.8 nats math.exp would overflow
    assert _bits_and_perplexity(800.0) == "1154.156 bits/char, perplexity about 10^347"


def test_train_lm_line_gives_bits_per_char_and_perplexity(one_step_lm) -> None:
    first, metrics = one_step_lm
    loss = metrics["best_val_loss"]
    assert 1.5 < loss < 3.0  # near ln 11 = 2.398, an untrained model's over 11 characters
    assert first.startswith(
        f"abc.txt: best validation loss {loss:.4f} nats/char ({loss / math.log(2):.3f} "
        f"bits/char, perplexity {float(f'{math.exp(loss):.4g}'):#.4g}) of 1 check (step 1; "
    )


def test_readme_gives_the_three_minute_runs_loss_in_bits_and_perplexity() -> None:
    text = _readme()
    assert "reached **1.623 nats/char** on the validation text" in text
    assert "`best validation loss 1.6230 nats/char (2.341 bits/char, perplexity 5.068)`" in text
    assert f"{1.623 / math.log(2):.3f}" == "2.341" and f"{math.exp(1.623):.3f}" == "5.068"
    assert "ln 65 = 4.174 nats (6.022 bits, perplexity 65)" in text
    assert f"{math.log(65):.3f} {math.log2(65):.3f}" == "4.174 6.022"


def test_readme_parameter_count_of_the_charlm(bench_script) -> None:
    """876,929: the embedding, per LSTM layer 4·H·(I + H + 2) (torch's two bias vectors,
    b_ih and b_hh, where 4·H·(I + H + 1) counts one) and the read-out."""
    v, e, h = 65, 64, 256
    closed = v * e + 4 * h * (e + h + 2) + 4 * h * (h + h + 2) + h * v + v
    assert closed == 876_929
    assert sum(p.numel() for p in CharLM(vocab_size=v).parameters()) == closed
    text = _readme()
    assert "`CharLM (876,929 parameters)`" in text
    assert "so 329,728 and 526,336 (torch's LSTM has two bias vectors" in text
    assert (4 * h * (e + h + 2), 4 * h * (h + h + 2)) == (329_728, 526_336)
    assert closed - (4 * h * (e + h + 1) + 4 * h * (h + h + 1) + v * e + h * v + v) == 2_048
    layer = 4 * 128 * 128 + 4 * 128 + 2 * 128 * 512 + 512 + 128 + 2 * 256
    assert layer == 198_272
    assert 4 * layer + 65 * 128 + 64 * 128 + 256 + 128 * 65 + 65 == 818_241
    assert "the Transformer's 818,241 are 4 layers of 198,272" in text
    gpt = bench_script("charlm_vs_transformer").TinyGPT(65, 64, 4, 4, 128)
    assert sum(p.numel() for p in gpt.parameters()) == 818_241


@pytest.mark.parametrize("number", ["0", "007", "300017"])
def test_spell_no_words_note_tells_to_train_longer(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    number: str,
) -> None:
    """lm37's note that numbers of 1 or 2 digits are few in training went with its cause
    (revlm37: split_numbers trains on all of them): the note is the same for every number."""
    from lstmkit.text import seq2seq

    model = seq2seq.Seq2Seq(11, 6, 4, 8, 1)
    seq2seq.save_seq2seq(seq2seq.Seq2SeqResult(model, seq2seq.Seq2SeqConfig()), tmp_path / "s")
    monkeypatch.setattr(seq2seq, "_spelt", lambda *args: "")  # as _spell imports it
    assert main(["text", "spell", str(tmp_path / "s"), number, "--beam", "4"]) == 0
    captured = capsys.readouterr()
    shown = number.lstrip("0") or "0"
    assert (captured.out, captured.err) == (
        "\n",
        f"note: the model wrote no words for {shown} (an undertrained model ends at once; "
        "train it longer).\n",
    )


def test_readme_quotes_the_warning_a_ctrl_c_prints_at_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The README said "one line on stderr says so" of a Ctrl-C during training; two come: the
    warning at once, then the line of what was saved. The README quotes the first as logged."""
    import os
    import signal

    from lstmkit._interrupts import _stop_requests

    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        pytest.skip("Python's own Ctrl-C handler is not installed in this process")
    with caplog.at_level("WARNING"), _stop_requests() as request:
        os.kill(os.getpid(), signal.SIGINT)
    assert request.signal == "SIGINT"
    said = [r.getMessage() for r in caplog.records]
    assert said == [
        "Ctrl-C: training stops at the end of this step and keeps the best model so far; "
        "Ctrl-C again stops at once, keeping nothing"
    ]
    text = _readme()
    assert f"at once, `warning: {said[0]}` (`train-seq2seq`'s: `keeps the model so far`" in text


def test_spell_says_leading_zeros_were_dropped_from_the_digits_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'0000001234567' was "got 7 digits: '0000001234567'", 13 characters said to be 7."""
    from lstmkit.text import seq2seq

    model = seq2seq.Seq2Seq(11, 6, 4, 8, 1)
    seq2seq.save_seq2seq(seq2seq.Seq2SeqResult(model, seq2seq.Seq2SeqConfig()), tmp_path / "s")
    said = (
        "error: the number to spell (the argument after the model's folder) must have at most 6 "
        "digits (the model was trained on numbers of 1 to 6 digits), got 7 digits"
    )
    assert main(["text", "spell", str(tmp_path / "s"), "0000001234567"]) == 2
    assert capsys.readouterr().err == f"{said} (leading zeros dropped): '0000001234567'.\n"
    assert main(["text", "spell", str(tmp_path / "s"), "1234567"]) == 2
    assert capsys.readouterr().err == f"{said}: '1234567'.\n"
    with pytest.raises(
        ValueError,
        match=r"^`number` must have at most 2 digits \(max_digits=2\), "
        r"got 3 digits \(leading zeros dropped\): '00123'\.$",
    ):
        seq2seq.normalize_number("00123", max_digits=2)


@pytest.mark.parametrize(
    ("chars", "hint"),
    [
        ("ab\n", "leave --prompt out to start from a newline"),
        (
            "ab",
            "the model's alphabet has no newline to start from: give one of its characters, 'ab'",
        ),
    ],
)
def test_generate_tells_an_empty_prompt_how_to_start_from_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], chars: str, hint: str
) -> None:
    """`--prompt ""` (a text from nothing, as a student types it) was told "--prompt must be
    non-empty, got ''." alone; leaving the flag out starts from a newline."""
    from lstmkit.text import CharLMConfig, CharVocab, save_charlm
    from lstmkit.text.charlm import CharLMResult

    lm = CharLM(len(chars), 2, 4, 1)
    save_charlm(CharLMResult(lm, CharVocab(list(chars)), CharLMConfig()), tmp_path / "lm")
    assert main(["text", "generate", str(tmp_path / "lm"), "--prompt", "", "--seed", "0"]) == 2
    assert capsys.readouterr().err == f"error: --prompt must be non-empty, got '' ({hint}).\n"
    assert (
        'An empty `--prompt ""` is refused and told to leave the flag out, which starts from a '
        "newline." in _readme()
    )


@pytest.mark.parametrize("trainer", ["seq2seq", "charlm"])
def test_ctrl_c_warning_says_what_the_trainer_keeps(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, trainer: str
) -> None:
    """train-seq2seq's Ctrl-C warned "keeps the best model so far", where it chooses no best
    check and keeps the model of the last step (its last line said "the model so far")."""
    import signal

    from lstmkit.text import charlm, seq2seq
    from lstmkit.train import TrainingInterrupted

    module = seq2seq if trainer == "seq2seq" else charlm
    real = module.check_loss
    sent: list[str] = []

    def check_loss(loss: object, where: str, lr: float, **untrained: object) -> float:
        if not sent:
            sent.append(where)
            signal.raise_signal(signal.SIGINT)
        return real(loss, where, lr, **untrained)

    monkeypatch.setattr(module, "check_loss", check_loss)
    s2s = seq2seq.Seq2SeqConfig(
        max_digits=2, train_size=40, test_size=6, embed_dim=4, hidden_size=6, epochs=1,
        batch_size=8, progress=False,
    )  # fmt: skip
    lm = charlm.CharLMConfig(
        embed_dim=4, hidden_size=8, num_layers=1, batch_size=2, bptt=8, max_steps=5,
        eval_every=2, progress=False,
    )  # fmt: skip
    with caplog.at_level("WARNING"), pytest.raises(TrainingInterrupted):
        if trainer == "seq2seq":
            seq2seq.train_numbers(s2s)
        else:
            charlm.train_charlm("abcd\n" * 40, lm)
    kept = "the model so far" if trainer == "seq2seq" else "the best model so far"
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"Ctrl-C: training stops at the end of this step and keeps {kept}; Ctrl-C again stops "
        "at once, keeping nothing"
    ]
