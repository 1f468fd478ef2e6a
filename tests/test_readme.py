"""The README's Python examples run as written, and print what the README says they print.

Each ```python block is executed; where the README shows the output (a plain ``` block right
after, or a ``# ...`` comment), the printed text is compared with it. The forecasting example
trains with a smaller ensemble and fewer epochs here (the only change made to any block); the
sentiment example trains on SST-2 for minutes and is left to ``benchmarks/sst.py``.
"""

from __future__ import annotations

import contextlib
import fnmatch
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd

README = Path(__file__).resolve().parents[1] / "README.md"
# A ```python block, and the plain ``` block after it if the README shows its output there.
_BLOCK = re.compile(
    r"```python\n(.*?)```(?:\n\n(?:Printed(?: \(abridged\))?:\n\n)?```\n(.*?)```)?", re.S
)


def _blocks() -> list[tuple[str, str | None]]:
    return [(code, shown) for code, shown in _BLOCK.findall(README.read_text("utf-8"))]


def _run(code: str, namespace: dict) -> list[str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, str(README), "exec"), namespace)
    return out.getvalue().splitlines()


def _find(fragment: str) -> tuple[str, str | None]:
    (block,) = [b for b in _blocks() if fragment in b[0]]
    return block


def test_every_python_block_is_covered() -> None:
    """A new block in the README needs a test here (this count says so)."""
    assert len(_blocks()) == 14


