"""Text: sentiment classification, a character language model and sequence-to-sequence.

- :class:`TextClassifier` (embedding → bidirectional LSTM → linear head) and
  :class:`ClassifierEnsemble` (the mean of several), with :class:`SentimentConfig` /
  :func:`train_sentiment` / :class:`SentimentPredictor` for SST-2/SST-5, and
  :func:`train_classifier` for your own labelled texts (:func:`read_labelled_csv`,
  :func:`stratified_split`).
- :class:`CharLM` with :class:`CharLMConfig` / :func:`train_charlm` / :func:`generate`.
- :class:`Seq2Seq` with :func:`greedy_decode`, :func:`beam_decode` and the numbers-to-words task.
- :class:`Vocabulary`, :func:`pad_batch`, :func:`batches`, SST readers :func:`load_sst` and
  :func:`ptb_tokenize`, which splits raw English the way SST is tokenized.
"""

from __future__ import annotations

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

__all__ = [
    "CharLM",
    "CharLMConfig",
    "CharVocab",
    "ClassifierEnsemble",
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
