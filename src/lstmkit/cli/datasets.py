"""``lstmkit datasets``: the bundled series, as a table or one JSON object.

Its own topic, so that listing them imports only the table of :mod:`lstmkit._datasets`, not the
forecasting command's pandas and numpy (1 s of the command's 1.2 s before).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from lstmkit._datasets import list_datasets
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


def run_datasets(args: argparse.Namespace) -> int:
    if args.json:
        print(json.dumps({"datasets": [asdict(info) for info in list_datasets()]}))
        return 0
    rows = [
        (i.name, str(i.length), f"{i.start} … {i.end}", i.units, i.description)
        for i in list_datasets()
    ]
    print_table(["name", "n", "span", "units", "description"], rows)
    return 0
