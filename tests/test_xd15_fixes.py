"""Explanations and documentation leftovers (xd15): ``compare(steps=K)`` past the longest
sequence, ..."""

import pytest
import torch

from lstmkit.explain import compare
from lstmkit.text import TextClassifier

_TOKENS = torch.tensor([[5, 17, 3, 42, 9], [7, 8, 11, 0, 0]])
_LENGTHS = torch.tensor([5, 3])


@pytest.fixture
def classifier() -> TextClassifier:
    torch.manual_seed(0)
    return TextClassifier(vocab_size=50, embed_dim=8, hidden_size=6, num_classes=2).double().eval()


def test_compare_past_the_longest_sequence_ends_at_its_last_deletion(
    classifier: TextClassifier,
) -> None:
    """steps=20 on sequences of 5 and 3 tokens: the table said "score after 1 / 3 / 5 / 20
    deletions" of a flat tail, and the AOPC (0.0466) was pulled towards the score of nothing
    left, unlike steps=5's (0.0491). The curves now end after 5, the AOPC is steps=5's, and the
    table and the figure say steps=20 was asked."""
    methods = ["lrp", "random"]
    asked = compare(classifier, _TOKENS, lengths=_LENGTHS, methods=methods, steps=20)
    five = compare(classifier, _TOKENS, lengths=_LENGTHS, methods=methods, steps=5)
    assert five.steps_asked is None and asked.steps_asked == 20
    assert {m: c.shape for m, c in asked.curves.items()} == {m: (6,) for m in methods}
    assert asked.aopc == five.aopc
    assert asked.aopc["lrp"] == pytest.approx(0.04911895897466454, abs=1e-12)
    lines = asked.table().splitlines()
    assert lines[0] == "| method | AOPC | ± s.e. | score after 1 / 3 / 5 deletions |"
    assert lines[:-2] == five.table().splitlines()
    assert lines[-2:] == [
        "",
        "steps=20 asked, but the longest sequence has 5 steps to delete: the curves end after 5.",
    ]
    xlabel = asked.plot().axes[0].get_xlabel()
    assert xlabel == (
        "steps deleted, most relevant first (k)\n(steps=20 asked; the longest sequence has 5)"
    )
    assert five.plot().axes[0].get_xlabel() == "steps deleted, most relevant first (k)"
    # without lengths, the T = 5 steps of the batch are the limit
    whole = compare(classifier, _TOKENS, methods=["lrp"], steps=6)
    assert whole.steps_asked == 6 and whole.curves["lrp"].shape == (6,)
    exact = compare(classifier, _TOKENS, methods=["lrp"], steps=5)
    assert exact.steps_asked is None and exact.table() == whole.table().rsplit("\n\n", 1)[0]
