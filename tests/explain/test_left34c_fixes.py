"""Fixes of left34c: plot_sentences drew a relevance of nan white, as one of 0, unsaid."""

from __future__ import annotations

import math

import pytest

from lstmkit.explain.render import colour, plot_sentences


def _faces(fig) -> dict[str, tuple[float, ...]]:
    """Each drawn token's box colour, by its text."""
    return {
        t.get_text(): tuple(t.get_bbox_patch().get_facecolor()[:3])
        for t in fig.texts
        if t.get_gid() in ("tok", "unk")
    }


def test_a_nan_relevance_is_drawn_grey_and_counted_under_its_panel() -> None:
    # `lstmkit explain` of a model whose LRP relevances overflow writes nan and inf into
    # relevance.png (test below): refusing them would fail that command, so they are drawn
    nan, inf = math.nan, math.inf
    fig = plot_sentences(
        [[("a", 0.5), ("dull", nan), ("film", 0.0), ("x", inf)], [("b", nan), ("c", nan)]]
    )
    faces = _faces(fig)
    assert faces["dull"] == faces["b"] == faces["c"] == pytest.approx((190 / 255,) * 3)
    assert faces["film"] == (1.0, 1.0, 1.0)  # 0 stays white
    assert faces["x"] == tuple(c / 255 for c in colour(inf, 0.5)) == (1.0, 0.0, 0.0)
    notes = [t.get_text() for t in fig.texts if t.get_text().startswith("not finite")]
    assert notes == [
        "not finite, saying nothing of their tokens: nan at 1 token (grey), ±inf at 1 token "
        "(the scale's end)",
        "not finite, saying nothing of their tokens: nan at 2 tokens (grey)",
    ]
    finite = plot_sentences([[("a", 0.5), ("dull", -1.0)]])
    assert not [t for t in finite.texts if t.get_text().startswith("not finite")]


@pytest.mark.filterwarnings("default:.*LRP relevances blew up")  # shown by the CLI
def test_explain_of_an_overflowing_model_draws_its_nan_tokens_grey(
    tmp_path, amplifying_predictor, monkeypatch, capsys
) -> None:
    from lstmkit.cli import main
    from lstmkit.explain import _token_plot
    from lstmkit.text import SentimentConfig
    from lstmkit.text.sentiment import SentimentResult, save_classifier

    predictor = amplifying_predictor()
    config = SentimentConfig(embed_dim=1, hidden_size=1, bidirectional=False)
    save_classifier(SentimentResult(predictor.model, predictor.vocab, config), tmp_path / "m")
    figures = []
    drawn = _token_plot.plot_sentences
    monkeypatch.setattr(
        _token_plot, "plot_sentences", lambda *a, **k: figures.append(drawn(*a, **k)) or figures[-1]
    )
    long = "the " + " ".join(["word"] * 1200)
    out = tmp_path / "out"
    assert main(["explain", str(tmp_path / "m"), "--text", long, "--out", str(out)]) == 0
    assert "relevances that are not finite (inf or nan) at 116 of them" in capsys.readouterr().err
    assert (out / "relevance.png").exists()
    (fig,) = figures
    notes = [t.get_text() for t in fig.texts if t.get_text().startswith("not finite")]
    assert notes == [
        "not finite, saying nothing of their tokens: nan at 115 tokens (grey), ±inf at 1 token "
        "(the scale's end)"
    ]
