"""The README's Python examples run as written, and print what the README says they print.

Each ```python block is executed; where the README shows the output (a plain ``` block right
after, or a ``# ...`` comment), the printed text is compared with it. The forecasting example
trains with a smaller ensemble and fewer epochs here (the only change made to any block); the
sentiment example's training on SST-2 (a minute) is swapped for a tiny one, its figures left to
``benchmarks/sst.py`` and the README's run, and the rest of it runs.

The shell commands of the ```bash and ```console blocks are parsed (their flags, choices and
datasets exist; the benchmarks' too), and three whose output the README shows run and print
it: your own labelled texts (trained in well under a second), the airline forecast (seconds)
and the occlusion explanation of a forecaster.
"""

from __future__ import annotations

import contextlib
import fnmatch
import io
import re
import shlex
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

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
    assert len(_blocks()) == 21  # lm37 added the count of numbers below 100 spelt wrong


def test_recurrent_core_blocks(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    code, _ = _find("lstm.load_state_dict(reference.state_dict())")
    assert "# [3, 7, 8], [4, 3, 4]" in code
    assert _run(code, namespace) == ["torch.Size([3, 7, 8]) torch.Size([4, 3, 4])"]
    code, _ = _find("out2, state = stream(x[:, 4:], state)")  # state passing (nn15)
    assert "# True" in code and "# h_n [L*D, B, H]: [2, 3, 4]" in code
    assert _run(code, namespace) == ["True", "torch.Size([2, 3, 4])"]
    code, _ = _find('lstm.gates(layer=0, direction="forward")')
    assert "# W_f [4, 5], U_f [4, 4], b_f [4]" in code
    assert _run(code, namespace) == ["torch.Size([4, 5]) torch.Size([4, 4]) torch.Size([4])"]
    assert namespace["forget"].bias_ih.eq(1.0).all()  # the block edited the layer's weights
    # the forget gate's bias is the sum of both vectors: the classic 1 is that sum (filling
    # bias_ih alone left b_f at 1 plus bias_hh's random values)
    assert namespace["forget"].b.eq(1.0).all()
    assert namespace["lstm"].bias_hh_l0[4:8].eq(0.0).all()
    code, _ = _find("with lstmkit.trace(lstm) as tr:")
    assert _run(code, namespace) == [
        "['l0', 'l0_reverse', 'l1', 'l1_reverse']",
        "torch.Size([3, 7, 4])",
    ]
    code, shown = _find("print(lstmkit.summary(LSTM(5, 4)))")
    assert shown is not None and _run(code, namespace) == shown.splitlines()


def test_a_mask_with_a_gap_block() -> None:
    """The compaction README gives for a padding mask with a gap runs as each sequence's real
    steps alone (nn12)."""
    import torch

    from lstmkit.nn import LSTM

    torch.manual_seed(0)
    lstm = LSTM(5, 4, batch_first=True, dtype=torch.float64)
    x = torch.randn(3, 7, 5, dtype=torch.float64)  # as the first block's x: the block's mask fits
    namespace = {"lstm": lstm, "x": x, "torch": torch}
    code, _ = _find("keep = (mask == 0).argsort(dim=1, stable=True)")
    assert _run(code, namespace) == []
    mask = namespace["mask"]  # the block's own (nn15: it was left to the reader)
    assert not mask[0].all() and not mask[1, 0]  # a gap, and padding at the start
    want = [lstm(x[b, mask[b]])[1][0][0] for b in range(3)]  # each h_n [L*D, H]
    torch.testing.assert_close(namespace["h_n"][0], torch.stack(want), rtol=0, atol=1e-15)


def test_explanations_block(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, shown = _find("from lstmkit.explain import lrp, explain, compare")
    printed = _run(code, {})
    assert shown is not None
    expected = shown.splitlines()
    assert len(expected) == 5
    # relevance, its shape, conservation (a bool: its ~1e-16 differs by CPU), the sentence: as
    # shown, digit for digit
    assert printed[:5] == expected
    assert (tmp_path / "trace.npz").stat().st_size > 0
    assert (tmp_path / "gates.png").stat().st_size > 0


def test_own_model_block() -> None:
    """A model of one's own: relevance as shown, conservation, and the refusal without its
    `readout` attribute, word for word."""
    code, shown = _find("class MeanPool(nn.Module):")
    printed = _run(code, {})
    assert shown is not None
    expected = shown.splitlines()
    assert printed == expected  # conservation printed as a bool: its ~1e-16 differs by CPU


def test_left_padding_block() -> None:
    """The left-padding numbers the Explanations section quotes, from the model and ids the
    README gives (they were quoted for a construction the README did not show)."""
    code, shown = _find("class LeftPadded(nn.Module):")
    assert "nn.LSTM(4, 6, batch_first=True)" in code and "[[0, 0, 7, 8, 11]]" in code
    namespace: dict = {}
    assert shown is not None and _run(code, namespace) == shown.splitlines()
    assert shown == "score 0.207, pads -0.049 (bias_factor=1), -4.7e-05 (bias_factor=0)\n"
    text = README.read_text("utf-8")
    assert "ids `[[0, 0, 7, 8, 11]]`, the\n  `LeftPadded` example" in text
    assert "the pads get −0.049 of\n  a score of 0.207 at `bias_factor=1`, and −4.7e-5" in text
    assert abs(float(namespace["full"].residual[0])) < 1e-14  # conserved at bias_factor=1


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


def test_several_series_block() -> None:
    """The loop over a long frame's series prints each forecast's first month (ser15: the
    several-series prose had no block to paste); fewer epochs and one member here, which move
    no date."""
    code, shown = _find('long.groupby("store")')
    fast = code.replace(
        "ForecasterConfig(horizon=12, seed=0)",
        "ForecasterConfig(horizon=12, seed=0, ensemble=1, epochs=2, progress=False)",
    )
    assert fast != code
    namespace: dict = {}
    assert shown is not None and _run(fast, namespace) == shown.splitlines()
    assert list(namespace["models"]) == ["airline", "car_sales"]


def test_future_covariates_block() -> None:
    """The promotion plan makes the forecast about exact: the RMSE the comment shows."""
    code, _ = _find("fc.fit(sales, future_covariates=promo)")
    assert "# 0.06 (seasonal naive, m=7: 5.24)" in code
    namespace: dict = {}
    assert _run(code, namespace) == ["0.06"]
    assert namespace["fc"].state_["columns"] == ["sales", "fut:promo"]
    # the baseline the comment compares with: the last week repeated (daily data's season; the
    # model's season_length=1 would make it the last day, 6.76)
    from lstmkit.baselines import seasonal_naive
    from lstmkit.metrics import rmse

    sales, promo = namespace["sales"], namespace["promo"]
    repeated = seasonal_naive(sales.to_numpy(), 7, 7)
    assert round(rmse(20 + 8 * promo[120:], repeated), 2) == 5.24


def test_by_hand_block(tmp_path, monkeypatch) -> None:
    """Windows, split, scaler and a network of one's own: the output the README shows."""
    monkeypatch.chdir(tmp_path)
    code, shown = _find("split = split_windows(scaler.transform(d)")
    namespace: dict = {}
    assert shown is not None and _run(code, namespace) == shown.splitlines()
    assert (tmp_path / "history.png").read_bytes()[:4] == b"\x89PNG"
    # the prose after it quotes this History as print(history) gives it (doc14: it quoted one
    # of 200 epochs that no block made)
    history = repr(namespace["history"])
    assert history == (
        "History(epochs_run=59, best_epoch=8, best_val_loss=0.1923, stopped_early=True)"
    )
    assert f"`{history}`" in " ".join(README.read_text("utf-8").split())


def test_by_hand_prose_claims() -> None:
    """What the prose after the by-hand blocks says a user meets, as it happens (doc14): the
    repr of a part and of a fitted scaler, and torch's words for a layer chained in a
    Sequential."""
    import torch

    from lstmkit.data import MinMaxScaler, split_windows
    from lstmkit.nn import LSTM

    text = " ".join(README.read_text("utf-8").split())
    part = split_windows(np.arange(52.0), 24, 12, test=12).train
    assert repr(part) == "Windows(5 windows: X [5, 24, 1], Y [5, 12], t 24 … 28)"
    scaler = MinMaxScaler().fit(np.arange(5.0))
    assert repr(scaler) == "MinMaxScaler(feature_range=(0.0, 1.0); fitted on 1 feature)"
    assert f"`{part!r}`" in text and f"`{scaler!r}`" in text
    chained = torch.nn.Sequential(LSTM(1, 4, batch_first=True), torch.nn.Linear(4, 1))
    with pytest.raises(TypeError) as caught:
        chained(torch.zeros(2, 3, 1))
    said = str(caught.value).removeprefix("linear(): ")
    assert said == "argument 'input' (position 1) must be Tensor, not tuple"
    assert f'fails with "{said}"' in text


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


def test_sentiment_block_runs_around_its_sst_training(tmp_path, monkeypatch) -> None:
    """The SST-2 block as written, its one training (a minute on SST-2) swapped for a tiny
    one on texts labelled with SST-2's classes: the config it asks for, the figures it quotes
    (measured by the README's own run), and every call after the training, saved and loaded
    back, giving what its comments say."""
    from dataclasses import replace

    import lstmkit.text
    from lstmkit.text import SentimentConfig, train_classifier

    code, shown = _find("train_sentiment(SentimentConfig(")
    assert not shown
    assert "# 0.805 0.787 after one epoch" in code
    assert "# 'positive', {'negative': 0.004, 'positive': 0.996}" in code
    asked = []

    def tiny(config: SentimentConfig):
        asked.append(config)
        texts = [f"a gorgeous , witty movie {k}" for k in range(6)]
        texts += [f"a dull , lifeless mess {k}" for k in range(6)]
        tiny_config = replace(config, embed_dim=4, hidden_size=4, progress=False)
        return train_classifier(texts, ["positive"] * 6 + ["negative"] * 6, tiny_config)

    monkeypatch.setattr(lstmkit.text, "train_sentiment", tiny)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    (printed,) = _run(code, namespace)
    assert asked == [SentimentConfig(task="sst2", epochs=1, seed=0)]
    dev, test = map(float, printed.split())
    assert 0 <= dev <= 1 and 0 <= test <= 1
    assert (tmp_path / "runs" / "sst2" / "metrics.json").is_file()
    label, probs = namespace["label"], namespace["probs"]
    assert label in probs and sorted(probs) == ["negative", "positive"]
    assert namespace["results"][0] == (label, probs)
    assert len(namespace["results"]) == 2
    assert tuple(namespace["proba"].shape) == (2, 2)
    assert [t for t, _ in namespace["relevance"]] == ["a", "gorgeous", ",", "witty", "movie"]
    assert [[t for t, _ in r] for r in namespace["relevances"]][1] == [
        "a",
        "dull",
        ",",
        "lifeless",
        "mess",
    ]


def test_seq2seq_decoding_block() -> None:
    """The decoders skip <pad> and <bos> even where the model scores them highest."""
    code, _ = _find("model.head.bias.copy_(torch.tensor([10.0, 9.0, 0.0, 6.0, 1.0]))")
    assert "# [[3, 3, 3]]" in code and "# [3, 3] -8.653" in code
    assert _run(code, {}) == ["[[3, 3, 3]]", "[3, 3] -8.653"]


def test_numbers_below_100_block(tmp_path, monkeypatch) -> None:
    """The block that counts the numbers below 100 a saved model spells wrong runs as written on
    a quick model saved where the README's command saves it, and prints that model's count and
    list; the README's ``0 []`` is the full run's (tests/text/test_revlm37_fixes.py)."""
    from lstmkit.text import seq2seq

    code, _ = _find("wrong = [n for n in range(100) if spell(model, n) != number_to_words(n)]")
    assert "# 0 []" in code and 'load_seq2seq("runs/numbers")' in code
    config = seq2seq.Seq2SeqConfig(
        max_digits=2, train_size=60, test_size=20, embed_dim=16, hidden_size=48, num_layers=1,
        epochs=30, batch_size=10, lr=1e-2, progress=False,
    )  # fmt: skip
    result = seq2seq.train_numbers(config)
    monkeypatch.chdir(tmp_path)
    seq2seq.save_seq2seq(result, "runs/numbers")
    model = seq2seq.load_seq2seq("runs/numbers")
    wrong = [n for n in range(100) if seq2seq.spell(model, n) != seq2seq.number_to_words(n)]
    assert all(n >= 10 for n in wrong)  # the one-digit numbers are learnt (their share)
    assert _run(code, {}) == [f"{len(wrong)} {wrong}"]


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


def test_class_figures_block() -> None:
    """The test set's class figures of your own texts, and a predictor's class_figures of
    labelled texts (text14, revtext14), print what the README shows."""
    code, shown = _find('figures = predictor.class_figures(new, ["neg", "neg", "pos", "pos"])')
    assert shown is not None and _run(code, {}) == shown.splitlines()


def test_fit_classifier_import_block(tmp_path, monkeypatch) -> None:
    """SentimentResult and fit_classifier imported from lstmkit.text.sentiment, as the README
    says a user pastes them (txt33): a model trained in place, saved and loaded back."""
    monkeypatch.chdir(tmp_path)
    code, shown = _find("from lstmkit.text.sentiment import SentimentResult, fit_classifier")
    assert shown is not None and _run(code, {}) == shown.splitlines()
    assert (tmp_path / "runs" / "films" / "vocab.json").is_file()


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


def _shell_lines() -> list[str]:
    """The lines of the README's ```bash and ```console blocks, without the console's `$ `."""
    text = README.read_text("utf-8")
    blocks = re.findall(r"```(?:bash|console)\n(.*?)```", text, re.S)
    return [line.removeprefix("$ ") for block in blocks for line in block.splitlines()]


def _words(command: str) -> list[str]:
    """A command line's words as the shell passes them, up to a comment, pipe or redirection."""
    words = shlex.split(command, comments=True)
    for i, word in enumerate(words):
        if word in ("|", ">", ">>"):
            return words[:i]
    return words


def test_every_lstmkit_command_of_the_shell_blocks_parses(capsys) -> None:
    """Each `lstmkit ...` line a user can paste from the README names flags, choices and
    datasets the command line has (a renamed flag left in the README failed only when run)."""
    from lstmkit.cli import build_parser
    from lstmkit.data import load_dataset

    commands = [line for line in _shell_lines() if line.startswith("lstmkit ")]
    assert len(commands) == 53  # a new command in the README is counted here too (revlm39: 2)
    refused = {}
    for command in commands:
        argv = _words(command)[1:]
        try:
            args = build_parser(argv).parse_args(argv)
            if getattr(args, "dataset", None) is not None:
                load_dataset(args.dataset)
        except (SystemExit, ValueError) as err:
            refused[command] = capsys.readouterr().err or str(err)
    assert refused == {}


def _benchmark_commands() -> list[str]:
    """Every `python benchmarks/NAME.py ...` the README quotes, in its shell blocks or in the
    text (where a quote may run over a line break), from `benchmarks/` on."""
    text = re.sub(r"```.*?```", "", README.read_text("utf-8"), flags=re.S)
    quoted = [
        " ".join(span.split()) for span in re.findall(r"`([^`]*benchmarks/\w+\.py[^`]*)`", text)
    ]
    run = [line for line in _shell_lines() if re.match(r"(\S*/)?python3? benchmarks/", line)]
    commands = [re.search(r"benchmarks/.*", line).group() for line in quoted + run]
    return sorted({" ".join(_words(command)) for command in commands})


def test_every_benchmark_command_the_readme_quotes_parses(bench_script, monkeypatch) -> None:
    """The flags beside each benchmark figure are ones its script takes (the scripts run for
    minutes, so each is stopped right after parsing its arguments), and the datasets it names
    exist."""
    import argparse
    import sys

    from lstmkit.data import load_dataset

    class Parsed(Exception):
        pass

    parse_args = argparse.ArgumentParser.parse_args

    def parse_then_stop(self, args=None, namespace=None):
        if args is not None:
            # a parser given its words, not the command line's: lstmkit.cli's probes of
            # argparse (`["x", "--", "--"]`, imported by a script) raised Parsed out of the
            # script's import, and the commands after it were never parsed (revonnx35)
            return parse_args(self, args, namespace)
        raise Parsed(parse_args(self, args, namespace))

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", parse_then_stop)
    commands = _benchmark_commands()
    assert len(commands) == 45  # onnx35: benchmarks/onnx_check.py
    refused = {}
    parsed_commands = []
    for command in commands:
        script, *argv = _words(command)
        module = bench_script(Path(script).stem)
        monkeypatch.setattr(sys, "argv", [script, *argv])
        try:
            module.main()
        except Parsed as parsed:
            parsed_commands.append(command)
            args = parsed.args[0]
            try:
                for name in getattr(args, "datasets", None) or []:
                    load_dataset(name)
            except ValueError as err:
                refused[command] = str(err)
        except SystemExit:
            refused[command] = "refused by argparse"
    assert refused == {}
    # each command quoted reached its script's own parse of the command line
    assert parsed_commands == commands


def test_own_labelled_texts_commands(tmp_path, monkeypatch, capsys, caplog) -> None:
    """The CSV the README's shell loop writes trains as the comments under the command say
    (but for the time), and the model calls a new review what the comment says."""
    from matplotlib.figure import Figure

    from lstmkit.cli import main

    lines = _shell_lines()
    start = lines.index('{ echo "review,rating"')
    loops = re.findall(
        r'for w in ([a-z ]+); do for f in ([a-z ]+); do\s+echo "\\"The film was \$w, \$f\.\\",'
        r'([a-z ]+)"',
        "\n".join(lines[start : start + 5]),
    )
    assert len(loops) == 2
    rows = ["review,rating"]
    for words, fillers, label in loops:
        rows += [
            f'"The film was {w}, {f}.",{label}' for w in words.split() for f in fillers.split()
        ]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reviews.csv").write_text("\n".join(rows) + "\n", "utf-8")
    # drawing training.png is most of the time, and it plays no part here
    monkeypatch.setattr(Figure, "savefig", lambda self, path, **kwargs: Path(path).touch())
    train, shown, detail, warned, steps, predict = lines[start + 5 : start + 11]
    with caplog.at_level("WARNING", logger="lstmkit"):
        assert main([*_words(train)[1:], "--no-progress", "--threads", "1"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert re.sub(r"\(\d+ s,", "(1 s,", printed[0]) == shown.removeprefix("# ")
    assert printed[1] == detail.removeprefix("# ")
    # the warning on stderr, its flags abridged as "(...)" (walk34d: it was not shown)
    said = warned.removeprefix("# and on stderr: ") + " " + steps.removeprefix("# ")
    assert said.startswith("warning: ")
    assert [r.getMessage() for r in caplog.records] == [
        said.removeprefix("warning: ").replace("(...)", "(`batch_size`, --batch-size)")
    ]
    assert main(_words(predict)[1:]) == 0
    assert capsys.readouterr().out.splitlines()[0] == predict.partition("# ")[2]


def test_every_lstmkit_name_the_readme_spells_out_exists() -> None:
    """`lstmkit.data.read_csv`, `lstmkit.explain.forecast`, ...: each dotted name the README
    gives imports (a module) or is an attribute of the module before it."""
    import importlib

    names = set(re.findall(r"`(lstmkit(?:\.\w+)+)", README.read_text("utf-8")))
    assert len(names) >= 25
    missing = []
    for name in sorted(names):
        parts = name.split(".")
        for cut in range(len(parts), 0, -1):
            try:
                found: object = importlib.import_module(".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            for attribute in parts[cut:]:
                found = getattr(found, attribute, None)
            break
        if found is None:
            missing.append(name)
    assert missing == []


def test_the_airline_forecast_prints_what_the_readme_shows(tmp_path, monkeypatch, capsys) -> None:
    """The first command a user runs prints the table, interval and forecast the README shows
    under it, digit for digit (but for the fit's seconds); nothing else held that block."""
    import importlib.util

    import pytest
    from matplotlib.figure import Figure

    from lstmkit.cli import main

    if importlib.util.find_spec("statsforecast") is not None:
        pytest.skip("the README shows the output without statsforecast")
    text = README.read_text("utf-8")
    intro = "Output of `lstmkit forecast airline --out runs/airline`"
    shown = re.search(re.escape(intro) + r".*?```text\n(.*?)```", text, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    # drawing the PNGs is a good part of the time, and no part of what is printed
    monkeypatch.setattr(Figure, "savefig", lambda self, path, **kwargs: Path(path).touch())
    assert main(["forecast", "airline", "--out", "runs/airline", "--no-progress"]) == 0
    printed = re.sub(r"\(fit [\d.]+ s\)", "(fit 5.9 s)", capsys.readouterr().out)
    assert printed.splitlines() == shown.splitlines()


def test_the_forecaster_explanation_prints_what_the_readme_shows(tmp_path, monkeypatch, capsys):
    """The forecaster the README saves with `python -c ...`, explained by occlusion from the
    newer history, prints the lags the README shows under "Its output:", digit for digit."""
    from lstmkit.cli import main

    lines = _shell_lines()
    (save,) = [line for line in lines if line.startswith('python -c "from lstmkit.data')]
    (command,) = [line for line in lines if "--method occlusion --top 3" in line]
    text = README.read_text("utf-8")
    shown = re.search(r"\nIts output:\n\n```\n(.*?)```", text, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    exec(_words(save)[2], {})  # the one-member model of models/airline
    # the packaged series' file, which the README reads from the root of a checkout
    argv = [str(README.parent / w) if w.endswith(".csv") else w for w in _words(command)]
    assert main(argv[1:]) == 0
    assert capsys.readouterr().out.splitlines() == shown.splitlines()
