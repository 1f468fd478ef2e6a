"""A saved classifier scored on labelled texts: :class:`ClassifierEvaluation`, what
:meth:`SentimentPredictor.evaluate <lstmkit.text.sentiment.SentimentPredictor.evaluate>` and
``lstmkit text evaluate`` give.

Rows of the confusion matrix are the true classes, columns the predicted ones (scikit-learn's
order). Per class ``c``, with ``TP`` its diagonal count, ``support`` its row's sum and
``predicted`` its column's sum::

    precision = TP / predicted        recall = TP / support
    F1 = 2 TP / (support + predicted)  (the harmonic mean of the two)

A figure that divides by zero (precision of a class never predicted, recall of one absent from
the texts) is ``None``. Macro-F1 is the mean F1 over the classes present in the texts or
predicted, as scikit-learn's ``f1_score(average="macro")`` computes it from the same labels.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lstmkit._lazy import public_dir

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["ClassifierEvaluation"]
__dir__ = public_dir(globals())


def _share(count: int, total: int) -> float | None:
    return count / total if total else None


def macro_f1(confusion: list[list[int]]) -> float:
    """The mean F1 (``2 TP / (support + predicted)``) of a confusion's classes present in its
    rows or predicted in its columns, scikit-learn's macro-F1; ``nan`` where there are none."""
    f1 = []
    for k, row in enumerate(confusion):
        support, said = sum(row), sum(other[k] for other in confusion)
        if support + said:
            f1.append(2 * row[k] / (support + said))
    return sum(f1) / len(f1) if f1 else float("nan")


def _texts(count: int) -> str:
    """``"1 text"``, ``"4 texts"``: "1 texts" was said of a one-row file."""
    return f"{count:,} text{'' if count == 1 else 's'}"


