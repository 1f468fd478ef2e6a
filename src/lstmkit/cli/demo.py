"""``lstmkit demo``: train a tiny LSTM on a toy memory task and show its gates at work."""

from __future__ import annotations

import argparse
import errno
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

import lstmkit
from lstmkit.cli import (
    COMMANDS,
    DefaultsHelpFormatter,
    long_name_problem,
    refuse_together,
    says_refused_flags,
    seed_number,
    typed_path,
    whole_number,
    writable,
)

if TYPE_CHECKING:
    import torch
    from torch import nn


def _recaller(hidden_size: int) -> nn.Module:
    """A network that reads a sequence of ±1 signals and must answer the sign of the first one
    (torch loads here, when the demo runs, not for ``lstmkit --help``)."""
    from torch import nn

    from lstmkit.nn import LSTM

    class Recaller(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.rnn = LSTM(1, hidden_size, batch_first=True)
            self.head = nn.Linear(hidden_size, 1)

        def forward(self, x: torch.Tensor) -> torch.Tensor:
            out, _ = self.rnn(x)
            return self.head(out[:, -1]).squeeze(1)

    return Recaller()


def _batch(
    n: int, steps: int, gen: torch.Generator, device: torch.device
) -> tuple[torch.Tensor, torch.Tensor]:
    import torch

    # drawn on the generator's CPU, then moved to the model's device: drawn on
    # torch.set_default_device's device, a CPU generator failed there
    x = torch.randint(0, 2, (n, steps, 1), generator=gen, device=gen.device)
    x = x.to(device).float() * 2 - 1
    x[:, 1:] *= 0.3  # later steps are distractors of smaller amplitude
    return x, (x[:, 0, 0] > 0).float()


def _memory_problem(
    steps: int, hidden: int, memory: int | None = None, limited_by: str = "this machine's memory"
) -> str | None:
    """The refusal of ``--steps`` and ``--hidden`` whose test batch cannot be held: the gate
    activations of 256 sequences (4 gates, 4 bytes each) beyond ``memory`` (bytes, which
    ``limited_by`` names; by default what predict reads: the machine's memory, or its
    container's limit where that is smaller, which was not read, and the swap:
    :func:`lstmkit._memory.refusal_limit`); None where they fit, or where the OS does not
    say the memory. ``--steps 1e12`` failed inside torch's allocator with a C++
    message. Sizes in binary units, as predict's refusal writes them (whole decimal GB said
    "needs 0 GB ... (0 GB)" in a container of 1 MiB).

    Example:
        >>> _memory_problem(8, 8, memory=2**30) is None
        True
        >>> print(_memory_problem(10**12, 8, memory=2**30))
        --steps 1000000000000 with --hidden 8 needs 29.1 PiB for the gates of the 256 test \
sequences, more than this machine's memory (1 GiB); lower --steps or --hidden.
    """
    from lstmkit import _memory  # the standard library's alone: no torch on a refusal

    if memory is not None:
        words = f"{limited_by} ({_memory.in_bytes(memory)})"
    # A hard refusal, as a module's parameters': gates the swap holds run (slowly), so memory
    # and swap together, as predict's and the nn modules' checks count them (memory alone
    # refused a demo the swap held); the memory not known: torch says it.
    elif (limit := _memory.refusal_limit()) is None:
        return None
    else:
        memory, words = limit
    needed = 256 * steps * 4 * hidden * 4
    if needed <= memory:
        return None
    return (
        f"--steps {steps} with --hidden {hidden} needs {_memory.in_bytes(needed)} for the gates "
        f"of the 256 test sequences, more than {words}; lower --steps or --hidden."
    )


def _stdout_s(fd: int) -> str | None:
    """Where descriptor ``fd`` writes into stdout's file: ``""`` for descriptor 1 itself, else
    the words telling the duplicate (``3>&1``, or ``3>>report.txt`` beside ``>>report.txt``),
    whose PNG went into the report's pipe or file after its lines (on a terminal, ``3>&1`` was
    told it is a terminal, which ``3>gates.png`` was advised against in turn); None for any
    other file, and for a device that is no terminal (``3>/dev/null`` beside ``>/dev/null``),
    which holds no report to spoil.

    Example:
        >>> _stdout_s(1)
        ''
    """
    if fd == 1:
        return ""
    try:
        mine, stdout = os.fstat(fd), os.fstat(1)
    except OSError:  # not open (the write says so), or no stdout: nothing shared
        return None
    if (mine.st_dev, mine.st_ino) != (stdout.st_dev, stdout.st_ino):
        return None
    if stat.S_ISCHR(mine.st_mode) and not os.isatty(fd):
        return None
    kind = (
        "terminal"
        if stat.S_ISCHR(mine.st_mode)
        else "pipe"
        if stat.S_ISFIFO(mine.st_mode)
        else "socket"
        if stat.S_ISSOCK(mine.st_mode)
        else "file"
    )
    return f" (stdout's {kind} too, as after `{fd}>&1`)"


@says_refused_flags
def _run(args: argparse.Namespace) -> int:
    from lstmkit._checks import seed_problem, value_repr

    problems = [
        f"--{name} must be a positive integer, got {value_repr(getattr(args, name))}."
        for name in ("steps", "epochs", "hidden")
        if getattr(args, name) < 1
    ]
    if (problem := seed_problem(args.seed, "--seed")) is not None:
        problems.append(problem + ".")
    refuse_together(problems)  # every one at once, in command-line order
    if (problem := _memory_problem(args.steps, args.hidden)) is not None:
        raise ValueError(problem)
    if args.plot is not None:
        from lstmkit._figures import (
            _open_for_writing,
            descriptor,
            figure_file,
            read_only,
            written_into,
        )
        from lstmkit.io import check_out_dir

        # the report is printed on stdout: a PNG among its lines is neither; told before
        # figure_file, whose refusal of a terminal advised `> figure.png`, refused in turn
        # `--plot -`, stdout as the other commands read '-': it wrote a file '-.png' and said
        # it wrote '-'
        if args.plot == "-":
            stdout = "stdout"
        elif (fd := descriptor(args.plot)) is not None and (shared := _stdout_s(fd)) is not None:
            stdout = f"descriptor {fd}{shared}"
        else:
            stdout = None
        if stdout is not None:
            raise ValueError(
                f"--plot must name a file or a descriptor other than stdout, got "
                f"{args.plot!r}, {stdout}, which the demo's report is printed on; write the "
                "figure to a file (--plot gates.png) or to another descriptor (--plot "
                "/dev/fd/3 3>gates.png)."
            )
        try:  # refused before any training, as every --out is
            plot = figure_file(args.plot)
        except ValueError as err:
            # the flag typed, not the library's argument: "--plot: `path` must end in ..."
            # named a `path` no one had given
            raise ValueError(str(err).replace("`path`", "--plot", 1)) from None
        except OSError as err:
            # the suffix added (`--plot NAME` writes NAME.png) past 255 bytes: "error: [Errno
            # 36] File name too long: 'bbbb...bbbb.png'", exit code 1
            said = long_name_problem("--plot", args.plot, err.filename or args.plot)
            if err.errno != errno.ENAMETOOLONG or said is None:
                raise
            raise ValueError(said) from None
        # the same where figure_file looked no further (`--plot new/NAME`, new/ not there yet)
        if (said := long_name_problem("--plot", args.plot, plot)) is not None:
            raise ValueError(said)
        # a folder nothing can be created in (read-only, no permission): the write failed
        # after the training, exit code 1; not of /dev/fd/3's (/dev), which nothing is
        # created in: written through
        if not written_into(plot):
            check_out_dir(plot.parent, "--plot's folder")
        # a read-only file: refused here, before the training (the save refused it after it,
        # exit code 1)
        if (why := read_only(plot)) is not None:
            raise ValueError(f"--plot {str(plot)!r} cannot be written: {why}.")
        # a descriptor not open, or open for reading alone (`--plot /dev/fd/3` without `3>`):
        # told after the training, "error: [Errno 9] descriptor 3 is not open: '/dev/fd/3'"
        # with exit code 1, where `datasets --out` names the flag with exit code 2
        if (fd := descriptor(plot)) is not None:
            try:
                _open_for_writing(fd, plot)
            except OSError as err:
                raise ValueError(
                    f"--plot {typed_path(plot)} cannot be written: {err.strerror}."
                ) from None
    import torch
    from torch import nn

    from lstmkit.train import adam

    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)
    model = _recaller(args.hidden)
    device = next(model.parameters()).device  # torch.set_default_device's, as the model's
    opt = adam(model.parameters(), lr=0.02)
    loss_fn = nn.BCEWithLogitsLoss()
    for _ in range(args.epochs):
        x, y = _batch(64, args.steps, gen, device)
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
    x, y = _batch(256, args.steps, gen, device)
    with torch.no_grad(), lstmkit.trace(model) as tr:
        accuracy = ((model(x) > 0).float() == y).float().mean().item()
    print(lstmkit.summary(model))
    print(
        f"\ntask: remember the sign of step 0 for {args.steps} step{'s' * (args.steps != 1)}; "
        f"accuracy after {args.epochs} updates: {accuracy:.1%} (chance 50%)\n"
    )
    gates = tr["rnn/l0"]
    # |c| is no gate: the table said "mean gate activation" over all four columns
    print("mean gate activations and |c| per step over 256 test sequences (averaged over units):")
    print("step  " + "  ".join(f"{k:>6}" for k in ("input", "forget", "output", "|c|")))
    for t in range(args.steps):
        vals = [
            gates["i"][:, t].mean(),
            gates["f"][:, t].mean(),
            gates["o"][:, t].mean(),
            gates["c"][:, t].abs().mean(),
        ]
        print(f"{t:>4}  " + "  ".join(f"{float(v):6.3f}" for v in vals))
    if args.plot is not None:
        from lstmkit.explain.gates import plot_gates

        first = "+1" if x[0, 0, 0] > 0 else "-1"
        signs = [first] + [f"{float(v):+.1f}" for v in x[0, 1:, 0]]
        title = f"test sequence 0, first sign {first}"
        # the table's gates and c, unit by unit instead of averaged
        try:
            plot_gates(
                gates,
                sample=0,
                gates=["i", "f", "o", "c"],
                labels=signs,
                title=title,
                path=args.plot,
            )
        except BrokenPipeError:  # `--plot /dev/fd/3 3>&1 ... | head`: exit 141, as stdout's
            raise
        except OSError as err:
            if err.filename is not None:  # the system's words name the file (mkdir's)
                raise
            # a write that names no file (`--plot /dev/full`, a full disk): "error: [Errno 28]
            # No space left on device" said not which; exit code 1, the system's refusal
            raise OSError(
                f"--plot {typed_path(Path(args.plot))} cannot be written: {err.strerror or err}."
            ) from None
        # the file written: `--plot gates` wrote gates.png and said 'gates'
        # its name on an ASCII stdout: "error: 'ascii' codec can't encode ...", the PNG written
        print(writable(f"\nthe gates of test sequence 0, unit by unit: {plot}", json=False))
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help=COMMANDS["demo"][1],
        description="Train a tiny LSTM to remember the sign of the first step through "
        "distractors, then print its summary and its mean gate activations step by step.",
        # "(default: 8)" as every other command's help says it (it wrote "(default 8)")
        formatter_class=DefaultsHelpFormatter,
    )
    p.add_argument("--steps", type=whole_number, default=8, help="sequence length")
    p.add_argument("--epochs", type=whole_number, default=150, help="training updates")
    p.add_argument(
        "--hidden",
        "--hidden-size",
        dest="hidden",
        type=whole_number,
        default=8,
        help="hidden units",
    )
    p.add_argument("--seed", type=seed_number, default=0, help="random seed")
    p.add_argument(
        "--plot",
        metavar="FILE",  # as every flag that names a file to read or write (was PATH)
        help="also save heatmaps of the input, forget and output gates and the cell state, unit "
        "by unit, for one test sequence (PNG, SVG, PDF, ... by suffix)",
    )
    p.set_defaults(func=_run)
