"""Defects found reviewing the left3 change, each pinned by its test."""

from __future__ import annotations

import pytest

from lstmkit.explain.render import padded, printable


@pytest.mark.parametrize(
    "text",
    # 🙂 ZWJ ↕ FE0F (head shaking vertically) and 🙂 ZWJ ↔ FE0F (horizontally), Emoji 15.1
    ["\U0001f642\u200d\u2195\ufe0f", "\U0001f642\u200d\u2194\ufe0f"],
)
def test_the_joiner_before_an_emoji_arrow_is_kept(text: str) -> None:
    # ↕ is a symbol outside the emoji blocks and ↔ a math symbol: the joiner was escaped, the
    # one glyph shown as 🙂\u200d↕️ and padded as 4 columns
    assert printable(text) == text
    assert padded(text, 4) == text + "  "


def test_a_joiner_between_arrows_that_are_no_emoji_is_still_escaped() -> None:
    assert printable("\u2192\u200d\u2192") == "\u2192\\u200d\u2192"
