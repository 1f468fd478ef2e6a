"""``lstmkit demo``: its whole output for one tiny configuration, the figure's labels and the
edges of its flags."""

from __future__ import annotations

from lstmkit.cli import main

OUTPUT = """\
layer          direction  gate       input  recurrent  bias  peephole  total
----------------------------------------------------------------------------
rnn (l0)       forward    input          2          4     4         0     10
rnn (l0)       forward    forget         2          4     4         0     10
rnn (l0)       forward    candidate      2          4     4         0     10
rnn (l0)       forward    output         2          4     4         0     10
head (Linear)  -          -              -          -     -         -      3
----------------------------------------------------------------------------
Total params: 43    Trainable params: 43

task: remember the sign of step 0 for 3 steps; accuracy after 20 updates: 50.4% (chance 50%)

mean gate activations and |c| per step over 256 test sequences (averaged over units):
step   input  forget  output     |c|
   0   0.373   0.334   0.595   0.215
   1   0.364   0.321   0.609   0.275
   2   0.365   0.327   0.609   0.305
"""


def test_the_demos_whole_output_for_a_tiny_configuration(capsys):
    assert main(["demo", "--epochs", "20", "--steps", "3", "--hidden-size", "2"]) == 0
    assert capsys.readouterr().out == OUTPUT


def test_the_plot_shows_test_sequence_0_of_256_labelled_by_its_inputs(
    capsys, monkeypatch, tmp_path
):
    import lstmkit.explain.gates

    drawn = {}

    def plot_gates(trace, **kw):
        drawn.update(kw, shape=tuple(trace["i"].shape))

    monkeypatch.setattr(lstmkit.explain.gates, "plot_gates", plot_gates)
    path = tmp_path / "gates.png"
    argv = ["demo", "--epochs", "1", "--steps", "3", "--hidden", "2", "--seed", "1"]
    assert main([*argv, "--plot", str(path)]) == 0
    assert drawn == {
        "sample": 0,
        "gates": ["i", "f", "o", "c"],
        "labels": ["+1", "+0.3", "-0.3"],
        "title": "test sequence 0, first sign +1",
        "path": str(path),
        "shape": (256, 3, 2),
    }
    out = capsys.readouterr().out
    assert out.endswith(
        "   2   0.453   0.458   0.597   0.163\n\n"
        f"the gates of test sequence 0, unit by unit: {path}\n"
    )


def test_the_largest_seed_is_taken_and_one_past_it_refused(capsys):
    assert (
        main(["demo", "--epochs", "1", "--steps", "1", "--hidden", "1", "--seed", str(2**63 - 1)])
        == 0
    )
    capsys.readouterr()
    assert main(["demo", "--seed", str(2**63)]) == 2
    assert capsys.readouterr().err == (
        "error: --seed must be an integer in [0, 9223372036854775807], got 9223372036854775808.\n"
    )


def test_no_updates_at_all_is_refused_by_name(capsys):
    assert main(["demo", "--epochs", "0"]) == 2
    assert capsys.readouterr().err == "error: --epochs must be a positive integer, got 0.\n"
