"""ONNX export of lstmkit's layers, run in onnxruntime: the figures behind the README's claims.

Usage (in an environment with ``onnx``, ``onnxruntime`` and ``onnxscript``, which lstmkit does
not need; without them the script says so and exits 2)::

    python benchmarks/onnx_check.py [--only WORD ...] [--steps 5]

Each layer is exported in eval mode, float32, with ``torch.onnx.export(..., dynamo=True)`` (the
``torch.export`` exporter) and ``dynamo=False`` (the older TorchScript exporter), on an input of
``--steps`` time steps, batch 2, 3 features, 4 hidden units, and run in onnxruntime on the CPU.
Printed per export: the largest absolute difference between onnxruntime's output (the
sequence's output, then the final states) and the lstmkit module's, and the one against
``torch.nn.LSTM``/``GRU`` loaded with the same ``state_dict`` (``-`` for a peephole LSTM, which
has no ``torch.nn`` twin), or the error and its first line where the export or the run fails.
The layers: LSTM fused and explicit, peephole, GRU fused and explicit, stacked (2 layers),
bidirectional, ``batch_first``, with ``lengths`` (under ``"auto"`` and ``"fused"``) and with
``proj_size``; ``torch.nn.LSTM(proj_size=2)`` beside the last for comparison.

A second table exports with a dynamic time dimension (``dynamic_shapes`` for ``dynamo=True``,
``dynamic_axes`` for ``dynamo=False``) and runs the model on ``--steps`` + 3 steps: ``ok`` with
the difference against the module on those steps, ``WRONG`` where onnxruntime returned
outputs that differ from the module's (or have another shape), or the error.

Measured on the machine it is developed on (torch 2.13.0, onnxruntime 1.32.0, onnx 1.23,
onnxscript 0.7): every export that runs is within 1.8e-7 of the module and of ``torch.nn``
(bidirectional; 5.2e-8 to 1.2e-7 for the others); ``"fused"`` with ``lengths`` is refused under
``dynamo=True`` by lstmkit's RuntimeError; ``proj_size`` fails on both exporters, as
``torch.nn.LSTM``'s does. With a dynamic time dimension only ``dynamo=False`` on the fused path
(and ``torch.nn``'s modules) runs 8 steps; the explicit path's ``dynamo=False`` LSTM returns 5
steps' outputs (``WRONG``), its GRU fails in a Split node, and every ``dynamo=True`` model keeps
5 steps, in its input or in a Reshape node, and fails on 8.

``--only`` runs the rows whose names hold one of its words (``--only gru peephole``). The script
exits 0 when it has printed both tables; a failed export is a row of the table, not a failure
of the script. About 3 minutes on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import logging
import os
import re
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

import torch

from _counts import count_problems  # beside this script, as python puts it on the path
from lstmkit.nn import GRU, LSTM

NEEDED = ("onnx", "onnxruntime", "onnxscript")
SIZES = {"input_size": 3, "hidden_size": 4}


class Case(NamedTuple):
    """One layer to export: how to build it and how it is called."""

    name: str
    make: Callable[[], torch.nn.Module]
    lengths: tuple[int, ...] | None = None  # passed as `lengths` (a tensor input) when given
    batch_first: bool = False


def _lstm(**kwargs) -> Callable[[], torch.nn.Module]:
    return lambda: LSTM(**SIZES, **kwargs)


def _gru(**kwargs) -> Callable[[], torch.nn.Module]:
    return lambda: GRU(**SIZES, **kwargs)


CASES = [
    Case("LSTM fused", _lstm(implementation="fused")),
    Case("LSTM explicit", _lstm(implementation="explicit")),
    Case("LSTM peephole", _lstm(peephole=True)),
    Case("GRU fused", _gru(implementation="fused")),
    Case("GRU explicit", _gru(implementation="explicit")),
    Case("LSTM stacked fused", _lstm(num_layers=2, implementation="fused")),
    Case("LSTM stacked explicit", _lstm(num_layers=2, implementation="explicit")),
    Case("LSTM bidirectional fused", _lstm(bidirectional=True, implementation="fused")),
    Case("LSTM bidirectional explicit", _lstm(bidirectional=True, implementation="explicit")),
    Case("LSTM batch_first fused", _lstm(batch_first=True, implementation="fused"), None, True),
    Case(
        "LSTM batch_first explicit", _lstm(batch_first=True, implementation="explicit"), None, True
    ),
    Case("LSTM lengths auto", _lstm(), (5, 3)),
    Case("LSTM lengths fused", _lstm(implementation="fused"), (5, 3)),
    Case("LSTM lengths explicit", _lstm(implementation="explicit"), (5, 3)),
    Case("GRU lengths auto", _gru(), (5, 3)),
    Case("LSTM proj_size", _lstm(proj_size=2)),
    Case("torch.nn.LSTM proj_size", lambda: torch.nn.LSTM(**SIZES, proj_size=2)),
]
# the second table's rows: these, and torch.nn's LSTM and GRU for comparison
DYNAMIC_CASES = ("LSTM fused", "LSTM explicit", "LSTM peephole", "GRU fused", "GRU explicit")
TORCH_CASES = [
    Case("torch.nn.LSTM", lambda: torch.nn.LSTM(**SIZES)),
    Case("torch.nn.GRU", lambda: torch.nn.GRU(**SIZES)),
]


def selected(case: Case, only: list[str]) -> bool:
    """Whether ``--only``'s words (none: every row) take ``case``."""
    return not only or any(word.lower() in case.name.lower() for word in only)


