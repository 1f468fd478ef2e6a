"""The ``Figure`` lstmkit's plotting functions return (see :func:`lstmkit._figures.new_figure`).

Its own module, so that importing :mod:`lstmkit._figures` does not import matplotlib.
"""

from __future__ import annotations

import io

from matplotlib import figure


class Figure(figure.Figure):
    """matplotlib's ``Figure``, which a Jupyter notebook shows as a PNG image when it is a cell's
    value, whether or not pyplot's inline backend has started."""

    def _repr_png_(self) -> bytes:
        # as the inline backend draws a figure (IPython's print_figure): trimmed to what is
        # drawn, at the figure's dpi and in its own face and edge colours (savefig's defaults
        # are rcParams["savefig.dpi"] and ["savefig.facecolor"], which a user may set for files)
        buffer = io.BytesIO()
        self.savefig(
            buffer,
            format="png",
            bbox_inches="tight",
            dpi=self.dpi,
            facecolor=self.get_facecolor(),
            edgecolor=self.get_edgecolor(),
        )
        return buffer.getvalue()
