"""``lstmkit demo``: a tiny LSTM learns to remember the sign of the first step."""

from __future__ import annotations

import itertools

import pytest

from lstmkit.cli import main


def test_demo_learns_the_memory_task_and_prints_its_gates(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "accuracy after 150 updates: 100.0% (chance 50%)" in out
    assert "Total params: 361" in out
    table = out.split("(averaged over units):\n")[1].splitlines()
    assert table[0].split() == ["step", "input", "forget", "output", "|c|"]
    rows = [[float(v) for v in line.split()] for line in table[1:]]
    assert [int(r[0]) for r in rows] == list(range(8))
    # the cell state grows while it carries the first step's sign through the distractors
    cell = [r[4] for r in rows]
    assert all(a < b for a, b in itertools.pairwise(cell))


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--steps", "0"], "error: --steps must be a positive integer, got 0.\n"),
        (["--hidden", "-2"], "error: --hidden must be a positive integer, got -2.\n"),
        (
            ["--seed", "-1"],
            "error: --seed must be an integer in [0, 9223372036854775807], got -1.\n",
        ),
        (
            ["--seed", "99999999999999999999"],
            "error: --seed must be an integer in [0, 9223372036854775807], got "
            "99999999999999999999.\n",
        ),
    ],
)
def test_demo_refuses_bad_flags_by_name(capsys, flags, message):
    assert main(["demo", *flags]) == 2
    assert capsys.readouterr().err == message


def test_demo_plots_the_gates_of_one_test_sequence(capsys, tmp_path):
    """A teacher's slide: --plot saves plot_gates of test sequence 0, steps labelled by input."""
    path = tmp_path / "slides" / "gates.png"
    assert (
        main(["demo", "--epochs", "1", "--steps", "2", "--hidden", "2", "--plot", str(path)]) == 0
    )
    out = capsys.readouterr().out
    assert out.endswith(f"\nthe gates of test sequence 0, unit by unit: {path}\n")
    assert path.read_bytes().startswith(b"\x89PNG")
    # a path matplotlib cannot write is refused before any training
    assert main(["demo", "--plot", str(tmp_path / "gates.foo")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --plot must end in a suffix matplotlib can save to (")
    assert not (tmp_path / "gates.foo").exists()


def test_demo_plot_help_names_the_panels_it_draws(capsys, monkeypatch, tmp_path):
    """--help said "every gate"; the figure has the table's three gates and the cell state (the
    candidate g is not drawn), as the README says."""
    import lstmkit.explain.gates

    drawn = {}
    monkeypatch.setattr(lstmkit.explain.gates, "plot_gates", lambda trace, **kw: drawn.update(kw))
    path = tmp_path / "gates.png"
    assert (
        main(["demo", "--epochs", "1", "--steps", "2", "--hidden", "2", "--plot", str(path)]) == 0
    )
    assert drawn["gates"] == ["i", "f", "o", "c"]
    with pytest.raises(SystemExit):
        main(["demo", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert (
        "--plot FILE also save heatmaps of the input, forget and output gates and the cell "
        "state, unit by unit, for one test sequence (PNG, SVG, PDF, ... by suffix)"
    ) in shown
