"""txt28: text training on tiny data kept an untrained model and said nothing about its steps.

``fit_classifier`` kept the first of the dev checks level on accuracy (``acc > best``): with 40
lines of 3 classes and ``--epochs 30`` the 3 dev texts scored 1.0 at every check, step 1 of 30
was saved and every prediction was p = 0.33 for each class. Of checks level on accuracy the one
with the lower mean cross-entropy on dev is kept now (one pass gives both). And 34 training
examples at the default batch of 64 made one step an epoch with nothing said: a warning now
says so, once, and names a smaller batch (``batch_size``, --batch-size).
"""

import copy
import json
import logging
from pathlib import Path
from typing import Any

import pytest
import torch

from lstmkit.cli import main
from lstmkit.text import sentiment
from lstmkit.text.classifier import TextClassifier
from lstmkit.text.sentiment import (
    SentimentConfig,
    SentimentPredictor,
    _label_mask,
    fit_classifier,
    train_classifier,
)

_WORDS = {
    "pos": ("good", "great", "fine", "lovely", "wonderful", "superb"),
    "neg": ("bad", "awful", "poor", "terrible", "dreadful", "dull"),
    "neu": ("table", "chair", "window", "door", "paper", "street"),
}


def _texts(count: int = 40) -> tuple[list[str], list[str]]:
    """``count`` distinct texts of 3 classes (pos, neg, neu in turn), 4 words of their class."""
    classes = [("pos", "neg", "neu")[i % 3] for i in range(count)]
    texts = [
        " ".join(_WORDS[c][(i + j) % 6] for j in range(4)) + f" movie {i}"
        for i, c in enumerate(classes)
    ]
    return texts, classes


