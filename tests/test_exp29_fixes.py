"""exp29: explanation leftovers.

- A model drawing from numpy's global generator, Python's `random`, or a generator it holds
  (`self.gen`) in eval mode was explained on one random draw without a word: only torch's
  default generator was watched.
- `plot_lags` drew a 0-d window (a scalar) as a window of one step.
- `lstmkit explain` read the model's config.json twice (the kind, then the loader).
- `--method gradxinput`'s "relevance in all" line did not say what gradient x input sums to.
- `lstmkit text predict --explain --json` had no score nor initial state, which the text sum
  line shows.
- `deletion_curve` of an explanation whose target is out of range, of another count or of
  another type failed in torch's words (or scored the first sequence's curve for all).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

import lstmkit.io
from lstmkit.cli import main
from lstmkit.cli.explain import _num
from lstmkit.explain import compare, explain, lrp
from lstmkit.explain.evaluate import deletion_curve
from lstmkit.explain.render import plot_lags
from lstmkit.text import TextClassifier
from lstmkit.text.sentiment import SentimentPredictor

RANDOM = (
    r"output changes from call to call on the same inputs \(max abs difference "
    r"\d\.\d+(e-\d+)? between two calls in eval mode\): something random is on in eval mode: "
    r"it draws from {} \(draw only `if self\.training`\); an explanation needs one output for "
    r"one input\."
)
# each generator as the refusal names it (revexp29: all were told F.dropout's example)
DRAWN = {
    "numpy": "numpy's global generator `np.random`",
    "python": "Python's `random`",
    "generator": "its generator `self.gen`",
    "numpy generator": "its generator `self.rng`",
}
METHODS = ["gradxinput", "sensitivity", "ig", "occlusion", "random"]


@pytest.fixture(autouse=True)
def _seeded() -> Iterator[None]:
    """Python's and numpy's global generators seeded, as each test seeds torch's, and restored
    after: unseeded, two of Python's draws close enough gave two outputs within rounding and no
    refusal (about one run in nine failed)."""
    saved = random.getstate(), np.random.get_state()
    random.seed(0)
    np.random.seed(0)
    yield
    random.setstate(saved[0])
    np.random.set_state(saved[1])


# ---- 1. randomness from numpy, Python's random and the model's own generators ---------------


class Drawn(nn.Module):
    """A classifier on features that scales its final state by a draw of ``draws``' kind, or
    holds generators and draws nothing (``""``)."""

    def __init__(self, draws: str = "") -> None:
        super().__init__()
        self.rnn = nn.LSTM(3, 4, batch_first=True)
        self.head = nn.Linear(4, 2)
        self.draws = draws
        self.gen = torch.Generator().manual_seed(1)
        self.rng = np.random.default_rng(0)
        self.calls = 0

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        self.calls += 1
        h = self.rnn(x)[1][0][-1]
        draw = {
            "numpy": lambda: torch.from_numpy(np.random.rand(*h.shape)),
            "python": lambda: torch.tensor(random.random()),
            "generator": lambda: torch.rand(h.shape, generator=self.gen),
            "numpy generator": lambda: torch.from_numpy(self.rng.random(h.shape)),
            "unused": lambda: torch.tensor(float(np.random.rand() * 0 + 1)),
        }.get(self.draws)
        return self.head(h if draw is None else h * draw().to(h.dtype))


@pytest.mark.parametrize("draws", ["numpy", "python", "generator", "numpy generator"])
@pytest.mark.parametrize("method", METHODS)
def test_a_draw_from_numpy_python_or_the_models_own_generator_is_refused(
    method: str, draws: str
) -> None:
    torch.manual_seed(0)
    # was: explained on one random draw without a word (torch's default generator did not move)
    with pytest.raises(RuntimeError) as err:
        explain(Drawn(draws), torch.randn(2, 5, 3), 0, method=method)
    refusal = RANDOM.format(re.escape(DRAWN[draws]))
    assert re.fullmatch(rf"method '{method}' cannot explain Drawn: its " + refusal, str(err.value))


def test_deletion_curve_refuses_a_numpy_draw_too() -> None:
    torch.manual_seed(0)
    x, steady = torch.randn(3, 5, 3), Drawn()
    ex = explain(steady, x, 0, method="gradxinput")
    model = Drawn("numpy")
    model.load_state_dict(steady.state_dict())
    with pytest.raises(RuntimeError) as err:
        deletion_curve(model, x, ex, steps=2)
    refusal = RANDOM.format(re.escape(DRAWN["numpy"]))
    assert re.fullmatch("deletion_curve cannot score Drawn: its " + refusal, str(err.value))


@pytest.mark.parametrize("method", METHODS)
def test_generators_held_and_not_drawn_from_cost_no_call(method: str) -> None:
    torch.manual_seed(0)
    x, weights = torch.randn(2, 5, 3), Drawn().state_dict()
    calls = {}
    for draws in ("", "unused"):
        model = Drawn(draws)
        model.load_state_dict(weights)
        calls[draws] = (explain(model, x, 0, method=method).relevance, model.calls)
    # a model holding generators it does not draw from is called as often as before; one that
    # draws from numpy and gives the same output is called once more, explained the same
    # ig: the score's, one batch of its path and its baseline's score (exspeed38)
    assert calls[""][1] == {"ig": 3, "occlusion": 3}.get(method, 1)
    assert calls["unused"][1] == calls[""][1] + 1
    assert torch.equal(calls["unused"][0], calls[""][0])


# ---- 2. plot_lags refuses a scalar window by its shape --------------------------------------


@pytest.mark.parametrize("window", [torch.tensor(3.0), np.float64(2.0), np.array(1.5)])
def test_plot_lags_refuses_a_scalar_window(window: object) -> None:
    with pytest.raises(ValueError) as err:
        plot_lags(window, [0.5])  # was: drawn as a window of one step
    assert str(err.value) == (
        "`window` must be one series [L] (one value per step, e.g. one feature's "
        "`inputs[0, :, 0]`), got shape ()."
    )


# ---- 3. lstmkit explain reads config.json once ----------------------------------------------


@pytest.mark.parametrize("which", ["classifier", "forecaster"])
def test_explain_reads_the_models_config_once(
    which: str,
    classifier_dir: Path,
    airline_fc_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = classifier_dir if which == "classifier" else airline_fc_dir
    argv = ["explain", str(folder), "--top", "2"]
    argv += ["--text", "a good film"] if which == "classifier" else ["--step", "1"]
    reads: Counter[str] = Counter()
    read_json = lstmkit.io.read_json

    def counted(file: Path) -> object:
        reads[Path(file).name] += 1
        return read_json(file)

    monkeypatch.setattr(lstmkit.io, "read_json", counted)
    assert main(argv) == 0
    once = capsys.readouterr().out
    assert reads["config.json"] == 1  # was 2: the kind's read, then the loader's
    assert lstmkit.io._READ_CONFIG.get() is None  # not held past the command
    # without handing the read down: read twice (as before), and the same output
    reads.clear()
    monkeypatch.setattr(lstmkit.io, "_config_read", lambda *_: contextlib.nullcontext())
    assert main(argv) == 0
    assert reads["config.json"] == 2
    assert capsys.readouterr().out == once
    assert once.startswith("predicted: " if which == "classifier" else "explained: forecast")


# ---- 4. what gradient x input sums to --------------------------------------------------------

GXI_NOTE = (
    "; gradient x input sums to a first-order estimate of the output less the output at zero "
    "inputs, exact only for a model linear in its inputs"
)


class Linear(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.head = nn.Linear(15, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(x.flatten(1))


def test_gradient_x_input_sums_to_the_output_less_the_output_at_zero_when_linear() -> None:
    torch.manual_seed(0)
    x = torch.randn(2, 5, 3, dtype=torch.float64)
    zero = torch.zeros_like(x)
    linear = Linear().double().eval()
    ex = explain(linear, x, 0, method="gradxinput")
    less = ex.score - linear(zero)[:, 0].detach()
    # linear: f(x) - f(0) to rounding, the bias not in it (so not the score)
    assert torch.allclose(ex.relevance.sum(1), less, rtol=0, atol=1e-12)
    assert not torch.allclose(ex.relevance.sum(1), ex.score, atol=1e-3)
    # an LSTM: a first-order estimate of it, near f(x) - f(0) for small inputs only, and a
    # share of the score at none (golden, float64)
    lstm = Drawn().double().eval()
    at_zero = lstm(zero)[:, 0].detach()
    rows = []
    for scale in (0.01, 1.0):
        ex = explain(lstm, x * scale, 0, method="gradxinput")
        rows.append([ex.relevance.sum(1).tolist(), (ex.score - at_zero).tolist()])
    assert rows == [
        [
            [pytest.approx(-3.2815e-4, rel=1e-3), pytest.approx(1.1804e-4, rel=1e-3)],
            [pytest.approx(-3.3653e-4, rel=1e-3), pytest.approx(1.1214e-4, rel=1e-3)],
        ],
        [
            [pytest.approx(0.053172, rel=1e-4), pytest.approx(0.052902, rel=1e-4)],
            [pytest.approx(0.029955, rel=1e-4), pytest.approx(0.041894, rel=1e-4)],
        ],
    ]
    assert ex.score.tolist() == [pytest.approx(0.40453, rel=1e-4), pytest.approx(0.41647, rel=1e-4)]


def test_a_sentences_gradxinput_line_says_what_it_sums_to(
    classifier_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pred = SentimentPredictor.load(classifier_dir)
    ids, lengths = pred.encode("a good film")
    argv = ["explain", str(classifier_dir), "--text", "a good film", "--method", "gradxinput"]
    assert main(argv) == 0
    target = pred.labels.index(pred.predict("a good film")[0])
    ex = explain(pred.model, ids, target, method="gradxinput", lengths=lengths)
    # was "relevance in all: tokens ..., score ..." alone, read as a share of the score
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"relevance in all: tokens {_num(float(sum(ex.relevance[0].tolist())))}, score "
        f"{float(ex.score[0]):.4f}" + GXI_NOTE
    )


# ---- 5. text predict --explain --json has the sum line's numbers ----------------------------


def test_text_predict_json_has_the_sum_lines_numbers(
    classifier_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    texts = ["a good film", "a bad film"]
    argv = ["text", "predict", str(classifier_dir), *texts, "--explain"]
    assert main(argv) == 0
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("relevance in")]
    assert main([*argv, "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    pred = SentimentPredictor.load(classifier_dir)
    for record, line, text in zip(records, lines, texts, strict=True):
        # was: no "score" nor "initial_state" in the record
        tokens = float(sum(r for _, r in record["relevance"]))
        initial, score = record["initial_state"], record["score"]
        assert line == (
            f"relevance in all: tokens {_num(tokens)} + initial state {_num(initial)} = "
            f"{_num(tokens + initial)}, score {score:.4f}; the biases hold the rest (pass "
            "--bias-factor 1 to conserve it)"
        )
        ids, lengths = pred.encode(text)
        ex = lrp(pred.model, ids, pred.labels.index(record["label"]), lengths=lengths)
        # each sentence alone: what the batch of both gives, to float rounding
        assert (score, initial) == (
            pytest.approx(float(ex.score[0]), rel=1e-9),
            pytest.approx(float(ex.initial_state[0]), rel=1e-9),
        )
    assert [list(r)[-3:] for r in records] == [["relevance", "score", "initial_state"]] * 2
    assert main([*argv[:-1], "--json"]) == 0  # without --explain: neither
    assert all("score" not in json.loads(line) for line in capsys.readouterr().out.splitlines())


# ---- 6. deletion_curve checks the explanation's target --------------------------------------


@pytest.fixture(scope="module")
def tokens_model() -> tuple[nn.Module, torch.Tensor]:
    torch.manual_seed(0)
    model = TextClassifier(vocab_size=20, embed_dim=4, hidden_size=3, num_classes=2).eval()
    return model, torch.tensor([[1, 2, 3], [4, 5, 6]])


@pytest.mark.parametrize(
    ("target", "error", "message"),
    [
        (
            torch.tensor([5, 0]),
            ValueError,
            "`explanation.target` must lie in [0, 2) (the model gives 2 outputs per sequence), "
            "got [5, 0]: explain a target in that range.",
        ),
        (
            torch.tensor([-1, 0]),
            ValueError,
            "`explanation.target` must lie in [0, 2) (the model gives 2 outputs per sequence; "
            "a negative index does not count from the end), got [-1, 0]: explain a target in "
            "that range.",
        ),
        (
            torch.tensor([1]),
            ValueError,
            "`explanation.target` must hold one output index per sequence (2), got 1 value.",
        ),
        (
            torch.tensor([0.5, 1.0]),
            TypeError,
            "`explanation.target` must be an integer tensor of one output index per sequence "
            "(2), as the explanation methods record it, got tensor([0.5000, 1.0000]) (dtype "
            "torch.float32).",
        ),
        (
            "positive",
            TypeError,
            "`explanation.target` must be an integer tensor of one output index per sequence "
            "(2), as the explanation methods record it, got str 'positive'.",
        ),
    ],
)
def test_deletion_curve_names_a_target_outside_the_models_outputs(
    tokens_model: tuple[nn.Module, torch.Tensor],
    target: object,
    error: type[Exception],
    message: str,
) -> None:
    model, x = tokens_model
    ex = dataclasses.replace(explain(model, x, 0, method="gradxinput"), target=target)
    # was torch's "index 5 is out of bounds for dimension 1 with size 2", "'str' object has
    # no attribute 'to'", or, for one target of two sequences, the first one's scores for both
    with pytest.raises(error) as err:
        deletion_curve(model, x, ex, steps=1)
    assert str(err.value) == message


def test_compare_names_the_target_and_the_valid_range(
    tokens_model: tuple[nn.Module, torch.Tensor],
) -> None:
    model, x = tokens_model
    with pytest.raises(ValueError) as err:
        compare(model, x, 5, steps=1, methods=("gradxinput",))
    assert str(err.value) == (
        "`target` must lie in [0, 2) (the model gives 2 outputs per sequence), got 5: pass an "
        "index in that range, or None for the arg-max."
    )
