"""Rendering: colour scale, HTML heatmap, terminal line, lag plot."""

from __future__ import annotations

import numpy as np
import pytest

from lstmkit.explain.render import (
    colour,
    plot_lags,
    printable,
    to_html,
    to_terminal,
    top_contributions,
)

PNG = b"\x89PNG\r\n\x1a\n"


def test_colour_scale() -> None:
    assert colour(2.0, 2.0) == (255, 0, 0)
    assert colour(-2.0, 2.0) == (0, 0, 255)
    assert colour(0.0, 2.0) == (255, 255, 255)
    assert colour(1.0, 2.0) == (255, 128, 128)
    assert colour(-0.5, 2.0) == (191, 191, 255)
    assert colour(5.0, 2.0) == (255, 0, 0)  # saturates
    assert colour(1.0, 0.0) == (255, 255, 255)


def test_html_heatmap(tmp_path) -> None:
    tokens = ["not", "<b>bad</b>", "at", "all"]
    rel = np.array([-0.5, 1.0, 0.0, 0.25])
    page = to_html(tokens, rel, predicted="positive", score=1.2345, path=tmp_path / "x.html")
    assert (tmp_path / "x.html").read_text(encoding="utf-8") == page
    assert "&lt;b&gt;bad&lt;/b&gt;" in page and "<b>bad</b>" not in page
    assert 'rgb(255,0,0)" title="+1.0000">&lt;b&gt;bad' in page
    assert 'rgb(128,128,255)" title="-0.5000">not' in page
    assert "predicted: <b>positive</b>" in page and "score: <b>1.2345</b>" in page
    assert "linear-gradient(to right, rgb(0,0,255)" in page  # the legend, blue to red
    with pytest.raises(ValueError, match="one value per token"):
        to_html(tokens, rel[:2])
    nested = tmp_path / "runs" / "why" / "page.html"  # missing folders are made
    assert to_html(tokens, rel, path=nested) == nested.read_text(encoding="utf-8")
    with pytest.raises(ValueError) as err:  # an existing folder: refused, nothing written
        to_html(tokens, rel, path=tmp_path / "runs")
    assert str(err.value) == (
        f"`path` must name a file, got the existing folder {str(tmp_path / 'runs')!r}; write "
        f"into it with e.g. {str(tmp_path / 'runs' / 'explanation.html')!r}."
    )
    with pytest.raises(ValueError, match="one value per token"):  # before any folder is made
        to_html(tokens, rel[:2], path=tmp_path / "not" / "made.html")
    assert not (tmp_path / "not").exists()


def test_terminal_and_top() -> None:
    line = to_terminal(["good", "film"], [0.2, -0.1])
    assert line.startswith("\x1b[48;2;255;0;0m")
    assert "\x1b[48;2;128;128;255m" in line
    assert to_terminal(["good", "film"], [0.2, -0.1], color=False) == "good(+0.200) film(-0.100)"
    # a relevance that would round to ±0.000 keeps two significant digits; zero stays 0.000
    assert (
        to_terminal(["a", "b", "c", "d"], [3.41e-4, -5e-4, 0.0, -0.00049], color=False)
        == "a(+3.4e-04) b(-0.001) c(+0.000) d(-4.9e-04)"
    )
    top = top_contributions(["a", "b", "c"], [0.1, -0.3, 0.2], k=2)
    assert top == [(1, "b", -0.3), (2, "c", 0.2)]


def test_plot_lags(tmp_path) -> None:
    window = np.arange(6.0)
    plot_lags(window, np.linspace(-1, 1, 6), path=tmp_path / "a.png")
    plot_lags(window, np.ones((6, 3)), features=["y", "sin", "cos"], path=tmp_path / "b.png")
    assert (tmp_path / "a.png").read_bytes()[:8] == PNG
    assert (tmp_path / "b.png").read_bytes()[:8] == PNG
    with pytest.raises(ValueError, match="L = len"):
        plot_lags(window, np.ones(5))


def test_nan_and_inf_do_not_blank_the_other_tokens() -> None:
    assert colour(float("nan"), 2.0) == (255, 255, 255)
    assert colour(float("inf"), 2.0) == (255, 0, 0)
    assert colour(float("-inf"), 0.0) == (0, 0, 255)
    tokens = ["a", "b", "c", "d"]
    rel = [0.5, float("nan"), -1.0, float("inf")]
    page = to_html(tokens, rel)
    assert 'rgb(255,128,128)" title="+0.5000">a<' in page  # scaled by max |finite R| = 1
    assert 'rgb(255,255,255)" title="+nan">b<' in page
    assert 'rgb(0,0,255)" title="-1.0000">c<' in page
    assert 'rgb(255,0,0)" title="+inf">d<' in page
    assert "<span>-1 against</span>" in page and "<span>+1 for</span>" in page
    line = to_terminal(tokens, rel)
    assert line.split(" ")[0] == "\x1b[48;2;255;128;128m\x1b[38;2;0;0;0ma\x1b[0m"
    assert "\x1b[48;2;255;255;255m\x1b[38;2;0;0;0mb" in line


def test_one_token_all_zero_and_no_tokens() -> None:
    page = to_html(["<b>&amp;</b>"], [0.0])
    assert 'rgb(255,255,255)" title="+0.0000">&lt;b&gt;&amp;amp;&lt;/b&gt;<' in page
    assert "<span>+0 against</span>" in page and "<span>+0 for</span>" in page
    assert "<span>+0 against</span>" in to_html([], [])
    assert to_terminal(["x"], [0.0], color=False) == "x(+0.000)"
    # a tiny relevance keeps its digits in the tooltip, as on the command line
    assert 'title="-5.41e-05">y<' in to_html(["y", "z"], [-5.41e-5, 2.0])


def test_lag_heatmap_scale_ignores_nan_and_inf(tmp_path) -> None:
    rel = np.array([[0.1, np.nan], [0.2, -0.3], [np.inf, 0.0]])
    fig = plot_lags([1.0, 2.0, 3.0], rel, features=["y", "x"], path=tmp_path / "r.png")
    norm = fig.axes[1].images[0].norm
    assert (norm.vmin, norm.vmax) == (-0.3, 0.3)  # was nan, and matplotlib fell back to ±0.1
    assert (tmp_path / "r.png").read_bytes().startswith(PNG)


def test_control_characters_in_tokens_print_as_escapes() -> None:
    """A token cannot send the terminal its own escape sequences (clear screen, colours)."""
    tokens = ["\x1b[2Jgood", "caf\u00e9", "a\tb"]
    plain = to_terminal(tokens, [0.5, 0.0, -0.25], color=False)
    assert plain == "\\x1b[2Jgood(+0.500) caf\u00e9(+0.000) a\\tb(-0.250)"
    coloured = to_terminal(tokens, [0.5, 0.0, -0.25])
    assert coloured.count("\x1b") == 3 * 3  # the colour codes only: 2 to set, 1 to reset each
    assert "\\x1b[2Jgood" in coloured
    assert printable("plain words, é ü") == "plain words, é ü"
