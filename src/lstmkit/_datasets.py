"""The bundled series' names, files and spans: what ``lstmkit datasets`` lists.

Apart from :mod:`lstmkit.data` (which re-exports every name here and loads the series), so that
listing them imports neither pandas nor numpy: ``lstmkit datasets`` took 1 s, most of it
importing pandas, for a table written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["DATASETS", "DatasetInfo", "list_datasets"]


@dataclass(frozen=True)
class DatasetInfo:
    """One bundled series: its short name, file, span and units.

    Attributes:
        name: the short name :func:`load_dataset` takes (``"airline"``).
        filename: the CSV file in ``lstmkit/datasets``.
        description: what the series is, with its source.
        units: the units of its values.
        start, end: its first and last month, ``"YYYY-MM"``.
        length: its number of points.
        freq: its pandas frequency (``"MS"``, month start).
    """

    name: str
    filename: str
    description: str
    units: str
    start: str
    end: str
    length: int
    freq: str = "MS"


DATASETS: dict[str, DatasetInfo] = {
    info.name: info
    for info in (
        DatasetInfo(
            "airline",
            "airline_passengers.csv",
            "International airline passengers (Box & Jenkins series G)",
            "thousands of passengers",
            "1949-01",
            "1960-12",
            144,
        ),
        DatasetInfo(
            "car_sales",
            "car_sales_quebec.csv",
            "Monthly car sales in Quebec (Abraham & Ledolter 1983)",
            "cars sold",
            "1960-01",
            "1968-12",
            108,
        ),
        DatasetInfo(
            "milk",
            "milk_production.csv",
            "Monthly milk production per cow",
            "pounds per cow",
            "1962-01",
            "1975-12",
            168,
        ),
        DatasetInfo(
            "wine",
            "wine_sales_australia.csv",
            "Australian wine sales, bottles <= 1 litre",
            # its sources (R forecast::wineind, the TSDL) say what was sold, not in what unit:
            # 15,136 "bottles" a month for a country's wine sales was untrue
            "sales (unit not stated)",
            "1980-01",
            "1994-08",
            176,
        ),
    )
}

# File stems are accepted too (``airline_passengers`` is ``airline``).
_ALIASES = {Path(info.filename).stem: info.name for info in DATASETS.values()}


def _meant_dataset(name: str) -> str | None:
    """The bundled dataset ``name`` looks like a slip of (``'airlines'``, ``'Airline'``, the
    file's name ``'airline_passengers.csv'``), or None: an unknown name was told the four names
    and left to spot the slip."""
    import difflib

    key = name.strip().lower().removesuffix(".csv")
    if key in DATASETS or key in _ALIASES:
        return _ALIASES.get(key, key)
    close = difflib.get_close_matches(key, [*DATASETS, *_ALIASES], n=1, cutoff=0.75)
    return _ALIASES.get(close[0], close[0]) if close else None


def _did_you_mean(name: str) -> str:
    """``" (did you mean 'airline'?)"`` for a name :func:`_meant_dataset` reads as a slip,
    else ``""``: the one wording of ``load_dataset``'s and the commands' refusals."""
    meant = _meant_dataset(name)
    return f" (did you mean {meant!r}?)" if meant else ""


def list_datasets() -> list[DatasetInfo]:
    """Return the bundled datasets, in a stable order."""
    return list(DATASETS.values())
