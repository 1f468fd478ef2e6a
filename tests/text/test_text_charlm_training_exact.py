"""Character-LM training written out by hand: the windows, the carried and detached state, the
clipping, the cosine learning rate, the validation checks and the kept model, compared in float64
with :func:`train_charlm`; the clock's budget, the validation batch, ties between checks, and the
saved folder."""

from __future__ import annotations

import copy
import dataclasses
import json
import math
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch
from torch.nn import functional as F

from lstmkit.text import charlm
from lstmkit.text.charlm import (
    CharLM,
    CharLMConfig,
    CharLMResult,
    CharVocab,
    evaluate_loss,
    load_charlm,
    save_charlm,
    streams,
    train_charlm,
)

_TINY = {"embed_dim": 3, "hidden_size": 4, "num_layers": 1, "dropout": 0.0, "progress": False}


# 23 characters: int(23 * 0.75) = 17 train (2 streams of 8, the 17th dropped), 6 validate
_TEXT = "the cat sat on a mat, s"
_CONFIG = CharLMConfig(
    batch_size=2, bptt=3, lr=0.05, clip=0.3, max_steps=5, eval_every=2, val_fraction=0.25,
    seed=3, **_TINY,
)  # fmt: skip


def _by_hand(adam_step: Callable[..., bool]) -> dict:
    """The training loop of ``_CONFIG`` written out: Adam (Kingma & Ba 2015, betas 0.9 and
    0.999, eps 1e-8) on gradients clipped to a total norm of ``clip``, at the learning rate
    ``lr (0.1 + 0.45 (1 + cos(pi step / max_steps)))``."""
    config = _CONFIG
    chars = sorted(set(_TEXT))
    ids = torch.tensor([chars.index(c) for c in _TEXT])
    data, val = ids[:16].view(2, 8), ids[17:]
    torch.manual_seed(config.seed)
    model = CharLM(len(chars), 3, 4, 1)
    initial = copy.deepcopy(model.state_dict())
    params = list(model.parameters())
    moments = [(torch.zeros_like(p), torch.zeros_like(p)) for p in params]
    # (start, length, fresh state): from 7 no target is left in a stream of 8, so step 4 starts
    # both streams again from zero; the window at 6 holds one input (6 -> 7)
    windows = [(0, 3, True), (3, 3, False), (6, 1, False), (0, 3, True), (3, 3, False)]
    checks, clipped, losses, state = [], [], [], None
    for step, (start, length, fresh) in enumerate(windows):
        if fresh:
            state = None
        x, y = data[:, start : start + length], data[:, start + 1 : start + 1 + length]
        logits, state = model(x, state)
        state = (state[0].detach(), state[1].detach())  # gradients stop at the window
        loss = F.cross_entropy(logits.reshape(-1, len(chars)), y.reshape(-1))
        losses.append(float(loss.detach()))
        lr = config.lr * (0.1 + 0.45 * (1 + math.cos(math.pi * step / 5)))
        clipped.append(adam_step(params, loss, moments, lr, config.clip, step + 1))
        if step + 1 in (2, 4, 5):  # every eval_every=2 steps, and after the last
            with torch.no_grad():  # the 6 held-out characters: one stream, one window
                logits = model(val[None, :-1])[0][0]
            checks.append((step + 1, float(F.cross_entropy(logits, val[1:]))))
    return {
        "initial": initial,
        "final": model.state_dict(),
        "checks": checks,
        "clipped": clipped,
        "losses": losses,
    }


