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


_ENGLAND = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"


def test_the_flag_of_a_region_keeps_its_tags() -> None:
    # 🏴 then the tags gbeng and a cancel tag (England's flag) printed as
    # 🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f
    assert printable(_ENGLAND) == _ENGLAND
    assert padded(_ENGLAND, 4) == _ENGLAND + "  "


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # no cancel tag, or no black flag before the tags: invisible, so escaped
        ("\U0001f3f4\U000e0067\U000e0062", "\U0001f3f4\\U000e0067\\U000e0062"),
        ("a\U000e0067\U000e007f", "a\\U000e0067\\U000e007f"),
        ("\U0001f3f4\U000e007f", "\U0001f3f4\\U000e007f"),
    ],
)
def test_tag_characters_outside_a_flag_are_escaped(text: str, shown: str) -> None:
    assert printable(text) == shown
