"""revwalk35c: review of walk35c (folder-like figure paths, gate figures) and what it left:
a corpus too short said no total, a trace's KeyError no close key, CharVocab.encode's message,
plot_saturation's axes and title, a figure path ending in Windows' backslash."""

from __future__ import annotations

import os

import pytest
import torch
from torch import nn

import lstmkit
from lstmkit.cli import main
from lstmkit.explain.gates import export_npz, plot_gates, plot_saturation, saturation
from lstmkit.text import CharLMConfig
from lstmkit.text.charlm import CharVocab, check_corpus

POSIX = pytest.mark.skipif(os.sep != "/", reason="'\\' separates folders here")


class _Gates(dict):
    lengths = None


def test_a_corpus_too_short_is_told_how_many_characters_it_needs_in_all(tmp_path, capsys):
    # a one-character file was told of "its 0 training characters" and a held-out part that
    # "must have at least 2 characters, got 1": the total it needs was left to work out
    config = CharLMConfig(batch_size=2, bptt=3)
    with pytest.raises(ValueError) as err:
        check_corpus("a", config)
    assert str(err.value) == (
        "`text` is too short: its 0 training characters (all but the `val_fraction`=0.1 held "
        "out) must make `batch_size`=2 streams of at least 2 characters (4 characters), and "
        "its held-out part (`val_fraction`=0.1) must have at least 2 characters, got 1; it has "
        "1 character in all, where `batch_size`=2 streams of `bptt`=3 + 1 characters and the "
        "held-out part need at least 11."
    )
    with pytest.raises(ValueError, match=r"it has 10 characters in all, .* at least 11\.$"):
        check_corpus("x" * 10, config)
    check_corpus("x" * 11, config)  # the total said is enough
    # the command line's defaults: 3,591 characters are still refused (for --bptt), 3,592 not
    (tmp_path / "one.txt").write_text("a", encoding="utf-8")
    out = str(tmp_path / "m")
    assert main(["text", "train-lm", "--file", str(tmp_path / "one.txt"), "--out", out]) != 0
    assert capsys.readouterr().err.endswith(
        "got 1; it has 1 character in all, where --batch-size=32 streams of --bptt=100 + 1 "
        "characters and the held-out part need at least 3,592.\n"
    )
    with pytest.raises(ValueError, match="`bptt` must be at most 99"):
        check_corpus("x" * 3591, CharLMConfig())
    check_corpus("x" * 3592, CharLMConfig())


def _traced(module: nn.Module) -> lstmkit.Trace:
    with lstmkit.trace(module) as tr:
        module(torch.randn(4, 1, 3))
    return tr


@pytest.mark.parametrize(
    ("key", "meant"),
    [
        ("rnn.l0", "rnn/l0"),  # the module's dotted path
        ("l0", "rnn/l0"),  # the layer alone
        ("l0_backward", "rnn/l0_reverse"),
        ("rnn.l0_reverse", "rnn/l0_reverse"),
        ("rnn/L0", "rnn/l0"),
        ("rnn/l1", None),  # another layer, which this one-layer model has not
        ("encoder/l0", None),
    ],
)
def test_a_trace_key_not_recorded_is_told_the_key_it_is_a_slip_of(key, meant):
    # it listed the keys alone: "no trace 'rnn.l0'; recorded: ['rnn/l0', 'rnn/l0_reverse']"
    model = nn.Sequential()
    model.add_module("rnn", lstmkit.LSTM(3, 2, bidirectional=True))
    tr = _traced(model)
    hint = f" (did you mean {meant!r}?)" if meant else ""
    with pytest.raises(KeyError) as err:
        tr[key]
    assert err.value.args[0] == (f"no trace {key!r}; recorded: ['rnn/l0', 'rnn/l0_reverse']{hint}")


def test_a_bare_layers_trace_suggests_its_key_for_a_modules_path():
    tr = _traced(lstmkit.LSTM(3, 2, num_layers=2))
    with pytest.raises(KeyError, match=r"recorded: \['l0', 'l1'\] \(did you mean 'l1'\?\)"):
        tr.calls("rnn/l1")
    with pytest.raises(KeyError) as err:
        tr["l2"]
    assert err.value.args[0] == "no trace 'l2'; recorded: ['l0', 'l1']"
    with pytest.raises(KeyError) as err:  # one-way: no reverse direction to suggest
        tr["l1_backward"]
    assert err.value.args[0] == "no trace 'l1_backward'; recorded: ['l0', 'l1']"
    nested = nn.Sequential()
    nested.add_module("enc", nn.Sequential())
    nested.enc.add_module("rnn", lstmkit.LSTM(3, 2))
    tr = _traced(nested)
    with pytest.raises(KeyError, match=r"\['enc/rnn/l0'\] \(did you mean 'enc/rnn/l0'\?\)"):
        tr["enc.rnn.l0"]
    with pytest.raises(KeyError) as err:
        tr["enc.rnn/l0_backward"]
    assert err.value.args[0] == "no trace 'enc.rnn/l0_backward'; recorded: ['enc/rnn/l0']"


