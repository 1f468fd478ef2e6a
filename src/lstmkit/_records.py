"""The records that lstmkit's commands write into an output folder, by name: one source for
the command line, which reads them before it imports torch, and :mod:`lstmkit.io`, which tells
lstmkit's records from a user's files of those names (:func:`lstmkit.io._record_problem`).

A command moves its record into the folder last (:func:`lstmkit.cli.written_together`), so a
folder holding one that lstmkit wrote holds the whole output it describes.
"""

from __future__ import annotations

import re

# `lstmkit explain`'s: a forecaster's explanation.json, a sentence's relevance.json
# (relevance-1.json, ... of several sentences)
EXPLANATION = re.compile(r"explanation\.json")
RELEVANCE = re.compile(r"relevance(?:-[0-9]+)?\.json")
EXPLAIN = re.compile(f"{EXPLANATION.pattern}|{RELEVANCE.pattern}")
# every command's: a saved model's config.json, a forecast run's run.json, a prediction's
# prediction.json, an explanation's and a classifier's evaluation's (`text evaluate`)
RECORD = re.compile(rf"config\.json|run\.json|prediction\.json|evaluation\.json|{EXPLAIN.pattern}")
