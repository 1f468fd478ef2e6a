"""exp32: explanation leftovers — refusals that named the wrong thing or advised what fails."""

import pytest
import torch
from torch import nn

from lstmkit.explain import deletion_curve, explain, lrp


class _Net(nn.Module):
    """An LSTM over features [B, T, 3] and a linear head of ``outputs`` scores."""

    def __init__(self, outputs: int = 2) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, outputs)

    def forward(self, x, lengths=None):
        _, (h, _) = self.rnn(x)
        return self.head(h[-1])


class _FirstColumn(_Net):
    def forward(self, x, lengths=None):
        return super().forward(x)[:, 0]  # [B]


class _Dict(_Net):
    def forward(self, x, lengths=None):
        return {"logits": super().forward(x), "steps": x.shape[1], "h": torch.zeros(1, 4)}


class _PositionalOnly(_Net):
    def forward(self, x, lengths, /):
        return super().forward(x)


class _NeedsLengths(_Net):
    def forward(self, x, lengths):
        return super().forward(x)


@pytest.fixture
def x() -> torch.Tensor:
    torch.manual_seed(0)
    return torch.randn(4, 5, 3)


_SLASH = (
    "Its `lengths` is positional-only (before the `/`), and the explanations pass it by name: "
    "move the `/` before `lengths` in _PositionalOnly.forward, or drop it."
)


@pytest.mark.parametrize("method", ["lrp", "ig", "occlusion"])
def test_a_target_of_two_dimensions_is_refused_naming_its_shape(x, method):
    torch.manual_seed(0)
    model = _Net()
    with pytest.raises(ValueError) as err:
        explain(model, x, torch.tensor([[0, 1], [1, 0]]), method=method)
    assert str(err.value) == (
        "`target` must be an integer or one index per sequence (4), a scalar or 1-D, got shape "
        "(2, 2)."
    )
    # a [B] target and a scalar still go through, the same as ever
    one_d = explain(model, x, torch.tensor([0, 1, 1, 0]), method=method)
    assert one_d.target.tolist() == [0, 1, 1, 0]
    assert explain(model, x, 1, method=method).target.tolist() == [1, 1, 1, 1]


def test_a_model_returning_b_scores_is_told_the_shape_it_returned(x):
    torch.manual_seed(0)
    with pytest.raises(RuntimeError) as err:
        lrp(_FirstColumn(2), x)
    assert str(err.value) == (
        "lrp's float64 recomputation of _FirstColumn differs from the model's output: lrp "
        "computed shape (4, 2) ([B, C] for B=4 sequences), the model returned (4,) (read as "
        "(4, 1))."
    )
    # a [B] output of a one-score head is explained as before, its score the model's own
    torch.manual_seed(0)
    model = _FirstColumn(1)
    ex = lrp(model, x)
    with torch.no_grad():
        assert torch.allclose(ex.score, model(x).to(torch.float64), atol=1e-6)


def test_a_model_returning_a_dict_is_told_which_entry_to_return(x):
    torch.manual_seed(0)
    for run in (lambda m: lrp(m, x), lambda m: explain(m, x, method="gradxinput")):
        with pytest.raises(TypeError) as err:
            run(_Dict())
        assert str(err.value) == (
            "the explained model must return one tensor of scores, got a dict from _Dict; its "
            "forward must return the scores alone ([B, C]): return `output['logits']`, the "
            "entry that holds a tensor of one row per sequence."
        )


def test_a_positional_only_lengths_is_told_to_drop_the_slash(x):
    torch.manual_seed(0)
    model = _PositionalOnly()
    with pytest.raises(TypeError) as err:
        lrp(model, x)
    assert str(err.value) == (
        "`lengths` must be given for _PositionalOnly, whose forward(x, lengths, /) takes them "
        "without a default (the explanations call it as `model(inputs)`, or as "
        "`model(inputs, lengths=lengths)` given `lengths`), got None: pass each sequence's "
        "number of valid steps (`lengths=torch.tensor([5, 3])` for two sequences of 5 and 3 "
        "steps), or give its forward `lengths=None` to explain inputs without padding. " + _SLASH
    )
    for method in ("lrp", "ig"):
        with pytest.raises(TypeError) as err:
            explain(model, x, method=method, lengths=[5, 5, 4, 3])
        assert str(err.value) == (
            "`lengths` needs a model whose forward takes a `lengths` argument (it is called as "
            "`model(inputs, lengths=lengths)`), got _PositionalOnly with forward(x, lengths, /). "
            + _SLASH
        )


