"""plot_sentences' title named the method as `--method` spells it, "relevance per token (lrp)",
where a forecaster's relevance.png writes it out ("LRP relevance", walk34c), and took a method
that is no string (`method=3` drew "(3)")."""

import pytest

from lstmkit.explain.render import plot_sentences

PAIRS = [[("a", 0.2), ("dull", -1.5), ("film", 0.1)]]


@pytest.mark.parametrize(
    ("method", "title"),
    [
        ("lrp", "LRP relevance per token"),
        ("gradxinput", "gradient × input relevance per token"),
        ("ig", "integrated gradients relevance per token"),
        ("occlusion", "occlusion relevance per token"),
        ("sensitivity", "sensitivity per token (squared gradient)"),
        ("mine", "mine relevance per token"),
    ],
)
def test_the_title_writes_the_method_out_as_a_forecasters_figure_does(
    method: str, title: str
) -> None:
    fig = plot_sentences(PAIRS, method=method)
    assert fig.texts[0].get_text() == title


def test_a_method_that_is_no_string_is_refused_by_name() -> None:
    with pytest.raises(TypeError) as info:
        plot_sentences(PAIRS, method=3)
    assert str(info.value) == "`method` must be the method's name ('lrp'), got int 3."
