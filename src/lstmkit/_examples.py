"""The example CSVs the README's commands read (``promo.csv``, ``load.csv``, ...), and the
seeded recipe that wrote them.

The files ship in ``lstmkit/examples`` and ``lstmkit datasets --example NAME`` prints one, so
that each README command runs on a fresh install: ``lstmkit datasets --example promo >
promo.csv``. They were written by :func:`build_example` (numpy's ``default_rng(0)``), from the
bundled series where a monthly series fits and from sums of sines otherwise; ``PROVENANCE.md``
beside them says which. Reading one imports neither numpy nor pandas.
"""

from __future__ import annotations

import math
from pathlib import Path

__all__ = ["EXAMPLES", "build_example", "example_text", "writes_example"]

_FOLDER = Path(__file__).resolve().parent / "examples"

# name -> what the file holds, as `lstmkit datasets --example` lists it
EXAMPLES: dict[str, str] = {
    "my": "monthly car sales with a price covariate and three empty sales cells (--fill)",
    "promo": "daily sales and a promotion flag, with 7 days planned after them (--future-cols)",
    "eu": "daily visitors, dates written day/month/year (--date-format %d/%m/%Y)",
    "umsatz": "monthly turnover written the German way: ';', decimal ',', thousands '.'",
    "umsatz_new": "umsatz.csv with one more year, for `lstmkit predict runs/umsatz`",
    "load": "hourly electricity load over five weeks (--season-length 168)",
    "stores": "two series in long format, stores A and B (--where, --series-col)",
    "newer": "the airline series, as a newer history for `lstmkit predict runs/airline`",
}


def example_text(name: str) -> str:
    """The text of example ``name`` (a key of :data:`EXAMPLES`), as shipped.

    Raises:
        TypeError: ``name`` is no ``str``.
        ValueError: ``name`` is none of the examples.
    """
    return (_FOLDER / f"{_checked(name)}.csv").read_text("utf-8")


def _checked(name: str) -> str:
    """``name``, or the error of :func:`example_text` and :func:`build_example`: a ``TypeError``
    for a name that is no ``str`` (a list raised "unhashable type: 'list'"), else a
    ``ValueError``."""
    if not isinstance(name, str):
        raise TypeError(f"`name` must be a str, one of the examples, got {type(name).__name__}.")
    if name not in EXAMPLES:
        raise ValueError(
            f"`name` must be one of the examples ({', '.join(EXAMPLES)}), got {name!r}."
        )
    return name


def writes_example(name: str, path: str | None = None) -> str | None:
    """The command that writes example ``name`` into ``path`` (by default ``NAME.csv``), for a
    message about a file or a dataset named so; None where ``name`` is none of the examples.

    With ``--out``, not ``>``: the message is pasted into whichever shell, and Windows
    PowerShell 5's ``>`` writes UTF-16, which ``--csv`` refuses.

    Example:
        >>> writes_example("promo", "data/promo.csv")
        '`lstmkit datasets --example promo --out data/promo.csv`'
        >>> writes_example("sales") is None
        True
    """
    if name not in EXAMPLES:
        return None
    import shlex

    return f"`lstmkit datasets --example {name} --out {shlex.quote(path or f'{name}.csv')}`"


def _monthly(name: str) -> tuple[list[str], list[float]]:
    """A bundled series' months and values, read without pandas."""
    from lstmkit._datasets import DATASETS

    path = Path(__file__).resolve().parent / "datasets" / DATASETS[name].filename
    rows = [line.split(",") for line in path.read_text("utf-8").splitlines()[1:]]
    return [m for m, _ in rows], [float(v) for _, v in rows]


def _german(x: float) -> str:
    """``81875.5`` as ``81.875,50``."""
    return f"{x:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def build_example(name: str) -> str:
    """Write example ``name`` again from its recipe (``default_rng(0)`` each): the shipped file
    is this text, byte for byte (``tests/test_ex18_fixes.py`` checks it)."""
    import numpy as np

    _checked(name)
    rng = np.random.default_rng(0)
    lines: list[str]
    if name == "my":  # car sales, a price drifting around 20, three sales cells left empty
        months, sales = _monthly("car_sales")
        price = 20 + np.cumsum(rng.normal(0, 0.2, len(months)))
        lines = ["month,sales,price"]
        for k, (m, s, p) in enumerate(zip(months, sales, price, strict=True)):
            lines.append(f"{m},{'' if k in (30, 31, 70) else int(s)},{p:.2f}")
    elif name == "promo":  # 150 days of sales, then 7 planned days (sales empty)
        promo = rng.random(157) < 0.3
        noise = rng.normal(0, 1, 157)
        lines = ["day,sales,promo"]
        for k in range(157):
            sales = 20 + 8 * promo[k] + 3 * math.sin(2 * math.pi * k / 7) + noise[k]
            lines.append(f"{_day(k)},{f'{sales:.1f}' if k < 150 else ''},{int(promo[k])}")
    elif name == "eu":  # 200 days of visitors, a weekly cycle on a slow rise
        noise = rng.normal(0, 15, 200)
        lines = ["day,visitors"]
        for k in range(200):
            y, m, d = _day(k).split("-")
            visitors = 300 + k + 80 * math.sin(2 * math.pi * k / 7) + noise[k]
            lines.append(f"{d}/{m}/{y},{visitors:.0f}")
    elif name in ("umsatz", "umsatz_new"):  # car sales at 12.50 euros each, plus cents
        months, sales = _monthly("car_sales")
        cents = rng.integers(0, 100, len(months)) / 100
        keep = len(months) - (12 if name == "umsatz" else 0)
        lines = ["Monat;Umsatz"]
        lines += [
            f"{m};{_german(12.5 * s + c)}" for m, s, c in zip(months, sales, cents, strict=True)
        ][:keep]
    elif name == "load":  # five weeks of hourly load: a daily and a weekly cycle
        noise = rng.normal(0, 10, 24 * 35)
        lines = ["ts,load"]
        for k in range(24 * 35):
            day, hour = divmod(k, 24)
            weekend = day % 7 in (5, 6)
            load = 500 - 60 * weekend + 100 * math.sin(2 * math.pi * (hour - 6) / 24)
            lines.append(f"{_day(day)} {hour:02d}:00,{load + noise[k]:.0f}")
    elif name == "stores":  # store A: the airline series; B: milk over the same months
        months, a = _monthly("airline")
        _, b = _monthly("milk")
        lines = ["store,month,sales"]
        lines += [f"A,{m},{int(v)}" for m, v in zip(months, a, strict=True)]
        lines += [f"B,{m},{int(v)}" for m, v in zip(months, b[: len(months)], strict=True)]
    else:  # newer: the airline series under the model's own column names
        months, a = _monthly("airline")
        lines = ["month,value", *(f"{m},{int(v)}" for m, v in zip(months, a, strict=True))]
    return "\n".join(lines) + "\n"


def _day(k: int) -> str:
    """The ``k``-th day from 2024-01-01 (a Monday), ``YYYY-MM-DD``."""
    import datetime

    return (datetime.date(2024, 1, 1) + datetime.timedelta(days=k)).isoformat()
