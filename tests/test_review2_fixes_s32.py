"""Review 2 (session 32): explain_forecast's options for a seq2seq LRP, and the text commands'
model folder (a run folder's model/ named where neither holds a model)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch

from lstmkit.cli import main
from lstmkit.data import load_dataset
from lstmkit.explain import explain
from lstmkit.explain.baselines import check_fill
from lstmkit.explain.forecast import explain_forecast
from lstmkit.forecast import Forecaster, ForecasterConfig


@pytest.fixture(scope="module")
def seq2seq() -> Forecaster:
    cfg = ForecasterConfig(
        horizon=2, strategy="seq2seq", lookback=6, ensemble=1, epochs=1, hidden_size=3,
        interval=None, refit=False,
    )  # fmt: skip
    return Forecaster(cfg).fit(load_dataset("airline")[:48])


def test_seq2seq_lrp_options_are_checked_as_explains(seq2seq: Forecaster) -> None:
    # it read "lrp_seq2seq() got an unexpected keyword argument 'epsilon'"
    message = (
        "the options of method 'lrp' must be among ('eps', 'bias_factor', 'check', "
        "'convention'), got unknown ['epsilon', 'lengths']."
    )
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        explain_forecast(seq2seq, step=1, epsilon=0.1, lengths=[6])
    ex = explain_forecast(seq2seq, step=1, eps=0.01, bias_factor=1.0)
    assert ex.future is not None and ex.future.shape[0] == 2  # steps 0 and 1


@pytest.mark.parametrize(
    ("command", "kind"),
    [(["predict"], "classifier"), (["generate"], "charlm"), (["spell"], "seq2seq")],
)
def test_text_commands_name_the_model_subfolder_of_an_empty_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str], kind: str
) -> None:
    # it read "... missing config.json, model.safetensors.", not naming the model/ that the
    # commands' help says a run folder may hold the model in
    extra = {"predict": ["hi"], "generate": [], "spell": ["12"]}[command[0]]
    (tmp_path / "model").mkdir()
    (tmp_path / "model.safetensors").write_bytes(b"")
    assert main(["text", *command, str(tmp_path), *extra]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(tmp_path)!r} is not a saved lstmkit {kind} model: missing config.json"
        f"{', vocab.json' if kind == 'classifier' else ''} (in it and in its model/ "
        "subfolder).\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model", "model.safetensors"]


class _AssertingModel(torch.nn.Module):
    """An LSTM in float32 whose forward asserts a head width that it does not have."""

    def __init__(self) -> None:
        super().__init__()
        self.rnn = torch.nn.LSTM(3, 4, batch_first=True)
        self.head = torch.nn.Linear(4, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        _, (h, _) = self.rnn(x)
        out = self.head(h[-1])
        assert out.shape[1] == 3, "three classes expected"
        return out


def test_a_model_failing_otherwise_on_converted_inputs_keeps_its_first_error() -> None:
    # the re-run on float32 inputs raised its AssertionError in place of the model's dtype
    # error on the float64 inputs it was given
    torch.manual_seed(0)
    x = torch.randn(2, 4, 3, dtype=torch.float64)
    # torch's own words: "RNN input dtype (torch.float64) does not match weight dtype
    # (torch.float32). Convert input: ..." in torch 2.13, "input must have the type
    # torch.float32, got type torch.float64" in torch 2.4
    with pytest.raises((RuntimeError, ValueError)) as torchs:
        torch.nn.LSTM(3, 4, batch_first=True)(x)
    message = str(torchs.value)
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        explain(_AssertingModel(), x, 0, method="gradxinput")


def test_a_meta_0d_tensor_value_is_refused_as_no_real_number() -> None:
    # it raised torch's "Tensor.item() cannot be called on meta tensors"
    message = (
        "`value` (what an occluded step's vector is set to) must be a real number, got Tensor "
        "tensor(..., device='meta', size=())."
    )
    with pytest.raises(TypeError, match=f"^{re.escape(message)}$"):
        check_fill(torch.tensor(0.5, device="meta"))
    assert check_fill(torch.tensor(0.5)) == 0.5
