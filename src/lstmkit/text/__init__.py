"""Text: sentiment classification, a character language model and sequence-to-sequence.

- :class:`TextClassifier` (embedding → bidirectional LSTM → linear head) and
  :class:`ClassifierEnsemble` (the mean of several), with :class:`SentimentConfig` /
  :func:`train_sentiment` / :class:`SentimentPredictor` for SST-2/SST-5
  (:meth:`SentimentPredictor.evaluate` scores a saved one: :class:`ClassifierEvaluation`), and
  :func:`train_classifier` for your own labelled texts (:func:`read_labelled_csv`,
  :func:`stratified_split`).
- :class:`CharLM` with :class:`CharLMConfig` / :func:`train_charlm` / :func:`generate`.
- :class:`Seq2Seq` with :func:`greedy_decode`, :func:`beam_decode` and the numbers-to-words task.
- :class:`Vocabulary`, :func:`pad_batch`, :func:`batches`, SST readers :func:`load_sst` and
  :func:`ptb_tokenize`, which splits raw English the way SST is tokenized.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lstmkit._lazy import lazy_attributes

if TYPE_CHECKING:  # for type checkers and editors; at run time each name loads on first use
    # ``X as X``: a re-export, so that ``lstmkit.text.sentiment`` after ``import lstmkit.text``
    # checks
    from lstmkit.text import charlm as charlm
    from lstmkit.text import classifier as classifier
    from lstmkit.text import evaluation as evaluation
    from lstmkit.text import labelled as labelled
    from lstmkit.text import sentiment as sentiment
    from lstmkit.text import seq2seq as seq2seq
    from lstmkit.text import sst as sst
    from lstmkit.text import vocab as vocab
    from lstmkit.text.charlm import (
        CharLM,
        CharLMConfig,
        CharVocab,
        generate,
        load_charlm,
        save_charlm,
        train_charlm,
    )
    from lstmkit.text.classifier import ClassifierEnsemble, TextClassifier
    from lstmkit.text.evaluation import ClassifierEvaluation
    from lstmkit.text.labelled import read_labelled_csv, stratified_split
    from lstmkit.text.sentiment import (
        SentimentConfig,
        SentimentPredictor,
        save_classifier,
        train_classifier,
        train_sentiment,
    )
    from lstmkit.text.seq2seq import (
        Seq2Seq,
        Seq2SeqConfig,
        beam_decode,
        greedy_decode,
        load_seq2seq,
        number_to_words,
        save_seq2seq,
        train_numbers,
    )
    from lstmkit.text.sst import find_text_data, load_sst, ptb_tokenize
    from lstmkit.text.vocab import Vocabulary, batches, pad_batch

# Public names served lazily: name -> module that defines it. ``import lstmkit.text`` loads no
# torch, so ``lstmkit text ... --help`` builds its flags from :mod:`lstmkit.text._configs` alone.
_LAZY = {
    "CharLM": "lstmkit.text.charlm",
    "CharLMConfig": "lstmkit.text._configs",
    "CharVocab": "lstmkit.text.charlm",
    "generate": "lstmkit.text.charlm",
    "load_charlm": "lstmkit.text.charlm",
    "save_charlm": "lstmkit.text.charlm",
    "train_charlm": "lstmkit.text.charlm",
    "ClassifierEnsemble": "lstmkit.text.classifier",
    "TextClassifier": "lstmkit.text.classifier",
    "ClassifierEvaluation": "lstmkit.text.evaluation",
    "read_labelled_csv": "lstmkit.text.labelled",
    "stratified_split": "lstmkit.text.labelled",
    "SentimentConfig": "lstmkit.text._configs",
    "SentimentPredictor": "lstmkit.text.sentiment",
    "save_classifier": "lstmkit.text.sentiment",
    "train_classifier": "lstmkit.text.sentiment",
    "train_sentiment": "lstmkit.text.sentiment",
    "Seq2Seq": "lstmkit.text.seq2seq",
    "Seq2SeqConfig": "lstmkit.text._configs",
    "beam_decode": "lstmkit.text.seq2seq",
    "greedy_decode": "lstmkit.text.seq2seq",
    "load_seq2seq": "lstmkit.text.seq2seq",
    "number_to_words": "lstmkit.text.seq2seq",
    "save_seq2seq": "lstmkit.text.seq2seq",
    "train_numbers": "lstmkit.text.seq2seq",
    "find_text_data": "lstmkit.text.sst",
    "load_sst": "lstmkit.text.sst",
    "ptb_tokenize": "lstmkit.text.sst",
    "Vocabulary": "lstmkit.text.vocab",
    "batches": "lstmkit.text.vocab",
    "pad_batch": "lstmkit.text.vocab",
}

_SUBMODULES = (
    "charlm",
    "classifier",
    "evaluation",
    "labelled",
    "sentiment",
    "seq2seq",
    "sst",
    "vocab",
)


__getattr__, __dir__ = lazy_attributes(__name__, _LAZY, _SUBMODULES, globals())

__all__ = [
    "CharLM",
    "CharLMConfig",
    "CharVocab",
    "ClassifierEnsemble",
    "ClassifierEvaluation",
    "SentimentConfig",
    "SentimentPredictor",
    "Seq2Seq",
    "Seq2SeqConfig",
    "TextClassifier",
    "Vocabulary",
    "batches",
    "beam_decode",
    "find_text_data",
    "generate",
    "greedy_decode",
    "load_charlm",
    "load_seq2seq",
    "load_sst",
    "number_to_words",
    "pad_batch",
    "ptb_tokenize",
    "read_labelled_csv",
    "save_charlm",
    "save_classifier",
    "save_seq2seq",
    "stratified_split",
    "train_charlm",
    "train_classifier",
    "train_numbers",
    "train_sentiment",
]
