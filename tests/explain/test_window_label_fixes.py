"""A long target name as the window's y label ran past the figure (revxpl14's left-alone):
drawn as its ends around "…" within 24 columns, as the row names are within 60."""

import matplotlib
import numpy as np

from lstmkit.explain.render import plot_lags

matplotlib.use("Agg")


def _label(name: str) -> str:
    fig = plot_lags(
        np.arange(36.0),
        np.linspace(-1, 1, 108).reshape(36, 3),
        features=["a", "b", "c"],
        window_label=name,
    )
    return fig.axes[0].get_ylabel()


def test_a_long_window_label_is_drawn_as_its_ends() -> None:
    long = "average_daily_temperature_" + "x" * 100 + "_station_12_celsius"
    assert _label(long) == "average_dail…_12_celsius"  # 12 + 1 + 11 columns
    assert _label("passengers (thousands)") == "passengers (thousands)"  # 22: as it is