@dataclass(frozen=True)
class ClassifierEvaluation:
    """A classifier's scores on labelled texts, and each text's prediction.

    Attributes:
        classes: The model's class names, in the order of its outputs (the confusion's rows and
            columns).
        confusion: ``[C][C]`` counts, rows the true class, columns the predicted one.
        texts: The texts scored, in the order given (those with a dropped label left out).
        labels: Each text's true class name.
        predicted: Each text's predicted class name (the most probable).
        probability: The probability of each text's predicted class.
        dropped: How many texts were left out for a label that is none of ``classes``
            (``drop_unknown=True``); 0 otherwise.

    Example:
        >>> evaluation = ClassifierEvaluation(
        ...     ("neg", "pos"), [[1, 1], [0, 2]], ["a", "b", "c", "d"],
        ...     ["neg", "neg", "pos", "pos"], ["neg", "pos", "pos", "pos"], [0.9, 0.6, 0.8, 0.7])
        >>> evaluation.accuracy, round(evaluation.macro_f1, 4)
        (0.75, 0.7333)
        >>> evaluation.per_class["pos"]
        {'precision': 0.6666666666666666, 'recall': 1.0, 'f1': 0.8, 'support': 2}
    """

    classes: tuple[str, ...]
    confusion: list[list[int]]
    texts: list[str] = field(repr=False)
    labels: list[str] = field(repr=False)
    predicted: list[str] = field(repr=False)
    probability: list[float] = field(repr=False)
    dropped: int = 0

    def __repr__(self) -> str:
        """The scores, not every text."""
        f1 = "nan" if self.macro_f1 != self.macro_f1 else f"{self.macro_f1:.4f}"
        return (
            f"ClassifierEvaluation({_texts(len(self.texts))}, accuracy {self.accuracy:.4f}, "
            f"macro-F1 {f1}, classes {self.classes!r}, dropped {self.dropped})"
        )

    @property
    def accuracy(self) -> float:
        """The share of texts whose predicted class is their label (0.0 for no text)."""
        right = sum(self.confusion[k][k] for k in range(len(self.classes)))
        return right / max(len(self.texts), 1)

    @property
    def per_class(self) -> dict[str, dict[str, Any]]:
        """``{class: {"precision", "recall", "f1", "support"}}`` for every class of the model,
        in its order; a figure that would divide by zero is ``None``."""
        figures = {}
        for k, name in enumerate(self.classes):
            hit = self.confusion[k][k]
            support = sum(self.confusion[k])
            said = sum(row[k] for row in self.confusion)
            figures[name] = {
                "precision": _share(hit, said),
                "recall": _share(hit, support),
                "f1": _share(2 * hit, support + said),
                "support": support,
            }
        return figures

    @property
    def macro_f1(self) -> float:
        """The mean F1 over the classes present in the texts or predicted (``nan`` for no
        text)."""
        return macro_f1(self.confusion)

    def to_dict(self) -> dict[str, Any]:
        """The scores as JSON takes them (``lstmkit text evaluate --json``): ``texts``,
        ``dropped``, ``accuracy``, ``macro_f1`` (``None`` for no text), ``classes``,
        ``per_class`` and ``confusion``; no text's prediction."""
        f1 = self.macro_f1
        return {
            "texts": len(self.texts),
            "dropped": self.dropped,
            "accuracy": self.accuracy,
            "macro_f1": None if f1 != f1 else f1,
            "classes": list(self.classes),
            "per_class": self.per_class,
            "confusion": [list(row) for row in self.confusion],
        }

    def write_predictions(self, path: str | Path) -> Path:
        """Writes one CSV row per text, ``text,label,predicted,probability``, in order (UTF-8,
        a header row); the missing folders are created. Returns the path written. Written as a
        plot is (:func:`lstmkit._figures.written_whole`: whole or not at all; ``/dev/stdout``
        through the process's stdout, where opened anew it truncated the file a shell's ``>>``
        had opened)."""
        from lstmkit._figures import written_whole

        path = Path(path)
        with written_whole(path) as temp, temp.open("w", encoding="utf-8", newline="") as file:
            out = csv.writer(file)
            out.writerow(["text", "label", "predicted", "probability"])
            for row in zip(self.texts, self.labels, self.predicted, self.probability, strict=True):
                out.writerow([*row[:3], f"{row[3]:.6f}"])
        return path

    def plot_confusion(self, path: str | Path | None = None, title: str | None = None) -> Figure:
        """The confusion matrix twice, side by side: the counts, and each row's shares (the
        recall of its class on the diagonal); class names on both axes.

        Args:
            path: Where to save the figure (PNG, SVG, PDF, ... by suffix), or ``None``.
            title: The figure's title (``None``: "confusion matrix (N texts, accuracy A)").

        Returns:
            The matplotlib ``Figure`` (not attached to pyplot).
        """
        from lstmkit._figures import drawable, new_figure, plain_text, save_figure

        size = len(self.classes)
        names = drawable([plain_text(c) for c in self.classes], "the class names")
        side = 2.2 + 0.6 * size
        fig = new_figure(figsize=(2 * side + 1.2, side + 0.6), layout="constrained")
        counts = self.confusion
        shares = [[c / max(sum(row), 1) for c in row] for row in counts]
        for ax, values, panel, text in zip(
            fig.subplots(1, 2),
            (counts, shares),
            ("counts", "shares of each true class"),
            (lambda v: f"{v:d}", lambda v: f"{v:.2f}"),
            strict=True,
        ):
            top = max((max(row) for row in values), default=0) or 1
            ax.imshow(values, cmap="Blues", vmin=0, vmax=top)
            for i in range(size):
                for j in range(size):
                    v = values[i][j]
                    colour = "white" if v > top / 2 else "black"
                    ax.text(j, i, text(v), ha="center", va="center", color=colour)
            turned = size > 2  # long names side by side overlap
            ax.set_xticks(
                range(size), names, rotation=30 if turned else 0, ha="right" if turned else "center"
            )
            ax.set_yticks(range(size), names)
            ax.set_xlabel("predicted class")
            ax.set_ylabel("true class")
            ax.set_title(panel, fontsize="medium")
        if title is None:
            title = f"confusion matrix ({_texts(len(self.texts))}, accuracy {self.accuracy:.3f})"
        fig.suptitle(title)
        if path is not None:
            save_figure(fig, path, dpi=100)
        return fig
