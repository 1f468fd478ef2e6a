"""The shared argument checks: one message for every interval and coverage level."""

from __future__ import annotations

import importlib.util
import io
import sys
import types
import warnings
from collections.abc import Callable
from dataclasses import replace

import numpy as np
import pytest

from lstmkit._checks import is_level, level_problem, levels_problem, progress_bar, show_progress
from lstmkit.forecast import ForecasterConfig


@pytest.mark.parametrize(
    ("value", "accepted", "shown"),
    [
        (0.8, True, None),
        (1e-9, True, None),
        (0.999, True, None),
        (np.float64(0.5), True, None),  # a float subclass
        (0, False, "0"),
        (
            1.0,
            False,
            "1 (100 % is no interval: its bounds would be infinite; e.g. 0.99)",
        ),  # py11: what 100 % would be
        (-0.1, False, "-0.1"),
        (1.5, False, "1.5"),
        (float("nan"), False, "nan"),
        (float("inf"), False, "inf"),
        (True, False, "True (a coverage, not a switch: e.g. 0.8)"),  # py11: Keras' switch
        ("0.8", False, "'0.8' (a number, not text: 0.8)"),  # py10: the number to pass
        # refused before too: neither int nor float; named as such on numpy 1 too (it wrote 0.5)
        (np.float32(0.5), False, "np.float32(0.5) (give a Python number: float(x))"),
        # not told to convert where the Python number is refused too (it was)
        (np.float32(1.5), False, "1.5"),
        (np.int64(95), False, "95 (a fraction: 0.95 for 95 %)"),
        (95, False, "95 (a fraction: 0.95 for 95 %)"),
        (np.float64(80.0), False, "80 (a fraction: 0.8 for 80 %)"),
        (1e20, False, "1e+20"),
    ],
)
def test_a_level_is_a_number_strictly_between_0_and_1(value, accepted, shown):
    assert is_level(value) is accepted
    problem = level_problem(value, "`interval`")
    if accepted:
        assert problem is None and levels_problem([value], "`levels`") is None
        ForecasterConfig(interval=value)
    else:
        expected = f"`interval` must be a number strictly between 0 and 1, e.g. 0.8, got {shown}"
        assert problem == expected
        assert levels_problem([0.5, value], "`levels`") == "every entry of " + expected.replace(
            "`interval`", "`levels`", 1
        )
        if shown.endswith("(give a Python number: float(x))"):
            # left33a: ForecasterConfig takes a numpy float as the Python one (0.5); the
            # check itself still refuses it where it is asked of a value as it came
            assert ForecasterConfig(interval=value).interval == 0.5
            return
        with pytest.raises(ValueError) as err:
            ForecasterConfig(interval=value)
        # py11: 0 in the config is told None, its "no interval" (the CLI's 0)
        said = f"{shown} (None for no interval)" if value == 0 else shown
        assert str(err.value) == (
            f"`interval` must be a number strictly between 0 and 1, e.g. 0.8, or None, got {said}."
        )


def test_what_else_an_argument_takes_comes_before_what_came():
    assert level_problem(-0.1, "--interval", otherwise=", or 0 for none") == (
        "--interval must be a number strictly between 0 and 1, e.g. 0.8, or 0 for none, got -0.1"
    )
    assert levels_problem((0.5, 0.9), "`levels`") is None
    assert levels_problem((), "`levels`") is None


def _open_bars() -> set:
    from tqdm.std import tqdm

    return set(tqdm._instances)


