"""left34b: left-overs of the nn core and benchmark walks."""

from __future__ import annotations

import time

import numpy as np
import pytest
import torch

from lstmkit import nn
from lstmkit._checks import ConfigTypeError


def test_pad_batch_bench_times_cpu_not_the_wall_clock(bench_script):
    """pad_batch.py timed the wall clock, which a loaded machine stretched for pad_batch more than
    for pad_sequence (a ratio of 17 to 20 where 1.8 was printed first); it times CPU time now."""
    times = bench_script("pad_batch").cpu_times(lambda: time.sleep(0.01))
    assert len(times) == 3
    assert max(times) < 0.01  # sleeping 0.2 s in 20 calls is 0.2 s by the wall clock


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: nn.LSTM(3, 4.0),
            "`hidden_size` must be a positive integer, got 4.0 (a whole number as a float: "
            "pass int(x)).",
        ),
        (lambda: nn.GRUCell(3, 4.5), "`hidden_size` must be a positive integer, got 4.5."),
        (
            lambda: nn.LSTM(3, 4, num_layers=np.float64(2.0)),
            "`num_layers` must be a positive integer, got np.float64(2.0) (a whole number as a "
            "float: pass int(x)).",
        ),
        (
            lambda: nn.LSTM(3, 4, proj_size=2.0),
            "`proj_size` must be an integer, got 2.0 (a whole number as a float: pass int(x)).",
        ),
    ],
)
def test_a_float_count_is_the_type_error_torch_raises_and_a_value_error(build, message):
    """nn.LSTM(3, 4.0) raised a ValueError alone, where torch.nn.LSTM(3, 4.0) raises a TypeError:
    code catching torch's around a drop-in constructor missed it. It is both now."""
    with pytest.raises(TypeError) as err:
        build()
    assert isinstance(err.value, ValueError)
    assert type(err.value) is ConfigTypeError
    assert str(err.value) == message


def test_a_count_below_one_stays_a_value_error_as_torchs():
    with pytest.raises(ValueError) as err:
        nn.LSTM(3, 0)
    assert type(err.value) is ValueError
    assert str(err.value) == "`hidden_size` must be a positive integer, got 0."


def test_a_direction_a_layer_lacks_lists_the_ints_it_takes():
    """gates(0, direction=1) on a one-direction layer said "must be 'forward', ..., got 1",
    though the int 0 is taken as well."""
    lstm = nn.LSTM(3, 4)
    assert lstm.gates(0, direction=0)["forget"].weight_ih.shape == (4, 3)
    with pytest.raises(ValueError) as err:
        lstm.gates(0, direction=1)
    assert str(err.value) == (
        "`direction` must be 'forward' or 0, the only direction of a layer that is not "
        "bidirectional (bidirectional=False), got 1."
    )
    with pytest.raises(ValueError) as err:
        nn.GRU(3, 4, bidirectional=True).gates(0, direction=2)
    assert str(err.value) == "`direction` must be 'forward', 'reverse', 0 or 1, got 2."


def test_cuda_check_refuses_an_only_word_no_check_holds(bench_refusal, bench_script):
    """--only xyz ran no check and exited 0, "0 of 0 checks ok"; it names the checks now."""
    names = bench_script("cuda_check").check_names(torch.device("cpu"))
    assert len(names) == 29  # the README's "passed its 29 checks"
    assert names[9] == "peephole LSTM explicit on cpu vs cpu, float64"
    assert names[-1] == "lstmkit text spell --device cpu"
    refusal = bench_refusal("cuda_check", ["--device", "cpu", "--only", "xyz", "peephole", "abc"])
    assert refusal == (
        "cuda_check.py: error: --only xyz abc: no check's name holds them; the checks: "
        f"{'; '.join(names)}."
    )
    refusal = bench_refusal("cuda_check", ["--device", "cpu", "--only", "lsmt"])
    assert refusal.startswith(
        "cuda_check.py: error: --only lsmt: no check's name holds it; the checks: LSTM explicit "
        "torch.float64 vs torch.nn on cpu; "
    )


def test_forecast_accuracy_gives_times_as_ratios_to_its_anchor(bench_script, accuracy_printed):
    """It printed absolute "fit s" and "... 155.0 s wall" alone, and --quick's "mean ± std over 1
    seeds"; the times are ratios to an anchor of the same run now, the seconds beside them."""
    out = accuracy_printed(["--quick", "--datasets", "airline"])
    table = out.index("### One forecast from the origin (one seed, 0: no ± std)")
    assert out[table + 2 : table + 8] == [
        "| dataset | holdout | method | RMSE | RMSE / seasonal naive | MAPE % | MASE "
        "| fit time / anchor | fit s |",
        "|---|---|---|---|---|---|---|---|---|",
        "| airline | 12 | lstmkit Forecaster | 14.0 | 0.280 | 2.50 | 0.400 | 1.00 | 4.0 |",
        "| airline | 12 | seasonal_naive | 50.0 | 1.000 | 2.50 | 0.400 | 0.05 | 0.2 |",
        "",
        "Time anchor: lstmkit's fit on airline, holdout 12 (4.0 s), in this run.",
    ]
    assert out[-1] == (
        "`lstmkit forecast airline` (defaults, in-process): 2.50x the time anchor's fit "
        "(10.0 s wall)"
    )
    spread_words = bench_script("forecast_accuracy").spread_words
    assert spread_words((0, 100, 200)) == "mean ± std (ddof=0) over 3 seeds"


def test_every_benchmark_flag_has_a_help_text():
    """business_hours_read --rows/--repeats, forecast_calendar/_long/_minutes --days and more
    showed in --help with no word of what they set."""
    import ast
    from pathlib import Path

    bare = []
    for path in sorted((Path(__file__).resolve().parents[1] / "benchmarks").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            is_flag = (
                isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add_argument"
            )
            if is_flag and not any(k.arg == "help" for k in node.keywords):
                bare.append(f"{path.name}: {ast.literal_eval(node.args[0])}")
    assert bare == []


def test_forecast_constant_gives_the_readmes_time():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    script = (root / "benchmarks" / "forecast_constant.py").read_text("utf-8")
    readme = (root / "README.md").read_text("utf-8")
    assert "(`python benchmarks/forecast_constant.py`, 4 min)" in readme
    assert "(about 4 minutes on 2 cores, as the README has it)" in script
