"""Fixes of left33b: explanation and text leftovers.

(a) a one-element ``target`` ([1], ``tensor([1])``) for a batch of several sequences was read as
1 for every sequence, silently: refused as Captum refuses a list that is not one per example
(an int, or a 0-d tensor, is still one for all); (b) ``lrp_seq2seq`` warned of no blown-up
relevances; (c) ``compare`` of one sequence gave its AOPC's standard error as 0.0 ("0.0000");
(d) ``text generate --length 1000000000`` showed nothing until Ctrl-C; (e) a prompt that is not
UTF-8 was refused as ['\\udce9'] with no word why; (f) ``load_charlm``'s isinstance of a union.

Measured for (b) (float64, hidden 16, 20 epochs of a daily seasonal series, horizon 7, output
step 6, the mean over the forecaster's members): a trained seq2seq forecaster's largest
|relevance| of the lags over the score was 0.004, 0.015 and 0.006 (LSTM, lookback 24, 96 and
384) at eps=1e-3 (0.003, 0.004, 0.004 at eps=0.1), and of the decoder inputs 1.17, 1.15 and 2.69
(0.13, 0.02, 0.50): far below the 1e6 bound, and no warning. The one-unit amplifying encoder
below reaches 1.03e13 at 48 steps.
"""

from __future__ import annotations

import ast
import inspect
import io
import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from lstmkit.cli import main
from lstmkit.explain import compare, explain, lrp, lrp_seq2seq
from lstmkit.text import CharLM, CharLMConfig, CharVocab, TextClassifier, charlm, save_charlm
from lstmkit.text.charlm import CharLMResult, generate

# ---- (a) a one-element target for several sequences ----------------------------------------


def _classifier() -> TextClassifier:
    torch.manual_seed(0)
    return TextClassifier(20, 4, 3, 2).double()


_TOKENS = torch.tensor([[3, 4, 5], [6, 7, 8]])


@pytest.mark.parametrize(
    "target", [[1], (1,), torch.tensor([1]), np.array([1])], ids=["list", "tuple", "tensor", "np"]
)
@pytest.mark.parametrize("method", ["lrp", "gradxinput", "ig", "occlusion"])
def test_a_one_element_target_for_several_sequences_is_refused(target, method) -> None:
    # it was read as 1 for each of the 2 sequences, where a list is one index per sequence
    message = (
        "`target` must be an integer or one index per sequence (2), got 1 value ([1]): pass the "
        "integer 1 to explain it for every sequence, or a list of 2."
    )
    with pytest.raises(ValueError, match=re.escape(message) + "$"):
        explain(_classifier(), _TOKENS, target, method=method)
    if method == "lrp":
        with pytest.raises(ValueError, match=re.escape(message) + "$"):
            lrp(_classifier(), _TOKENS, target=target)


def test_an_integer_target_is_still_one_for_all_and_one_element_one_for_one() -> None:
    model = _classifier()
    both = lrp(model, _TOKENS, target=1)
    assert both.target.tolist() == [1, 1]
    assert lrp(model, _TOKENS, target=torch.tensor(1)).target.tolist() == [1, 1]  # 0-d
    assert torch.equal(lrp(model, _TOKENS, target=[1, 1]).relevance, both.relevance)
    one = lrp(model, _TOKENS[:1], target=[1])
    assert one.target.tolist() == [1] and torch.equal(one.relevance, both.relevance[:1])


# ---- (b) lrp_seq2seq's relevances blown up through a long sequence ----------------------------


class _AmplifyingSeq2Seq(nn.Module):
    """test_exp33_fixes's one-unit amplifying LSTM as the encoder (each step hands its
    predecessor ~1.9 times its relevance); the decoder, input and forget open, carries the
    encoder's cell state to the head."""

    def __init__(self) -> None:
        super().__init__()
        self.encoder = nn.LSTM(1, 1, batch_first=True)
        self.decoder = nn.LSTM(1, 1, batch_first=True)
        self.head = nn.Linear(1, 1)
        with torch.no_grad():
            for p in self.parameters():
                p.zero_()
            self.encoder.weight_ih_l0[:, 0] = torch.tensor([0.0, 0.0, -0.926, 0.0])
            self.encoder.weight_hh_l0[:, 0] = torch.tensor([0.0, 0.0, 3.0, 0.0])
            self.encoder.bias_ih_l0[:] = torch.tensor([20.0, -20.0, 0.0, 20.0])
            self.decoder.bias_ih_l0[:] = torch.tensor([-20.0, 20.0, 0.0, 20.0])
            self.head.weight[0, 0] = 1.0
        self.double()

    def forward(self, x: torch.Tensor, future: torch.Tensor) -> torch.Tensor:
        _, state = self.encoder(x)
        return self.head(self.decoder(future, state)[0]).squeeze(-1)


