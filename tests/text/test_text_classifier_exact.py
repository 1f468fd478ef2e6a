"""TextClassifier against its equations written out in float64: the LSTM step by step in both
directions over each sequence's valid tokens, the three readouts, the head; and the exact
refusals of sizes and shapes that the other tests leave open."""

from __future__ import annotations

import pytest
import torch

from lstmkit.text.classifier import ClassifierEnsemble, TextClassifier, build_classifier

TOKENS = torch.tensor([[3, 4, 0, 0], [5, 6, 7, 8], [9, 1, 2, 0]])
LENGTHS = [2, 4, 3]


def _run(model: TextClassifier, embedded: torch.Tensor, suffix: str) -> list[torch.Tensor]:
    """One direction's LSTM over ``embedded`` [n, E], gates i, f, g, o: the states [H] per step."""
    p = dict(model.rnn.named_parameters())
    w_ih, w_hh = p[f"weight_ih_l0{suffix}"], p[f"weight_hh_l0{suffix}"]
    bias = p[f"bias_ih_l0{suffix}"] + p[f"bias_hh_l0{suffix}"]
    h = c = torch.zeros(model.hidden_size, dtype=torch.float64)
    states = []
    for x in embedded:
        i, f, g, o = (w_ih @ x + w_hh @ h + bias).chunk(4)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        states.append(h)
    return states


def _by_hand(model: TextClassifier, tokens: torch.Tensor, n: int) -> torch.Tensor:
    """The sentence vector [D*H] of one sequence's first ``n`` tokens."""
    embedded = model.embedding.weight[tokens[:n]]
    forward = _run(model, embedded, "")
    if model.bidirectional:
        backward = _run(model, embedded.flip(0), "_reverse")[::-1]  # backward[t]: after token t
        steps = [torch.cat([f, b]) for f, b in zip(forward, backward, strict=True)]
        last = torch.cat([forward[-1], backward[0]])
    else:
        steps, last = forward, forward[-1]
    if model.readout == "last":
        return last
    stacked = torch.stack(steps)  # [n, D*H]
    return stacked.max(0).values if model.readout == "max" else stacked.sum(0) / n


@pytest.mark.parametrize("bidirectional", [True, False])
@pytest.mark.parametrize("readout", ["last", "max", "mean"])
def test_sentence_vectors_and_logits_are_the_equations_over_the_valid_steps(
    bidirectional: bool, readout: str
) -> None:
    torch.manual_seed(11)
    model = TextClassifier(10, 3, 4, 3, bidirectional, readout=readout).double().eval()  # type: ignore[arg-type]
    with torch.no_grad():
        want = torch.stack([_by_hand(model, TOKENS[b], n) for b, n in enumerate(LENGTHS)])
        assert want.shape == (3, 8 if bidirectional else 4)
        got = model.encode(TOKENS, torch.tensor(LENGTHS))
        torch.testing.assert_close(got, want, rtol=1e-12, atol=1e-15)
        logits = want @ model.head.weight.T + model.head.bias
        torch.testing.assert_close(model(TOKENS, LENGTHS), logits, rtol=1e-12, atol=1e-15)
        # no lengths: every step counts, the padding tokens too
        full = torch.stack([_by_hand(model, TOKENS[b], 4) for b in range(3)])
        torch.testing.assert_close(model.encode(TOKENS), full, rtol=1e-12, atol=1e-15)
    if readout == "max":  # a padded zero would win in some component if padding were pooled
        assert (want < 0).any()


def test_the_defaults_are_a_bidirectional_last_readout_padding_zero() -> None:
    model = TextClassifier(7, 2, 3, 2)
    assert model.config() == {
        "vocab_size": 7,
        "embed_dim": 2,
        "hidden_size": 3,
        "num_classes": 2,
        "bidirectional": True,
        "readout": "last",
        "dropout": 0.0,
        "padding_idx": 0,
    }
    assert type(model.config()["dropout"]) is float
    assert tuple(model.head.weight.shape) == (2, 6)


