"""What an analyst met showing stakeholders `lstmkit explain`'s figures and pages (the README's
"Explanations" → "Command line" and "Gates"), each pinned by the test that found it."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from lstmkit.cli import main
from lstmkit.explain import explain_forecast
from lstmkit.explain.render import _title, to_html
from lstmkit.forecast import Forecaster, ForecasterConfig

TINY = {"ensemble": 1, "epochs": 1, "lookback": 4, "hidden_size": 2, "calendar": False}


@pytest.fixture(scope="module")
def fitted() -> Forecaster:
    """A tiny Forecaster on 40 weekly points of a sales column and a price covariate."""
    index = pd.date_range("2024-01-07", periods=40, freq="W-SUN")
    frame = pd.DataFrame(
        {"sales": 100 + np.sin(np.arange(40) / 3) * 10, "price": np.cos(np.arange(40) / 5)},
        index=index,
    )
    return Forecaster(ForecasterConfig(horizon=2, **TINY)).fit(frame)


def test_a_forecast_heatmaps_colour_bar_says_what_red_and_blue_do(fitted) -> None:
    # the bar ran blue to red beside "relevance (scaled)": which colour was positive, not what
    # a positive relevance does; a stakeholder read red as "bad"
    fig = explain_forecast(fitted).plot()
    bar = fig.axes[-1]
    assert bar.get_ylabel() == "relevance (scaled)"
    assert bar.get_title() == "raises the\nforecast"
    assert bar.get_xlabel() == "lowers the\nforecast"
    image = fig.axes[1].get_images()[0]
    assert image.get_cmap().name == "bwr"
    low, high = image.get_clim()
    assert low == -high < 0  # centred on 0


def test_a_squared_gradient_is_drawn_on_a_scale_from_zero(fitted) -> None:
    # sensitivity's squared gradients (never negative) were drawn on the signed blue-white-red
    # scale, its blue half, "-0.0005", standing for values that cannot occur
    ex = explain_forecast(fitted, method="sensitivity")
    fig = ex.plot()
    image = fig.axes[1].get_images()[0]
    assert image.get_cmap().name == "Reds"
    assert image.get_clim() == (0.0, float(np.abs(ex.per_feature).max()))
    bar = fig.axes[-1]
    assert bar.get_ylabel() == "squared gradient (scaled)"
    assert (bar.get_title(), bar.get_xlabel()) == ("", "")  # no sign to speak of


def test_the_explanation_page_marks_the_words_read_as_unknown(classifier_dir, tmp_path) -> None:
    # explanation.html coloured "lifeless" red or blue as if the model had read it, while it
    # read <unk>; only the terminal said so, and the page is what stakeholders are shown
    out = tmp_path / "out"
    argv = ["explain", str(classifier_dir), "--text", "a lifeless film", "--out", str(out)]
    assert main([*argv, "--no-color"]) == 0
    record = json.loads((out / "relevance.json").read_text("utf-8"))
    assert record["unknown"] == ["lifeless"]
    page = (out / "explanation.html").read_text("utf-8")
    value = _title(record["relevance"][1])
    (span,) = re.findall(r'<span class="tok unk"[^>]*>[^<]*</span>', page)
    tip = f"{value}, read as &lt;unk&gt;: not in the vocabulary"
    assert span.endswith(f'title="{tip}">lifeless</span>')
    assert page.count('class="tok"') == 2  # "a" and "film" as before
    assert (
        '<p class="note">not in the vocabulary (read as &lt;unk&gt;, underlined): lifeless; '
        "their colour is the unknown-word token's, not the word's</p>"
    ) in page
    assert main(["explain", str(classifier_dir), "--text", "a good film", "--out", str(out)]) == 0
    page = (out / "explanation.html").read_text("utf-8")
    assert "unk" not in page.replace(".unk {", "")  # the style alone, no word marked
    assert 'class="note"' not in page


def test_a_text_of_unknown_words_alone_is_told_so(classifier_dir, capsys) -> None:
    # "zzzq qqqx" printed zzzq(+0.304) qqqx(+0.273) as if either word pushed the prediction:
    # the model read <unk> twice, and the note named the words without saying that
    assert main(["explain", str(classifier_dir), "--text", "zz qq zz", "--no-color"]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "not in the vocabulary (read as <unk>): zz qq",
        "every word is unknown: the model read <unk> 3 times, so the prediction and its "
        "relevance are the unknown-word token's, not these words'",
    ]
    assert main(["explain", str(classifier_dir), "--text", "zz good", "--no-color"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "not in the vocabulary (read as <unk>): zz"


def test_to_html_refuses_one_string_of_unknown_words() -> None:
    with pytest.raises(TypeError) as info:
        to_html(["a", "b"], [0.5, -0.5], unknown="b")
    assert str(info.value) == "`unknown` must be a sequence of tokens, got str 'b'."


def test_the_saturation_scatter_keeps_every_layer_in_sight() -> None:
    # a bidirectional model's units, rarely saturated, all sat at (0, 0): the reverse layer's
    # orange dots, drawn last in the same style, hid the forward layer's entirely
    import torch

    from lstmkit.explain.gates import plot_saturation, saturation

    gates = {"i": torch.full((1, 4, 3), 0.5), "f": torch.full((1, 4, 3), 0.5)}
    fig = plot_saturation(saturation({"rnn/l0": gates, "rnn/l0_reverse": gates}))
    for ax in fig.axes:
        forward, reverse = ax.collections
        assert forward.get_offsets().tolist() == reverse.get_offsets().tolist() == [[0, 0]] * 3
        # another marker and another colour
        assert forward.get_paths()[0].vertices.tolist() != reverse.get_paths()[0].vertices.tolist()
        assert forward.get_facecolor().tolist() != reverse.get_facecolor().tolist()
    legend = fig.axes[0].get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [
        "rnn/l0 (3 units)",
        "rnn/l0_reverse (3 units)",
    ]


@pytest.mark.parametrize(
    ("method", "title"),
    [
        ("lrp", "LRP relevance for forecast step 2 (2024-10-20)"),
        ("gradxinput", "gradient × input relevance for forecast step 2 (2024-10-20)"),
        ("ig", "integrated gradients relevance for forecast step 2 (2024-10-20)"),
        ("occlusion", "occlusion relevance for forecast step 2 (2024-10-20)"),
        ("sensitivity", "sensitivity (squared gradient) for forecast step 2 (2024-10-20)"),
    ],
)
def test_a_forecast_figure_names_its_method_in_words(fitted, method, title) -> None:
    # the title read "lrp relevance ..." and "gradxinput relevance ...", the flag's spelling,
    # and called sensitivity's squared gradients a relevance
    fig = explain_forecast(fitted, step=1, method=method).plot()
    assert fig.axes[0].get_title() == title


def test_a_gate_panel_says_what_its_1_does() -> None:
    # "forget gate (f)" over a dark-to-yellow heatmap did not say whether yellow (1) keeps
    # the memory or erases it; an analyst read a yellow forget gate as forgetting
    import torch

    from lstmkit.explain.gates import plot_gates

    trace = {name: torch.full((1, 3, 2), 0.5) for name in "ifgoch"}
    fig = plot_gates(trace, sample=0)
    titles = [ax.get_title(loc="left") for ax in fig.axes if ax.get_title(loc="left")]
    assert titles == [
        "input gate (i):\n1 writes the candidate into the cell state",
        "forget gate (f):\n1 keeps the cell state, 0 erases it",
        "candidate (g)",
        "output gate (o):\n1 passes the cell state on to h",
        "cell state (c)",
        "hidden state (h)",
    ]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"signed": "no"}, "`signed` must be a bool, got str 'no'."),
        (
            {"ends": "up"},
            "`ends` must be two texts, (negative, positive), such as ('lowers the "
            "output', 'raises the output'), got str 'up'.",
        ),
        (
            {"ends": ("down", 1)},
            "`ends` must be two texts, (negative, positive), such as "
            "('lowers the output', 'raises the output'), got tuple ('down', 1).",
        ),
        (
            {"ends": 5},
            "`ends` must be two texts, (negative, positive), such as ('lowers the "
            "output', 'raises the output'), got int 5.",
        ),
    ],
)
def test_plot_lags_refuses_a_scale_it_cannot_draw(kwargs, message) -> None:
    from lstmkit.explain.render import plot_lags

    with pytest.raises(TypeError) as info:
        plot_lags([1.0, 2.0], [[0.5, 0.1], [0.2, 0.3]], **kwargs)
    assert str(info.value) == message


def test_plot_lags_names_the_ends_of_its_colour_bar() -> None:
    from lstmkit.explain.render import plot_lags

    fig = plot_lags([1.0, 2.0], [[0.5, 0.1], [0.2, -0.3]], ends=("down", "up"))
    assert (fig.axes[-1].get_title(), fig.axes[-1].get_xlabel()) == ("up", "down")
    assert fig.axes[1].get_images()[0].get_clim() == (-0.5, 0.5)
    fig = plot_lags([1.0, 2.0], [[0.5, 0.1], [0.2, 0.3]], signed=False, ends=("down", "up"))
    assert (fig.axes[-1].get_title(), fig.axes[-1].get_xlabel()) == ("", "")
    assert fig.axes[1].get_images()[0].get_clim() == (0.0, 0.5)


def test_explaining_one_step_without_its_future_covariates_names_that_step() -> None:
    # explain_forecast(fc) of step 0 was told "a forecast reads their values at the 1 forecast
    # steps (2024-10-13 … 2024-10-13)"
    index = pd.date_range("2024-01-07", periods=40, freq="W-SUN")
    sales = pd.Series(100 + np.sin(np.arange(40) / 3) * 10, index=index, name="sales")
    promo = pd.DataFrame({"promo": np.arange(40) % 2 * 1.0}, index=index)
    config = ForecasterConfig(horizon=2, strategy="seq2seq", **TINY)
    fc = Forecaster(config).fit(sales, future_covariates=promo)
    with pytest.raises(ValueError) as info:
        explain_forecast(fc)
    assert str(info.value) == (
        "`future_covariates` must be given: this model was fitted with the future covariates "
        "['promo'], and a forecast reads their values at the forecast step (2024-10-13)."
    )


def test_a_one_feature_forecasts_bars_say_what_their_sign_does() -> None:
    # a forecaster of one feature draws bars, red above 0 and blue below, beside the bare
    # "relevance (scaled)": what a bar above 0 did to the forecast went unsaid
    index = pd.date_range("2024-01-07", periods=40, freq="W-SUN")
    sales = pd.Series(100 + np.sin(np.arange(40) / 3) * 10, index=index, name="sales")
    fc = Forecaster(ForecasterConfig(horizon=2, **TINY)).fit(sales)
    bottom = explain_forecast(fc).plot().axes[1]
    assert bottom.get_ylabel() == "relevance (scaled)"
    assert len(bottom.patches) == 4  # a bar per lag
    assert [(t.get_text(), t.get_color()) for t in bottom.texts] == [
        ("raises the\nforecast", "tab:red"),
        ("lowers the\nforecast", "tab:blue"),
    ]
    bottom = explain_forecast(fc, method="sensitivity").plot().axes[1]
    assert list(bottom.texts) == []  # a squared gradient has no sign
