"""What a new user tripped over with the text commands, each pinned."""

import pytest
import torch

from lstmkit.cli import main
from lstmkit.io import save_model


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        (["predict", "RUN", "a fine film"], "a sentiment classifier (kind 'classifier')"),
        (["generate", "RUN", "--prompt", "a"], "a character language model (kind 'charlm')"),
        (["spell", "RUN", "12"], "a sequence-to-sequence model (kind 'seq2seq')"),
    ],
)
def test_a_forecast_run_folder_is_named_as_one_by_the_text_commands(tmp_path, capsys, argv, wanted):
    # `lstmkit forecast --out RUN` saves its model in RUN/model: the text commands said RUN was
    # "not a saved lstmkit classifier model: missing config.json, model.safetensors"
    run = tmp_path / "run"
    save_model(torch.nn.Linear(1, 1), run / "model", {"kind": "lstmkit.Forecaster"})
    argv = [str(run) if a == "RUN" else a for a in argv]
    assert main(["text", *argv]) == 2
    assert capsys.readouterr().err == (
        f"error: {str(run / 'model')!r} holds a forecaster (kind 'lstmkit.Forecaster'), not "
        f"{wanted}.\n"
    )
