"""The tick labels of :func:`lstmkit._figures.value_axis`: values with their thousands grouped.

Its own module, as :mod:`lstmkit._notebook_figure` is, so that importing
:mod:`lstmkit._figures` does not import matplotlib; and a class at module level, so that a
figure that carries one pickles (one defined inside ``value_axis`` made
``pickle.dumps(plot_forecast(...))`` fail with "Can't pickle local object").
"""

from __future__ import annotations

import re

from matplotlib.ticker import ScalarFormatter

# the whole part of the number in a label: 4 digits or more after neither a digit nor a
# decimal mark (a locale's grouped "1.234,5" has none; "−1234" and "$\mathdefault{1234}$" do)
_WHOLE = re.compile(r"(?<![\d.,])\d{4,}")
_THOUSANDS = re.compile(r"(?<=\d)(?=(?:\d{3})+$)")


class GroupedFormatter(ScalarFormatter):
    """matplotlib's ``ScalarFormatter`` with the thousands of its labels grouped: ``1,234.5``.

    In mathtext (``rcParams["axes.formatter.use_mathtext"]``) the comma is written ``{,}``: a
    bare one is punctuation there, drawn with a space after it (``1, 234.5``).
    """

    def __call__(self, x: float, pos: int | None = None) -> str:
        label = super().__call__(x, pos)
        comma = "{,}" if label.startswith("$") else ","
        return _WHOLE.sub(lambda whole: _THOUSANDS.sub(comma, whole.group()), label)
