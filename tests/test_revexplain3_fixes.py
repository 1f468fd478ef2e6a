"""Fixes of the review of explain3: lrp_seq2seq explains again a head whose PReLU of several
slopes the model applies per feature, an ensemble's explanation takes NaN in both its output
and its members' mean (a sequence's NaN inputs) as no difference, as lrp's check does, and
lstmkit explain explains the class it prints as predicted on a tie of the probabilities."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from torch import nn

from lstmkit.cli import main
from lstmkit.explain import explain, lrp, lrp_seq2seq
from lstmkit.text import ClassifierEnsemble, TextClassifier
from lstmkit.text.sentiment import SentimentConfig, SentimentResult, save_classifier

DT = torch.float64


class _FlatHead(nn.Module):
    """encoder → decoder → a head with a PReLU of 5 slopes, called on ``[B·T', H]``."""

    def __init__(self) -> None:
        super().__init__()
        self.encoder = nn.LSTM(3, 4, batch_first=True)
        self.decoder = nn.LSTM(2, 4, batch_first=True)
        self.head = nn.Sequential(nn.Linear(4, 5), nn.PReLU(5), nn.Linear(5, 1))
        with torch.no_grad():
            self.head[1].weight.copy_(torch.linspace(0.05, 0.4, 5))

    def forward(self, x: torch.Tensor, future: torch.Tensor) -> torch.Tensor:
        out, _ = self.decoder(future, self.encoder(x)[1])
        batch, steps, hidden = out.shape
        return self.head(out.reshape(batch * steps, hidden)).view(batch, steps)


@pytest.mark.parametrize("check", [True, False])
def test_lrp_seq2seq_explains_a_prelu_of_several_slopes_applied_per_feature(check) -> None:
    """explain3 refused every PReLU of several slopes in a seq2seq head ("lrp_seq2seq does not
    support `head.1` (PReLU with 5 slopes): ..."), also this model's, which calls its head on
    [B·T', H] and so gives each feature its slope, as lrp_seq2seq does: it was explained
    before (the check passes) and is again."""
    torch.manual_seed(0)
    model = _FlatHead().to(DT)
    x, future = torch.randn(2, 6, 3, dtype=DT), torch.randn(2, 5, 2, dtype=DT)
    ex = lrp_seq2seq(model, x, future, 1, bias_factor=1.0, check=check)
    with torch.no_grad():
        torch.testing.assert_close(ex.score, model(x, future)[:, 1], rtol=1e-12, atol=1e-14)
    assert float(ex.residual.abs().max()) < 1e-12
    assert float(ex.relevance.abs().min()) > 0


class _Member(nn.Module):
    """nn.LSTM (batch first) → nn.Linear on h_n[-1]."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.rnn(x)[1][0][-1])


class _Mean(nn.Module):
    """The mean of its members' outputs."""

    def __init__(self) -> None:
        super().__init__()
        self.members = nn.ModuleList([_Member(), _Member()])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.stack([m(x) for m in self.members]).mean(dim=0)


@pytest.mark.parametrize("method", ["lrp", "gradxinput"])
def test_an_ensemble_is_explained_beside_a_sequence_of_nan_inputs(method) -> None:
    """A single model is explained beside sequence 0's NaN input (NaN in its output and in the
    recomputation: no difference); an ensemble was refused: "_Mean's output is not the mean
    of its members' outputs (target scores [nan, ...] vs member mean [nan, ...])"."""
    torch.manual_seed(0)
    model = _Mean()
    x = torch.randn(3, 5, 3)
    x[0, 1, 0] = float("nan")
    # warned of (exbase39), once for the ensemble's members
    with pytest.warns(UserWarning) as caught:
        ex = explain(model, x, method=method)
    assert [str(w.message) for w in caught] == [
        "`inputs` hold NaN at 1 entry of sequence [0] (the first at sequence 0, step 1, "
        "feature 0): its score and relevances are NaN; fill them first, e.g. "
        "torch.nan_to_num(inputs, nan=0.0, posinf=0.0, neginf=0.0)."
    ]
    clean = explain(model, x[1:], method=method)
    assert bool(ex.score[0].isnan())
    torch.testing.assert_close(ex.score[1:], clean.score)
    torch.testing.assert_close(ex.relevance[1:], clean.relevance)
    assert ex.target[1:].tolist() == clean.target.tolist()


class _Spoiled(_Mean):
    """An ensemble whose output is NaN for sequence 1, where its members' mean is a number."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = super().forward(x)
        out[1] = float("nan")
        return out


def test_an_ensemble_with_nan_on_one_side_only_is_still_refused() -> None:
    """NaN in the ensemble's output where its members' mean holds a number is a difference."""
    torch.manual_seed(0)
    model = _Spoiled()
    with pytest.raises(RuntimeError) as caught:
        lrp(model, torch.randn(2, 5, 3), 0)
    message = str(caught.value)
    assert message.startswith("_Spoiled's output is not the mean of its members' outputs (target ")
    assert "scores [" in message and ", nan] vs member mean [" in message
    assert not message.endswith("nan]).")


def test_lrp_without_the_check_explains_an_ensembles_shown_class_on_a_near_tie() -> None:
    """As documented (the docs said that check=False takes the float64 recomputation's arg-max
    for every model): an ensemble is called for its mean either way, so its float32 arg-max
    (class 0 of the tie) is explained, where one model without the check explains class 1."""
    torch.manual_seed(0)
    model = TextClassifier(12, 5, 4, 3).eval()
    tokens = torch.tensor([[3, 4, 5, 6]])
    seen: list[torch.Tensor] = []
    handle = model.head.register_forward_hook(lambda _m, a, _o: seen.append(a[0]))
    model(tokens)
    handle.remove()
    j = int(seen[0][0].abs().argmax())
    with torch.no_grad():  # classes 0 and 1 tie at 1.0 in float32; class 1 is 1e-9 ahead
        model.head.weight.zero_()
        model.head.bias.zero_()
        model.head.bias[:2] = 1.0
        model.head.weight[1, j] = 1e-9 * float(seen[0][0, j].sign())
        out = model(tokens)
    assert out[0, 0] == out[0, 1]
    assert lrp(model, tokens, check=False).target.tolist() == [1]
    ensemble = ClassifierEnsemble([model, model])
    assert lrp(ensemble, tokens, check=False).target.tolist() == [0]
    assert lrp(ensemble, tokens).target.tolist() == [0]


@pytest.mark.parametrize("method", ["lrp", "gradxinput"])
def test_lstmkit_explain_explains_the_class_it_prints_on_a_tie_of_probabilities(
    method, tmp_path: Path, capsys: pytest.CaptureFixture[str], tied_classifier
) -> None:
    """Logits 0 and 2.2e-8 differ in float32, their softmax does not (0.5 each): the record
    said "predicted": "negative" (the probabilities' first arg-max) beside "explained":
    "positive" (the logits' arg-max), the near tie explain3 meant to close."""
    save_classifier(SentimentResult(*tied_classifier, SentimentConfig(task="sst2")), tmp_path)
    args = ["explain", str(tmp_path), "--text", "a good film", "--method", method, "--json"]
    assert main(args) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["predicted"], record["explained"], record["target"]) == (
        "negative",
        "negative",
        0,
    )
    assert record["probability"] == 0.5
