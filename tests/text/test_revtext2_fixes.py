"""Review of the text leftovers (stray flags, --target, emoji widths): each defect pinned."""

from __future__ import annotations

from pathlib import Path

import pytest

from lstmkit.cli import main
from lstmkit.text import SentimentConfig
from lstmkit.text.sentiment import save_classifier, train_classifier


def _saved(path: Path, names: dict[str, str]) -> Path:
    """A tiny classifier saved at ``path``: ten texts "a WORD film k" per class of ``names``
    (word -> class)."""
    texts = [f"a {word} film {k}" for k in range(10) for word in names]
    labels = [label for _ in range(10) for label in names.values()]
    config = SentimentConfig(embed_dim=2, hidden_size=2, epochs=1, progress=False)
    save_classifier(train_classifier(texts, labels, config), path)
    return path


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (  # -.5 is --lr's value (a negative number to argparse), not a flag the command lacks
            ["text", "train-lm", "--lr", "-.5", "bad"],
            "argument corpus: invalid choice: 'bad' (choose from 'shakespeare')",
        ),
        (  # a word with a space is a value too
            ["text", "train", "--text-col", "-my col", "bad"],
            "argument task: invalid choice: 'bad' (choose from 'sst2', 'sst5')",
        ),
        (  # an unknown flag given a negative number is still named
            ["text", "train-lm", "--foo", "-.5"],
            "unrecognized arguments: --foo -.5",
        ),
    ],
)
def test_a_known_flags_value_that_starts_with_a_dash_is_no_stray_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    """`text train-lm --lr -.5 bad` said "unrecognized arguments: -.5 bad": the value of --lr
    taken for a flag the command lacks (only -1-like numbers were told from flags), so the
    corpus it refused went unnamed."""
    with pytest.raises(SystemExit) as exit_:
        main([*argv[:2], "--out", str(tmp_path / "m"), *argv[2:]])
    assert exit_.value.code == 2
    assert capsys.readouterr().err == (
        f"error: {said} (`lstmkit {' '.join(argv[:2])} --help` lists the flags)\n"
    )
    assert not (tmp_path / "m").exists()
