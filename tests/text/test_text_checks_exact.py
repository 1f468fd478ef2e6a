"""The text configs' shared field checks, called directly: each kind of field at its bounds,
every message at once and in order, numpy integers stored back as Python ints."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pytest

from lstmkit.text._checks import MAX_SEED, field_problems, module_problems


@dataclass
class _Config:
    count: object = 1
    steps: object = 0
    rate: object = 0.5
    lr: object = 0.1
    decay: object = 0.0
    flag: object = True
    seed: object = 0
    progress: object = None


def _problems(config: object, seeds: int = 1) -> list[str]:
    return field_problems(
        config,
        positive_ints=("count",),
        non_negative_ints=("steps",),
        fractions=("rate",),
        positive=("lr",),
        non_negative=("decay",),
        bools=("flag",),
        seeds=seeds,
    )


def test_each_kind_of_field_takes_its_bounds() -> None:
    assert MAX_SEED == 9_223_372_036_854_775_807  # torch's largest seed, 2**63 - 1
    assert _problems(_Config()) == []
    edges = _Config(count=1, steps=0, rate=0.0, lr=5e-324, decay=0.0, flag=False, seed=MAX_SEED)
    assert _problems(edges) == []
    assert _problems(_Config(rate=0.9999999999999999, progress=False)) == []


def test_every_problem_is_named_at_once_in_the_order_of_the_kinds() -> None:
    config = _Config(count=0, steps=-1, rate=1.0, lr=0.0, decay=-0.5, flag=1, seed=-1, progress=1)
    assert _problems(config) == [
        "`progress` must be True, False or None, got 1.",
        "`count` must be a positive integer, got 0.",
        "`steps` must be an integer >= 0, got -1.",
        "`flag` must be True or False, got 1.",
        "`rate` must be a number in [0, 1), got 1.0.",
        "`lr` must be a positive finite number, got 0.0.",
        "`decay` must be a finite number >= 0, got -0.5.",
        "`seed` must be an integer in [0, 9223372036854775807], got -1.",
    ]


def test_values_of_the_wrong_kind_are_shown_as_written() -> None:
    config = _Config(
        count="3", steps=True, rate=math.nan, lr=math.inf, decay=math.inf, flag="yes", seed=2**63
    )
    assert _problems(config) == [
        "`count` must be a positive integer, got '3'.",
        "`steps` must be an integer >= 0, got True.",
        "`flag` must be True or False, got 'yes'.",
        "`rate` must be a number in [0, 1), got nan.",
        "`lr` must be a positive finite number, got inf.",
        "`decay` must be a finite number >= 0, got inf.",
        "`seed` must be an integer in [0, 9223372036854775807], got 9223372036854775808.",
    ]
    assert _problems(_Config(decay=math.nan, lr=2.5)) == [
        "`decay` must be a finite number >= 0, got nan."
    ]


def test_the_last_of_several_seeds_must_be_a_seed_too() -> None:
    assert _problems(_Config(seed=MAX_SEED - 2), seeds=3) == []
    assert _problems(_Config(seed=MAX_SEED - 1), seeds=3) == [
        "`seed` must be an integer in [0, 9223372036854775805] with ensemble=3 (member k uses "
        "seed + k), got 9223372036854775806."
    ]
    assert _problems(_Config(seed=MAX_SEED), seeds=0) == []  # no fewer than one seed
    assert _problems(_Config(seed=MAX_SEED + 1), seeds=0) == [
        "`seed` must be an integer in [0, 9223372036854775807], got 9223372036854775808."
    ]


def test_numpy_integers_are_stored_back_as_python_ints_and_other_values_left_alone() -> None:
    config = _Config(count=np.int64(3), steps=np.int32(0), seed=np.uint8(7))
    assert _problems(config) == []
    assert (config.count, config.steps, config.seed) == (3, 0, 7)
    assert {type(config.count), type(config.steps), type(config.seed)} == {int}
    refused = _Config(count=2.5)
    assert _problems(refused) == ["`count` must be a positive integer, got 2.5."]
    assert refused.count == 2.5 and refused.steps == 0


def test_a_config_without_seed_or_progress_has_none_checked_nor_added() -> None:
    @dataclass(frozen=True)
    class Sizes:
        width: object = 2

    config = Sizes()
    assert field_problems(config, positive_ints=("width",)) == []
    assert not hasattr(config, "seed")
    assert field_problems(Sizes(width=np.int64(0)), positive_ints=("width",)) == [
        "`width` must be a positive integer, got 0."
    ]


def test_module_sizes_come_back_as_python_ints_or_none() -> None:
    problems, ints = module_problems({"a": 1, "b": np.int64(2)}, 0.0)
    assert (problems, ints) == ([], {"a": 1, "b": 2}) and type(ints["b"]) is int
    problems, ints = module_problems({"a": 0, "b": True, "c": 2.0, "d": 4}, 1.0)
    assert problems == [
        "`a` must be a positive integer, got 0.",
        "`b` must be a positive integer, got True.",
        "`c` must be a positive integer, got 2.0 (a whole number as a float: pass int(x)).",
        "`dropout` must be a number in [0, 1), got 1.0.",
    ]
    assert ints == {"a": None, "b": None, "c": None, "d": 4}


@pytest.mark.parametrize(
    ("dropout", "hint"),
    [(True, ""), ("0.1", " (a number, not text: 0.1)"), (-0.1, ""), (None, "")],
)
def test_module_dropout_must_be_a_number_in_0_1(dropout: object, hint: str) -> None:
    assert module_problems({}, dropout) == (
        [f"`dropout` must be a number in [0, 1), got {dropout!r}{hint}."],
        {},
    )
    assert module_problems({}, 0.9999) == ([], {})


def test_module_minimums_larger_than_1_give_their_reason() -> None:
    minimum = {"v": (2, " (id 0 is padding)"), "w": (3, " (3 ids reserved)")}
    problems, ints = module_problems({"v": 2, "w": 2, "h": 1}, 0.5, minimum)
    assert problems == ["`w` must be an integer >= 3 (3 ids reserved), got 2."]
    assert ints == {"v": 2, "w": None, "h": 1}
    assert module_problems({"v": 1}, 0.0, minimum)[0] == [
        "`v` must be an integer >= 2 (id 0 is padding), got 1."
    ]
