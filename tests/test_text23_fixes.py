"""text23: the text leftovers — interrupts that pickle, a labelled file's missing columns named
by argument, a saved classifier's empty class name refused, later sentences capitalised, and
numpy counts shown as plain numbers."""

from __future__ import annotations

import pickle

import pytest

from lstmkit.text.charlm import GenerationInterrupted
from lstmkit.train import TrainingInterrupted

# -- 1. the interrupts cross a process: pickle.loads(pickle.dumps(e)) keeps what they hold -----


def test_training_interrupted_round_trips_through_pickle_with_its_attributes() -> None:
    # its `args` are the message alone, which __init__ refused ("missing 2 required
    # positional arguments"): multiprocessing and pytest-xdist could not send it back
    stop = TrainingInterrupted({"metrics": {"loss": 0.5}}, "SIGTERM", 7)
    stop.add_note("a note")
    back = pickle.loads(pickle.dumps(stop))
    assert type(back) is TrainingInterrupted
    assert (back.result, back.signal, back.step) == ({"metrics": {"loss": 0.5}}, "SIGTERM", 7)
    assert (
        str(back)
        == str(stop)
        == (
            "training interrupted (SIGTERM) after step 7; the model so far is in `.result` "
            "(uncaught, as in a notebook cell: `sys.last_value.result`)"
        )
    )
    assert back.__notes__ == ["a note"]
    assert isinstance(back, KeyboardInterrupt)


def test_generation_interrupted_round_trips_through_pickle_with_its_attributes() -> None:
    stop = GenerationInterrupted("ROMEO: O", 2, "SIGTERM")
    back = pickle.loads(pickle.dumps(stop))
    assert type(back) is GenerationInterrupted
    assert (back.text, back.generated, back.signal) == ("ROMEO: O", 2, "SIGTERM")
    assert (
        str(back)
        == str(stop)
        == (
            "generation interrupted (SIGTERM) after 2 characters; the text so far is in `.text` "
            "(uncaught, as in a notebook cell: `sys.last_value.text`)"
        )
    )
    one = pickle.loads(pickle.dumps(GenerationInterrupted("a", 1)))
    assert (one.text, one.generated, one.signal, one.args) == (
        "a",
        1,
        "SIGINT",
        (
            "generation interrupted (SIGINT) after 1 character; the text so far is in `.text` "
            "(uncaught, as in a notebook cell: `sys.last_value.text`)",
        ),
    )