def test_deletion_curve_is_told_to_explain_with_lengths_not_to_pass_them(x):
    torch.manual_seed(0)
    model = _NeedsLengths()
    explanation = lrp(_Net(), x)  # explained without lengths
    with pytest.raises(TypeError) as err:
        deletion_curve(model, x, explanation)
    assert str(err.value) == (
        "`explanation.lengths` must be given for _NeedsLengths, whose forward(x, lengths) takes "
        "them without a default, got None. deletion_curve calls it as `model(inputs)`, or as "
        "`model(inputs, lengths=explanation.lengths)` where the explanation has them. Explain "
        "the inputs with each sequence's number of valid steps "
        "(`lengths=torch.tensor([5, 3])` for two sequences of 5 and 3 steps), which the "
        "explanation keeps for deletion_curve, or give its forward `lengths=None` to score "
        "inputs without padding."
    )
    # done so, the curve is scored with the explanation's lengths, its first column the score
    explanation = lrp(model, x, lengths=[5, 5, 5, 5])
    curve = deletion_curve(model, x, explanation, steps=2)
    assert curve.shape == (4, 3)
    assert torch.allclose(curve[:, 0], explanation.score, atol=1e-6)


def test_captum_s_baselines_is_value_only_as_one_number(x):
    with pytest.raises(TypeError) as err:
        explain(_Net(), x, method="occlusion", baselines=torch.zeros(4, 5, 3))
    assert str(err.value) == (
        "the options of method 'occlusion' must be among ('value', 'per_feature', "
        "'batch_size', 'progress'), got unknown ['baselines'] (Captum's `baselines` given as one "
        "number is "
        "`value` here: every occluded entry, of the inputs or of a token's embedding, is set to "
        "it; a tensor of baselines has no counterpart)."
    )


_BLOWN = (
    "LRP relevances blew up through the long sequence: {which} of 31 tokens has a relevance of "
    "magnitude 1.53e+08 for a score of 0.6421 (more than 1e+06 times it), amplified step by "
    "step at eps=0.001, so they say little about its tokens; pass {fix}, which keeps long "
    "texts' relevances near the score."
)


def test_relevances_blown_up_through_a_long_text_are_warned_of_numbers_unchanged(
    amplifying_predictor,
):
    import warnings

    from lstmkit.explain import lrp

    predictor = amplifying_predictor()
    long, short = "the " + " ".join(["word"] * 30), "the " + " ".join(["word"] * 10)
    with pytest.warns(UserWarning) as seen:
        relevance = predictor.explain(long)
    assert [str(w.message) for w in seen] == [
        "the " + _BLOWN.format(which="the text", fix="eps=0.1")
    ]
    # amplified 1.93-fold per token, the last digits are the machine's rounding's
    assert max(abs(r) for _, r in relevance) == pytest.approx(1.5258e8, rel=1e-3)
    # the numbers are lrp's own, unchanged by the note
    tokens = torch.tensor([predictor.vocab.encode(long)])
    with pytest.warns(UserWarning, match="the sequence of 31 steps"):  # lrp's own (exp33)
        ex = lrp(predictor.model, tokens, 0)
    assert [r for _, r in relevance] == ex.relevance[0].tolist()
    with pytest.warns(UserWarning) as seen:
        predictor.explain_many([short, long, short])
    assert [str(w.message) for w in seen] == [
        # named as a refusal names it, 0-based (walk34d: "text 2")
        "1 of the 3 texts' "
        + _BLOWN.format(which="`texts[1]`,", fix="eps=0.1").replace("tokens has", "tokens, has")
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # neither the short text nor eps=0.1 warns
        predictor.explain(short)
        sane = predictor.explain(long, eps=1.0)
    assert max(abs(r) for _, r in sane) == pytest.approx(26.73, rel=1e-3)
    with pytest.warns(UserWarning) as seen:
        predictor.explain(long, eps=0.1)  # not enough here: a larger one is asked for
    assert str(seen[0].message).endswith(
        "amplified step by step at eps=0.1, so they say little about its tokens; pass an eps "
        "larger than 0.1."
    )


@pytest.mark.filterwarnings("default:.*LRP relevances blew up")  # shown by the CLI
def test_text_predict_explain_notes_blown_up_relevances_on_stderr(
    tmp_path, capsys, amplifying_predictor
):
    from lstmkit.cli import main
    from lstmkit.text.sentiment import SentimentConfig, SentimentResult, save_classifier

    predictor = amplifying_predictor()
    result = SentimentResult(
        predictor.model,
        predictor.vocab,
        SentimentConfig(embed_dim=1, hidden_size=1, bidirectional=False),
    )
    save_classifier(result, tmp_path / "m")
    text = "the " + " ".join(["word"] * 30)
    assert main(["text", "predict", str(tmp_path / "m"), "--explain", text]) == 0
    err = capsys.readouterr().err
    # named as the command's refusal names it (walk34d: "the text")
    assert err.splitlines()[-1] == "warning: the " + _BLOWN.format(
        which="the sentence (argument text),", fix="--eps 0.1"
    ).replace("tokens has", "tokens, has")
    assert main(["text", "predict", str(tmp_path / "m"), "--explain", "--eps", "1", text]) == 0
    assert "blew up" not in capsys.readouterr().err
