"""``lstmkit datasets``: the bundled series, as a table or one JSON object.

Its own topic, so that listing them imports only the table of :mod:`lstmkit._datasets`, not the
forecasting command's pandas and numpy (1 s of the command's 1.2 s before).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from pathlib import Path

from lstmkit._datasets import _ALIASES, DATASETS, _meant_dataset, list_datasets
from lstmkit.cli import COMMANDS, print_table


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``datasets`` sub-command."""
    ds = subparsers.add_parser(
        "datasets",
        help=COMMANDS["datasets"][1],
        description="List the series that ship with lstmkit, loadable by name "
        "(`lstmkit forecast NAME`, `lstmkit.data.load_dataset(NAME)`); their provenance is in "
        "the package's datasets/PROVENANCE.md.",
    )
    ds.add_argument("--json", action="store_true", help="print one JSON object")
    ds.set_defaults(func=run_datasets)
    ds.stray_hint = _datasets_stray_hint  # type: ignore[attr-defined]


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
    name = words[0]
    key = _ALIASES.get(name, name)
    known = key in DATASETS
    meant = _meant_dataset(name)  # a known name or alias: its key
    which = "" if known else f". {name!r} is none of them"
    which += f" (did you mean {meant!r}?)." if meant and not known else "."
    run = f"Forecast {meant!r} with" if meant else "Forecast one with"
    command, call = (meant, repr(meant)) if meant else ("NAME", "NAME")
    return (
        f"unrecognized arguments: {said}; `lstmkit datasets` takes no name: it lists every "
        f"bundled series ({', '.join(DATASETS)}){which} {run} `lstmkit forecast {command}`, "
        f"load it with `lstmkit.data.load_dataset({call})` "
        "(`lstmkit datasets --help` lists the flags)"
    )


def _provenance() -> Path:
    """The file that says where each series comes from and how it was checked; in an installed
    copy it lies in site-packages, which "the package's datasets/PROVENANCE.md" left to find."""
    import lstmkit._datasets

    return Path(lstmkit._datasets.__file__).resolve().parent / "datasets" / "PROVENANCE.md"


def run_datasets(args: argparse.Namespace) -> int:
    datasets = list_datasets()
    if args.json:
        infos = [asdict(info) for info in datasets]
        print(json.dumps({"datasets": infos, "provenance": str(_provenance())}))
        return 0
    rows = [
        (i.name, str(i.length), f"{i.start} … {i.end}", i.units, i.description) for i in datasets
    ]
    print_table(["name", "points", "span", "units", "description"], rows)
    # a new user saw four names and no word on what to do with one
    print("\nforecast one: lstmkit forecast NAME; from Python: lstmkit.data.load_dataset(NAME)")
    print(f"sources and checks: {_provenance()}")
    return 0