def test_charvocab_encode_names_its_argument():
    # "text contains characters ..." named no argument, where `prompt` is named so
    with pytest.raises(ValueError) as err:
        CharVocab("ab").encode("abz")
    assert str(err.value) == (
        "`text` contains characters outside the model's alphabet: ['z']; allowed: 'ab'."
    )


def test_plot_saturation_says_fraction_of_steps_and_has_a_title():
    # the axes said "fraction < 0.1" (of what?) and the figure had no title of its own
    tr = _traced(lstmkit.GRU(3, 2))
    fig = plot_saturation(saturation(tr, low=0.2, high=0.8))
    assert [(ax.get_xlabel(), ax.get_ylabel()) for ax in fig.axes] == [
        ("fraction of steps < 0.2", "fraction of steps > 0.8")
    ] * 2
    assert [t.get_text() for t in fig.texts] == ["gate saturation per unit"]  # the suptitle


@POSIX
@pytest.mark.parametrize("folder", ["figs", "new"])
def test_a_figure_path_ending_in_a_backslash_is_refused_as_a_folders_name(
    tmp_path, monkeypatch, capsys, folder
):
    # "figs\\" wrote a file named "figs\\.png" (and "figs\\.npz") beside the folder figs
    monkeypatch.chdir(tmp_path)
    (tmp_path / "figs").mkdir()
    g = _Gates(f=torch.rand(1, 2, 3))
    start = sorted(os.listdir(tmp_path))
    for call, example in [
        (lambda: plot_gates(g, path=folder + "\\"), "figure.png"),
        (lambda: export_npz({"l0": g}, folder + "\\"), "trace.npz"),
    ]:
        with pytest.raises(ValueError) as err:
            call()
        assert str(err.value) == (
            f"`path` must name a file, got {folder + chr(92)!r}, a folder's name written with "
            f"Windows' '\\'; on this system '/' separates folders: write into it with e.g. "
            f"'{folder}/{example}'."
        )
    assert main(["demo", "--plot", "figs\\", "--epochs", "1"]) != 0
    assert capsys.readouterr().err == (
        "error: --plot must name a file, got 'figs\\\\', a folder's name written with Windows' "
        "'\\'; on this system '/' separates folders: write into it with e.g. 'figs/figure.png'.\n"
    )
    assert sorted(os.listdir(tmp_path)) == start


def test_a_files_name_written_as_a_folders_is_not_told_to_write_into_that_file(
    tmp_path, monkeypatch
):
    # "plot.png/" of an existing plot.png was told "write into it with e.g.
    # 'plot.png/figure.png'", which fails in turn ("'plot.png' is a file, not a folder")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plot.png").write_bytes(b"old")
    g = _Gates(f=torch.rand(1, 2, 3))
    with pytest.raises(ValueError) as err:
        plot_gates(g, path="plot.png/")
    assert str(err.value) == (
        "`path` must name a file, got 'plot.png/', a folder's name, where 'plot.png' is a "
        "file; to replace it, pass 'plot.png'."
    )
    with pytest.raises(ValueError) as err:  # export_npz would write plot.png.npz
        export_npz({"l0": g}, "plot.png/")
    assert str(err.value) == (
        "`path` must name a file, got 'plot.png/', a folder's name, where 'plot.png' is a file."
    )
    assert (tmp_path / "plot.png").read_bytes() == b"old"
    plot_gates(g, path="plot.png")  # the advice works
    assert (tmp_path / "plot.png").read_bytes()[:4] == b"\x89PNG"


@POSIX
def test_a_forecasters_folder_written_with_backslashes_is_told_the_one_with_slashes(
    tmp_path, monkeypatch, capsys
):
    # walk35c told the text loaders' 'runs\\shakespeare' of runs/shakespeare; Forecaster.load
    # and `lstmkit predict 'runs\airline'` still said "does not exist" alone
    from lstmkit.forecast import Forecaster

    monkeypatch.chdir(tmp_path)
    (tmp_path / "runs" / "airline").mkdir(parents=True)
    said = (
        "model folder 'runs\\\\airline' does not exist; on this system '/' separates folders, "
        "not '\\': 'runs/airline' exists."
    )
    with pytest.raises(FileNotFoundError) as err:
        Forecaster.load("runs\\airline")
    assert str(err.value) == said
    assert main(["predict", "runs\\airline"]) != 0
    assert capsys.readouterr().err == f"error: {said}\n"
    with pytest.raises(FileNotFoundError) as err:  # no such folder with '/' either
        Forecaster.load("runs\\air")
    assert str(err.value) == "model folder 'runs\\\\air' does not exist."