def missing_packages() -> list[str]:
    """The packages of NEEDED that this Python cannot import."""
    return [name for name in NEEDED if importlib.util.find_spec(name) is None]


def twin(module: torch.nn.Module) -> torch.nn.Module | None:
    """``torch.nn``'s LSTM or GRU with ``module``'s sizes and weights (None for a peephole one
    and for a ``torch.nn`` module, which is its own)."""
    if isinstance(module, torch.nn.RNNBase) or getattr(module, "peephole", False):
        return None
    kind = torch.nn.LSTM if isinstance(module, LSTM) else torch.nn.GRU
    kwargs = {
        "num_layers": module.num_layers,
        "bidirectional": module.bidirectional,
        "batch_first": module.batch_first,
    }
    if isinstance(module, LSTM):
        kwargs["proj_size"] = module.proj_size
    ref = kind(**SIZES, **kwargs).eval()
    ref.load_state_dict(module.state_dict())
    return ref


def torch_outputs(module: torch.nn.Module, x: torch.Tensor, lengths) -> list[torch.Tensor]:
    """``module``'s output and final states on ``x`` as one flat list; a ``torch.nn`` module
    reads ``lengths`` through a packed sequence, as its users do."""
    with torch.no_grad():
        if lengths is None:
            out, state = module(x)
        elif isinstance(module, torch.nn.RNNBase):
            packed = torch.nn.utils.rnn.pack_padded_sequence(
                x, lengths, batch_first=module.batch_first, enforce_sorted=False
            )
            out, state = module(packed)
            out, _ = torch.nn.utils.rnn.pad_packed_sequence(
                out, batch_first=module.batch_first, total_length=x.shape[int(module.batch_first)]
            )
        else:
            out, state = module(x, lengths=lengths)
    return [out, *(state if isinstance(state, tuple) else (state,))]


