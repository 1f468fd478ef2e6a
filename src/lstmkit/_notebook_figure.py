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
        # as the inline backend draws a figure: trimmed to what is drawn, at the figure's dpi
        # (savefig's own default is rcParams["savefig.dpi"], which a user may set for files)
        buffer = io.BytesIO()
        self.savefig(buffer, format="png", bbox_inches="tight", dpi=self.dpi)
        return buffer.getvalue()