def _few_steps_line(examples: int, batch: int, epochs: int, smaller: int, more: int) -> str:
    steps = -(-examples // batch)
    return (
        f"{examples} training examples make {steps} step{'s' * (steps > 1)} an epoch at the "
        f"batch size {batch} (`batch_size`, --batch-size), {steps * epochs} steps in {epochs} "
        f"epochs: a smaller batch, such as {smaller} ({more} steps an epoch), gives the "
        "optimizer more steps"
    )


def test_a_tiny_csv_keeps_a_trained_check_and_says_its_epoch_is_one_step(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    pinned_for_torch: Any,
) -> None:
    texts, labels = _texts()
    csv = tmp_path / "tiny.csv"
    rows = "".join(f"{t},{y}\n" for t, y in zip(texts, labels, strict=True))
    csv.write_text("text,label\n" + rows)
    out = tmp_path / "model"
    argv = ["text", "train", "--csv", str(csv), "--text-col", "text", "--label-col", "label"]
    argv += ["--epochs", "30", "--out", str(out), "--json", "--no-progress"]
    assert main(argv) == 0
    payload = json.loads(capsys.readouterr().out)
    # 34 of the 40 train: one step an epoch, said once (on stderr, as `warning: ...`, where
    # pytest's logging does not take the records) with the flag to change
    assert payload["split"] == {"train": 34, "dev": 3, "test": 3}
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warned == [_few_steps_line(34, 64, 30, 8, 5)]
    [run] = payload["members"]
    # every check is level on the 3 dev texts: the first of them, step 1, was kept, a model
    # that said p = 0.33 for each class; now the one with the lowest dev loss
    assert run["history"] == [[step, 1.0] for step in range(1, 31)]
    assert run["best_step"] > 1
    predictor = SentimentPredictor.load(out)
    for text, label in (("great lovely movie", "pos"), ("awful dull movie", "neg")):
        said, probs = predictor.predict(text)
        assert said == label and probs[label] > 0.9, (text, probs)
    # the step kept under torch 2.13 (its dev loss falls to the last check)
    assert run["best_step"] == pinned_for_torch({"2.13": 30})


def test_the_level_check_with_the_lowest_dev_loss_is_kept_with_its_weights(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scores = iter([(0.5, 0.9), (0.75, 0.8), (0.75, 0.6), (0.75, 0.7), (0.5, 0.1), (0.75, 0.6)])
    seen: list[dict[str, torch.Tensor]] = []

    def dev_scores(model: torch.nn.Module, *args: object) -> tuple[float, float]:
        seen.append(copy.deepcopy(model.state_dict()))
        return next(scores)

    monkeypatch.setattr(sentiment, "_dev_scores", dev_scores)
    torch.manual_seed(0)
    model = TextClassifier(8, 3, 2, 2)
    train = ([[2, 3], [4, 5], [6], [7, 2], [3, 4], [5, 6]], _label_mask([0, 1] * 3, 2))
    config = SentimentConfig(batch_size=1, epochs=1, evals_per_epoch=6, progress=False)
    fit = fit_classifier(model, train, ([[2, 3]], [0]), config)
    assert fit["history"] == [(1, 0.5), (2, 0.75), (3, 0.75), (4, 0.75), (5, 0.5), (6, 0.75)]
    # of the four checks at 0.75, step 3's loss 0.6 is the lowest, and step 6's only as low
    assert (fit["best_dev"], fit["best_dev_loss"], fit["best_step"]) == (0.75, 0.6, 3)
    for name, weight in model.state_dict().items():
        assert torch.equal(weight, seen[2][name]), name


def test_dev_scores_are_the_accuracy_and_the_mean_cross_entropy() -> None:
    torch.manual_seed(3)
    model = TextClassifier(9, 4, 3, 3).eval()
    sequences, labels = [[2, 3, 4], [5], [6, 7], [], [8, 2]], [0, 1, 2, 1, 0]
    right, nats = 0, 0.0
    with torch.no_grad():
        for sequence, label in zip(sequences, labels, strict=True):
            ids = sequence or [1]  # an empty text reads as one <unk>
            logits = model(torch.tensor([ids]), torch.tensor([len(ids)]))[0].double()
            right += int(logits.argmax()) == label
            nats += float(logits.logsumexp(0) - logits[label])
    accuracy, loss = sentiment._dev_scores(model, sequences, labels, batch_size=2)
    assert accuracy == right / 5 == sentiment.evaluate(model, sequences, labels, 2)
    assert loss == pytest.approx(nats / 5, rel=1e-6)
    assert sentiment._dev_scores(model, [], []) == (0.0, 0.0)


def _quick(**fields: object) -> SentimentConfig:
    return SentimentConfig(embed_dim=4, hidden_size=4, progress=False, **fields)  # type: ignore[arg-type]


def test_train_classifier_warns_once_for_an_ensemble_of_one_step_epochs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    texts, labels = _texts()
    caplog.set_level(logging.WARNING, logger="lstmkit.text.sentiment")
    train_classifier(texts, labels, _quick(epochs=2, ensemble=2))
    assert [r.getMessage() for r in caplog.records] == [_few_steps_line(34, 64, 2, 8, 5)]


def test_fit_classifier_warns_of_two_step_epochs(caplog: pytest.LogCaptureFixture) -> None:
    torch.manual_seed(0)
    model = TextClassifier(8, 3, 2, 2)
    train = ([[2 + k % 6, 3] for k in range(100)], _label_mask([k % 2 for k in range(100)], 2))
    caplog.set_level(logging.WARNING, logger="lstmkit.text.sentiment")
    fit_classifier(model, train, ([[2, 3]], [0]), _quick(epochs=1))
    assert [r.getMessage() for r in caplog.records] == [
        "100 training examples make 2 steps an epoch at the batch size 64 (`batch_size`, "
        "--batch-size), 2 steps in 1 epoch: a smaller batch, such as 16 (7 steps an epoch), "
        "gives the optimizer more steps"
    ]


@pytest.mark.parametrize(
    ("count", "batch_size"),
    [(40, 8), (129, 64), (1, 64)],  # 5 and 3 steps an epoch; 1 text: no smaller batch helps
)
def test_epochs_of_three_steps_or_more_say_nothing(
    caplog: pytest.LogCaptureFixture, count: int, batch_size: int
) -> None:
    torch.manual_seed(0)
    model = TextClassifier(8, 3, 2, 2)
    train = ([[2 + k % 6] for k in range(count)], _label_mask([k % 2 for k in range(count)], 2))
    caplog.set_level(logging.WARNING, logger="lstmkit.text.sentiment")
    fit_classifier(model, train, ([[2, 3]], [0]), _quick(epochs=1, batch_size=batch_size))
    assert caplog.records == []
