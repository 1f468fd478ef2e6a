"""`lstmkit explain CLASSIFIER --out` writes relevance.png (plot_sentences), as a forecaster's
explanation does: a classifier's had no figure to paste into slides."""

from __future__ import annotations

import json
import warnings

from lstmkit.cli import main


def _png(path):
    return path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_one_sentence_writes_its_figure(classifier_dir, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    args = ["explain", str(classifier_dir), "--out", str(out), "--no-color"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert main([*args, "--text", "a good film 🫠"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == (
        f"wrote {out / 'explanation.html'}, {out / 'relevance.json'} and {out / 'relevance.png'}"
    )
    assert sorted(p.name for p in out.iterdir()) == [
        "explanation.html",
        "relevance.json",
        "relevance.png",
    ]
    assert _png(out / "relevance.png")
    # a rerun takes the figure for lstmkit's own, as it takes the page
    assert main([*args, "--text", "a bad film", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["written"] == [
        str(out / "explanation.html"),
        str(out / "relevance.json"),
        str(out / "relevance.png"),
    ]


def test_a_users_relevance_png_is_not_overwritten(classifier_dir, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "relevance.png").write_bytes(b"mine")
    assert main(["explain", str(classifier_dir), "--out", str(out), "--text", "a good film"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: --out {str(out)!r} holds relevance.png but no explanation.json or "
        "relevance.json, so no explanation (yours or another program's, or left by a save of "
        "lstmkit's stopped before it wrote explanation.json or relevance.json, which it writes "
        "last); `lstmkit explain` would overwrite or delete it. Choose another folder or delete "
        "it first, or pass --overwrite to overwrite or delete it."
    )
    assert (out / "relevance.png").read_bytes() == b"mine"


def test_the_figure_draws_the_first_ten_sentences(classifier_dir, tmp_path, capsys) -> None:
    from lstmkit.explain import _token_plot

    drawn = {}
    real = _token_plot.plot_sentences

    def spy(sentences, **kwargs):
        fig = real(sentences, **kwargs)
        drawn["texts"] = [t.get_text() for t in fig.texts]
        drawn["tokens"] = sum(t.get_gid() in ("tok", "unk") for t in fig.texts)
        return fig

    file = tmp_path / "s.txt"
    file.write_text("\n".join(["a good film"] * 6 + [""] + ["a bad film"] * 6) + "\n")
    out = tmp_path / "out"
    _token_plot.plot_sentences = spy
    try:
        code = main(["explain", str(classifier_dir), "--file", str(file), "--out", str(out)])
    finally:
        _token_plot.plot_sentences = real
    assert code == 0
    blocks = capsys.readouterr().out.rstrip("\n").split("\n\n")
    assert len(blocks) == 12
    assert blocks[9].splitlines()[-1] == (
        f"wrote {out / 'explanation-10.html'}, {out / 'relevance-10.json'} and "
        f"{out / 'relevance.png'}"
    )
    assert blocks[10].splitlines()[-2:] == [
        f"wrote {out / 'explanation-11.html'} and {out / 'relevance-11.json'}",
        f"{out / 'relevance.png'} draws the first 10 of 12 sentences; this one and those after "
        "it are in their HTML and JSON files only",
    ]
    assert blocks[11].splitlines()[-1] == (
        f"wrote {out / 'explanation-12.html'} and {out / 'relevance-12.json'}"
    )
    assert _png(out / "relevance.png")
    # panels named by number and --file's line (the 7th is blank), 3 tokens each
    heads = [t for t in drawn["texts"] if "predicted:" in t]
    assert [h.split(":")[0] for h in heads] == [
        *(f"{k} (line {k})" for k in range(1, 7)),
        *(f"{k} (line {k + 1})" for k in range(7, 11)),
    ]
    assert drawn["tokens"] == 30
    assert "the first 10 of 12 sentences drawn (most=10)" in drawn["texts"]
