"""Huge counts: refused up front, in the project's words, where they hung or crashed."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

INT64 = "must be an integer of magnitude at most 2**63-1 (torch's int64), got"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # ran for over 60 s
        (["forecast", "airline", "--horizon", "1e30"], f"--horizon {INT64} '1e30'."),
        # OverflowError inside tqdm
        (["forecast", "airline", "--epochs", "1e30"], f"--epochs {INT64} '1e30'."),
        # a C++ traceback from torch
        (["demo", "--steps", "1e400"], f"--steps {INT64} '1e400'."),
        (
            ["text", "train", "sst2", "--out", "o", "--epochs", "9223372036854775808"],
            f"--epochs {INT64} '9223372036854775808'.",
        ),
    ],
)
def test_a_count_past_int64_is_refused_by_its_flag(flags_refusal, argv, said) -> None:
    assert flags_refusal(argv) == f"error: {said}\n"


def test_the_largest_int64_is_still_read_as_a_count() -> None:
    from lstmkit.cli import build_parser

    argv = ["forecast", "airline", "--epochs", "9223372036854775807", "--seed", "1e18"]
    args = build_parser(argv).parse_args(argv)
    assert (args.epochs, args.seed) == (2**63 - 1, 10**18)


def test_a_horizon_far_past_the_series_is_refused_at_once(capsys, tmp_path: Path) -> None:
    # --horizon 2147483647 counted every shorter horizon down to 65 before saying so (minutes)
    from lstmkit.cli import main

    out = tmp_path / "o"
    start = time.perf_counter()
    assert main(["forecast", "airline", "--horizon", "2147483647", "--out", str(out)]) == 2
    assert time.perf_counter() - start < 3
    assert capsys.readouterr().err == (
        "error: the series is too short: 144 points, where the holdout (2147483647, by default "
        "--horizon) and at least --horizon (2147483647) + 3 to fit on (the look-back and the "
        "windows to train and validate on) need at least 4294967297; --horizon 65 fits it.\n"
    )
    assert not out.exists()


def test_a_demo_too_large_for_memory_is_refused_before_torch_tries(capsys) -> None:
    # --steps 1e12 failed in torch's allocator: "DefaultCPUAllocator: can't allocate memory"
    from lstmkit.cli import main
    from lstmkit.cli.demo import _memory_problem

    assert main(["demo", "--steps", "1e12"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "error: --steps 1000000000000 with --hidden 8 needs 29.1 PiB for the gates of the 256 "
        "test sequences, more than this machine's memory ("
    )
    # the machine's memory, in binary units (it was whole decimal GB), and its swap, if any
    size = r"\(\d[\d.]* [KMGTPE]iB\)"
    tail = rf"{size}( and the swap {size} together)?; lower --steps or --hidden\.\n\Z"
    assert re.search(tail, err)
    assert _memory_problem(8, 8, memory=2**30) is None
    assert _memory_problem(1024, 64, memory=2**30) is None  # 268 MB
    assert _memory_problem(10**5, 1024, memory=2**30) == (
        "--steps 100000 with --hidden 1024 needs 391 GiB for the gates of the 256 test "
        "sequences, more than this machine's memory (1 GiB); lower --steps or --hidden."
    )


def test_a_seed_past_int64_keeps_its_own_check(capsys) -> None:
    from lstmkit.cli import main

    assert main(["demo", "--seed", "1e19"]) == 2
    assert capsys.readouterr().err == (
        "error: --seed must be an integer in [0, 9223372036854775807], got 10000000000000000000.\n"
    )
