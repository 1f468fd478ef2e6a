"""``lstmkit datasets``: the bundled series, as a table or one JSON object.

Its own topic, so that listing them imports only the table of :mod:`lstmkit._datasets`, not the
forecasting command's pandas and numpy (1 s of the command's 1.2 s before).
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

from lstmkit._datasets import _ALIASES, DATASETS, _meant_dataset, list_datasets
from lstmkit._examples import EXAMPLES, example_text, writes_example
from lstmkit.cli import (
    COMMANDS,
    CLIError,
    _and,
    print_table,
    stdout_holds,
    typed_path,
    user_text,
    writable,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``datasets`` sub-command."""
    ds = subparsers.add_parser(
        "datasets",
        help=COMMANDS["datasets"][1],
        description="List the series that ship with lstmkit, loadable by name "
        "(`lstmkit forecast NAME`, `lstmkit.data.load_dataset(NAME)`); their provenance is in "
        "the package's datasets/PROVENANCE.md.",
    )
    # a CSV printed under --json would be no JSON: one or the other
    what = ds.add_mutually_exclusive_group()
    what.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    what.add_argument(
        "--example",
        type=_example_name,
        choices=list(EXAMPLES),
        metavar="NAME",
        help="print the example CSV the README's commands read, instead of the table "
        f"({writes_example('promo')}): "
        # argparse formats help with %: eu's `%d/%m/%Y` broke `lstmkit datasets --help`
        + "; ".join(f"{name}: {holds}" for name, holds in EXAMPLES.items()).replace("%", "%%"),
    )
    ds.add_argument(
        "--out",
        type=user_text,
        metavar="FILE",
        help="with --example: write the CSV to FILE as UTF-8 (a shell's `>` may not: Windows "
        "PowerShell 5's writes UTF-16), its folders made",
    )
    ds.set_defaults(func=run_datasets)
    ds.stray_hint = _datasets_stray_hint  # type: ignore[attr-defined]


def _example_name(text: str) -> str:
    """argparse type of ``--example``: an example's name, or its file's name as the README's
    loop writes it (``promo.csv`` was refused: "invalid choice: 'promo.csv'"), in any case
    (``PROMO.csv`` was refused where ``promo.csv`` was not); any other word as typed, which
    argparse refuses naming the choices."""
    stem = text[:-4] if text.lower().endswith(".csv") else text
    dataset = _ALIASES.get(stem.lower(), stem.lower())
    if dataset in DATASETS:
        # `--example airline`, for the CSV of the series the tour forecasts: told "invalid
        # choice" alone, with the examples' names
        csv = _provenance().parent / DATASETS[dataset].filename
        raise argparse.ArgumentTypeError(
            f"{text!r} is a bundled dataset, not one of the README's example files "
            f"({', '.join(EXAMPLES)}); its CSV is {str(csv)!r}, which `lstmkit forecast "
            f"{dataset}` reads"
        )
    return stem.lower() if stem.lower() in EXAMPLES else text


def _datasets_stray_hint(
    parser: argparse.ArgumentParser, args: argparse.Namespace, said: str
) -> str | None:
    """``lstmkit datasets``'s words for a name given to it (`lstmkit datasets airlines`):
    argparse said "unrecognized arguments: airlines" and nothing of the command taking no
    name, of the names it lists, or of the slip. None where a flag is among the words, which
    the parser's own refusal names with its guesses."""
    words = said.split()
    if not words or any(w.startswith("-") for w in words):
        return None
    # every word given is told and guessed (`lstmkit datasets airlines milk` named the first)
    guess = {w: _meant_dataset(w) for w in dict.fromkeys(words)}  # each word's guess, once
    unknown = [w for w in guess if _ALIASES.get(w, w) not in DATASETS]
    meant = list(dict.fromkeys(m for m in guess.values() if m))
    # several words in one sentence ("'foo' is none of them; 'bar' is none of them" said it
    # once a word), their guesses after it, each by its word where not every word has one;
    # `lstmkit datasets promo`: the README's example of that name told
    guessed = [w for w in unknown if guess[w]]
    notes = [
        f"{e} writes the README's example file"
        for w in unknown
        if (e := writes_example(w.removesuffix(".csv")))
    ]
    if guessed:
        by_word = len(guessed) < len(unknown)  # not every word has a guess: each by its word
        mean = (f"{guess[w]!r} for {w!r}" if by_word else repr(guess[w]) for w in guessed)
        notes.append(f"did you mean {_and(*mean)}?")
    which = ""
    if unknown:
        which = f". {_and(*map(repr, unknown))} {'is' if len(unknown) == 1 else 'are'} none of them"
        which += f" ({'; '.join(notes)})" if notes else ""
    if len(meant) > 1:
        commands = _and(*(f"`lstmkit forecast {m}`" for m in meant))
        calls = _and(*(f"`lstmkit.data.load_dataset({m!r})`" for m in meant))
        run = f" Forecast them with {commands}, load them with {calls} "
    else:
        command, call = (meant[0], repr(meant[0])) if meant else ("NAME", "NAME")
        run = f" Forecast {call if meant else 'one'} with `lstmkit forecast {command}`, "
        run += f"load it with `lstmkit.data.load_dataset({call})` "
    return (
        f"unrecognized arguments: {said}; `lstmkit datasets` takes no name: it lists every "
        f"bundled series ({', '.join(DATASETS)}){which}.{run}"
        "(`lstmkit datasets --help` lists the flags)"
    )


