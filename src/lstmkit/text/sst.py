"""Readers for the Stanford Sentiment Treebank files in the shared data folder.

The folder layout is the one described in ``shared/data/text/README.md``::

    text/sst/stsa.{binary,fine}.{train,dev,test}    "LABEL tokenized sentence" per line
    text/sst/glue_sst2_train_phrases.tsv            GLUE SST-2 train phrases, "sentence<TAB>label"

The ``stsa`` files write brackets and slashes PTB-style (``-lrb-``, ``\\/``) while the GLUE phrase
file writes them plainly; :func:`normalize` maps both to the plain form so that one vocabulary fits.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Task = Literal["sst2", "sst5"]
Split = Literal["train", "dev", "test", "phrases"]

TASKS: dict[str, tuple[str, int]] = {"sst2": ("binary", 2), "sst5": ("fine", 5)}
"""Task name → (``stsa`` file infix, number of classes)."""

LABEL_NAMES: dict[str, tuple[str, ...]] = {
    "sst2": ("negative", "positive"),
    "sst5": ("very negative", "negative", "neutral", "positive", "very positive"),
}

_PTB = {"-lrb-": "(", "-rrb-": ")", "-lsb-": "[", "-rsb-": "]", "-lcb-": "{", "-rcb-": "}"}


def normalize(text: str) -> str:
    """Undoes PTB bracket escapes (``-lrb-`` → ``(``, ``\\/`` → ``/``) and collapses whitespace."""
    return " ".join(_PTB.get(tok, tok.replace("\\/", "/")) for tok in text.split())


def find_text_data(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Locates the shared ``text`` data folder.

    Looked up in order: ``data_dir`` if given; the ``LSTMKIT_DATA`` environment variable; then
    ``../shared/data/text`` relative to the repository and to the current directory. A folder is
    accepted if it holds ``sst/`` or ``tinyshakespeare/`` directly or under ``text/``.

    Args:
        data_dir: Explicit folder.

    Returns:
        The ``text`` folder.

    Raises:
        FileNotFoundError: When no candidate exists; the message lists every place looked at.
    """
    if data_dir is not None:
        candidates = [Path(data_dir)]
    else:
        candidates = []
        if os.environ.get("LSTMKIT_DATA"):
            candidates.append(Path(os.environ["LSTMKIT_DATA"]))
        repo = Path(__file__).resolve().parents[3]
        candidates += [
            repo.parent / "shared" / "data" / "text",
            Path.cwd().parent / "shared/data/text",
        ]
    tried = []
    for base in candidates:
        for folder in (base, base / "text"):
            tried.append(str(folder))
            if (folder / "sst").is_dir() or (folder / "tinyshakespeare").is_dir():
                return folder
    raise FileNotFoundError(
        "text data folder not found (expected a folder holding `sst/` or `tinyshakespeare/`); "
        f"looked in: {', '.join(tried)}. Pass `data_dir` (CLI: --data-dir) or set LSTMKIT_DATA."
    )


@dataclass(frozen=True)
class SSTSplit:
    """One split of an SST task: normalized sentences and integer labels."""

    texts: list[str]
    labels: list[int]
    num_classes: int

    def __len__(self) -> int:
        return len(self.texts)


def _check_task(task: str) -> tuple[str, int]:
    if task not in TASKS:
        raise ValueError(f"`task` must be one of {tuple(TASKS)}, got {task!r}.")
    return TASKS[task]


def load_sst(task: Task, split: Split, data_dir: str | os.PathLike[str] | None = None) -> SSTSplit:
    """Reads one split of SST-2 or SST-5.

    Args:
        task: ``"sst2"`` (binary, neutral sentences removed) or ``"sst5"`` (five classes).
        split: ``"train"``, ``"dev"``, ``"test"``, or ``"phrases"`` (SST-2 only: the 67,349
            labelled phrases of the training trees, from GLUE).
        data_dir: The ``text`` data folder (see :func:`find_text_data`).

    Returns:
        The split.

    Raises:
        ValueError: For an unknown task or split, or a malformed line (with its line number).
        FileNotFoundError: When the file is missing.
    """
    infix, num_classes = _check_task(task)
    if split not in ("train", "dev", "test", "phrases"):
        raise ValueError(f"`split` must be 'train', 'dev', 'test' or 'phrases', got {split!r}.")
    folder = find_text_data(data_dir) / "sst"
    texts: list[str] = []
    labels: list[int] = []
    if split == "phrases":
        if task != "sst2":
            raise ValueError(f"`split='phrases'` exists only for task 'sst2', got {task!r}.")
        path = folder / "glue_sst2_train_phrases.tsv"
        lines = _read_lines(path)[1:]  # header "sentence\tlabel"
        sep = "\t"
    else:
        path = folder / f"stsa.{infix}.{split}"
        lines = _read_lines(path)
        sep = None
    for number, line in enumerate(lines, start=2 if split == "phrases" else 1):
        if not line.strip():
            continue
        if sep is None:
            label, _, text = line.partition(" ")
        else:
            text, _, label = line.rpartition(sep)
        if not label.strip().isdigit() or not 0 <= int(label) < num_classes:
            raise ValueError(
                f"{path}:{number}: expected a label in 0..{num_classes - 1}, got {label!r}."
            )
        texts.append(normalize(text))
        labels.append(int(label))
    return SSTSplit(texts, labels, num_classes)


def _read_lines(path: Path) -> list[str]:
    if not path.is_file():
        raise FileNotFoundError(f"SST file not found: {path}.")
    return path.read_text(encoding="utf-8").split("\n")
