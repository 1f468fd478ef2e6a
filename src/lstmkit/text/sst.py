"""Readers for the Stanford Sentiment Treebank files in the shared data folder.

The folder layout is the one described in ``shared/data/text/README.md``::

    text/sst/stsa.{binary,fine}.{train,dev,test}    "LABEL tokenized sentence" per line
    text/sst/glue_sst2_train_phrases.tsv            GLUE SST-2 train phrases, "sentence<TAB>label"

The ``stsa`` files write brackets and slashes PTB-style (``-lrb-``, ``\\/``) while the GLUE phrase
file writes them plainly; :func:`normalize` maps both to the plain form so that one vocabulary fits.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lstmkit import _reprs
from lstmkit._checks import as_path, choice_error, is_choice, text_file
from lstmkit._lazy import public_dir
from lstmkit._remedies import remedy

__all__ = [
    "LABEL_NAMES",
    "TASKS",
    "SSTSplit",
    "find_text_data",
    "load_sst",
    "normalize",
    "ptb_tokenize",
]
__dir__ = public_dir(globals())

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


# Typographic characters typed text has and SST does not: quotes, dashes, the ellipsis.
_TYPOGRAPHY = str.maketrans({"\u2019": "'", "\u2018": " ` ", "\u2014": " -- ", "\u2026": " ... "})
_CLITICS = ("n't", "'s", "'re", "'ve", "'ll", "'d", "'m")
# Abbreviations whose period SST keeps (besides initials and dotted acronyms such as "u.s.").
_ABBREVIATIONS = frozenset(
    "mr. mrs. ms. dr. st. jr. sr. vs. etc. inc. co. ltd. bros. al. sept. wash. pa.".split()
)
_ACRONYM = re.compile(r"(?:[a-z]\.)+")
_TRAILING_MARKS = re.compile(r"[?!]+$")


def _has_word(token: str) -> bool:
    # an emoji or other symbol (category So: 😀, ❤, ™) is a word too, so "😀," splits as
    # "great," does; SST has no such token with punctuation on it
    return any(c.isalnum() or unicodedata.category(c) == "So" for c in token)


def _keeps_period(token: str, following: str | None) -> bool:
    """Whether a token ending in "." is an abbreviation SST writes with its period."""
    if token == "no.":  # "no. 1", but "I said no."
        return following is not None and (following[:1].isdigit() or following == ".")
    return token in _ABBREVIATIONS or (_ACRONYM.fullmatch(token) is not None and token != "i.")


def _split_token(token: str, following: str | None) -> list[str]:
    """One whitespace token split the PTB way: punctuation off its ends, then a clitic."""
    if token.isalnum():  # most words: nothing to split off (the rules below leave them whole)
        return ["can", "not"] if token == "cannot" else [token]
    if not _has_word(token):  # ",", "...", "?!?", "--": already a token
        return [token]
    front: list[str] = []
    back: list[str] = []
    while True:  # opening brackets and quotes, and a leading ellipsis
        head = next((p for p in ("``", "...", "(", "[", "{", "`") if token.startswith(p)), None)
        if head is None or not _has_word(token[len(head) :]):
            break
        front.append(head)
        token = token[len(head) :]
    while True:  # closing brackets and quotes, punctuation, a sentence-final period
        marks = _TRAILING_MARKS.search(token)
        if token.endswith(("''", "...")):
            tail = token[-3:] if token.endswith("...") else "''"
        elif marks is not None:
            tail = marks.group()
        elif token[-1] in ",;:)]}":
            tail = token[-1]
        elif token.endswith("'") and not token.startswith("'") and token != "ol'":
            tail = "'"
        elif token.endswith(".") and not _keeps_period(token, following):
            tail = "."
        else:
            break
        if not _has_word(token[: -len(tail)]):
            break
        back.insert(0, tail)
        token = token[: -len(tail)]
    if token == "cannot":
        token, back = "can", ["not", *back]
    for clitic in _CLITICS:
        if token.endswith(clitic) and _has_word(token[: -len(clitic)]):
            token, back = token[: -len(clitic)], [clitic, *back]
            break
    words = [token]
    for mark in ("--", "..."):  # "a--b": a -- b
        words = [w for word in words for w in _separate(word, mark)]
    return front + [w for w in words if w] + back


def _separate(word: str, mark: str) -> list[str]:
    """``word`` split at each ``mark``, the marks kept as tokens (``"a--b"`` → a, --, b)."""
    if word == mark:
        return [word]
    out: list[str] = []
    for k, part in enumerate(word.split(mark)):
        out += [mark, part] if k else [part]
    return out


def ptb_tokenize(text: str) -> list[str]:
    """Splits raw English the way the SST files are tokenized (Penn Treebank conventions).

    Punctuation comes off the ends of words (``"great."`` → ``great .``, ``"(sic)"`` → ``( sic
    )``; an emoji or other symbol of Unicode's category So is a word: ``"😀,"`` → ``😀 ,``, but
    ``"€,"`` stays whole), clitics come off their host (``it's`` → ``it 's``, ``don't`` → ``do
    n't``, ``can't`` → ``ca n't``), double quotes PTB's opening and closing quote tokens (two
    backquotes, two apostrophes; alternately), typographic quotes, dashes and ellipses their
    ASCII forms; a ``--`` or ``...`` inside a word separates it. What SST writes as one token
    stays one: dotted abbreviations (``u.s.``, ``mr.``, ``j.``), hyphenated words, numbers
    (``2,500``, ``1.8``), runs of punctuation (``...``, ``?!?``, ``--``). Text that is already
    tokenized this way is returned unchanged (``ptb_tokenize(t) == t.split()``); a test checks
    it on every SST sentence and phrase.

    Apply it to lower-cased text, after :func:`normalize`: the abbreviation rules expect lower
    case.

    Raises:
        TypeError: for a ``text`` that is not a str.

    Example:
        >>> ptb_tokenize("hello, world! it's great, isn't it?")
        ['hello', ',', 'world', '!', 'it', "'s", 'great', ',', 'is', "n't", 'it', '?']
    """
    if not isinstance(text, str):  # a list of texts failed in text.translate
        raise TypeError(f"`text` must be a str, got {type(text).__name__}.")
    text = text.translate(_TYPOGRAPHY).replace("\u201c", " `` ").replace("\u201d", " '' ")
    parts = text.split('"')
    text = "".join(
        part + ((" `` " if k % 2 == 0 else " '' ") if k < len(parts) - 1 else "")
        for k, part in enumerate(parts)
    )
    tokens = text.split()
    out: list[str] = []
    for k, token in enumerate(tokens):
        out += _split_token(token, tokens[k + 1] if k + 1 < len(tokens) else None)
    return out


def _data_dir_remedy(name: str) -> str:
    """How the message of a missing data folder says to give one: ``name``, the Python
    argument with its flag beside it (``--data-dir`` alone on the command line, see
    :func:`~lstmkit._remedies.remedy`), or the name the caller passed."""
    return remedy(name, "--data-dir") if name == "`data_dir`" else name


def find_text_data(
    data_dir: str | os.PathLike[str] | None = None, name: str = "`data_dir`"
) -> Path:
    """Locates the shared ``text`` data folder.

    Looked up in order: ``data_dir`` if given; the ``LSTMKIT_DATA`` environment variable; then
    ``../shared/data/text`` beside the repository (when the package runs from a ``src/``
    checkout) and beside the current directory. A
    ``data_dir`` or ``LSTMKIT_DATA`` without the data is an error (the defaults are not tried).
    A folder is accepted if it holds ``sst/`` or ``tinyshakespeare/`` directly or under
    ``text/``.

    Args:
        data_dir: Explicit folder.
        name: How messages name ``data_dir`` (the CLI passes ``"--data-dir"``).

    Returns:
        The ``text`` folder.

    Raises:
        FileNotFoundError: When no candidate exists; the message lists every place looked at.
        TypeError: For a ``data_dir`` that is no str or path.
        ValueError: For an empty ``data_dir`` (``""``).
    """
    if isinstance(data_dir, str) and not data_dir.strip():
        # as the current folder, it was "('') holds no text data: ... in . or text"
        raise ValueError(f"{name} must name a folder, got {data_dir!r}.")
    if data_dir is not None:
        candidates = [as_path(data_dir, name)]
    else:
        candidates = []
        if os.environ.get("LSTMKIT_DATA"):
            # Set on purpose: a wrong value is an error, not a reason to look elsewhere.
            return find_text_data(os.environ["LSTMKIT_DATA"], name="LSTMKIT_DATA")
        package = Path(__file__).resolve().parents[1]
        if package.parent.name == "src":  # a checkout (src/lstmkit), not an installed copy
            # An installed package lies in site-packages, where "beside the repository" named
            # a folder of the Python installation (…/lib/shared/data/text) in the message.
            candidates.append(package.parents[1].parent / "shared" / "data" / "text")
        beside_cwd = Path.cwd().parent / "shared" / "data" / "text"
        if beside_cwd not in candidates:  # run from the repository's root: the same folder
            candidates.append(beside_cwd)
    tried = []
    for base in candidates:
        for folder in (base, base / "text"):
            tried.append(str(folder))
            if (folder / "sst").is_dir() or (folder / "tinyshakespeare").is_dir():
                return folder
    if data_dir is not None:
        # named as it came (`name`): a --data-dir equal to LSTMKIT_DATA's value was named so
        # a mistyped folder was told it "holds no text data", as if it were there
        base = candidates[0]
        there = (
            ""
            if base.is_dir()
            else " (a file, not a folder)"
            if base.exists()
            else " (no such folder)"
        )
        # the folders quoted, as every message names a path (typed_path), from the text typed:
        # "in nodir or nodir/text" left them bare
        typed = str(data_dir)
        places = " or ".join(map(repr, (typed, os.path.join(typed, "text"))))
        raise FileNotFoundError(
            f"{name} ({typed!r}) holds no text data{there}: expected `sst/` or "
            f"`tinyshakespeare/` in {places}."
        )
    raise FileNotFoundError(
        "text data folder not found (expected a folder holding `sst/` or `tinyshakespeare/`); "
        f"looked in: {', '.join(map(repr, tried))}. Pass {_data_dir_remedy(name)} or set "
        "LSTMKIT_DATA."
    )


@dataclass(frozen=True)
class SSTSplit:
    """One split of an SST task: normalized sentences and integer labels."""

    texts: list[str]
    labels: list[int]
    num_classes: int

    def __len__(self) -> int:
        return len(self.texts)

    def __repr__(self) -> str:
        """The counts, not every sentence (the dataclass's repr printed them all: 97,566
        characters for SST-2's dev split, megabytes for the phrases):
        ``SSTSplit(872 texts, num_classes=2, labels {0: 428, 1: 444})``."""
        counts = Counter(self.labels)
        try:
            order = sorted(counts)
        except TypeError:  # labels of several types (made by hand): as they first come
            order = list(counts)
        labels = ", ".join(f"{label}: {counts[label]}" for label in order)
        texts = _reprs.count(self.texts, "text")
        return f"SSTSplit({texts}, num_classes={self.num_classes}, labels {{{labels}}})"


_SPLITS = ("train", "dev", "test", "phrases")


def _check_task(task: str) -> tuple[str, int]:
    """The file infix and class count of ``task``; else :func:`~lstmkit._checks.choice_error`'s
    refusal: ``["sst2"]`` failed in the lookup ("unhashable type: 'list'"), naming nothing."""
    if not is_choice(task, TASKS):
        raise choice_error(task, "task", tuple(TASKS))
    return TASKS[task]


def load_sst(task: Task, split: Split, data_dir: str | os.PathLike[str] | None = None) -> SSTSplit:
    """Reads one split of SST-2 or SST-5.

    A file missing from the ``sst`` folder is read from its one compressed namesake, unpacked
    as :func:`lstmkit.data.read_csv` unpacks a CSV (``stsa.binary.train.gz``, a ``.zip`` of
    it, ...).

    Args:
        task: ``"sst2"`` (binary, neutral sentences removed) or ``"sst5"`` (five classes).
        split: ``"train"``, ``"dev"``, ``"test"``, or ``"phrases"`` (SST-2 only: the 67,349
            labelled phrases of the training trees, from GLUE).
        data_dir: The ``text`` data folder (see :func:`find_text_data`).

    Returns:
        The split.

    Raises:
        TypeError: For a ``task`` or ``split`` that is no str.
        ValueError: For an unknown task or split, a malformed line (with its line number), a
            file that is not UTF-8 or holds no examples (named), one that cannot be
            unpacked, or a missing file packed several ways.
        FileNotFoundError: When the file is missing.
    """
    infix, num_classes = _check_task(task)
    if not is_choice(split, _SPLITS):  # what is no str is told that a str is wanted
        raise choice_error(split, "split", _SPLITS, "'train', 'dev', 'test' or 'phrases'")
    folder = find_text_data(data_dir) / "sst"
    texts: list[str] = []
    labels: list[int] = []
    if split == "phrases":
        if task != "sst2":
            raise ValueError(f"`split='phrases'` exists only for task 'sst2', got {task!r}.")
        path = folder / "glue_sst2_train_phrases.tsv"
        path, lines = _read_lines(path)
        lines = lines[1:]  # header "sentence\tlabel"
        sep = "\t"
    else:
        path = folder / f"stsa.{infix}.{split}"
        path, lines = _read_lines(path)
        sep = None
    for number, line in enumerate(lines, start=2 if split == "phrases" else 1):
        if not line.strip():
            continue
        if sep is None:
            label, _, text = line.partition(" ")
        else:
            text, _, label = line.rpartition(sep)
        if not label.strip().isdecimal() or not 0 <= int(label) < num_classes:  # what int() reads
            raise ValueError(
                f"{path}:{number}: expected a label in 0..{num_classes - 1}, got {label!r}."
            )
        texts.append(normalize(text))
        labels.append(int(label))
    if not texts:
        expected = (
            "the phrase, a tab, then its label (0 or 1), below the header row"
            if sep
            else f"its label (0 to {num_classes - 1}), a space, then the sentence"
        )
        raise ValueError(f"{path}: the file holds no examples; expected one per line: {expected}.")
    return SSTSplit(texts, labels, num_classes)


def _read_lines(path: Path) -> tuple[Path, list[str]]:
    """The file at ``path``, or where it is missing its one compressed namesake
    (``stsa.binary.train.gz``, a ``.zip`` of it, ...), and its lines, unpacked as read_csv
    unpacks a CSV (:func:`lstmkit._checks.text_file`)."""
    if not path.is_file():
        from lstmkit.data import _packed_namesake  # it imports pandas: for a missing file alone

        if (packed := _packed_namesake(path, "SST folder")) is None:
            raise FileNotFoundError(f"SST file not found: {str(path)!r}.")
        path = packed
    # a NUL byte was read as U+0000 inside a sentence's words; a byte-order mark (an editor's)
    # into the first label; a gzip file's bytes as not UTF-8
    return path, text_file(path, f"SST file {str(path)!r}").split("\n")
