"""revlm39: review of lm39 (char LM and seq2seq), and what it left: resuming a training
(``--init-from``), the way out of a too-short corpus, perplexity to 4 figures."""

from __future__ import annotations

import math

from lstmkit.cli.text import _bits_and_perplexity


def test_perplexity_is_given_to_four_significant_figures_each() -> None:
    # "perplexity 31" (.4g dropped the zeros) stood beside "perplexity 5.068"; 22,026 had 5
    assert _bits_and_perplexity(math.log(31)) == "4.954 bits/char, perplexity 31.00"
    assert _bits_and_perplexity(0.0) == "0.000 bits/char, perplexity 1.000"
    assert _bits_and_perplexity(math.log(100)) == "6.644 bits/char, perplexity 100.0"
    assert _bits_and_perplexity(10.0) == "14.427 bits/char, perplexity 22,030"
    assert _bits_and_perplexity(math.log(999.96)) == "9.966 bits/char, perplexity 1,000"
    assert _bits_and_perplexity(1.623) == "2.341 bits/char, perplexity 5.068"