def first_line(err: BaseException) -> str:
    """The line of ``err`` that says what went wrong: the torch.onnx exporter's own message is
    a list of next steps, and the cause is the first line of its "Exception summary"."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", str(err))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if "## Exception summary" in lines:
        lines = lines[lines.index("## Exception summary") + 1 :]
    line = lines[0] if lines else ""
    if "[ONNXRuntimeError]" in line:  # its lines go on: "index: 0 Got: 8 Expected: 5"
        line = " ".join(lines)
    line = re.sub(r"^<class '([\w.]+)'>: ", lambda m: m.group(1).rsplit(".", 1)[-1] + ": ", line)
    # onnxruntime's: "[ONNXRuntimeError] : 1 : FAIL : Non-zero status code returned while
    # running LSTM node. Name:'node_lstm__2' Status Message: ..." says "LSTM node: ..."
    line = re.sub(r"\[ONNXRuntimeError\] : \d+ : \w+ : ", "", line)
    line = re.sub(
        r"Non-zero status code returned while running (\w+) node\. Name:'[^']*' "
        r"Status Message: (?:\S*onnxruntime_src/\S+ (?:.*? was false\. )?)?",
        r"\1 node: ",
        line,
    )
    if not line.startswith(type(err).__name__) and not re.match(r"\w+: ", line):
        line = f"{type(err).__name__}: {line}"
    return line if len(line) <= 130 else line[:127] + "..."


def export(case: Case, module, x, lengths, dynamo: bool, path: Path, dynamic: bool) -> None:
    """Writes ``module`` as ONNX to ``path``, its inputs named ``x`` (and ``lengths``), with
    the time dimension dynamic if ``dynamic``."""
    time_axis = int(case.batch_first)
    args = (x,) if lengths is None else (x, None, lengths)
    names = ["x"] if lengths is None else ["x", "lengths"]
    kwargs: dict[str, object] = {"input_names": names, "dynamo": dynamo}
    if dynamic and dynamo:
        steps = {time_axis: torch.export.Dim("T")}
        kwargs["dynamic_shapes"] = (steps,) if lengths is None else (steps, None, None)
    elif dynamic:
        kwargs["dynamic_axes"] = {"x": {time_axis: "T"}}
    # the exporters print their progress, and the TorchScript one its graph where it fails and
    # its shape inference's warnings, from C++ too: the table is the output
    with silenced(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(module, args, str(path), **kwargs)


@contextlib.contextmanager
def silenced() -> Iterator[None]:
    """Nothing written to stdout or stderr reaches them, from Python or C++, while it runs."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 1)
        os.dup2(null.fileno(), 2)
        try:
            with contextlib.redirect_stdout(null), contextlib.redirect_stderr(null):
                yield
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def run_onnx(path: Path, x: torch.Tensor, lengths) -> list[torch.Tensor]:
    """The ONNX model at ``path`` run in onnxruntime on ``x`` (and ``lengths``)."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 4  # its errors are raised, and shown in the table: not logged
    session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    feed = {session.get_inputs()[0].name: x.numpy()}
    if lengths is not None:
        feed[session.get_inputs()[1].name] = lengths.numpy()
    return [torch.from_numpy(a) for a in session.run(None, feed)]


def max_diff(got: list[torch.Tensor], want: list[torch.Tensor]) -> float | None:
    """The largest absolute difference over the outputs, None where their shapes differ."""
    if len(got) != len(want) or any(g.shape != w.shape for g, w in zip(got, want, strict=True)):
        return None
    return max(float((g.double() - w.double()).abs().max()) for g, w in zip(got, want, strict=True))


def inputs(case: Case, steps: int) -> tuple[torch.Tensor, torch.Tensor | None]:
    """A fixed input of ``steps`` time steps (batch 2) and the case's lengths, if any."""
    gen = torch.Generator().manual_seed(steps)
    shape = (2, steps, SIZES["input_size"]) if case.batch_first else (steps, 2, SIZES["input_size"])
    x = torch.randn(shape, generator=gen)
    if case.lengths is None:
        return x, None
    return x, torch.tensor([min(n, steps) for n in case.lengths])


def slug(name: str) -> str:
    """``name`` as a file name: 'LSTM fused' → 'LSTM_fused'."""
    return re.sub(r"\W+", "_", name)


def build(case: Case) -> torch.nn.Module:
    torch.manual_seed(0)
    return case.make().eval()


def static_row(case: Case, dynamo: bool, steps: int, folder: Path) -> list[str]:
    """[vs module, vs torch.nn, failure] for one export on ``steps`` steps."""
    module = build(case)
    x, lengths = inputs(case, steps)
    path = folder / f"{slug(case.name)}_{dynamo}.onnx"
    try:
        export(case, module, x, lengths, dynamo, path, dynamic=False)
    except Exception as err:  # a failed export is a row of the table
        return ["-", "-", f"export fails: {first_line(err)}"]
    try:
        got = run_onnx(path, x, lengths)
    except Exception as err:
        return ["-", "-", f"onnxruntime fails: {first_line(err)}"]
    ours = max_diff(got, torch_outputs(module, x, lengths))
    ref = twin(module)
    theirs = "-" if ref is None else _figure(max_diff(got, torch_outputs(ref, x, lengths)))
    return [_figure(ours), theirs, ""]


