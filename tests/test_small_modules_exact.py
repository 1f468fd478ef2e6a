"""Exact behaviour of the small private modules: the datasets table and its command, the token-id
check's edge cases, the orphan clean-up, lazy attributes and evaluation mode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

import lstmkit
from lstmkit.cli import main

TABLE = """\
name       points  span               units                    description
---------  ------  -----------------  -----------------------  ---------------------------------------------------------
airline    144     1949-01 … 1960-12  thousands of passengers  International airline passengers (Box & Jenkins series G)
car_sales  108     1960-01 … 1968-12  cars sold                Monthly car sales in Quebec (Abraham & Ledolter 1983)
milk       168     1962-01 … 1975-12  pounds per cow           Monthly milk production per cow
wine       176     1980-01 … 1994-08  sales (unit not stated)  Australian wine sales, bottles <= 1 litre
"""  # noqa: E501


def test_the_datasets_table_is_exact(capsys):
    assert main(["datasets"]) == 0
    # every column padded to its width but the last, so no line ends in spaces
    # where the sources are told: in an installed copy, a file deep in site-packages
    provenance = Path(lstmkit.__file__).resolve().parent / "datasets" / "PROVENANCE.md"
    assert provenance.read_text("utf-8").startswith("# Bundled series: provenance\n")
    assert capsys.readouterr().out == (
        f"{TABLE}\nforecast one: lstmkit forecast NAME; from Python: "
        f"lstmkit.data.load_dataset(NAME)\nsources and checks: {provenance}\n"
        "the README's example CSVs (my, promo, eu, umsatz, umsatz_new, load, stores, newer): "
        "lstmkit datasets --example NAME --out NAME.csv\n"
    )


def test_the_datasets_json_is_one_line_with_every_field(capsys):
    assert main(["datasets", "--json"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.endswith("}\n")
    assert json.loads(out)["datasets"][1] == {
        "name": "car_sales",
        "filename": "car_sales_quebec.csv",
        "description": "Monthly car sales in Quebec (Abraham & Ledolter 1983)",
        "units": "cars sold",
        "start": "1960-01",
        "end": "1968-12",
        "length": 108,
        "freq": "MS",
    }
    provenance = Path(lstmkit.__file__).resolve().parent / "datasets" / "PROVENANCE.md"
    assert list(json.loads(out)) == ["datasets", "provenance"]
    assert json.loads(out)["provenance"] == str(provenance)


def test_scalar_and_empty_token_ids() -> None:
    from lstmkit._token_ids import check_token_ids

    check_token_ids(tokens=(torch.zeros(0, 3, dtype=torch.int64), 7, "the vocabulary"))
    check_token_ids(tokens=(torch.tensor(6), 7, "the vocabulary"))
    with pytest.raises(ValueError) as err:
        check_token_ids(tokens=(torch.tensor(7), 7, "the vocabulary"))
    assert str(err.value) == (
        "`tokens` must hold token ids in [0, 7) (the vocabulary), got 7 at position ()."
    )
    with pytest.raises(ValueError) as err:
        check_token_ids(tokens=(torch.tensor([0, -3, 2, 9]), 7, "the vocabulary"))
    assert str(err.value) == (
        "`tokens` must hold token ids in [0, 7) (the vocabulary), got -3 at position 1, 9 at 3."
    )


def _dead_pid() -> int:
    gone = subprocess.Popen([sys.executable, "-c", ""])
    gone.wait()
    return gone.pid


def test_an_orphan_link_is_unlinked_its_target_kept_and_longer_names_are_not_orphans(tmp_path):
    from lstmkit._orphans import OWNER, _machine, remove_orphans

    dead = f"{_dead_pid()}.{_machine()}"
    target = tmp_path / "target"
    (target / "inside").mkdir(parents=True)
    (tmp_path / f".x.{dead}-1.tmp").symlink_to(target)  # a link to a folder: the link goes
    (tmp_path / f".x.{dead}-2.tmp.keep").write_text("")  # the pattern must match all the name
    (tmp_path / f".x.{dead}-3.tmp").mkdir()  # a folder: removed whole
    (tmp_path / f".x.{dead}-3.tmp" / "f").write_text("")
    remove_orphans(tmp_path, rf"\.x\.{OWNER}-\d\.tmp")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f".x.{dead}-2.tmp.keep", "target"]
    assert [p.name for p in target.iterdir()] == ["inside"]


def test_the_owner_is_this_process_and_machine():
    import re

    from lstmkit._orphans import OWNER, owner

    match = re.fullmatch(OWNER, owner())
    assert match is not None and int(match.group(1)) == os.getpid()


def test_lazy_attributes_import_names_and_submodules_of_their_package():
    import lstmkit.io
    from lstmkit._lazy import lazy_attributes

    namespace = {"__all__": ["save_model"], "__doc__": None, "a": 1}
    getattr_, dir_ = lazy_attributes(
        "lstmkit", {"save_model": "lstmkit.io"}, iter(["io"]), namespace
    )
    assert getattr_("save_model") is lstmkit.io.save_model
    assert getattr_("io") is lstmkit.io  # not the standard library's io
    assert getattr_("io") is getattr_("io")  # the iterator of submodules is read once
    with pytest.raises(AttributeError) as err:
        getattr_("nope")
    assert str(err.value) == "module 'lstmkit' has no attribute 'nope'"
    # its API (__all__), its submodules and the dunders; not the helper `a` beside them
    assert dir_() == ["__all__", "__doc__", "io", "save_model"]


def test_evaluating_puts_every_model_in_eval_mode_and_gives_each_submodule_its_mode_back():
    from lstmkit._modes import evaluating

    a = torch.nn.Sequential(torch.nn.Dropout(), torch.nn.Linear(1, 1))
    b = torch.nn.Sequential(torch.nn.Dropout(), torch.nn.Dropout())
    a[1].eval()  # a submodule the caller froze
    b.eval()
    b[0].train()
    before = [m.training for m in (*a.modules(), *b.modules())]
    assert before == [True, True, False, False, True, False]
    with pytest.raises(KeyError), evaluating(a, b):
        assert not any(m.training for m in (*a.modules(), *b.modules()))
        raise KeyError
    assert [m.training for m in (*a.modules(), *b.modules())] == before
