"""Fixes of exp33: LRP relevances blown up through a long series warned of on every route
(``lrp``, ``explain``, ``explain_forecast``, ``lstmkit explain``), a score of 0 and relevances
that are not finite; deletion_curve's refusal without lengths is checked in test_exp32_fixes.

Measured (float64, one thread): a one-unit LSTM (or GRU) whose candidate settles at a small
pre-activation fed mostly by ``h`` hands each step's predecessor ~1.9 times its relevance. Its
largest |relevance| over the score, at eps=1e-3 (eps=0.1):

    steps      12      48       96       192      400       1,200
    LSTM      957   1.6e13   7.0e26   1.3e54   1.7e113   nan (115 not finite)   (336, 1.9e11,
              8.7e22, 1.9e46, 6.7e96, 1.8e291)
    GRU       679   2.0e12   8.7e24   1.6e50   8.8e104   nan (28 not finite)    (307, 7.8e10,
              1.3e22, 3.3e44, 1.2e93, 7.9e279)

Trained forecasters of a daily seasonal series (hidden 16, 40 epochs) stay far below the 1e6
bound: at lookback 24, 96, 384 and 1,000 the LSTM's reached 0.26, 1.3, 2.3 and 3.5 times the
score at eps=1e-3 (0.18, 0.49, 0.36, 0.16 at eps=0.1), the GRU's 4.4, 1.1, 1.0 and 0.85
(0.21, 0.12, 0.26, 0.45).
"""

import warnings

import numpy as np
import pandas as pd
import pytest
import torch
from torch import nn

from lstmkit.explain import explain, explain_forecast, lrp
from lstmkit.explain.lrp import _lrp


class _Amplifier(nn.Module):
    """A one-unit LSTM (or GRU) over one feature whose relevances grow ~1.9-fold per step back
    from the end: the first input kicks ``h`` positive, the others hold the candidate's
    pre-activation at ~1 while ``3 h`` is ~1.9 (LSTM: ``g = tanh(-0.926 x + 3 h)``, inputs -2
    then 1, as test_exp32_fixes's text; GRU: ``n = tanh(1.228 x + 3 h)``, inputs 2 then -1)."""

    def __init__(self, kind: str, head_bias: float = 0.0) -> None:
        super().__init__()
        self.rnn = (nn.LSTM if kind == "lstm" else nn.GRU)(1, 1, batch_first=True)
        self.head = nn.Linear(1, 1)
        with torch.no_grad():
            for p in self.parameters():
                p.zero_()
            if kind == "lstm":  # gates i, f, g, o: input and output open, forget shut
                self.rnn.weight_ih_l0[:, 0] = torch.tensor([0.0, 0.0, -0.926, 0.0])
                self.rnn.weight_hh_l0[:, 0] = torch.tensor([0.0, 0.0, 3.0, 0.0])
                self.rnn.bias_ih_l0[:] = torch.tensor([20.0, -20.0, 0.0, 20.0])
            else:  # gates r, z, n: reset open, update shut (h = n)
                self.rnn.weight_ih_l0[:, 0] = torch.tensor([0.0, 0.0, 1.228])
                self.rnn.weight_hh_l0[:, 0] = torch.tensor([0.0, 0.0, 3.0])
                self.rnn.bias_ih_l0[:] = torch.tensor([20.0, -20.0, 0.0])
            self.head.weight[0, 0] = 1.0
            self.head.bias[0] = head_bias
        self.double()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[0][:, -1])


def _window(kind: str, steps: int) -> torch.Tensor:
    x = torch.full((1, steps, 1), 1.0 if kind == "lstm" else -1.0, dtype=torch.float64)
    x[0, 0, 0] = -2.0 if kind == "lstm" else 2.0
    return x


def _blown(which, steps, largest, score, eps="0.001", fix="pass eps=0.1", noun="sequences"):
    return (
        f"LRP relevances blew up through the long sequence: {which} of {steps} "
        f"has a relevance of magnitude {largest} for a score of {score} (more than 1e+06 times "
        f"it), amplified step by step at eps={eps}, so they say little about its "
        f"{steps.split()[1]}; {fix}, which keeps long {noun}' relevances near the score."
    )


