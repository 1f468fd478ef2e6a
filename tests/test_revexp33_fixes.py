"""Fixes of revexp33, the review of exp33's warning of LRP relevances that blew up: the check's
reference (the sum of |input × gradient|) taken under ``torch.inference_mode()``, where lrp
runs, and ``lstmkit explain MODEL --file`` naming a sentence by its line, as ``text predict``."""

import importlib.util
import io
import warnings
from pathlib import Path
from typing import Any

import pytest
import torch

from lstmkit.explain import explain, explain_forecast, lrp

# exp33's amplifying models (a one-unit LSTM, its text classifier and forecaster), loaded from
# its test file rather than copied (the tests run with --import-mode=importlib: no package)
_spec = importlib.util.spec_from_file_location(
    "_exp33", Path(__file__).with_name("test_exp33_fixes.py")
)
_exp33 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_exp33)

_LONG = "the " + " ".join(["word"] * 30)


def _one(seen: list[warnings.WarningMessage]) -> str:
    assert len(seen) == 1 and seen[0].filename == __file__  # at the caller's line
    return str(seen[0].message)


def test_a_blow_up_under_inference_mode_is_warned_of_not_refused(amplifying_predictor):
    # lrp works under torch.inference_mode(); its check's reference is a gradient, which does
    # not: a blown-up LRP there raised "method 'gradxinput' takes gradients, which
    # torch.inference_mode() turns off", a method no caller had named, on every route
    model, x = _exp33._Amplifier("lstm"), _exp33._window("lstm", 48)
    predictor = amplifying_predictor()
    forecaster = _exp33._amplifying_forecaster("lstm")
    routes = {
        "lrp": lambda: lrp(model, x),
        "explain": lambda: explain(model, x),
        "predictor": lambda: predictor.explain(_LONG),
        "forecast": lambda: explain_forecast(forecaster),
    }
    for name, route in routes.items():
        with warnings.catch_warnings(record=True) as outside:
            warnings.simplefilter("always")
            route()
        with torch.inference_mode(), warnings.catch_warnings(record=True) as inside:
            warnings.simplefilter("always")
            route()
        assert _one(inside) == _one(outside), name
        assert "blew up" in _one(inside), name


def test_a_score_of_exactly_0_under_inference_mode_is_compared_with_input_x_gradient(
    amplifying_predictor,
):
    # the reference is what a score of 0 is compared with: under inference mode as outside it
    predictor = _exp33._cancelling_predictor(amplifying_predictor)
    model = predictor.model.double()
    _exp33._cancel(predictor, _LONG)
    tokens = torch.tensor([predictor.vocab.encode(_LONG)])
    with torch.inference_mode(), warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        explain(model, tokens, 0)
    assert _one(seen) == (
        "the LRP relevances blew up through the long sequence: the sequence of 31 steps has a "
        "relevance of magnitude 1.52e+08 for a score of 0 (more than 1e+06 times its sum of "
        "|input × gradient|, 0.8789), amplified step by step at eps=0.001, so they say little "
        "about its steps; pass eps=0.1, which keeps long sequences' relevances near the score."
    )
    # and the gradient methods themselves are still refused there, as before
    with torch.inference_mode(), pytest.raises(RuntimeError, match="takes gradients"):
        explain(model, tokens, 0, method="gradxinput")


def test_a_model_built_under_inference_mode_is_warned_of_not_refused():
    # its parameters are inference tensors, which take no gradient even outside the mode:
    # torch's "Inference tensors cannot be saved for backward" was raised where lrp ran
    with torch.inference_mode():
        model, x = _exp33._Amplifier("lstm"), _exp33._window("lstm", 48)
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            lrp(model, x)
    assert _one(seen).startswith(
        "the LRP relevances blew up through the long sequence: the sequence of 48 steps has a "
        "relevance of magnitude 1.03e+13 for a score of 0.6421 (more than 1e+06 times it)"
    )
    assert all(p.is_inference() for p in model.parameters())  # the model itself as it was


_BLOWN = (
    "warning: 1 of the 3 non-blank lines' LRP relevances blew up through the long sequence: "
    "{where}, of 31 tokens, has a relevance of magnitude 1.53e+08 for a score of 0.6421 (more "
    "than 1e+06 times it), amplified step by step at eps=0.001, so they say little about its "
    "tokens; pass --eps 0.1, which keeps long texts' relevances near the score."
)


@pytest.mark.filterwarnings("default:.*LRP relevances blew up")  # shown by the CLI
def test_lstmkit_explain_file_names_a_blown_up_sentence_by_its_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    amplifying_predictor: Any,
) -> None:
    # the file's third sentence, on line 5 (blank lines skipped), was "text 3" of "the 3
    # texts'", where `text predict --explain --file` says "line 5 of --file ..."
    from lstmkit.cli import main
    from lstmkit.text.sentiment import SentimentConfig, SentimentResult, save_classifier

    amplifier = amplifying_predictor()
    model, vocab = amplifier.model, amplifier.vocab
    config = SentimentConfig(embed_dim=1, hidden_size=1, bidirectional=False)
    save_classifier(SentimentResult(model, vocab, config), tmp_path / "m")
    path = tmp_path / "my 'révisé' reviews.txt"
    lines = f"word\n\nword word\n\n{_LONG}\n"
    path.write_text(lines, encoding="utf-8")
    expected = _BLOWN.format(where=f"line 5 of --file {str(path)!r}")
    for command in (["explain", str(tmp_path / "m")], ["text", "predict", str(tmp_path / "m")]):
        extra = ["--explain"] if command[0] == "text" else []
        assert main([*command, *extra, "--file", str(path)]) == 0
        blown = [line for line in capsys.readouterr().err.splitlines() if "blew up" in line]
        assert blown == [expected], command
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    assert main(["explain", str(tmp_path / "m"), "--file", "-"]) == 0
    blown = [line for line in capsys.readouterr().err.splitlines() if "blew up" in line]
    assert blown == [_BLOWN.format(where="line 5 of --file '<stdin>'")]
    # --text still counts the texts as given
    assert main(["explain", str(tmp_path / "m"), "--text", "word", "--text", _LONG]) == 0
    blown = [line for line in capsys.readouterr().err.splitlines() if "blew up" in line]
    assert blown[0].startswith("warning: 1 of the 2 sentences' LRP relevances blew up through the ")
    assert ": sentence 2 (--text), of 31 tokens, has a relevance" in blown[0]