def _seq2seq_window(steps: int) -> torch.Tensor:
    x = torch.full((1, steps, 1), 1.0, dtype=torch.float64)
    x[0, 0, 0] = -2.0  # the kick that sets h positive, where the others amplify
    return x


def test_lrp_seq2seq_warns_of_relevances_blown_up_in_lrps_words() -> None:
    # it said nothing: lrp, explain and explain_forecast warned, lrp_seq2seq did not
    model, future = _AmplifyingSeq2Seq(), torch.zeros(1, 2, 1, dtype=torch.float64)
    x = _seq2seq_window(48)
    with pytest.warns(UserWarning) as seen:
        ex = lrp_seq2seq(model, x, future, 1)
    assert [str(w.message) for w in seen] == [
        "the LRP relevances blew up through the long sequence: the sequence of 48 steps has a "
        "relevance of magnitude 1.03e+13 for a score of 0.6421 (more than 1e+06 times it), "
        "amplified step by step at eps=0.001, so they say little about its steps; pass "
        "eps=0.1, which keeps long sequences' relevances near the score."
    ]
    assert seen[0].filename == __file__  # the caller's line
    assert float(ex.relevance.abs().max()) == pytest.approx(1.0326228e13, rel=1e-6)  # as computed
    # in a batch, the one that blew up is named; a calm one (no kick) hands back less
    calm = torch.ones_like(x)
    with pytest.warns(UserWarning) as seen:
        lrp_seq2seq(model, torch.cat([calm, x]), future.expand(2, 2, 1), 1)
    assert str(seen[0].message).startswith(
        "1 of the 2 sequences' LRP relevances blew up through the long sequence: sequence 2 of "
        "48 steps has a relevance of magnitude 1.03e+13"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        short = lrp_seq2seq(model, x[:, :12], future, 1)  # 615 times the score: below 1e6
    assert float(short.relevance.abs().max()) == pytest.approx(615.38218, rel=1e-6)


def test_lrp_seq2seq_compares_a_score_near_0_with_input_x_gradient() -> None:
    # the head's bias cancels the score to 1.25e-11: 1e6 times it bounds the relevances of
    # 1.3e5 that rounding leaves, which the sum of |input × gradient| over inputs and future
    # (0.88) does not call blown up, as lrp's check does not
    from lstmkit.explain._blown import blown_rows
    from lstmkit.explain.lrp import _seq2seq_gradient_totals

    model, future = _AmplifyingSeq2Seq(), torch.zeros(1, 2, 1, dtype=torch.float64)
    x = _seq2seq_window(48)
    with torch.no_grad():
        model.head.bias[0] = -0.6420577925
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ex = lrp_seq2seq(model, x, future, 1)
    assert float(ex.score[0]) == pytest.approx(1.2533e-11, rel=1e-3)
    assert float(ex.relevance.abs().max()) == pytest.approx(129623.37, rel=1e-6)
    assert blown_rows(ex.relevance.tolist(), ex.score.tolist())  # the score's bound alone
    totals = _seq2seq_gradient_totals(model, x, future, ex.target)
    assert totals == [pytest.approx(0.8800528270784844, rel=1e-9)]


# ---- (c) the standard error of one sequence's AOPC -------------------------------------------


def test_compare_of_one_sequence_shows_its_standard_error_as_undefined() -> None:
    # it was 0.0, printed "0.0000" as if one sequence's AOPC were the exact mean
    model = _classifier()
    one = compare(model, _TOKENS[:1], 1, methods=("gradxinput",), steps=2)
    assert math.isnan(one.aopc_std_error["gradxinput"])
    assert one.table().splitlines()[2].split(" | ")[2] == "n/a"
    two = compare(model, _TOKENS, 1, methods=("gradxinput",), steps=2)
    error = two.aopc_std_error["gradxinput"]
    assert error > 0 and two.table().splitlines()[2].split(" | ")[2] == f"{error:.4f}"


# ---- (d) a progress bar for long generations; (e) a prompt that is not UTF-8 ------------------


@pytest.fixture
def lm_folder(tmp_path: Path) -> Path:
    torch.manual_seed(0)
    save_charlm(CharLMResult(CharLM(3, 2, 2, 1), CharVocab("abé"), CharLMConfig()), tmp_path)
    return tmp_path


def test_generate_draws_a_bar_over_the_characters(monkeypatch, lm_folder) -> None:
    bars = []
    real = charlm.progress_bar

    def recorded(progress, **kwargs):
        bar = real(True, file=io.StringIO(), **kwargs)  # drawn into a buffer, counted
        bars.append((progress, kwargs, bar))
        return bar

    monkeypatch.setattr(charlm, "progress_bar", recorded)
    model, vocab = charlm.load_charlm(lm_folder)
    text = generate(model, vocab, "a", length=25, seed=0, progress=True)
    (progress, kwargs, bar) = bars.pop()
    assert progress is True and bar.n == 25 == len(text) - 1
    assert kwargs == {"total": 25, "desc": "generate", "unit": "char", "leave": False, "delay": 2.0}
    assert generate(model, vocab, "a", length=25, seed=0) == text  # the same text, bar or not
    assert bars.pop()[0] is None  # the default: drawn where stderr is a terminal
    # the command's --progress / --no-progress, as the other commands' (None: not given)
    for flags, expected in (([], None), (["--progress"], True), (["--no-progress"], False)):
        argv = ["text", "generate", str(lm_folder), "--prompt", "a", "--length", "5", *flags]
        assert main(argv) == 0
        assert bars.pop()[0] is expected


def test_generate_refuses_a_progress_that_is_not_a_bool(lm_folder) -> None:
    model, vocab = charlm.load_charlm(lm_folder)
    message = "`progress` must be True, False or None, got 'yes'."
    with pytest.raises(TypeError, match=re.escape(message) + "$"):
        generate(model, vocab, "a", length=3, progress="yes")  # type: ignore[arg-type]


def test_a_prompt_that_is_not_utf8_is_told_so(lm_folder, capsys) -> None:
    # `--prompt $'a\xe9'` on a Latin-1 terminal reaches Python as 'a\udce9', which was refused
    # as ['\udce9'] with no word about the bytes or the terminal
    argv = ["text", "generate", str(lm_folder), "--length", "3", "--seed", "0", "--prompt"]
    assert main([*argv, "a\udce9"]) == 2
    assert capsys.readouterr().err == (
        "error: --prompt contains characters outside the model's alphabet: ['\\udce9'] (the "
        "byte b'\\xe9' is not UTF-8, which Python reads: typed in another encoding, Latin-1 "
        "say; set the terminal's encoding to UTF-8, or give the prompt in UTF-8); allowed: "
        "'abé'.\n"
    )
    assert main([*argv, "\udce9\udce8"]) == 2
    assert "['\\udce8', '\\udce9'] (the bytes b'\\xe9\\xe8' are not UTF-8," in (
        capsys.readouterr().err
    )
    assert main([*argv, "ax"]) == 2  # another character is told as before
    assert capsys.readouterr().err == (
        "error: --prompt contains characters outside the model's alphabet: ['x']; allowed: 'abé'.\n"
    )


# ---- (f) load_charlm's isinstance with a tuple --------------------------------------------------


def test_load_charlm_checks_types_with_a_tuple_not_a_union() -> None:
    # `isinstance(chars, str | list)`: the house rule asks for `(str, list)`
    tree = ast.parse(inspect.getsource(charlm.load_charlm).lstrip())
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "isinstance"
    ]
    assert calls and not [c.lineno for c in calls if isinstance(c.args[1], ast.BinOp)]
