"""Explanations of a model on an accelerator, without one: the model goes to the meta device
(tensors made on the CPU and mixed with its own raise there), and a stand-in forward or method
answers with :class:`OnAccelerator` tensors (see ``tests/conftest.py``), which refuse
``.numpy()`` as CUDA tensors do, and float64 as MPS tensors do."""

from __future__ import annotations

import json
import sys

import pytest
import torch

import lstmkit.explain
from lstmkit.cli import main
from lstmkit.explain import Explanation, deletion_curve
from lstmkit.text import TextClassifier
from lstmkit.text.sentiment import SentimentPredictor


def test_cli_explain_feeds_the_classifier_on_its_device_and_reads_back_its_relevance(
    classifier_dir, monkeypatch, capsys, on_accelerator
) -> None:
    """``lstmkit explain MODEL --text ... --device cuda``: the token ids go where the model is
    (they stayed on the CPU, and every method refuses inputs on another device than the model),
    and the relevance comes back to the CPU before numpy reads it."""
    load = SentimentPredictor.load.__func__  # type: ignore[attr-defined]
    devices: list[str] = []

    def load_on_meta(cls, path, device="cpu"):
        predictor = load(cls, path)
        predictor.model.to("meta")  # where --device would have put it
        return predictor

    def forward(self, tokens, lengths=None):
        devices.append(tokens.device.type)
        return on_accelerator(torch.tensor([[0.0, 1.0]]).repeat(tokens.shape[0], 1))

    def explain(model, inputs, target=None, *, method="lrp", lengths=None, **options):
        devices.append(inputs.device.type)
        steps = inputs.shape[1]
        return Explanation(
            relevance=on_accelerator(torch.arange(steps, dtype=torch.float64)[None] / 4),
            relevance_per_feature=None,
            score=on_accelerator(torch.tensor([0.75], dtype=torch.float64)),
            target=on_accelerator(torch.tensor([1])),
            initial_state=on_accelerator(torch.tensor([0.25], dtype=torch.float64)),
            lengths=lengths,
            method=method,
        )

    monkeypatch.setattr(SentimentPredictor, "load", classmethod(load_on_meta))
    monkeypatch.setattr(TextClassifier, "forward", forward)

    def lrp_given_the_output(model, inputs, target=None, *, lengths=None, output=None, **options):
        return explain(model, inputs, target, lengths=lengths, **options)

    monkeypatch.setattr(lstmkit.explain, "explain", explain)
    # one model's LRP is handed the prediction's output, run first (lstmkit.explain.lrp is
    # the function; its module is read from sys.modules)
    monkeypatch.setattr(sys.modules["lstmkit.explain.lrp"], "_lrp", lrp_given_the_output)
    args = ["explain", str(classifier_dir), "--text", "a good film"]
    assert main([*args, "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["relevance"] == [0.0, 0.25, 0.5]
    assert record["initial_state"] == 0.25 and record["score"] == 0.75
    assert record["explained"] == record["predicted"] == "positive"
    assert main(args) == 0  # the text report reads the same relevance
    assert "explained: positive, score 0.7500" in capsys.readouterr().out
    assert devices == ["meta"] * 4  # the prediction, then the explanation, twice


def test_deletion_curve_brings_scores_to_the_cpu_before_float64(on_accelerator) -> None:
    """The scores of a model on MPS (no float64 there) come to the CPU before they become float64
    (``.to(float64).cpu()`` raised on MPS); on the CPU the curve is what it was."""

    class Net(torch.nn.Module):
        def __init__(self, wrap) -> None:
            super().__init__()
            self.rnn = torch.nn.GRU(2, 3, batch_first=True)
            self.head = torch.nn.Linear(3, 2)
            self.wrap = wrap

        def forward(self, x):
            return self.wrap(self.head(self.rnn(x)[0][:, -1]))

    torch.manual_seed(0)
    net = Net(lambda t: t)
    x = torch.randn(2, 4, 2)
    ex = lstmkit.explain.explain(net, x, 1, method="gradxinput")
    on_cpu = deletion_curve(net, x, ex, steps=3)
    net.wrap = lambda t: on_accelerator(t, float64=False, strict=False)
    on_mps = deletion_curve(net, x, ex, steps=3)
    assert type(on_mps) is torch.Tensor and on_mps.dtype == torch.float64
    assert torch.equal(on_mps, on_cpu)


@pytest.mark.parametrize("float64", [True, False])
def test_the_accelerator_stand_in_refuses_what_the_devices_refuse(on_accelerator, float64):
    """The stand-in itself: it computes, reads back and moves to the CPU like a GPU tensor,
    and refuses numpy, mixing with CPU tensors and (as MPS) float64."""
    t = on_accelerator(torch.tensor([1.0, 2.0]), float64=float64)
    assert (
        (t * 2).tolist() == [2.0, 4.0] and float(t[1]) == 2.0 and (t + torch.tensor(1)).sum() == 5
    )
    assert type(t.cpu()) is torch.Tensor and type(t.to("cpu")) is torch.Tensor
    assert t.cpu().numpy().tolist() == [1.0, 2.0]
    with pytest.raises(TypeError, match="can't convert cuda:0 device type tensor to numpy"):
        t.numpy()
    with pytest.raises(RuntimeError, match="Expected all tensors to be on the same device"):
        t + torch.ones(2)
    if float64:
        assert t.double().dtype == torch.float64
    else:
        for convert in (t.double, lambda: t.to(torch.float64), lambda: t.to(dtype=torch.float64)):
            with pytest.raises(TypeError, match="Cannot convert a MPS Tensor to float64"):
                convert()
        assert t.cpu().double().dtype == torch.float64


def _on_mps(model: torch.nn.Module, on_accelerator) -> torch.nn.Module:
    """``model`` with every parameter an MPS stand-in: its device reads mps, float64 raises."""
    for module in model.modules():
        for name, p in list(module.named_parameters(recurse=False)):
            mps = on_accelerator(p.detach(), float64=False, device="mps")
            setattr(module, name, torch.nn.Parameter(mps))
    return model


_MPS = (
    "explanations compute in float64, which MPS does not support; got {}. Move the model and "
    "its inputs to the CPU to explain them: `model.cpu()`, `inputs.cpu()`."
)


@pytest.mark.parametrize("method", lstmkit.explain.METHODS)
def test_every_method_refuses_mps_before_it_computes(on_accelerator, method) -> None:
    """On MPS, every method failed midway with MPS's TypeError "Cannot convert a MPS Tensor to
    float64" (lrp reading the weights, the others making their results float64)."""
    torch.manual_seed(0)
    tokens = torch.tensor([[3, 4, 5], [6, 7, 0]])
    cpu = lstmkit.explain.explain(TextClassifier(20, 4, 3, 2), tokens, 1, method=method)
    assert cpu.relevance.shape == (2, 3) and bool(cpu.score.isfinite().all())
    model = _on_mps(TextClassifier(20, 4, 3, 2), on_accelerator)
    calls = []
    model.register_forward_pre_hook(lambda *_: calls.append(1))
    on_mps = on_accelerator(tokens, float64=False, device="mps")
    with pytest.raises(RuntimeError) as err:
        lstmkit.explain.explain(model, on_mps, 1, method=method, lengths=[3, 2])
    assert str(err.value) == _MPS.format(
        "the parameters of TextClassifier on mps and `inputs` on mps"
    )
    # inputs alone on MPS: named (not as a device mismatch), and before the model is called
    with pytest.raises(RuntimeError) as err:
        lstmkit.explain.explain(TextClassifier(20, 4, 3, 2), on_mps, 1, method=method)
    assert str(err.value) == _MPS.format("`inputs` on mps")
    assert calls == []
    # an ensemble says so too, with its own name
    from lstmkit.text import ClassifierEnsemble

    ensemble = ClassifierEnsemble([_on_mps(TextClassifier(20, 4, 3, 2), on_accelerator)])
    with pytest.raises(RuntimeError) as err:
        lstmkit.explain.explain(ensemble, tokens, 1, method=method)
    assert str(err.value) == _MPS.format("the parameters of ClassifierEnsemble on mps")


def test_lrp_seq2seq_compare_and_forecasts_refuse_mps(on_accelerator) -> None:
    from lstmkit.explain import compare, lrp_seq2seq
    from lstmkit.explain.forecast import explain_forecast
    from lstmkit.forecast import Forecaster, ForecasterConfig, ForecastNet

    torch.manual_seed(0)
    net = _on_mps(ForecastNet("lstm", 3, 4, 1, decoder_input_size=2), on_accelerator)
    x, future = torch.randn(1, 6, 3), torch.randn(1, 4, 2)
    with pytest.raises(RuntimeError) as err:
        lrp_seq2seq(net, x, on_accelerator(future, float64=False, device="mps"), 2)
    assert str(err.value) == _MPS.format("the parameters of ForecastNet on mps and `future` on mps")
    model = _on_mps(TextClassifier(20, 4, 3, 2), on_accelerator)
    with pytest.raises(RuntimeError) as err:
        compare(model, torch.tensor([[3, 4, 5]]), steps=1)
    assert str(err.value) == _MPS.format("the parameters of TextClassifier on mps")

    y = torch.sin(torch.arange(40.0) / 3).numpy() + 2
    config = ForecasterConfig(horizon=2, lookback=6, ensemble=1, epochs=1, hidden_size=3)
    forecaster = Forecaster(config).fit(y)
    assert explain_forecast(forecaster, method="gradxinput").per_lag.shape == (6,)
    _on_mps(forecaster.members_, on_accelerator)
    with pytest.raises(RuntimeError) as err:
        explain_forecast(forecaster, method="gradxinput")
    assert str(err.value) == (
        "explanations compute in float64, which MPS does not support; got a Forecaster whose "
        "members are on mps. Explain it on the CPU: save it and load it with "
        "`Forecaster.load(path)` (the CPU is the default device)."
    )


def test_cli_explain_refuses_device_mps_before_reading_anything(
    classifier_dir, tmp_path, capsys
) -> None:
    """``--device mps`` was accepted by the help and failed midway on a Mac (float64); on other
    machines it read "cannot be used here". Now it is refused first, wherever it runs."""
    out = tmp_path / "never"
    for model in (classifier_dir, tmp_path / "no-model"):
        for device in ("mps", "mps:0"):
            args = ["explain", str(model), "--text", "a good film", "--out", str(out)]
            assert main([*args, "--device", device]) == 2
            assert capsys.readouterr().err == (
                "error: --device must name a device with float64, such as 'cpu' (the default) "
                f"or 'cuda', got {device!r}: explanations compute in float64, which MPS does "
                "not support.\n"
            )
    assert not out.exists()