def dynamic_row(case: Case, dynamo: bool, steps: int, folder: Path) -> str:
    """The export with a dynamic time dimension, run on ``steps`` + 3 steps."""
    module = build(case)
    x, lengths = inputs(case, steps)
    path = folder / f"{slug(case.name)}_{dynamo}_dynamic.onnx"
    try:
        export(case, module, x, lengths, dynamo, path, dynamic=True)
    except Exception as err:
        return f"export fails: {first_line(err)}"
    longer, longer_lengths = inputs(case, steps + 3)
    try:
        got = run_onnx(path, longer, longer_lengths)
    except Exception as err:
        return f"onnxruntime fails: {first_line(err)}"
    diff = max_diff(got, torch_outputs(module, longer, longer_lengths))
    if diff is None:
        shapes = [tuple(g.shape) for g in got]
        return f"WRONG: outputs of shapes {shapes} for {steps + 3} steps"
    return f"{'ok' if diff < 1e-4 else 'WRONG'} {_figure(diff)}"


def _figure(diff: float | None) -> str:
    return "shapes differ" if diff is None else f"{diff:.1e}"


def print_table(header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        nargs="*",
        default=[],
        help="run only the rows whose names hold one of these words (each must match a row)",
    )
    parser.add_argument("--steps", type=int, default=5, help="time steps of the example input")
    args = parser.parse_args(argv)
    if missing := missing_packages():
        parser.error(
            f"this script runs the exported models in onnxruntime and needs {', '.join(NEEDED)}; "
            f"this Python ({sys.executable}) lacks {', '.join(missing)}. Install them beside "
            "lstmkit: pip install -c constraints.txt onnx onnxruntime onnxscript"
        )
    if problems := count_problems(args, ("steps",)):
        parser.error(" ".join(problems))
    names = [case.name for case in CASES + TORCH_CASES]
    if missed := [w for w in args.only if not any(w.lower() in n.lower() for n in names)]:
        parser.error(
            f"--only {' '.join(missed)}: no row's name holds "
            f"{'it' if len(missed) == 1 else 'them'}; the rows: {'; '.join(names)}."
        )
    cases = [c for c in CASES if selected(c, args.only)]
    logging.getLogger("torch.onnx").setLevel(logging.ERROR)  # "torchvision is not installed"
    import onnxruntime

    print(
        f"torch {torch.__version__}, onnxruntime {onnxruntime.__version__}, "
        f"{args.steps} steps, batch 2, {SIZES['input_size']} features, "
        f"{SIZES['hidden_size']} units, float32; max |onnxruntime - PyTorch| over the output "
        "and final states"
    )
    with tempfile.TemporaryDirectory(prefix="onnx_check_") as tmp:
        folder = Path(tmp)
        rows = []
        for case in cases:
            for dynamo in (True, False):
                cells = static_row(case, dynamo, args.steps, folder)
                rows.append([case.name, f"dynamo={dynamo}", *cells])
                print(f"  {' | '.join(c for c in rows[-1] if c)}", file=sys.stderr, flush=True)
        print()
        print_table(["layer", "exporter", "vs module", "vs torch.nn", "failure"], rows)
        dynamic = [c for c in cases if c.name in DYNAMIC_CASES]
        dynamic += [c for c in TORCH_CASES if selected(c, args.only)]
        if dynamic:
            rows = [
                [case.name, f"dynamo={dynamo}", dynamic_row(case, dynamo, args.steps, folder)]
                for case in dynamic
                for dynamo in (True, False)
            ]
            print()
            print(
                f"dynamic time dimension, exported on {args.steps} steps, run on {args.steps + 3}:"
            )
            print_table(["layer", "exporter", f"{args.steps + 3} steps vs module"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
