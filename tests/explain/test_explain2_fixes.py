"""Fixes of the explain2 pass: LRP checks against outputs already computed (text predict
--explain, ensembles) instead of running the model again; deletion_curve refuses an explanation
of other inputs."""

import json
import sys
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.explain import METHODS, Explanation, deletion_curve, explain, lrp
from lstmkit.nn import LSTM
from lstmkit.text import ClassifierEnsemble, TextClassifier
from lstmkit.text.sentiment import (
    SentimentConfig,
    SentimentPredictor,
    SentimentResult,
    save_classifier,
)
from lstmkit.text.vocab import Vocabulary

LRP = sys.modules["lstmkit.explain.lrp"]
SENTENCES = [
    "a good film",
    "bad",
    "not good at all",
    "a bad bad film",
    "good",
    "film",
    "at all a film",
    "not bad",
    "a",
    "good good film at all",
]


def _counting_forwards(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts TextClassifier.forward calls (every member's)."""
    calls = [0]
    real = TextClassifier.forward

    def counted(self, *args, **kwargs):
        calls[0] += 1
        return real(self, *args, **kwargs)

    monkeypatch.setattr(TextClassifier, "forward", counted)
    return calls


def _counting_lrp(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the single-model LRP passes (one per batch, per member of an ensemble)."""
    calls = [0]
    real = LRP._lrp

    def counted(*args, **kwargs):
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(LRP, "_lrp", counted)
    return calls


def _ensemble(members: int) -> ClassifierEnsemble:
    torch.manual_seed(3)
    return ClassifierEnsemble([TextClassifier(9, 6, 5, 2) for _ in range(members)]).eval()


@pytest.mark.parametrize("members", [1, 2])
def test_text_predict_explain_runs_the_model_and_lrp_once(
    members: int, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    # the float32 model ran twice (to predict, then in LRP's check), an ensemble's members three
    # times; the relevances are those of explaining each label's sentences apart, to the bit
    torch.manual_seed(2)  # a model that gives both labels
    vocab = Vocabulary.build(["a good film", "a bad film", "not good at all"])
    model = TextClassifier(len(vocab), 6, 5, 2) if members == 1 else _ensemble(members)
    save_classifier(SentimentResult(model, vocab, SentimentConfig(task="sst2")), tmp_path)
    predictor = SentimentPredictor.load(tmp_path)
    labels = [label for label, _ in predictor.predict_many(SENTENCES)]
    assert sorted(set(labels)) == ["negative", "positive"]  # two labels: two LRP batches
    expected = {
        name: dict(
            zip(
                [s for s, label in zip(SENTENCES, labels, strict=True) if label == name],
                predictor.explain_many(
                    [s for s, label in zip(SENTENCES, labels, strict=True) if label == name],
                    target=name,
                ),
                strict=True,
            )
        )
        for name in set(labels)
    }
    forwards, passes = _counting_forwards(monkeypatch), _counting_lrp(monkeypatch)
    assert main(["text", "predict", str(tmp_path), "--explain", "--json", *SENTENCES]) == 0
    assert (forwards[0], passes[0]) == (members, 2 * members)
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    for record in records:
        wanted = expected[record["label"]][record["text"]]
        assert [tuple(pair) for pair in record["relevance"]] == wanted


def test_ensemble_lrp_runs_each_member_once() -> None:
    # each member ran twice: for the ensemble's output, then again in its own LRP's check
    ensemble = _ensemble(3)
    x, lengths = torch.randint(1, 9, (4, 6)), torch.tensor([6, 2, 4, 1])
    calls = [0] * 3
    for k, member in enumerate(ensemble.members):
        member.register_forward_hook(lambda *_, k=k: calls.__setitem__(k, calls[k] + 1))
    ex = lrp(ensemble, x, lengths=lengths, bias_factor=0.5)
    assert calls == [1, 1, 1]
    target = ensemble(x, lengths).argmax(1)
    parts = [lrp(m, x, target, lengths=lengths, bias_factor=0.5) for m in ensemble.members]
    assert torch.equal(ex.relevance, torch.stack([p.relevance for p in parts]).mean(0))
    assert torch.equal(ex.initial_state, torch.stack([p.initial_state for p in parts]).mean(0))
    calls[:] = [0] * 3
    by_name = explain(ensemble, x, method="lrp", lengths=lengths, bias_factor=0.5)
    assert calls == [1, 1, 1]
    assert torch.equal(by_name.relevance, ex.relevance)


class _CopyingEnsemble(ClassifierEnsemble):
    """Hands each member a copy of the tokens: its output is not recorded as theirs."""

    def forward(self, tokens, lengths=None):
        return torch.stack([m(tokens.clone(), lengths) for m in self.members]).mean(dim=0)


def test_ensemble_lrp_runs_a_member_called_on_other_inputs_itself() -> None:
    ensemble = _CopyingEnsemble(list(_ensemble(2).members))
    x = torch.randint(1, 9, (3, 5))
    calls = [0, 0]
    for k, member in enumerate(ensemble.members):
        member.register_forward_hook(lambda *_, k=k: calls.__setitem__(k, calls[k] + 1))
    ex = lrp(ensemble, x, target=1)
    assert calls == [2, 2]  # once in the ensemble, once in its own check
    parts = [lrp(m, x, 1).relevance for m in ensemble.members]
    assert torch.equal(ex.relevance, torch.stack(parts).mean(0))


@pytest.mark.parametrize("method", METHODS)
def test_deletion_curve_refuses_an_explanation_of_other_inputs(method: str) -> None:
    # it ranked the steps of the explained inputs and deleted them from these: a curve of noise
    ensemble = _ensemble(2)
    model = ensemble.members[0]
    tokens = torch.tensor([[1, 2, 3, 4], [5, 6, 7, 8]])
    other = tokens.clone()
    other[0, 1], other[1, 3] = 3, 1
    for explained in (model, ensemble):
        ex = explain(explained, tokens, 1, method=method)
        assert torch.equal(ex.inputs, tokens)
        with pytest.raises(ValueError) as err:
            deletion_curve(explained, other, ex, steps=2)
        assert str(err.value) == (
            "`explanation` explains other inputs than `inputs`: they differ at 2 of 8 steps, "
            "(sequence, step) (0, 1), (1, 3), and its relevance ranks the steps of those; pass "
            "the inputs it explains, or explain these."
        )
        assert deletion_curve(explained, tokens, ex, steps=2).shape == (2, 3)


def test_deletion_curve_refuses_other_features_and_takes_a_hand_made_explanation() -> None:
    torch.manual_seed(1)

    class Series(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.rnn = LSTM(2, 3, batch_first=True)
            self.head = torch.nn.Linear(3, 1)

        def forward(self, x):
            return self.head(self.rnn(x)[1][0][-1])

    net, x = Series().double(), torch.randn(1, 5, 2, dtype=torch.float64)
    ex = lrp(net, x)
    moved = x.clone()
    moved[0, 0, 1] += 1.0
    moved[0, 1:, :] += 1.0
    with pytest.raises(ValueError) as err:
        deletion_curve(net, moved, ex, steps=1)
    assert str(err.value) == (
        "`explanation` explains other inputs than `inputs`: they differ at 5 of 5 steps, "
        "(sequence, step) (0, 0), (0, 1), (0, 2), ..., and its relevance ranks the steps of "
        "those; pass the inputs it explains, or explain these."
    )
    with pytest.raises(ValueError) as err:
        deletion_curve(net, torch.randn(1, 5, 3, dtype=torch.float64), ex, steps=1)
    assert str(err.value) == (
        "`explanation` explains inputs of shape (1, 5, 2), got `inputs` of shape (1, 5, 3); "
        "pass the inputs it explains, or explain these."
    )
    # relevance from elsewhere (another library, say) records no inputs: not checked
    mine = Explanation(ex.relevance, None, ex.score, ex.target, ex.initial_state, None, "hand")
    assert mine.inputs is None
    assert torch.equal(deletion_curve(net, moved, mine, steps=1)[:, 0], net(moved)[:, 0])


class _InPlaceEnsemble(ClassifierEnsemble):
    """Averages two members' logits by adding the second to the first in place."""

    def forward(self, tokens, lengths=None):
        first, second = (m(tokens, lengths) for m in self.members)
        return first.add_(second) / 2


def test_ensemble_lrp_checks_a_member_against_its_output_before_the_ensemble_changed_it() -> None:
    ensemble = _InPlaceEnsemble(list(_ensemble(2).members))
    x = torch.randint(1, 9, (3, 5))
    ex = lrp(ensemble, x, target=0)
    parts = [lrp(m, x, 0).relevance for m in ensemble.members]
    assert torch.equal(ex.relevance, torch.stack(parts).mean(0))