def _interrupted(name: str, monkeypatch: pytest.MonkeyPatch) -> Callable[[], object]:
    """A call of trainer ``name``, with progress=True, that a Ctrl-C stops at its first step."""
    import torch

    from lstmkit import train
    from lstmkit.text import charlm, sentiment, seq2seq

    def ctrl_c(*args: object, **kwargs: object) -> None:  # check_loss(..., untrained=)
        raise KeyboardInterrupt

    module = {"fit": train, "charlm": charlm, "sentiment": sentiment, "seq2seq": seq2seq}[name]
    monkeypatch.setattr(module, "check_loss", ctrl_c)
    if name == "fit":
        data = (torch.ones(4, 1), torch.ones(4, 1))
        loss = lambda model, batch: torch.mean((model(batch[0]) - batch[1]) ** 2)  # noqa: E731
        config = train.TrainConfig(epochs=3, progress=True)
        return lambda: train.fit(torch.nn.Linear(1, 1), loss, data, config=config)
    if name == "charlm":
        lm = charlm.CharLMConfig(
            embed_dim=4, hidden_size=8, num_layers=1, batch_size=2, bptt=8, max_steps=5
        )
        return lambda: charlm.train_charlm("abcd\n" * 40, replace(lm, progress=True))
    if name == "sentiment":
        model = sentiment.TextClassifier(20, 4, 4, 2)
        train_set = ([[1, 2], [3, 4]], sentiment._label_mask([0, 1], 2))
        config = sentiment.SentimentConfig(batch_size=2, epochs=1, progress=True)
        return lambda: sentiment.fit_classifier(model, train_set, ([[1, 2]], [0]), config)
    model = seq2seq.Seq2Seq(11, len(seq2seq.TARGET_TOKENS), 4, 6, num_layers=1)
    pairs = [seq2seq.encode_number(n) for n in (3, 14, 15)]
    config = seq2seq.Seq2SeqConfig(
        max_digits=2, train_size=12, test_size=4, hidden_size=6, epochs=1, progress=True
    )
    return lambda: seq2seq.fit_seq2seq(model, pairs, config)


@pytest.mark.parametrize("name", ["fit", "charlm", "sentiment", "seq2seq"])
def test_an_interrupted_training_closes_its_progress_bar(name, monkeypatch, capsys):
    # A Ctrl-C (or an error) left the bar open: a notebook keeps the traceback
    # (sys.last_traceback), and with it the bar, so the next bar was drawn a line lower and the
    # widget stayed as it was, "running".
    before = _open_bars()
    with pytest.raises(KeyboardInterrupt) as interrupted:
        _interrupted(name, monkeypatch)()
    assert interrupted.tb is not None  # the trainer's frame, and its bar, are still referenced
    assert _open_bars() == before
    assert capsys.readouterr().err != ""  # it was drawn


class _NotebookStream(io.StringIO):
    """Stands in for ipykernel's OutStream, a notebook cell's stderr (not a terminal)."""


_NotebookStream.__module__ = "ipykernel.iostream"


@pytest.mark.parametrize("widgets", [True, False])
def test_the_default_bar_shows_in_a_notebook_that_can_draw_widgets(widgets, monkeypatch):
    # progress=None drew a bar only when stderr is a terminal, never in a notebook: there
    # tqdm.auto draws a widget, when ipywidgets is installed.
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        "importlib.util.find_spec",
        lambda name, *a: (
            (object() if widgets else None) if name == "ipywidgets" else find_spec(name, *a)
        ),
    )
    monkeypatch.setattr("sys.stderr", _NotebookStream())
    assert show_progress(None) is widgets
    assert show_progress(True) and not show_progress(False)
    monkeypatch.setattr("sys.stderr", io.StringIO())  # redirected: not a terminal, no notebook
    assert not show_progress(None)


def test_a_bar_in_a_notebook_without_ipywidgets_is_text_and_warns_nothing(monkeypatch):
    # tqdm.auto, imported by lstmkit.forecast and the trainers, warned in every notebook
    # without ipywidgets, bar or not: "TqdmWarning: IProgress not found. Please update jupyter
    # and ipywidgets." It is imported only for a bar that is drawn now, without the warning.
    from tqdm.std import tqdm as text

    for name in ("tqdm.auto", "tqdm.autonotebook", "tqdm.notebook"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    # what tqdm.autonotebook reads to tell a notebook: a kernel's shell, and no ipywidgets
    ipython = types.ModuleType("IPython")
    ipython.get_ipython = lambda: types.SimpleNamespace()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "ipykernel.zmqshell", types.ModuleType("ipykernel.zmqshell"))
    monkeypatch.setitem(sys.modules, "ipywidgets", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        hidden = progress_bar(None, total=2, desc="fit")  # stderr is no terminal here
        assert "tqdm.auto" not in sys.modules and hidden.disable
        with progress_bar(True, total=2, desc="fit", file=io.StringIO()) as bar:
            bar.update(2)
    assert [w.category for w in caught] == []
    assert isinstance(bar, text) and type(bar).__module__ == "tqdm.asyncio"  # text, no widget
