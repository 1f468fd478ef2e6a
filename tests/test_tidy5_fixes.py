"""Fixes from the tidy5 pass: one seed check for every entry point."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from lstmkit.cli import main
from lstmkit.forecast import ForecasterConfig
from lstmkit.train import TrainConfig, seed_everything

_TOP = 2**63 - 1


def _said(name: str, seed: int, top: int = _TOP, extra: str = "") -> str:
    return f"{name} must be an integer in [0, {top}]{extra}, got {seed}."


@pytest.mark.parametrize("seed", [-1, 2**63])
@pytest.mark.parametrize(
    "call",
    [
        seed_everything,
        lambda s: TrainConfig(seed=s),
        lambda s: ForecasterConfig(seed=s, ensemble=1),
    ],
    ids=["seed_everything", "TrainConfig", "ForecasterConfig"],
)
def test_python_entry_points_refuse_a_seed_in_one_form(call, seed: int) -> None:
    # seed_everything and TrainConfig said "[0, 2**63 - 1]", the forecaster the number itself
    with pytest.raises(ValueError) as err:
        call(seed)
    assert str(err.value) == _said("`seed`", seed)


def test_the_forecaster_top_leaves_room_for_each_member() -> None:
    with pytest.raises(ValueError) as err:
        ForecasterConfig(seed=_TOP, ensemble=3)
    assert str(err.value) == _said(
        "`seed`", _TOP, _TOP - 2, " with ensemble=3 (member k uses seed + k)"
    )


@pytest.mark.parametrize("seed", [-1, 2**63])
@pytest.mark.parametrize(
    "argv",
    [["forecast", "airline", "--ensemble", "1", "--out", "{tmp}/o"], ["demo"]],
    ids=["forecast", "demo"],
)
def test_cli_entry_points_refuse_a_seed_naming_the_flag(
    argv: list[str], seed: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [word.format(tmp=tmp_path) for word in argv]
    assert main([*argv, "--seed", str(seed)]) == 2
    assert capsys.readouterr() == ("", f"error: {_said('--seed', seed)}\n")


@pytest.mark.parametrize(
    ("lines", "flags", "said"),
    [
        (
            "date,value,other\n",
            [],
            "error: --csv needs --date-col and --value-col (s.csv has the columns date, value, "
            "other).\n",
        ),
        (
            ",value,other\n",
            ["--value-col", "value"],
            "error: the first column of s.csv has no name and holds integers (row numbers, as "
            "pandas' df.to_csv and R's write.csv write them), not dates; pass --date-col with the "
            "date column "
            "(s.csv has the columns (unnamed), value, other), or --date-col '' to count the "
            "steps in that first column.\n",
        ),
    ],
    ids=["columns-missing", "row-numbers"],
)
def test_forecast_reads_a_csv_header_once_for_its_refusal(
    lines: str,
    flags: list[str],
    said: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # read three times (the columns, the refusal's check, the list of columns), now once
    from lstmkit.cli import _forecast_run

    reads = []
    read = _forecast_run._header_row
    monkeypatch.setattr(_forecast_run, "_header_row", lambda *a: reads.append(a) or read(*a))
    (tmp_path / "s.csv").write_text(lines + "".join(f"{k},{k},{k}\n" for k in range(30)))
    assert main(["forecast", "--csv", str(tmp_path / "s.csv"), *flags]) == 2
    # the file named by its path as given
    assert capsys.readouterr() == ("", said.replace("s.csv", repr(str(tmp_path / "s.csv"))))
    assert len(reads) == 1


class _CountedNumpy:
    """numpy as lstmkit.data sees it, counting its np.asarray calls on lists."""

    def __init__(self) -> None:
        self.lists = 0

    def __getattr__(self, name: str) -> object:
        return getattr(np, name)

    def asarray(self, values: object, *args: object, **kwargs: object) -> np.ndarray:
        self.lists += isinstance(values, list)
        return np.asarray(values, *args, **kwargs)


def test_a_list_of_numbers_is_read_by_numpy_once_for_its_checks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the dates' check and the objects' check each made their own array of it: 100,000
    # floats took 16.5 ms, now 5 ms (the checks' array and the float array alone)
    from lstmkit import data

    counted = _CountedNumpy()
    monkeypatch.setattr(data, "np", counted)
    assert data._numbers([1, 2.5, None], "y").tolist()[:2] == [1.0, 2.5]
    assert counted.lists == 2


@pytest.mark.parametrize(
    ("flag", "said"),
    [
        ("-vz", "unrecognized arguments: -vz"),
        ("-vvz", "unrecognized arguments: -vvz"),
        ("-hvz", "unrecognized arguments: -hvz"),
        ("-z", "unrecognized arguments: -z"),
        # a value written with '=' to a flag that takes none: told so, as before
        ("-vv=1", "argument -v/--verbose: ignored explicit argument '=1'"),
    ],
)
def test_a_cluster_of_short_flags_with_an_unknown_letter_is_an_unknown_flag(
    flag: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # -vz, -vvz and -hvz said "argument -v/--verbose: ignored explicit argument 'z'"
    with pytest.raises(SystemExit) as exit_:
        main(["forecast", "airline", flag])
    assert exit_.value.code == 2
    assert capsys.readouterr() == (
        "",
        f"error: {said} (`lstmkit forecast --help` lists the flags)\n",
    )
