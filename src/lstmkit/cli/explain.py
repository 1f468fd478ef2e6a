"""``lstmkit explain``: which inputs drove a saved model's output.

For a saved sentiment classifier (``lstmkit text train``) and a sentence, it prints the prediction,
the sentence coloured by relevance and the top contributions, and writes ``explanation.html``
and ``relevance.json`` to ``--out``. For a saved forecaster (``Forecaster.save``) it explains one
forecast step from the end of the stored history, or of ``--csv``, prints the top lags and writes
``relevance.png`` and ``relevance.csv``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from lstmkit.cli import CLIError

_METHODS = ("lrp", "gradxinput", "ig", "occlusion", "sensitivity")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Adds the ``explain`` sub-command."""
    p = subparsers.add_parser(
        "explain",
        help="explain a saved model's output on a sentence or a series window",
        description="Explain one output of a saved model: relevance per token (classifier) or "
        "per lag and covariate (forecaster), by LRP or a gradient/occlusion baseline.",
    )
    p.add_argument("model", type=Path, help="folder of a saved classifier or forecaster")
    src = p.add_mutually_exclusive_group()
    src.add_argument("--text", help="sentence to explain (classifier)")
    src.add_argument(
        "--csv",
        type=Path,
        help="CSV history to forecast from (forecaster): a date column first, then the target "
        "and covariates in training order",
    )
    p.add_argument("--method", choices=_METHODS, default="lrp", help="explanation method")
    p.add_argument("--target", help="class (name or index) to explain; default: the predicted one")
    p.add_argument("--step", type=int, default=0, help="forecast step to explain (0: next)")
    p.add_argument("--eps", type=float, default=1e-3, help="LRP stabilizer")
    p.add_argument(
        "--bias-factor", type=float, default=0.0, help="LRP bias factor (1: exact conservation)"
    )
    p.add_argument("--top", type=int, default=5, help="number of top contributions to print")
    p.add_argument("--out", type=Path, help="folder to write the heatmap and relevance into")
    p.add_argument("--no-color", action="store_true", help="plain text instead of ANSI colours")
    p.set_defaults(func=run_explain)


def _options(args: argparse.Namespace) -> dict[str, object]:
    if args.method == "lrp":
        if not args.eps > 0:
            raise CLIError(f"--eps must be positive, got {args.eps}.")
        return {"eps": args.eps, "bias_factor": args.bias_factor}
    return {}


def run_explain(args: argparse.Namespace) -> int:
    if args.top < 1:
        raise CLIError(f"--top must be a positive integer, got {args.top}.")
    if args.out is not None and args.out.exists() and not args.out.is_dir():
        raise CLIError(f"--out must be a folder, got the existing file {str(args.out)!r}.")
    config_file = args.model / "config.json"
    if not config_file.is_file():
        raise CLIError(f"{str(args.model)!r} is not a saved lstmkit model (no config.json).")
    kind = json.loads(config_file.read_text("utf-8")).get("kind")
    if kind == "classifier":
        return _explain_text(args)
    if kind == "lstmkit.Forecaster":
        return _explain_series(args)
    raise CLIError(
        f"{str(args.model)!r} holds a model of kind {kind!r}; explain supports a sentiment "
        "classifier ('classifier') and a forecaster ('lstmkit.Forecaster')."
    )