def test_recurrent_core_blocks(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    code, _ = _find("lstm.load_state_dict(reference.state_dict())")
    assert "# [3, 7, 8], [4, 3, 4]" in code
    assert _run(code, namespace) == ["torch.Size([3, 7, 8]) torch.Size([4, 3, 4])"]
    code, _ = _find('lstm.gates(layer=0, direction="forward")')
    assert "# W_f [4, 5], U_f [4, 4], b_f [4]" in code
    assert _run(code, namespace) == ["torch.Size([4, 5]) torch.Size([4, 4]) torch.Size([4])"]
    assert namespace["forget"].bias_ih.eq(1.0).all()  # the block edited the layer's weights
    code, _ = _find("with lstmkit.trace(lstm) as tr:")
    assert _run(code, namespace) == [
        "['l0', 'l0_reverse', 'l1', 'l1_reverse']",
        "torch.Size([3, 7, 4])",
    ]
    code, shown = _find("print(lstmkit.summary(LSTM(5, 4)))")
    assert shown is not None and _run(code, namespace) == shown.splitlines()


def test_explanations_block(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, shown = _find("from lstmkit.explain import lrp, explain, compare")
    printed = _run(code, {})
    assert shown is not None
    expected = shown.splitlines()
    assert len(expected) == 5
    # relevance, its shape, the sentence: as shown, digit for digit
    assert printed[:2] == expected[:2] and printed[2] == expected[2]
    assert printed[4] == expected[4]
    # conservation: shown as rounding-level numbers, which depend on the CPU's kernels
    residual = [float(v) for v in re.findall(r"-?\d\.\d+e-\d+", printed[3])]
    assert len(residual) == 2 and max(map(abs, residual)) < 1e-14
    assert (tmp_path / "trace.npz").stat().st_size > 0
    assert (tmp_path / "gates.png").stat().st_size > 0


def test_own_model_block() -> None:
    """A model of one's own: relevance as shown, conservation, and the refusal without its
    `readout` attribute, word for word."""
    code, shown = _find("class MeanPool(nn.Module):")
    printed = _run(code, {})
    assert shown is not None
    expected = shown.splitlines()
    assert len(printed) == len(expected) == 4
    assert printed[:2] == expected[:2] and printed[3] == expected[3]
    residual = [float(v) for v in re.findall(r"-?\d\.\d+e-\d+", printed[2])]
    assert len(residual) == 2 and max(map(abs, residual)) < 1e-14


def test_forecasting_block(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _ = _find("fc = Forecaster(horizon=12, seed=0).fit(y[:-12])")
    fast = code.replace(
        "Forecaster(horizon=12, seed=0)",
        "Forecaster(horizon=12, seed=0, ensemble=1, epochs=3, progress=False)",
    )
    assert fast != code
    namespace: dict = {}
    printed = _run(fast, namespace)
    assert 0 < float(printed[0]) < 200  # the RMSE on the last 12 months
    pred, same = namespace["pred"], namespace["same"]
    assert list(pred.columns) == ["forecast", "lower", "upper"]
    pd.testing.assert_frame_equal(same, pred)  # the saved model forecasts the same, bit for bit
    summary = namespace["bt"].summary["model"]
    assert set(summary) >= {"rmse", "mae", "mape", "smape", "mase", "coverage"}
    assert len(namespace["bt"].metrics["origin"].unique()) == 3  # start=-36, stride=12
    assert namespace["bt"].calibration["nominal"].tolist() == [0.5, 0.8, 0.9]
    for name in ("forecast.png", "backtest.png", "training.png"):
        assert (tmp_path / name).read_bytes()[:4] == b"\x89PNG"
    saved = tmp_path / "runs/airline-model"
    assert sorted(p.name for p in saved.iterdir()) == ["config.json", "model.safetensors"]
    window = namespace["fc"].encoder_inputs()
    assert window.shape == (36, 3) and np.isfinite(window.to_numpy()).all()


def test_future_covariates_block() -> None:
    """The promotion plan makes the forecast about exact: the RMSE the comment shows."""
    code, _ = _find("fc.fit(sales, future_covariates=promo)")
    assert "# 0.06 (seasonal naive: 5.24)" in code
    namespace: dict = {}
    assert _run(code, namespace) == ["0.06"]
    assert namespace["fc"].state_["columns"] == ["sales", "fut:promo"]


def test_by_hand_block(tmp_path, monkeypatch) -> None:
    """Windows, split, scaler and a network of one's own: the output the README shows."""
    monkeypatch.chdir(tmp_path)
    code, shown = _find("split = split_windows(scaler.transform(d)")
    assert shown is not None and _run(code, {}) == shown.splitlines()
    assert (tmp_path / "history.png").read_bytes()[:4] == b"\x89PNG"


def test_tutorial_port_block() -> None:
    """The Keras tutorial's split and scaler: shapes and the naive RMSE of the Accuracy table."""
    code, shown = _find("split = split_windows(scaler.transform(y), lookback=1")
    assert not shown and "# (95, 1, 1) (48, 1, 1)" in code and "# naive RMSE 48.0" in code
    namespace: dict = {}
    assert _run(code, namespace) == ["(95, 1, 1) (48, 1, 1)", "naive RMSE 48.0"]
    assert namespace["scaler"].scale_ == 1 / (namespace["y"][:96].max() - 104.0)  # train only


def test_sentiment_block_is_the_one_left_to_the_benchmark() -> None:
    code, _ = _find("train_sentiment(SentimentConfig(")
    assert 'task="sst2"' in code
    other = [c for c, _ in _blocks() if "train_sentiment" in c]
    assert len(other) == 1, "only this block trains on SST; every other block runs in the tests"


def test_seq2seq_decoding_block() -> None:
    """The decoders skip <pad> and <bos> even where the model scores them highest."""
    code, _ = _find("model.head.bias.copy_(torch.tensor([10.0, 9.0, 0.0, 6.0, 1.0]))")
    assert "# [[3, 3, 3]]" in code and "# [3, 3] -8.653" in code
    assert _run(code, {}) == ["[[3, 3, 3]]", "[3, 3] -8.653"]


def test_interrupted_training_block(monkeypatch) -> None:
    """The block keeps the model a Ctrl-C stopped at (step 7 of 20), and runs to its end
    without one."""
    import signal

    from lstmkit.text import charlm

    code, _ = _find("except TrainingInterrupted as stop:")
    assert _run(code, {}) == ["None 20"]
    real = charlm.check_loss

    def ctrl_c_at_step_7(loss: object, where: str, lr: float) -> float:
        if where == "step 7":
            signal.raise_signal(signal.SIGINT)
        return real(loss, where, lr)

    monkeypatch.setattr(charlm, "check_loss", ctrl_c_at_step_7)
    assert _run(code, {}) == ["{'signal': 'SIGINT', 'step': 7} 7"]


def test_token_id_check_block() -> None:
    """An id outside the vocabulary is named with its position, as the README shows."""
    code, shown = _find("model(torch.tensor([[1, 7, 2], [-1, 3, 0]]), lengths=[3, 2])")
    assert shown is not None and _run(code, {}) == shown.splitlines()


def _ignored(path: str, is_dir: bool, patterns: list[str]) -> bool:
    """Whether one of ``.gitignore``'s patterns ignores ``path`` (relative to the repository
    root; ``is_dir``: a folder): the forms that file uses, one name or glob, ``/`` in front to
    anchor it at the root, ``/`` behind for folders only."""
    parts = Path(path).parts
    for pattern in patterns:
        name = pattern.strip("/")
        assert "/" not in name, f"a .gitignore pattern this check cannot read: {pattern}"
        for k, part in enumerate(parts[:1] if pattern.startswith("/") else parts):
            folder = is_dir or k < len(parts) - 1
            if fnmatch.fnmatchcase(part, name) and (folder or not pattern.endswith("/")):
                return True
    return False


def test_what_the_readme_writes_is_ignored_by_git() -> None:
    """Every file or folder a README command or example writes, run from the repository
    root, is in .gitignore, so following the README leaves `git status` clean."""
    text = README.read_text("utf-8")
    shell = "\n".join(re.findall(r"```(?:bash|console)\n(.*?)```", text, re.S))
    python = "\n".join(code for code, _ in _blocks())
    folders = re.findall(r"--(?:out|save) (\S+)", shell)
    folders += re.findall(r"\.save\('([^']+)'\)", shell)
    folders += re.findall(r"save(?:_classifier)?\((?:\w+, )?\"([^\"]+)\"\)", python)
    files = re.findall(r"(?<![\d|])> ?([\w.-]+)", shell)
    files += re.findall(r"\"([\w/.-]+\.(?:png|npz|csv|json|jsonl|html))\"", python)
    assert {"runs/airline", "models/sst2-explain", "runs/airline-model"} <= set(folders)
    assert {"reviews.txt", "explanations.jsonl", "history.png", "trace.npz"} <= set(files)
    gitignore = (README.parent / ".gitignore").read_text("utf-8").splitlines()
    patterns = [line for line in gitignore if line.strip() and not line.startswith("#")]
    written = [(p, True) for p in folders] + [(p, False) for p in files]
    assert [p for p, is_dir in written if not _ignored(p, is_dir, patterns)] == []