@pytest.mark.parametrize(
    ("kind", "largest", "score", "sane_largest"),
    [("lstm", "1.03e+13", "0.6421", 298.65), ("gru", "1.82e+12", "0.8999", 5694.77)],
)
def test_lrp_warns_of_relevances_blown_up_through_a_long_series(kind, largest, score, sane_largest):
    # lrp from Python said nothing: only `text predict --explain` and SentimentPredictor did
    model = _Amplifier(kind)
    x = _window(kind, 48)
    with pytest.warns(UserWarning) as seen:
        ex = lrp(model, x)
    assert [str(w.message) for w in seen] == [
        "the " + _blown("the sequence", "48 steps", largest, score)
    ]
    assert seen[0].filename == __file__  # the caller's line
    assert torch.equal(ex.relevance, _lrp(model, x).relevance)  # the numbers as computed
    with pytest.warns(UserWarning) as seen:
        explain(model, x, method="lrp")
    assert len(seen) == 1 and str(seen[0].message).startswith("the LRP relevances blew up")
    # in a batch, the one that blew up is named: without the first input's kick, `h` settles
    # negative, where each step hands back 0.7 times its relevance
    calm = torch.full_like(x, float(x[0, 1, 0]))
    with pytest.warns(UserWarning) as seen:
        lrp(model, torch.cat([calm, x, calm]))
    assert [str(w.message) for w in seen] == [
        "1 of the 3 sequences' " + _blown("sequence 2", "48 steps", largest, score)
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lrp(model, x[:, :12])
        sane = lrp(model, x, eps=1.0)
    # at eps=1 the largest is 465 (LSTM) and 6,330 (GRU) times the score: far below 1e6
    assert float(sane.relevance.abs().max()) == pytest.approx(sane_largest, rel=1e-4)
    with pytest.warns(UserWarning) as seen:
        lrp(model, x, eps=0.1)  # not enough here: a larger one is asked for
    assert str(seen[0].message).endswith(
        "amplified step by step at eps=0.1, so they say little about its steps; pass an eps "
        "larger than 0.1."
    )


def _cancelling_predictor(amplifying_predictor):
    """The amplifying predictor's classifier (conftest) as an ensemble of two members whose
    class-0 logits cancel: the first's is ``h``, the second's ``h - 2 h`` (its bias,
    :func:`_cancel`), so the mean is 0 (class 1's, ``-h``, lower), while both members hand
    their tokens about the same relevance
    (the second's starts at ``-h`` and passes its head's weight, 1, to ``h``)."""
    import copy

    from lstmkit.text.classifier import ClassifierEnsemble
    from lstmkit.text.sentiment import SentimentPredictor

    amplifier = amplifying_predictor()
    first, vocab = amplifier.model, amplifier.vocab
    return SentimentPredictor(ClassifierEnsemble([first, copy.deepcopy(first)]), vocab, ("a", "b"))


def _cancel(predictor, text):
    """Sets the second member's class-0 bias to ``-2 h`` of ``text``'s last step."""
    first, second = predictor.model.members
    with torch.no_grad():
        tokens = torch.tensor([predictor.vocab.encode(text)])
        h = first.rnn(first.embedding(tokens))[0][0, -1, 0]
        second.head.bias[0] = -2 * h


def test_a_score_near_0_is_no_blow_up_where_the_relevances_are_of_input_x_gradient_s_size(
    amplifying_predictor,
):
    # the mean of two members' scores, h and -h, is 0 (3.1e-08 as LRP recomputes it in
    # float64): its bound, 1e6 times the score, was 0.031, and relevances of 2.07 at most
    # warned of a blow-up; they are 8.5 times the sum of |input × gradient|, 0.244
    predictor = _cancelling_predictor(amplifying_predictor)
    short = "the word word"
    _cancel(predictor, short)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        relevance = predictor.explain(short)
        tokens = torch.tensor([predictor.vocab.encode(short)])
        ex = lrp(predictor.model, tokens, 0)
    assert float(ex.score[0]) == pytest.approx(3.1373e-08, rel=1e-3)
    assert max(abs(r) for _, r in relevance) == pytest.approx(2.0739, rel=1e-3)
    grad = explain(predictor.model, tokens, 0, method="gradxinput")
    assert float(grad.relevance_per_feature.abs().sum()) == pytest.approx(0.2444, rel=1e-3)
    # a long text still blows up beyond both
    long = "the " + " ".join(["word"] * 30)
    with pytest.warns(UserWarning) as seen:
        predictor.explain(long)
    assert [str(w.message) for w in seen] == [
        "the LRP relevances blew up through the long sequence: the text of 31 tokens has a "
        "relevance of magnitude 1.52e+08 for a score of -0.03425 (more than 1e+06 times it), "
        "amplified step by step at eps=0.001, so they say little about its tokens; pass "
        "eps=0.1, which keeps long texts' relevances near the score."
    ]


def test_a_score_of_exactly_0_is_compared_with_input_x_gradient_and_said_so(
    amplifying_predictor,
):
    # float64 members: h + (h - 2 h) is 0 to the bit, and 1e6 times it says nothing
    predictor = _cancelling_predictor(amplifying_predictor)
    model = predictor.model.double()
    long = "the " + " ".join(["word"] * 30)
    _cancel(predictor, long)
    tokens = torch.tensor([predictor.vocab.encode(long)])
    with pytest.warns(UserWarning) as seen:
        ex = explain(model, tokens, 0)
    assert ex.score.tolist() == [0.0]
    assert [str(w.message) for w in seen] == [
        "the LRP relevances blew up through the long sequence: the sequence of 31 steps has a "
        "relevance of magnitude 1.52e+08 for a score of 0 (more than 1e+06 times its sum of "
        "|input × gradient|, 0.8789), amplified step by step at eps=0.001, so they say little "
        "about its steps; pass eps=0.1, which keeps long sequences' relevances near the score."
    ]


@pytest.mark.parametrize(("kind", "bad"), [("lstm", 115), ("gru", 28)])
def test_relevances_that_are_not_finite_are_said_so_and_where(kind, bad):
    # over 1,200 steps the relevances overflow (1.9^1,100 is past 1.8e308): inf, then NaN
    # where inf meets inf, at the first steps; max() over them kept NaN, and NaN > bound is
    # False, so nothing was said
    model = _Amplifier(kind)
    x = _window(kind, 1200)
    with pytest.warns(UserWarning) as seen:
        ex = lrp(model, x)
    finite = torch.isfinite(ex.relevance[0])
    assert int((~finite).sum()) == bad and bool(finite[bad:].all())
    score = "0.6421" if kind == "lstm" else "0.8999"
    assert [str(w.message) for w in seen] == [
        "the LRP relevances blew up through the long sequence: the sequence of 1,200 steps "
        f"has relevances that are not finite (inf or nan) at {bad} of them, from step {bad} "
        f"back to 1, for a score of {score}, overflowed step by step at eps=0.001, so they say "
        "nothing about its steps; pass eps=0.1, which keeps long sequences' relevances near "
        "the score."
    ]


def test_a_text_whose_relevances_are_not_finite_is_warned_of(amplifying_predictor):
    predictor = amplifying_predictor()
    with pytest.warns(UserWarning) as seen:
        predictor.explain("the " + " ".join(["word"] * 1199))
    assert [str(w.message) for w in seen] == [
        "the LRP relevances blew up through the long sequence: the text of 1,200 tokens has "
        "relevances that are not finite (inf or nan) at 115 of them, from token 115 back to 1, "
        "for a score of 0.6421, overflowed step by step at eps=0.001, so they say nothing "
        "about its tokens; pass eps=0.1, which keeps long texts' relevances near the score."
    ]


def _amplifying_forecaster(kind: str, lookback: int = 48, ensemble: int = 1):
    """A one-unit forecaster of a series whose last window is one high value then equal ones
    (scaled: 5.23, then 0 to 1e-14), each member given :class:`_Amplifier`'s weights, the kick
    on its first lag and the drive of the others in the candidate's bias."""
    from lstmkit.forecast import Forecaster, ForecasterConfig

    y = 100 + 10 * np.sin(2 * np.pi * np.arange(120) / 12)
    y[-lookback], y[-lookback + 1 :] = 150.0, 100.0
    series = pd.Series(y, index=pd.date_range("2000-01-01", periods=120, freq="MS"), name="y")
    config = ForecasterConfig(
        horizon=1,
        lookback=lookback,
        cell=kind,
        hidden_size=1,
        ensemble=ensemble,
        epochs=1,
        calendar=False,
        interval=None,
        progress=False,
    )
    forecaster = Forecaster(config).fit(series)
    x = forecaster._encoder_frame(forecaster._history(None, None, None)).to_numpy()[:, 0]
    for net in forecaster.members_:
        _amplify(net, kind, x)
    return forecaster


def _amplify(net: nn.Module, kind: str, x: np.ndarray) -> None:
    """Gives the forecaster's network ``net`` :class:`_Amplifier`'s weights for its window
    ``x`` (scaled: the kick at ``x[0]``, the others equal)."""
    with torch.no_grad():
        for p in net.parameters():
            p.zero_()
        if kind == "lstm":  # z = w x + b + 3 h: 1.852 at the first lag, -0.926 + 3 h after
            w = (1.852 + 0.926) / (x[0] - x[1])
            net.encoder.weight_ih_l0[:, 0] = torch.tensor([0.0, 0.0, w, 0.0])
            net.encoder.weight_hh_l0[:, 0] = torch.tensor([0.0, 0.0, 3.0, 0.0])
            net.encoder.bias_ih_l0[:] = torch.tensor([20.0, -20.0, -0.926 - w * x[1], 20.0])
        else:
            w = (2.456 + 1.228) / (x[0] - x[1])
            net.encoder.weight_ih_l0[:, 0] = torch.tensor([0.0, 0.0, w])
            net.encoder.weight_hh_l0[:, 0] = torch.tensor([0.0, 0.0, 3.0])
            net.encoder.bias_ih_l0[:] = torch.tensor([20.0, -20.0, -1.228 - w * x[1]])
        net.head.weight[0, 0] = 1.0


@pytest.mark.parametrize(("kind", "largest"), [("lstm", 4.2155), ("gru", 5.5770)])
def test_a_forecast_whose_members_scores_cancel_is_compared_with_input_x_gradient(kind, largest):
    # two members, the second's head bias -2 h: the mean score is (h + (h - 2 h)) / 2, 0 but
    # for float32's rounding of the bias (5e-8, -7e-9); 1e6 times it, 0.05 and 0.007, bounded
    # lags' relevances of 4.2 and 5.6 (four lags, amplified 1.9-fold a step), which the
    # score's bound alone warned of
    forecaster = _amplifying_forecaster(kind, lookback=4, ensemble=2)
    first, second = forecaster.members_
    x = forecaster._encoder_frame(forecaster._history(None, None, None)).to_numpy()
    with torch.no_grad():
        second.head.bias[0] = -2 * first(torch.tensor(x[None], dtype=torch.float32))[0, 0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ex = explain_forecast(forecaster)
    assert abs(ex.score) < 1e-7
    assert np.abs(ex.per_lag).max() == pytest.approx(largest, rel=1e-3)


_WINDOW = (
    "the LRP relevances blew up through the long sequence: the window of 48 lags has a "
    "relevance of magnitude {largest} for a score of {score} (more than 1e+06 times it), "
    "amplified step by step at eps={eps}, so they say little about its lags; {advice}."
)


@pytest.mark.filterwarnings("default:.*LRP relevances blew up")  # shown by the CLI
@pytest.mark.parametrize(
    ("kind", "largest", "at_01", "score"),
    [("lstm", "1.55e+13", "1.79e+11", "0.6421"), ("gru", "2.73e+12", "1.05e+11", "0.8999")],
)
def test_explain_forecast_and_lstmkit_explain_warn_of_a_blown_up_window(
    kind, largest, at_01, score, tmp_path, capsys
):
    # explain_forecast and `lstmkit explain RUN` said nothing of lags' relevances of 1e13
    from lstmkit.cli import main
    from lstmkit.explain import explain_forecast

    forecaster = _amplifying_forecaster(kind)
    fix = "pass eps=0.1, which keeps long windows' relevances near the score"
    with pytest.warns(UserWarning) as seen:
        ex = explain_forecast(forecaster)
    # once, for the members' mean, at the caller's line; lrp's own check inside is quiet
    assert [str(w.message) for w in seen] == [
        _WINDOW.format(largest=largest, score=score, eps="0.001", advice=fix)
    ]
    assert seen[0].filename == __file__
    assert f"{float(ex.score):.4f}" == f"{float(score):.4f}"
    with pytest.warns(UserWarning) as seen:
        explain_forecast(forecaster, eps=0.1)
    assert [str(w.message) for w in seen] == [
        _WINDOW.format(largest=at_01, score=score, eps="0.1", advice="pass an eps larger than 0.1")
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        explain_forecast(forecaster, eps=1.0)
        explain_forecast(forecaster, method="gradxinput")  # LRP's alone
    forecaster.save(tmp_path / "run")
    assert main(["explain", str(tmp_path / "run")]) == 0
    err = capsys.readouterr().err
    fix = "pass --eps 0.1, which keeps long windows' relevances near the score"
    warned = [line for line in err.splitlines() if "blew up" in line]
    assert warned == [
        "warning: " + _WINDOW.format(largest=largest, score=score, eps="0.001", advice=fix)
    ]
    assert main(["explain", str(tmp_path / "run"), "--eps", "0.1"]) == 0
    warned = [line for line in capsys.readouterr().err.splitlines() if "blew up" in line]
    assert warned == [
        "warning: "
        + _WINDOW.format(
            largest=at_01, score=score, eps="0.1", advice="pass an --eps larger than 0.1"
        )
    ]


@pytest.mark.filterwarnings("default:.*LRP relevances blew up")  # shown by the CLI
def test_lstmkit_explain_of_a_classifier_warns_of_a_blown_up_text(
    tmp_path, capsys, amplifying_predictor
):
    # `text predict --explain` warned; `lstmkit explain MODEL --text` showed 1.53e+08 silently
    from lstmkit.cli import main
    from lstmkit.text.sentiment import SentimentConfig, SentimentResult, save_classifier

    amplifier = amplifying_predictor()
    model, vocab = amplifier.model, amplifier.vocab
    config = SentimentConfig(embed_dim=1, hidden_size=1, bidirectional=False)
    save_classifier(SentimentResult(model, vocab, config), tmp_path / "m")
    long = "the " + " ".join(["word"] * 30)
    assert main(["explain", str(tmp_path / "m"), "--text", "word", "--text", long]) == 0
    warned = [line for line in capsys.readouterr().err.splitlines() if "blew up" in line]
    assert warned == [
        "warning: 1 of the 2 sentences' LRP relevances blew up through the long sequence: "
        "sentence 2 (--text), of 31 tokens, has a relevance of magnitude 1.53e+08 for a score "
        "of 0.6421 (more than "
        "1e+06 times it), amplified step by step at eps=0.001, so they say little about its "
        "tokens; pass --eps 0.1, which keeps long texts' relevances near the score."
    ]
    assert main(["explain", str(tmp_path / "m"), "--text", long, "--method", "gradxinput"]) == 0
    assert "blew up" not in capsys.readouterr().err
