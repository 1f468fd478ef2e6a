"""revtxt28: review of txt28 (text training keeps, of checks level on dev accuracy, the one with
the lowest dev loss; one- or two-step epochs warn).

``fit_classifier`` checked class names given as dev labels, then handed them unconverted to its
dev checks, which failed with "too many dimensions 'str'"; and metrics.json kept each check's
accuracy only, so which of the level checks was kept, and why, could not be read from it.
"""

import torch

from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import SentimentConfig, _label_mask, fit_classifier

TRAIN = ([[2, 3], [4, 5], [6], [7, 2]], _label_mask([0, 1, 0, 1], 2))
DEV = [[2, 3], [4], [6, 7]]


def _fitted(labels: list) -> tuple[dict, dict[str, torch.Tensor]]:
    torch.manual_seed(0)
    model = TextClassifier(8, 3, 2, 2)
    config = SentimentConfig(batch_size=2, epochs=2, progress=False)
    fit = fit_classifier(model, TRAIN, (DEV, labels), config, names=["neg", "pos"])
    fit.pop("seconds")
    return fit, model.state_dict()


def test_fit_classifier_takes_class_names_as_dev_labels() -> None:
    # names passed the check before training, then failed the first dev check:
    # "too many dimensions 'str'"
    named, named_weights = _fitted(["neg", "pos", "neg"])
    indexed, indexed_weights = _fitted([0, 1, 0])
    assert named == indexed
    assert named["dev"]["recall"].keys() == {"neg", "pos"}
    for key, weight in named_weights.items():
        assert torch.equal(weight, indexed_weights[key]), key
