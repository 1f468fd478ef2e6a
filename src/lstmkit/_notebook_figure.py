"""The ``Figure`` lstmkit's plotting functions return (see :func:`lstmkit._figures.new_figure`).

Its own module, so that importing :mod:`lstmkit._figures` does not import matplotlib.
"""

from __future__ import annotations

import io
import sys
from typing import Any

from matplotlib import figure


class Figure(figure.Figure):
    """matplotlib's ``Figure``, which a Jupyter notebook shows as a PNG image when it is a cell's
    value, whether or not pyplot's inline backend has started, and where ``fig.show()`` does."""

    def show(self, warn: bool = True) -> None:
        """In a Jupyter notebook (an IPython kernel), shows the figure in the cell's output, once;
        elsewhere, matplotlib's ``Figure.show``, which needs a figure pyplot manages (save this
        one with ``savefig`` or a plot's ``path=``).

        matplotlib's alone raised ``AttributeError: Figure.show works only for figures managed
        by pyplot`` in a notebook too: lstmkit's figures are never attached to pyplot.
        """
        shell = _kernel_shell()
        if shell is None:
            super().show(warn)
            return
        from IPython.display import display

        display(self)

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


def _kernel_shell() -> Any:
    """The running IPython shell where it is a kernel's (a Jupyter notebook's), else None.

    IPython is looked up among the imported modules, never imported: a kernel has imported it.
    """
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return shell if getattr(shell, "kernel", None) is not None else None
