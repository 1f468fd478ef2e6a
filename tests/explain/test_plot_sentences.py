"""plot_sentences: explained sentences as a figure (the PNG of `lstmkit explain CLASSIFIER`)."""

from __future__ import annotations

import matplotlib.colors as mcolors
import pytest

from lstmkit.explain.render import plot_sentences

SHORT = [("a", 0.2), ("dull", -1.5), ("film", 0.1), (".", 0.0)]


def _tokens(fig):
    return [t for t in fig.texts if t.get_gid() in ("tok", "unk")]


def _texts(fig):
    return [t.get_text() for t in fig.texts]


def test_file_title_and_tokens(tmp_path):
    path = tmp_path / "sub" / "relevance.png"
    fig = plot_sentences(
        [SHORT], predicted=["negative"], probability=[0.91], method="lrp", path=path
    )
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert _texts(fig)[:2] == ["LRP relevance per token", "predicted: negative (p = 0.910)"]
    assert [t.get_text() for t in _tokens(fig)] == ["a", "dull", "film", "."]
    bar = fig.axes[0]
    assert [t.get_text() for t in bar.texts] == ["against negative", "speaks for negative"]
    assert bar.get_xlabel() == "relevance / its sentence's largest |relevance|"


def test_colours_follow_the_sign():
    fig = plot_sentences([SHORT], predicted=["negative"])
    faces = {t.get_text(): mcolors.to_rgb(t.get_bbox_patch().get_facecolor()) for t in _tokens(fig)}
    # the HTML page's scale: full blue at the largest |relevance| (-1.5), red for positive,
    # white for 0; 0.2 / 1.5 of red: 255 * (1 - 0.2 / 1.5) = 221
    assert faces["dull"] == (0.0, 0.0, 1.0)
    assert faces["a"] == (1.0, 221 / 255, 221 / 255)
    assert faces["."] == (1.0, 1.0, 1.0)
    # white text on the saturated blue, black on the pale red
    inks = {t.get_text(): mcolors.to_rgb(t.get_color()) for t in _tokens(fig)}
    assert inks["dull"] == (1.0, 1.0, 1.0)
    assert inks["a"] == (0.0, 0.0, 0.0)


def test_explained_class_and_unknown_words():
    fig = plot_sentences(
        [SHORT],
        predicted=["negative"],
        probability=[0.6],
        explained=["positive"],
        unknown=[["dull"]],
    )
    texts = _texts(fig)
    assert texts[1] == "predicted: negative (p = 0.600) · explained: positive"
    assert "dashed: not in the vocabulary (read as <unk>, coloured as <unk>): dull" in texts
    assert [t.get_text() for t in _tokens(fig) if t.get_gid() == "unk"] == ["dull"]
    assert [t.get_text() for t in fig.axes[0].texts] == ["against positive", "speaks for positive"]


def test_long_sentence_is_wrapped():
    words = [(f"word{k}", (-1.0) ** k) for k in range(80)]
    fig = plot_sentences([words], predicted=["positive"], probability=[0.5])
    tokens = _tokens(fig)
    assert len(tokens) == 80
    rows = sorted({round(t.get_position()[1], 6) for t in tokens}, reverse=True)
    assert len(rows) == 7  # 12 tokens of 6 characters a line at 10 inches
    for t in tokens:  # none starts past the page's right margin
        assert 0 < t.get_position()[0] < 1
    # the first token of each line stands at the left margin
    firsts = [
        min(t.get_position()[0] for t in tokens if round(t.get_position()[1], 6) == y) for y in rows
    ]
    assert len(set(firsts)) == 1


def test_a_very_long_sentence_says_what_it_left_out():
    fig = plot_sentences([[("w", 1.0)] * 1000])
    drawn = len(_tokens(fig))
    assert drawn < 1000
    assert f"… {1000 - drawn} more tokens not drawn" in _texts(fig)


