"""Tests for the TextClassifier contract (shapes, readout, padding invariance) and ensembles."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from lstmkit.explain import explain, lrp
from lstmkit.text import TextClassifier
from lstmkit.text.classifier import ClassifierEnsemble, build_classifier


def test_submodules_and_shapes() -> None:
    torch.manual_seed(0)
    model = TextClassifier(20, 6, 5, 3)
    names = [name for name, _ in model.named_children()]
    assert names == ["embedding", "rnn", "head"]
    assert model.head.in_features == 10
    tokens = torch.tensor([[3, 4, 5, 6], [7, 8, 0, 0]])
    assert model(tokens, lengths=torch.tensor([4, 2])).shape == (2, 3)
    assert model(tokens).shape == (2, 3)


def test_last_readout_equals_manual_directions() -> None:
    """Head input = [forward h after last token; backward h after first token]."""
    torch.manual_seed(1)
    model = TextClassifier(20, 6, 5, 2).double().eval()
    tokens = torch.tensor([[3, 4, 5, 6], [7, 8, 9, 0]])
    lengths = torch.tensor([4, 3])
    s = model.encode(tokens, lengths)
    for b in range(2):
        seq = tokens[b : b + 1, : int(lengths[b])]
        out, _ = model.rnn(model.embedding(seq))  # unpadded, [1, L, 2H]
        expected = torch.cat([out[0, -1, :5], out[0, 0, 5:]])
        torch.testing.assert_close(s[b], expected)


@pytest.mark.parametrize("readout", ["last", "max", "mean"])
def test_padding_does_not_change_logits(readout: str) -> None:
    torch.manual_seed(2)
    model = TextClassifier(20, 6, 5, 2, readout=readout).double().eval()
    short = torch.tensor([[3, 4, 5]])
    padded = torch.tensor([[3, 4, 5, 0, 0], [1, 2, 3, 4, 5]])
    ref = model(short)
    got = model(padded, lengths=[3, 5])
    torch.testing.assert_close(got[0], ref[0])


def test_dropout_identity_in_eval() -> None:
    torch.manual_seed(3)
    model = TextClassifier(20, 6, 5, 2, dropout=0.5).eval()
    tokens = torch.tensor([[3, 4, 5]])
    torch.testing.assert_close(model(tokens), model(tokens))


def test_bad_arguments_listed_at_once() -> None:
    with pytest.raises(ValueError, match=r"`hidden_size`.*`readout`"):
        TextClassifier(20, 6, 0, 2, readout="first")  # type: ignore[arg-type]


def test_arguments_of_the_wrong_type_are_named() -> None:
    with pytest.raises(ValueError) as e:
        TextClassifier(20, True, 4.0, 2, bidirectional="no", dropout="0.1", padding_idx=1.5)  # type: ignore[arg-type]
    assert str(e.value) == (
        "`embed_dim` must be a positive integer, got True. `hidden_size` must be a positive "
        "integer, "
        "got 4.0 (a whole number as a float: pass int(x)). `bidirectional` must be True or "
        "False, got 'no'. `dropout` must be a number in [0, 1), "
        "got '0.1' (a number, not text: 0.1). `padding_idx` must be an integer in [0, 20) or None, "
        "got 1.5."
    )
    with pytest.raises(ValueError) as e:
        TextClassifier(0, 2, 2, 2, dropout=None, padding_idx="0")  # type: ignore[arg-type]
    assert str(e.value) == (
        "`vocab_size` must be a positive integer, got 0. `dropout` must be a number in [0, 1), got "
        "None. "
        "`padding_idx` must be an integer in [0, vocab_size) or None, got '0' (a number, not "
        "text: 0)."  # the number told since cfg17, as a config's text is
    )
    # numpy integers (a size read from an array) are ints; the config stays JSON-able
    model = TextClassifier(
        np.int64(20), np.int64(6), 5, 3, dropout=np.float64(0.5), padding_idx=np.int64(0)
    )
    assert model.config() == {
        "vocab_size": 20,
        "embed_dim": 6,
        "hidden_size": 5,
        "num_classes": 3,
        "bidirectional": True,
        "readout": "last",
        "dropout": 0.5,
        "padding_idx": 0,
    }
    assert all(type(v) in (int, bool, str, float) for v in model.config().values())


@pytest.mark.parametrize("readout", ["last", "max", "mean"])
def test_tokens_without_a_time_step_or_not_a_tensor_are_refused(readout: str) -> None:
    # with no step, "last" read the zero initial state and "mean" gave NaN, silently
    model = TextClassifier(20, 6, 5, 3, readout=readout)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError) as e:
        model(torch.zeros(2, 0, dtype=torch.long))
    assert str(e.value) == "`tokens` must be [B, T] with T >= 1, got shape (2, 0)."
    with pytest.raises(TypeError) as e:
        model([[3, 4]])  # type: ignore[arg-type]
    assert str(e.value) == "`tokens` must be a tensor of ids [B, T], got list."


def _ensemble(readout: str = "max") -> ClassifierEnsemble:
    torch.manual_seed(3)
    members = [TextClassifier(20, 6, 5, 3, readout=readout) for _ in range(3)]
    return ClassifierEnsemble(members).double().eval()


def test_ensemble_averages_member_logits_and_rebuilds_from_config() -> None:
    model = _ensemble()
    tokens, lengths = torch.tensor([[3, 4, 5, 6], [7, 8, 0, 0]]), torch.tensor([4, 2])
    expected = sum(m(tokens, lengths) for m in model.members) / 3
    torch.testing.assert_close(model(tokens, lengths), expected, rtol=0, atol=1e-15)
    config = model.config()
    assert config["members"] == 3 and config["readout"] == "max" and config["vocab_size"] == 20
    rebuilt = build_classifier(config)
    assert isinstance(rebuilt, ClassifierEnsemble) and len(rebuilt.members) == 3
    rebuilt.load_state_dict(model.state_dict())
    torch.testing.assert_close(rebuilt.double()(tokens, lengths), model(tokens, lengths))
    single = build_classifier(model.members[0].config())
    assert type(single) is TextClassifier
    with pytest.raises(ValueError, match="at least one"):
        ClassifierEnsemble([])


def test_an_ensemble_of_members_with_other_configs_has_no_config_and_is_not_saved(
    tmp_path: Path,
) -> None:
    from lstmkit.text import SentimentConfig, SentimentPredictor, Vocabulary, save_classifier
    from lstmkit.text.sentiment import SentimentResult

    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film", "a bad film"])
    members = [
        TextClassifier(len(vocab), 4, 3, 2, readout="last"),
        TextClassifier(len(vocab), 4, 3, 2, readout="max", dropout=0.2),
        TextClassifier(len(vocab), 4, 3, 2, readout="last"),
    ]
    mixed = ClassifierEnsemble(members).eval()
    # in memory it predicts as its members do
    predictor = SentimentPredictor(mixed, vocab, ("n", "p"))
    tokens, lengths = predictor.encode("a good film")
    expected = torch.stack([m(tokens, lengths) for m in members]).mean(0).softmax(-1)
    torch.testing.assert_close(predictor.predict_proba(["a good film"]), expected)
    # saved, it was reloaded with every member reading the last states: other probabilities
    message = (
        "the members of a ClassifierEnsemble must share one config to have one (a saved "
        "ensemble records one and rebuilds every member from it): member 1 has readout='max' "
        "where member 0 has 'last'; member 1 has dropout=0.2 where member 0 has 0.0."
    )
    with pytest.raises(ValueError) as e:
        mixed.config()
    assert str(e.value) == message
    with pytest.raises(ValueError) as e:
        save_classifier(SentimentResult(mixed, vocab, SentimentConfig()), tmp_path / "mixed")
    assert str(e.value) == message
    assert not (tmp_path / "mixed").exists()


@pytest.mark.parametrize("method", ["lrp", "gradxinput", "ig", "occlusion"])
def test_ensemble_explanation_is_the_mean_of_member_explanations(method: str) -> None:
    model = _ensemble()
    tokens, lengths = torch.tensor([[3, 4, 5, 6], [7, 8, 9, 0]]), torch.tensor([4, 3])
    ex = explain(model, tokens, method=method, lengths=lengths)
    target = model(tokens, lengths).argmax(-1)
    assert torch.equal(ex.target, target)
    parts = [explain(m, tokens, target, method=method, lengths=lengths) for m in model.members]
    torch.testing.assert_close(ex.relevance, sum(p.relevance for p in parts) / 3)
    torch.testing.assert_close(ex.score, model(tokens, lengths).gather(1, target[:, None])[:, 0])


def test_ensemble_lrp_conserves_the_ensemble_score() -> None:
    model = _ensemble(readout="last")
    tokens = torch.tensor([[3, 4, 5, 6, 7]])
    ex = lrp(model, tokens, 1, bias_factor=1.0)
    torch.testing.assert_close(ex.relevance.sum(1) + ex.initial_state, model(tokens)[:, 1])


def test_explaining_a_model_whose_output_is_not_the_member_mean_raises() -> None:
    class Summed(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.members = _ensemble().members

        def forward(self, tokens: torch.Tensor, lengths: object = None) -> torch.Tensor:
            return sum(m(tokens, lengths) for m in self.members)

    with pytest.raises(RuntimeError, match="not the mean of its members"):
        lrp(Summed(), torch.tensor([[3, 4, 5]]))
