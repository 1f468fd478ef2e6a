"""typing6: what a user's type checker and IDE read from lstmkit's annotations."""

from __future__ import annotations

import typing

from lstmkit.text.charlm import CharVocab
from lstmkit.text.vocab import Vocabulary


def test_alternate_constructors_typed_as_returning_the_subclass_called():
    # `Vocabulary.build` and `CharVocab.from_text` return `cls(...)`, a subclass's instance, but
    # were typed as returning the base: a checker read `MyVocab.build(texts)` as a Vocabulary
    # and refused the subclass's own attributes on it
    assert typing.get_type_hints(Vocabulary.build)["return"] is typing.Self
    assert typing.get_type_hints(CharVocab.from_text)["return"] is typing.Self

    class Words(Vocabulary):
        pass

    class Letters(CharVocab):
        pass

    assert type(Words.build(["a b a"])) is Words
    assert type(Letters.from_text("ab")) is Letters