def test_counts_of_thousands_have_separators():
    # "… 11930 more tokens not drawn" where the rest of lstmkit writes 11,930
    fig = plot_sentences([[("w", 1.0)] * 12_000])
    left = 12_000 - len(_tokens(fig))
    assert left > 1_000
    assert f"… {left:,} more tokens not drawn" in _texts(fig)
    fig = plot_sentences([[("a", 1.0)]] * 1_200, most=1)
    assert "the first 1 of 1,200 sentences drawn (most=1)" in _texts(fig)


def test_many_sentences_are_capped():
    sentences = [[(f"s{k}", 1.0), ("x", -0.5)] for k in range(12)]
    fig = plot_sentences(sentences, predicted=["p"] * 12, probability=[0.5] * 12, most=10)
    texts = _texts(fig)
    heads = [t for t in texts if " predicted: " in t]
    assert heads == [f"{k}. predicted: p (p = 0.500)" for k in range(1, 11)]
    assert len(_tokens(fig)) == 20
    assert "the first 10 of 12 sentences drawn (most=10)" in texts


def test_panel_names():
    fig = plot_sentences([SHORT, SHORT], names=["line 3", "line 7"], predicted=[0, 1])
    heads = [t for t in _texts(fig) if t.startswith("line ")]
    assert heads == ["line 3: predicted: 0", "line 7: predicted: 1"]
    # two classes: the colour bar names none
    assert [t.get_text() for t in fig.axes[0].texts] == [
        "against the explained class",
        "speaks for the explained class",
    ]


def test_characters_no_font_has_are_escaped_without_a_warning(tmp_path):
    # pytest runs with warnings as errors: matplotlib's "Glyph ... missing" would fail this
    fig = plot_sentences(
        [[("café", 0.5), ("\U0001fae0", 1.0)]],
        predicted=["\U0001fae0"],
        path=tmp_path / "r.png",
    )
    assert [t.get_text() for t in _tokens(fig)] == ["café", "\\U0001fae0"]
    texts = _texts(fig)
    assert texts[1] == "predicted: \\U0001fae0"
    assert "drawn as escapes: characters no font here has (\\U0001fae0)" in texts


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"sentences": [SHORT], "predicted": ["a", "b"]},
            ValueError,
            "`predicted` must have one item per sentence (1), got 2.",
        ),
        (
            {"sentences": [SHORT], "predicted": "neg"},
            TypeError,
            "`predicted` must be a sequence with one item per sentence (1), got str 'neg'.",
        ),
        ({"sentences": [SHORT], "most": 0}, ValueError, "`most` must be an integer >= 1, got 0."),
        ({"sentences": []}, ValueError, "`sentences` must hold at least one sentence, got none."),
        (
            {"sentences": [[]]},
            ValueError,
            "`sentences[0]` must hold at least one token, got none.",
        ),
        (
            {"sentences": [["ab"]]},
            TypeError,
            "`sentences[0]` must be a sequence of (token, relevance) pairs, got list ['ab'].",
        ),
    ],
)
def test_bad_arguments(kwargs, error, message):
    sentences = kwargs.pop("sentences")
    with pytest.raises(error) as caught:
        plot_sentences(sentences, **kwargs)
    assert str(caught.value) == message


def test_many_unknown_words_are_named_up_to_eight():
    words = [f"w{k}" for k in range(10)]
    fig = plot_sentences([[(w, 1.0) for w in words]], unknown=[words])
    assert (
        "dashed: not in the vocabulary (read as <unk>, coloured as <unk>): "
        "w0 w1 w2 w3 w4 w5 w6 w7 and 2 more"
    ) in _texts(fig)
    assert sum(t.get_gid() == "unk" for t in fig.texts) == 10


def test_a_long_token_keeps_its_ends_and_dollars_are_drawn_as_written(tmp_path):
    url = "http://" + "a" * 300 + ".example/z"
    fig = plot_sentences([[(url, 1.0), ("$x$", -1.0)]], path=tmp_path / "r.png")
    drawn = [t.get_text() for t in _tokens(fig)]
    assert drawn == ["http://aaaaaaaaaaaaa…aaaaaaaaa.example/z", "$x$"]
    # 40 columns at most, and "$x$" as its letters, not mathtext's italic x
    assert len(drawn[0]) == 40
    assert [t.get_parse_math() for t in _tokens(fig)] == [False, False]
