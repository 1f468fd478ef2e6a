from pathlib import Path

import pytest
import torch

from lstmkit.text import TextClassifier
from lstmkit.text.sentiment import SentimentConfig, SentimentResult, save_classifier
from lstmkit.text.vocab import Vocabulary


@pytest.fixture(scope="module")
def classifier_dir(tmp_path_factory) -> Path:
    """A tiny untrained SST-2 classifier saved as `lstmkit text train` saves one."""
    torch.manual_seed(0)
    vocab = Vocabulary.build(["a good film", "a bad film", "not good at all"])
    model = TextClassifier(len(vocab), 6, 5, 2).eval()
    out = tmp_path_factory.mktemp("clf")
    save_classifier(SentimentResult(model, vocab, SentimentConfig(task="sst2")), out)
    return out