def _provenance() -> Path:
    """The file that says where each series comes from and how it was checked; in an installed
    copy it lies in site-packages, which "the package's datasets/PROVENANCE.md" left to find."""
    import lstmkit._datasets

    return Path(lstmkit._datasets.__file__).resolve().parent / "datasets" / "PROVENANCE.md"


def _write_example(out: str, text: str) -> bool:
    """``text`` into the file ``out`` as UTF-8, whichever shell runs the command (PowerShell
    5's `>` wrote UTF-16, which `--csv` refuses), through a temporary file beside it: a refused or
    interrupted write leaves no half file, and an older one as it was. As `>` writes: a link
    through to its file, which keeps its permissions (a new one gets the umask's), and a
    device or a pipe into it, never replaced by a file; ``/dev/stdout`` (``/dev/fd/N``) through
    the process's own descriptor, appended where the shell's ``>>`` appends. Whether it wrote a
    file: not a device, a pipe or a descriptor, whose reader has the CSV."""
    if not out.strip():  # Path("") is the current folder: "got the folder '.'"
        raise CLIError(f"--out must name a file to write, got {out!r}.")
    path = Path(out)
    # `--out data/` (as `forecast --out` names a folder) wrote a file named data
    if path.is_dir() or out.endswith(("/", os.sep)):
        raise CLIError(
            f"--out must name a file to write, got the folder {out!r} "
            f"(`--out {path / 'NAME.csv'}`)."
        )
    from lstmkit._figures import written_into  # loads numpy: only when a file is written

    into = written_into(path)
    try:
        _write_bytes(path, text.encode("utf-8"))
    except BrokenPipeError:  # `--out /dev/stdout | head -1`: exit 141, as without --out
        raise
    except OSError as err:
        said = f"--out {typed_path(path)} cannot be written: {err.strerror or err}."
        # lstmkit's own refusals (a read-only file, as demo --plot's and forecast --out's; a
        # path through a file), carrying no errno, and a descriptor the command line did not
        # open for writing: exit code 2; the system's (a full disk, no permission to make the
        # file): exit code 1, as every other command's (it was 2)
        if err.errno is None or err.errno == errno.EBADF:
            raise CLIError(said) from None
        raise OSError(said) from None
    return not into


def _write_bytes(path: Path, data: bytes) -> None:
    """:func:`_write_example`'s writing, its OSError said there: as a plot or a page is written
    (:func:`lstmkit._figures.written_whole`), so that a read-only file is refused, never
    replaced (a temporary file renamed over it replaced it without a word), and a writable file
    in a folder nothing can be created in is written in place (the temporary file's refusal
    failed it: "Permission denied")."""
    from lstmkit._figures import written_whole  # loads numpy: only when a file is written

    # a file where one of its folders should be: named (mkdir said "File exists")
    blocked = next((p for p in reversed(path.parents) if p.exists() and not p.is_dir()), None)
    if blocked is not None:
        raise NotADirectoryError(f"{typed_path(blocked)} is a file, not a folder")
    with written_whole(path) as temp:
        temp.write_bytes(data)


def run_datasets(args: argparse.Namespace) -> int:
    if args.out is not None and args.example is None:
        # the example the file is named for (`--out umsatz.csv` was told `--example promo
        # --out promo.csv`), into the file given
        import shlex

        name = _example_name(Path(args.out).name)
        command = f"lstmkit datasets --example {name if name in EXAMPLES else 'NAME'} --out "
        raise CLIError(
            f"--out writes the CSV of --example NAME, got --out {args.out!r} without it "
            f"(`{command}{shlex.quote(args.out)}`)."
        )
    if args.example is not None:
        # the README's `--csv promo.csv` named a file no fresh install has
        text = example_text(args.example)
        if args.out is None or args.out == "-":
            sys.stdout.write(text)
        else:
            # said nothing (rc 0), where `forecast --out` and `explain --out` say what they
            # wrote; not into a pipe, a device or a descriptor (`--out /dev/stdout`, a file
            # after `>> app.csv`), whose reader has the CSV
            if _write_example(args.out, text):
                # its name on an ASCII stdout: "error: 'ascii' codec can't encode character
                # '\xe9'", exit code 2, with the file written
                print(writable(f"wrote {args.out}", json=False))
        return 0
    datasets = list_datasets()
    if args.json:
        infos = [asdict(info) for info in datasets]
        print(json.dumps({"datasets": infos, "provenance": str(_provenance())}))
        return 0
    # "…" where stdout writes it: on an ASCII stdout (PYTHONIOENCODING=ascii, a C locale
    # without UTF-8) the table stopped after its rule, "error: 'ascii' codec can't encode
    # character '\u2026'", exit code 2
    to = " … " if stdout_holds("…") else " ... "
    rows = [
        (i.name, str(i.length), f"{i.start}{to}{i.end}", i.units, i.description) for i in datasets
    ]
    print_table(["name", "points", "span", "units", "description"], rows)
    # a new user saw four names and no word on what to do with one
    print("\nforecast one: lstmkit forecast NAME; from Python: lstmkit.data.load_dataset(NAME)")
    print(writable(f"sources and checks: {_provenance()}"))
    # the README's `--csv promo.csv` files came from `--example`, which the table never named;
    # with --out, as every hint names it: PowerShell 5's `>` writes UTF-16, which --csv refuses
    names = ", ".join(EXAMPLES)
    print(f"the README's example CSVs ({names}): lstmkit datasets --example NAME --out NAME.csv")
    return 0