def test_training_is_the_loop_written_out_by_hand(
    float64: None, adam_step: Callable[..., bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five steps over two streams of 8 with ``bptt=3``: the seeded initial weights, the final
    weights and the three validation losses are those of the loop above, in float64."""
    expected = _by_hand(adam_step)
    assert expected["clipped"] == [True, False, True, True, False]  # the clip acts, not always
    initial: list[dict[str, torch.Tensor]] = []
    forward = CharLM.forward

    def first_forward(self: CharLM, tokens: torch.Tensor, state: object = None) -> object:
        if not initial:  # the weights the first step starts from
            initial.append(copy.deepcopy(self.state_dict()))
        return forward(self, tokens, state)

    monkeypatch.setattr(CharLM, "forward", first_forward)
    result = train_charlm(_TEXT, _CONFIG)
    assert initial[0].keys() == expected["initial"].keys()
    assert all(torch.equal(initial[0][k], v) for k, v in expected["initial"].items())  # seed 3's
    final = result.model.state_dict()
    assert final.keys() == expected["final"].keys()
    for name, value in expected["final"].items():
        torch.testing.assert_close(final[name], value, rtol=1e-9, atol=1e-12, msg=name)
    history = result.metrics["history"]
    assert [step for step, _, _ in history] == [2, 4, 5]
    assert [loss for _, _, loss in history] == pytest.approx(
        [loss for _, loss in expected["checks"]], rel=1e-9
    )
    assert [loss for _, _, loss in history] == pytest.approx(
        [2.518936194475752, 2.5030849354465277, 2.501948249412584], rel=1e-9
    )
    m = result.metrics
    v, e, h = 11, 3, 4  # the alphabet of the text, embed_dim, hidden_size
    assert {k: m[k] for k in m if k not in ("history", "train_seconds")} == {
        "best_val_loss": history[2][2],  # the losses fall: the last check is the best
        "best_step": 5,
        "final_val_loss": history[2][2],
        "val_checks": 3,
        "steps": 5,
        "train_chars": 17,  # the 17th is no stream's
        "val_chars": 6,
        "parameters": v * e + 4 * h * (e + h) + 2 * 4 * h + h * v + v,
        "interrupted": None,
        "init_from": None,  # no saved model continued (revlm39)
        "seed": 3,
        "threads": torch.get_num_threads(),
    }
    assert result.model.training is False
    assert result.vocab.chars == sorted(set(_TEXT)) and len(result.vocab) == v


def _recording_adam(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The learning rate of each optimizer step of the next training."""
    rates: list[float] = []
    adam = charlm.adam

    def recording(params: object, lr: float) -> torch.optim.Optimizer:
        optimizer = adam(params, lr)
        step = optimizer.step

        def recorded(*args: object, **kwargs: object) -> object:
            rates.append(optimizer.param_groups[0]["lr"])
            return step(*args, **kwargs)

        optimizer.step = recorded
        return optimizer

    monkeypatch.setattr(charlm, "adam", recording)
    return rates


def test_without_max_steps_the_clock_ends_the_run_and_decays_the_rate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``minutes=0.5`` is a budget of 30 s: a clock that reads 5, 10 and 20 s at the tops of the
    first three steps, and exactly 30 at the fourth, runs 3 steps at the rates of those elapsed
    fractions of the budget; the checks record the seconds to one decimal."""
    readings = iter([0.0, 5.0, 10.0, 12.34, 20.0, 30.0, 31.27])  # start, tops, check at 2, end
    monkeypatch.setattr(charlm, "time", SimpleNamespace(perf_counter=lambda: next(readings)))
    rates = _recording_adam(monkeypatch)
    config = CharLMConfig(
        batch_size=2, bptt=3, lr=0.02, minutes=0.5, eval_every=2, val_fraction=0.25, **_TINY
    )
    m = train_charlm(_TEXT, config).metrics
    assert next(readings, None) is None  # each reading taken, none more
    assert rates == pytest.approx(
        [0.02 * (0.1 + 0.45 * (1 + math.cos(math.pi * t / 30))) for t in (5, 10, 20)], rel=1e-12
    )
    assert [(step, seconds) for step, seconds, _ in m["history"]] == [(2, 12.3), (3, 31.3)]
    assert (m["steps"], m["train_seconds"], m["val_checks"]) == (3, 31.3, 2)


@pytest.mark.parametrize(
    ("text", "bptt", "val_fraction", "batch"),
    [
        (_TEXT, 3, 0.25, 1),  # 6 // (2 * 3) = 1 stream
        ("ab" * 9, 1, 0.5, 4),  # 9 // 2 = 4 streams of 2
        ("ab" * 40, 1, 0.5, 16),  # 40 // 2 = 20: at most 16 streams
        ("abcdefgh" * 2, 3, 0.2, 1),  # 4 // 6 = 0: still one stream
    ],
)
def test_validation_reads_the_held_out_text_in_up_to_16_streams_of_2_windows(
    monkeypatch: pytest.MonkeyPatch, text: str, bptt: int, val_fraction: float, batch: int
) -> None:
    """Validation cuts the held-out part into ``max(1, min(16, chars // (2 bptt)))`` streams."""
    seen = []

    def recording(model: CharLM, ids: torch.Tensor, batch_size: int = 16) -> float:
        seen.append((ids.numel(), batch_size))
        return evaluate_loss(model, ids, batch_size)

    monkeypatch.setattr(charlm, "evaluate_loss", recording)
    config = CharLMConfig(batch_size=1, bptt=bptt, max_steps=1, val_fraction=val_fraction, **_TINY)
    train_charlm(text, config)
    assert seen == [(len(text) - int(len(text) * (1 - val_fraction)), batch)]


@pytest.mark.parametrize(
    ("losses", "best_step", "kept"),
    [
        ([0.3, 0.3, 0.4], 1, 0),  # a tie is no improvement: the first of equal checks is kept
        ([0.5, 0.3, 0.3], 3, 2),  # the last check as good as the best: the last model is kept
    ],
)
def test_between_equal_checks_the_earlier_is_kept_but_the_last_model_wins_a_tie(
    monkeypatch: pytest.MonkeyPatch, losses: list[float], best_step: int, kept: int
) -> None:
    script, weights = iter(losses), []

    def scripted(model: CharLM, ids: torch.Tensor, batch_size: int = 16) -> float:
        weights.append(copy.deepcopy(model.state_dict()))
        return next(script)

    monkeypatch.setattr(charlm, "evaluate_loss", scripted)
    config = CharLMConfig(batch_size=2, bptt=3, max_steps=3, eval_every=1, **_TINY)
    result = train_charlm("abcd\n" * 8, config)
    m = result.metrics
    assert (m["best_val_loss"], m["best_step"], m["final_val_loss"]) == (0.3, best_step, losses[2])
    state = result.model.state_dict()
    assert all(torch.equal(state[k], weights[kept][k]) for k in state)


def test_evaluate_loss_reads_16_streams_by_default() -> None:
    """40 ids make 16 streams of 2 (the last 8 dropped): one target each."""
    torch.manual_seed(0)
    model = CharLM(5, 3, 4, 1).double().eval()
    ids = torch.randint(0, 5, (40,))
    data = ids[:32].view(16, 2)
    with torch.no_grad():
        logits = model(data[:, :1])[0][:, 0]
    expected = float(F.cross_entropy(logits, data[:, 1]))
    assert evaluate_loss(model, ids) == pytest.approx(expected, rel=1e-12)


def test_streams_names_the_text_length_and_the_batch_size() -> None:
    with pytest.raises(ValueError) as err:
        streams(torch.arange(5), 3)
    assert str(err.value) == "text of 5 characters is too short for `batch_size`=3."
    assert streams(torch.arange(6), 3).tolist() == [[0, 1], [2, 3], [4, 5]]


def test_a_last_step_that_leaves_weights_infinite_is_refused() -> None:
    """``lr=1e38`` (finite) makes the one step's update overflow float32: the step's loss was
    finite, the weights are not."""
    from lstmkit.train import DivergedError

    config = CharLMConfig(batch_size=2, bptt=3, lr=1e38, max_steps=1, **_TINY)
    with pytest.raises(DivergedError) as err:
        train_charlm("abcd\n" * 8, config)
    assert str(err.value) == (
        "training diverged: 7 parameter tensors hold NaN or infinite values after training "
        "(first: embedding.weight). Try a lower learning rate than `lr`=1e+38."
    )


def test_the_progress_bar_counts_the_steps_and_shows_each_training_loss(
    float64: None, adam_step: Callable[..., bool], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One update per step, the step's training loss to 3 decimals (those of the loop by hand),
    and the bar closed."""
    calls: list[tuple] = []

    class Bar:
        def __init__(self, progress: object, **kwargs: object) -> None:
            calls.append(("open", progress, kwargs))

        def update(self, n: int) -> None:
            calls.append(("update", n))

        def set_postfix(self, **kwargs: object) -> None:
            calls.append(("postfix", kwargs))

        def close(self) -> None:
            calls.append(("close",))

    monkeypatch.setattr(charlm, "progress_bar", Bar)
    train_charlm(_TEXT, _CONFIG)
    losses = _by_hand(adam_step)["losses"]
    assert calls == [
        ("open", False, {"desc": "train-lm", "unit": "step"}),
        *[
            call
            for loss in losses
            for call in (("update", 1), ("postfix", {"loss": f"{loss:.3f}", "refresh": False}))
        ],
        ("close",),
    ]


def test_the_plot_circles_the_kept_check_not_the_last(monkeypatch: pytest.MonkeyPatch) -> None:
    script = iter([0.5, 0.3, 0.4])
    monkeypatch.setattr(charlm, "evaluate_loss", lambda *args: next(script))
    config = CharLMConfig(batch_size=2, bptt=3, max_steps=3, eval_every=1, **_TINY)
    result = train_charlm("abcd\n" * 8, config)
    figure = result.plot_training(title="a tiny LM")
    ax = figure.axes[0]
    curve, kept, _legend = ax.get_lines()
    assert (list(curve.get_xdata()), list(curve.get_ydata())) == ([1, 2, 3], [0.5, 0.3, 0.4])
    assert (list(kept.get_xdata()), list(kept.get_ydata())) == ([2], [0.3])
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("step", "validation loss (nats per character)")
    assert ax.get_title() == "a tiny LM"


def _saved(folder: Path) -> tuple[CharLMResult, Path]:
    torch.manual_seed(0)
    config = CharLMConfig(batch_size=4, max_steps=7)
    result = CharLMResult(CharLM(3, 2, 2, 1), CharVocab(list("ab\n")), config, {"steps": 7})
    return result, save_charlm(result, folder)


def test_the_saved_config_holds_the_alphabet_as_a_string_and_every_setting(
    tmp_path: Path,
) -> None:
    result, folder = _saved(tmp_path / "lm")
    assert folder == tmp_path / "lm"
    saved = json.loads((folder / "config.json").read_text())
    assert saved["kind"] == "charlm" and saved["chars"] == "ab\n"
    assert saved["model"] == {
        "vocab_size": 3, "embed_dim": 2, "hidden_size": 2, "num_layers": 1, "dropout": 0.0
    }  # fmt: skip
    assert saved["train"] == dataclasses.asdict(result.config)
    assert (saved["train"]["batch_size"], saved["metrics"]) == (4, {"steps": 7})
    model, vocab = load_charlm(folder)
    assert model.training is False and vocab.chars == ["a", "b", "\n"]
    state = result.model.state_dict()
    assert all(torch.equal(model.state_dict()[k], v) for k, v in state.items())
    saved["chars"] = ["a", "b", "\n"]  # a list of characters is an alphabet too
    (folder / "config.json").write_text(json.dumps(saved))
    assert load_charlm(folder)[1].chars == ["a", "b", "\n"]


@pytest.mark.parametrize(("chars", "size"), [("ab", 2), ("ab\nc", 4)])
def test_an_alphabet_of_another_size_than_the_model_is_refused(
    tmp_path: Path, chars: str, size: int
) -> None:
    _, folder = _saved(tmp_path / "lm")
    saved = json.loads((folder / "config.json").read_text())
    (folder / "config.json").write_text(json.dumps({**saved, "chars": chars}))
    with pytest.raises(ValueError) as err:
        load_charlm(folder)
    assert str(err.value) == (
        f"{str(folder / 'config.json')!r} does not describe a usable character language model: "
        f"its alphabet has {size} characters but its model 3."
    )
