"""qa4: what a user reading the README top to bottom met that the command line or the library
said otherwise (each test fails without its fix)."""

from __future__ import annotations

import pytest

from lstmkit.cli import main


def test_a_device_index_torch_wraps_is_refused_saying_why(capsys, monkeypatch):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)  # as on this CPU machine
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: False)
    # the README: "an index past 127, which torch wraps (`cuda:256` is its `cuda:0`), is
    # refused"; the refusal named no index, only "a torch device that computes ('cpu', 'cuda',
    # 'cuda:1', ...)", of which 'cuda:256' looks like one
    assert main(["forecast", "airline", "--device", "cuda:256"]) == 2
    assert capsys.readouterr().err == (
        "error: --device must name a torch device that computes, got 'cuda:256': torch holds a "
        "device index from 0 to 127, and reads 'cuda:256' as 'cuda:0'; 'cpu' always works.\n"
    )


def _help(capsys, *command: str) -> str:
    with pytest.raises(SystemExit) as stop:
        main([*command, "--help"])
    assert stop.value.code == 0
    return " ".join(capsys.readouterr().out.split())


def test_generate_help_gives_the_default_of_top_k(capsys):
    # the only tuning flag of the command line whose --help gave no default (it samples from
    # every character unless --top-k is given)
    assert (
        "--top-k N sample among the K most likely characters only (default: all of them) "
        "--seed N" in _help(capsys, "text", "generate")
    )


def test_explain_help_gives_date_format_as_forecast_and_predict_do(capsys):
    # the README: explain's --date-format (and the other CSV flags) "work as in lstmkit
    # forecast"; its help named it DATE_FORMAT and left out that one format reads the column
    for command in (["forecast"], ["predict"], ["explain"]):
        assert "--date-format FMT strftime format of the dates, e.g. %d/%m/%Y" in _help(
            capsys, *command
        )
    assert "(default: inferred, one format for the whole column)" in _help(capsys, "explain")
