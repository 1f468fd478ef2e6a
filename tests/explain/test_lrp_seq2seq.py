"""LRP through encoder-decoder networks (``seq2seq`` ForecastNet): conservation, agreement with
:func:`lrp` on the equivalent single recurrent pass, the recomputation check, and the forecaster
and CLI on top."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import torch
from torch import nn

from lstmkit.cli import main
from lstmkit.data import load_dataset
from lstmkit.explain import lrp, lrp_seq2seq
from lstmkit.explain.forecast import explain_forecast
from lstmkit.forecast import Forecaster, ForecasterConfig, ForecastNet

# no test here reads a figure: the PNGs its commands write are created empty, not drawn
pytestmark = pytest.mark.usefixtures("undrawn_figures")

CELLS = ["lstm", "gru", "peephole"]


def _net(cell: str, layers: int, n_in: int = 3, n_dec: int = 3, seed: int = 0) -> ForecastNet:
    """A float64 seq2seq ForecastNet with weights and biases large enough to matter."""
    torch.manual_seed(seed)
    net = ForecastNet(cell, n_in, 5, 1, num_layers=layers, decoder_input_size=n_dec)
    for p in net.parameters():
        nn.init.normal_(p, std=0.5)
    return net.double().eval()


def _data(batch: int = 4, steps: int = 7, horizon: int = 5, n_in: int = 3, n_dec: int = 3):
    g = torch.Generator().manual_seed(1)
    x = torch.randn(batch, steps, n_in, generator=g, dtype=torch.float64)
    future = torch.randn(batch, horizon, n_dec, generator=g, dtype=torch.float64)
    return x, future


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("layers", [1, 2])
def test_conservation_bias_factor_one(cell: str, layers: int) -> None:
    net = _net(cell, layers)
    x, future = _data()
    target = torch.tensor([0, 2, 4, 1])
    ex = lrp_seq2seq(net, x, future, target, bias_factor=1.0)
    # the score is the network's own output for the step, biases everywhere included
    np.testing.assert_allclose(
        ex.score.numpy(),
        net(x, future).gather(1, target[:, None])[:, 0].detach().numpy(),
        rtol=1e-12,
    )
    total = ex.relevance.sum(1) + ex.decoder_relevance.sum((1, 2)) + ex.initial_state
    assert (total - ex.score).abs().max().item() < 1e-10
    assert ex.residual.abs().max().item() < 1e-10
    assert ex.score.abs().min().item() > 1e-3  # the check is not vacuous
    # the window gets relevance through the decoder's initial states, not only the decoder inputs
    assert ex.relevance.abs().sum(1).min().item() > 1e-3
    assert ex.relevance_per_feature.shape == (4, 7, 3)
    assert ex.decoder_relevance.shape == (4, 5, 3)
    for b, k in enumerate(target.tolist()):
        assert bool((ex.decoder_relevance[b, k + 1 :] == 0).all())  # later steps cannot matter
        assert ex.decoder_relevance[b, : k + 1].abs().sum().item() > 1e-3
    # the biases absorb their share with bias_factor = 0 (the published setting)
    assert lrp_seq2seq(net, x, future, target).residual.abs().max().item() > 1e-4


class _Unrolled(nn.Module):
    """``rnn`` → head on the last step: the seq2seq net when decoder and encoder are the same."""

    def __init__(self, net: ForecastNet) -> None:
        super().__init__()
        self.rnn = net.encoder
        self.head = net.head

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out, _ = self.rnn(x)
        return self.head(out[:, -1])


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("layers", [1, 2])
@pytest.mark.parametrize("delta", [0.0, 1.0])
def test_equals_lrp_of_the_unrolled_sequence(cell: str, layers: int, delta: float) -> None:
    # With the decoder's weights equal to the encoder's, output step k is the same recurrent
    # net run over the window followed by the decoder inputs of steps 0..k, layer by layer: the
    # relevance must be lrp's on that one sequence (lrp is checked against the papers' rules).
    net = _net(cell, layers, seed=2)
    net.decoder.load_state_dict(net.encoder.state_dict())
    x, future = _data(batch=2)
    for k in (0, 3):
        ex = lrp_seq2seq(net, x, future, k, bias_factor=delta)
        ref = lrp(_Unrolled(net), torch.cat([x, future[:, : k + 1]], dim=1), 0, bias_factor=delta)
        per_feature = ref.relevance_per_feature
        torch.testing.assert_close(
            ex.relevance_per_feature, per_feature[:, :7], rtol=1e-9, atol=1e-12
        )
        torch.testing.assert_close(
            ex.decoder_relevance[:, : k + 1], per_feature[:, 7:], rtol=1e-9, atol=1e-12
        )
        torch.testing.assert_close(ex.initial_state, ref.initial_state, rtol=1e-9, atol=1e-12)
        torch.testing.assert_close(ex.score, ref.score, rtol=1e-12, atol=1e-14)


def test_torch_modules_conserve() -> None:
    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = nn.GRU(3, 4, num_layers=2, batch_first=True)
            self.decoder = nn.GRU(2, 4, num_layers=2, batch_first=True)
            self.head = nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 1))

        def forward(self, x, future):
            _, h = self.encoder(x)
            out, _ = self.decoder(future, h)
            return self.head(out).squeeze(-1)

    torch.manual_seed(4)
    net = Net().double()
    x, future = _data(batch=3, n_dec=2)
    ex = lrp_seq2seq(net, x, future, 3, bias_factor=1.0)
    assert ex.residual.abs().max().item() < 1e-10


def test_unsupported_models_and_bad_inputs_are_named() -> None:
    x, future = _data(batch=1)
    bi = ForecastNet("lstm", 3, 4, 1, decoder_input_size=3)
    bi.encoder = nn.LSTM(3, 4, batch_first=True, bidirectional=True)
    with pytest.raises(TypeError, match="the encoder is bidirectional"):
        lrp_seq2seq(bi, x.float(), future.float())
    mixed = ForecastNet("lstm", 3, 4, 1, num_layers=2, decoder_input_size=3)
    mixed.decoder = nn.GRU(3, 4, batch_first=True)
    with pytest.raises(
        TypeError,
        match=r"the encoder is of kind LSTM, the decoder GRU; `num_layers` is 2 in the encoder, 1 ",
    ):
        lrp_seq2seq(mixed, x.float(), future.float())
    direct = ForecastNet("lstm", 3, 4, 2)
    with pytest.raises(
        TypeError, match=r"submodules `encoder` and `decoder`.*\['encoder', 'head'\]"
    ):
        lrp_seq2seq(direct, x.float(), future.float())
    wide = ForecastNet("lstm", 3, 4, 1, decoder_input_size=3)
    wide.head = nn.Linear(8, 1)  # the head took torch's "mat1 and mat2" error
    with pytest.raises(
        TypeError,
        match=r"`head` starts with a Linear of in_features=8, but lrp_seq2seq feeds it the "
        r"outputs of the decoder's last layer: 4 features",
    ):
        lrp_seq2seq(wide, x.float(), future.float())
    net = _net("lstm", 1)
    with pytest.raises(TypeError, match="explained by `lrp_seq2seq`"):
        lrp(net, x)
    with pytest.raises(ValueError, match=r"`future` must have 3 features per step .* got 2"):
        lrp_seq2seq(net, x, future[..., :2])
    with pytest.raises(ValueError, match=r"one row per sequence of `inputs` \(1\), got 2"):
        lrp_seq2seq(net, x, torch.cat([future, future]))
    with pytest.raises(ValueError, match=r"`target` must lie in \[0, 5\)"):
        lrp_seq2seq(net, x, future, 5)

    class Scaled(ForecastNet):
        def forward(self, x, future=None):
            return 2 * super().forward(x, future)

    scaled = Scaled("gru", 3, 4, 1, decoder_input_size=3)
    with pytest.raises(RuntimeError, match="differs from the model's output"):
        lrp_seq2seq(scaled, x.float(), future.float())

    class Paired(ForecastNet):
        def forward(self, x, future=None):
            return super().forward(x, future), None

    paired = Paired("gru", 3, 4, 1, decoder_input_size=3)
    with pytest.raises(TypeError, match=r"must return one tensor of scores, got a tuple of 2 from"):
        lrp_seq2seq(paired, x.float(), future.float())


# -- the Forecaster and the CLI ----------------------------------------------------------------


def _seq2seq(cell: str, layers: int) -> Forecaster:
    cfg = ForecasterConfig(
        horizon=3, strategy="seq2seq", cell=cell, num_layers=layers, lookback=12, ensemble=2,
        epochs=2, hidden_size=6, interval=None, refit=False,
    )  # fmt: skip
    return Forecaster(cfg).fit(load_dataset("airline")[:-12])


@pytest.fixture(scope="module")
def seq2seq_lstm() -> Forecaster:
    return _seq2seq("lstm", 2)


@pytest.mark.parametrize("cell", ["gru", None])
def test_explain_forecast_seq2seq_conserves(cell, seq2seq_lstm) -> None:
    fc = seq2seq_lstm if cell is None else _seq2seq(cell, 1)
    ex = explain_forecast(fc, step=2, bias_factor=1.0)
    assert ex.per_feature.shape == (12, 3)
    assert ex.future.shape == (3, 3)
    assert ex.future_features == ["constant", "season sin", "season cos"]
    assert ex.future_index == ["1960-01-01", "1960-02-01", "1960-03-01"]
    total = ex.per_lag.sum() + ex.future.sum() + ex.initial_state
    assert abs(total - ex.score) < 1e-10
    assert np.abs(ex.per_lag).sum() > 1e-6
    # the explained score is the members' mean network output for step 2
    x = torch.tensor(fc.encoder_inputs().to_numpy()[None], dtype=torch.float32)
    future = torch.tensor(fc.decoder_inputs().to_numpy()[None], dtype=torch.float32)
    with torch.no_grad():
        out = np.mean([float(net(x, future)[0, 2]) for net in fc.members_])
    assert ex.score == pytest.approx(out, rel=1e-5, abs=1e-6)
    with pytest.raises(ValueError, match=r"`step` must be an integer in \[0, 3\)"):
        explain_forecast(fc, step=3)
    # decoder_inputs is what predict feeds the decoder
    np.testing.assert_array_equal(
        future[0].numpy(), fc._decoder_inputs(fc.history().index, 3).astype(np.float32)
    )


def test_an_interval_changed_since_fit_does_not_stop_an_explanation(seq2seq_lstm) -> None:
    # fc.config = replace(fc.config, interval=0.9) (for the next fit's intervals) made
    # explain_forecast refuse the Forecaster as changed since fit; it reads no interval
    import copy
    from dataclasses import replace

    fc = copy.copy(seq2seq_lstm)
    fc.config = replace(fc.config, interval=0.9)
    ex = explain_forecast(fc, step=2, bias_factor=1.0)
    same = explain_forecast(seq2seq_lstm, step=2, bias_factor=1.0)
    assert ex.score == same.score and np.array_equal(ex.per_lag, same.per_lag)
    assert np.array_equal(ex.future, same.future)
    assert fc.config.interval == 0.9  # the caller's config as it was
    # a change the networks depend on still counts, alone the one named
    fc.config = replace(fc.config, lookback=6)
    with pytest.raises(ValueError) as err:
        explain_forecast(fc, step=2)
    assert str(err.value) == (
        "`config` was changed after fit (lookback=6), but the fitted model was made with "
        "lookback=12. Call fit() again, or put them back: fc.config = replace(fc.config, "
        "lookback=12)."
    )


def test_decoder_inputs_need_a_decoder() -> None:
    cfg = ForecasterConfig(horizon=2, lookback=12, ensemble=1, epochs=1, hidden_size=4)
    fc = Forecaster(cfg).fit(load_dataset("airline")[:60])
    with pytest.raises(ValueError, match="decoder_inputs needs strategy='seq2seq'"):
        fc.decoder_inputs()


@pytest.mark.parametrize("method", ["gradxinput", "ig", "occlusion", "sensitivity"])
def test_other_methods_explain_the_window_of_a_seq2seq_forecaster(method, seq2seq_lstm) -> None:
    ex = explain_forecast(seq2seq_lstm, step=1, method=method)
    lrp_ex = explain_forecast(seq2seq_lstm, step=1)
    assert ex.future is None and ex.per_lag.shape == (12,)
    assert np.isfinite(ex.per_lag).all() and np.abs(ex.per_lag).sum() > 0
    assert ex.score == pytest.approx(lrp_ex.score, rel=1e-5, abs=1e-6)


def test_explain_cli_on_a_seq2seq_forecaster(seq2seq_lstm, tmp_path, capsys) -> None:
    model_dir = tmp_path / "s2s"
    seq2seq_lstm.save(model_dir)
    assert main(["explain", str(model_dir), "--step", "2"]) == 0
    printed = capsys.readouterr().out
    assert "forecast step 3 after 1959-12-01" in printed and "top 5 lags:" in printed
    assert "decoder inputs of forecast steps 1-3:" in printed
    assert "  step  3  1960-03-01" in printed
    out = str(tmp_path / "ex")
    assert main(["explain", str(model_dir), "--step", "2", "--bias-factor", "1", "--out", out]) == 0
    printed = capsys.readouterr().out
    assert "decoder_relevance.csv" in printed
    ex = explain_forecast(seq2seq_lstm, step=2, bias_factor=1.0)
    window = pd.read_csv(tmp_path / "ex" / "relevance.csv")
    future = pd.read_csv(tmp_path / "ex" / "decoder_relevance.csv")
    assert list(future.columns) == [
        "time",
        "step",
        "relevance",
        "relevance:constant",
        "relevance:season sin",
        "relevance:season cos",
        *("forecast_step", "forecast_time", "method", "units"),
    ]
    assert future["time"].tolist() == ["1960-01-01", "1960-02-01", "1960-03-01"]
    assert future["step"].tolist() == [1, 2, 3]
    np.testing.assert_allclose(future.iloc[:, 3:6].to_numpy(), ex.future)
    np.testing.assert_allclose(future["relevance"], ex.future.sum(axis=1))
    np.testing.assert_allclose(window["relevance"], ex.per_lag)
    # with bias_factor=1 the two files hold everything but the initial state's share
    total = window["relevance"].sum() + future["relevance"].sum() + ex.initial_state
    assert total == pytest.approx(ex.score, abs=1e-9)
    assert (
        main(
            [
                "explain",
                str(model_dir),
                "--step",
                "2",
                "--method",
                "occlusion",
                "--out",
                str(tmp_path / "occ"),
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "top 5 lags:" in printed and "decoder inputs" not in printed
    assert not (tmp_path / "occ" / "decoder_relevance.csv").exists()
    assert main(["explain", str(model_dir), "--step", "3"]) == 2
    assert "--step must be in [0, 3)" in capsys.readouterr().err


def test_inputs_and_future_on_another_device_are_named() -> None:
    net = ForecastNet("lstm", 3, 4, 1, decoder_input_size=2).double()
    x, fut = torch.randn(1, 6, 3).double(), torch.randn(1, 4, 2).double()
    with pytest.raises(RuntimeError, match=r"^`inputs` is on device meta, but the model's"):
        lrp_seq2seq(net, x.to("meta"), fut, 0)
    with pytest.raises(RuntimeError) as err:
        lrp_seq2seq(net, x, fut.to("meta"), 0)
    assert str(err.value) == (
        "`future` is on device meta, but the model's parameters are on cpu; move them to one "
        "device (e.g. `future.to('cpu')`)."
    )