def _explain_text(args: argparse.Namespace) -> int:
    from lstmkit.explain import explain
    from lstmkit.explain.render import to_html, to_terminal, top_contributions
    from lstmkit.text.sentiment import SentimentPredictor

    if args.text is None:
        raise CLIError("a classifier needs --text 'a sentence'.")
    predictor = SentimentPredictor.load(args.model)
    tokens = predictor.tokens(args.text)
    ids, lengths = predictor.encode(args.text)
    labels = list(predictor.labels)
    target = None
    if args.target is not None:
        if args.target in labels:
            target = labels.index(args.target)
        elif args.target.isdigit() and int(args.target) < len(labels):
            target = int(args.target)
        else:
            raise CLIError(f"--target must be one of {labels} or an index, got {args.target!r}.")
    ex = explain(
        predictor.model, ids, target, method=args.method, lengths=lengths, **_options(args)
    )
    probs = predictor.predict_proba([args.text])[0]
    predicted = labels[int(probs.argmax())]
    explained = labels[int(ex.target[0])]
    relevance = ex.relevance[0].numpy()
    print(f"predicted: {predicted} (p = {float(probs.max()):.3f})")
    print(f"explained: {explained}, score {float(ex.score[0]):.4f}, method {args.method}")
    color = not args.no_color and sys.stdout.isatty()
    print(to_terminal(tokens, relevance, color=color))
    print(f"top {min(args.top, len(tokens))} contributions:")
    for pos, tok, value in top_contributions(tokens, relevance, args.top):
        print(f"  {pos:3d}  {tok:<20} {value:+.4f}")
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        to_html(
            tokens,
            relevance,
            predicted=predicted,
            score=float(ex.score[0]),
            target=explained,
            method=args.method,
            path=args.out / "explanation.html",
        )
        record = {
            "text": args.text,
            "tokens": tokens,
            "relevance": [float(v) for v in relevance],
            "predicted": predicted,
            "explained": explained,
            "score": float(ex.score[0]),
            "method": args.method,
        }
        (args.out / "relevance.json").write_text(json.dumps(record, indent=2) + "\n", "utf-8")
        print(f"wrote {args.out / 'explanation.html'} and {args.out / 'relevance.json'}")
    return 0


def _read_history(path: Path) -> tuple[pd.Series, pd.DataFrame | None]:
    from lstmkit import data as D

    if not path.is_file():
        raise FileNotFoundError(f"--csv file not found: {str(path)!r}.")
    columns = list(pd.read_csv(path, nrows=0).columns)
    if len(columns) < 2:
        raise CLIError(f"--csv needs a date column and a value column, got columns {columns}.")
    frame = D.read_csv(path, columns[0], columns[1:])
    covariates = frame.iloc[:, 1:] if frame.shape[1] > 1 else None
    return frame.iloc[:, 0], covariates


def _explain_series(args: argparse.Namespace) -> int:
    from lstmkit.explain.forecast import explain_forecast
    from lstmkit.explain.render import plot_lags
    from lstmkit.forecast import Forecaster

    if args.text is not None:
        raise CLIError("a forecaster explains a series window: pass --csv FILE (or nothing).")
    forecaster = Forecaster.load(args.model)
    series, covariates = (None, None) if args.csv is None else _read_history(args.csv)
    ex = explain_forecast(
        forecaster,
        step=args.step,
        method=args.method,
        series=series,
        covariates=covariates,
        **_options(args),
    )
    lags = len(ex.per_lag)
    print(
        f"explained: forecast step {ex.step + 1} after {ex.index[-1]}, network output "
        f"{ex.score:.4f} (scaled), method {args.method}, {lags} lags"
    )
    order = np.argsort(-np.abs(ex.per_lag), kind="stable")[: args.top]
    print(f"top {len(order)} lags:")
    for i in order:
        detail = ""
        if ex.per_feature is not None and len(ex.features) > 1:
            detail = (
                "  ("
                + ", ".join(
                    f"{name} {v:+.4f}"
                    for name, v in zip(ex.features, ex.per_feature[i], strict=True)
                )
                + ")"
            )
        print(f"  lag {lags - i:3d}  {ex.index[i]:<20} {ex.per_lag[i]:+.4f}{detail}")
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        plot_lags(
            ex.window,
            ex.per_feature if ex.per_feature is not None else ex.per_lag,
            features=ex.features,
            title=f"{args.method} relevance for forecast step {ex.step + 1}",
            path=args.out / "relevance.png",
        )
        table = pd.DataFrame({"time": ex.index, "lag": np.arange(lags, 0, -1)})
        table["relevance"] = ex.per_lag
        if ex.per_feature is not None:
            for j, name in enumerate(ex.features):
                table[f"relevance:{name}"] = ex.per_feature[:, j]
        table.to_csv(args.out / "relevance.csv", index=False)
        print(f"wrote {args.out / 'relevance.png'} and {args.out / 'relevance.csv'}")
    return 0