def test_padding_idx_outside_a_vocabulary_of_one_is_refused() -> None:
    with pytest.raises(ValueError) as refused:
        TextClassifier(1, 2, 2, 2, padding_idx=1)
    assert str(refused.value) == "`padding_idx` must be an integer in [0, 1) or None, got 1."
    assert TextClassifier(1, 2, 2, 2, padding_idx=0).embedding.padding_idx == 0


def test_tokens_of_three_dimensions_are_refused_by_shape() -> None:
    model = TextClassifier(10, 2, 2, 2)
    with pytest.raises(RuntimeError) as refused:
        model(torch.ones(2, 3, 1, dtype=torch.int64))
    assert str(refused.value) == "`tokens` must be [B, T] with T >= 1, got shape (2, 3, 1)."


@pytest.mark.parametrize("members", [True, 0, 1.0])
def test_build_classifier_refuses_members_that_are_no_positive_int(members: object) -> None:
    config = {**TextClassifier(10, 2, 2, 2).config(), "members": members}
    with pytest.raises(ValueError) as refused:
        build_classifier(config)
    hint = (
        " (a whole number as a float: pass int(x))"
        if members == 1.0 and members is not True
        else ""
    )
    assert str(refused.value) == f"`members` must be a positive integer, got {members!r}{hint}."


@pytest.mark.parametrize("members", [1, 2, 3])
def test_build_classifier_builds_one_model_or_an_ensemble_of_that_many(members: int) -> None:
    config = TextClassifier(10, 2, 2, 2, readout="max").config()
    model = build_classifier({**config, "members": members})
    if members == 1:
        assert type(model) is TextClassifier and model.config() == config
    else:
        assert type(model) is ClassifierEnsemble and len(model.members) == members
        assert model.config() == {**config, "members": members}


def test_the_ensemble_is_the_plain_mean_of_its_members_logits() -> None:
    torch.manual_seed(3)
    members = [TextClassifier(10, 3, 4, 2).double().eval() for _ in range(3)]
    with torch.no_grad():
        each = [m(TOKENS, LENGTHS) for m in members]
        got = ClassifierEnsemble(members)(TOKENS, LENGTHS)
    torch.testing.assert_close(got, (each[0] + each[1] + each[2]) / 3, rtol=1e-12, atol=1e-15)


def test_the_ensembles_config_names_every_difference_of_every_member() -> None:
    members = [
        TextClassifier(10, 2, 2, 2),
        TextClassifier(10, 2, 2, 2, readout="mean"),
        TextClassifier(10, 2, 3, 2, bidirectional=False),
    ]
    with pytest.raises(ValueError) as refused:
        ClassifierEnsemble(members).config()
    assert str(refused.value) == (
        "the members of a ClassifierEnsemble must share one config to have one (a saved "
        "ensemble records one and rebuilds every member from it): "
        "member 1 has readout='mean' where member 0 has 'last'; "
        "member 2 has hidden_size=3 where member 0 has 2; "
        "member 2 has bidirectional=False where member 0 has True."
    )
    with pytest.raises(ValueError) as none:
        ClassifierEnsemble([])
    assert str(none.value) == "`members` must hold at least one classifier, got none."


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"readout": "first"}, "`readout` must be one of ('last', 'max', 'mean'), got 'first'."),
        ({"dropout": False}, "`dropout` must be a number in [0, 1), got False."),
    ],
)
def test_a_readout_not_known_and_a_bool_dropout_are_refused(
    arguments: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError) as refused:
        TextClassifier(10, 2, 2, 2, **arguments)  # type: ignore[arg-type]
    assert str(refused.value) == message


def test_ids_outside_the_vocabulary_are_named_before_the_embedding_sees_them() -> None:
    model = TextClassifier(10, 2, 2, 2)
    with pytest.raises(ValueError) as refused:
        model(torch.tensor([[1, 10], [-1, 2]]))
    assert str(refused.value) == (
        "`tokens` must hold token ids in [0, 10) (the model's `vocab_size`), "
        "got 10 at position (0, 1), -1 at (1, 0)."
    )
