"""`lstmkit forecast --series-col` on what two branches changed together: the header read once
for every series (seriesloop) from a compressed file (csvpack2)."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from pathlib import Path


def test_series_col_reads_the_unnamed_dates_and_the_plan_of_a_gzipped_file(
    tmp_path: Path, planned_runs: Callable[[list[str]], list]
) -> None:
    # df.to_csv("stores.csv.gz") of a frame indexed by month: the dates are an unnamed first
    # column, the header found there only once the file is unpacked; each store's promo plan
    # runs 3 months past its last sale, which the forecast from its end reads
    lines = [",store,sales,promo"]
    for s, level in (("A", 100.0), ("B", 300.0)):
        for t in range(43):
            sales = f"{level + 5 * (t % 12) + 0.5 * t:.1f}" if t < 40 else ""
            lines.append(f"{2015 + t // 12}-{t % 12 + 1:02d}-01,{s},{sales},{t % 2}")
    csv = tmp_path / "stores.csv.gz"
    csv.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    argv = ["forecast", "--csv", str(csv), "--value-col", "sales", "--future-cols", "promo"]
    argv += ["--no-progress", "--horizon", "3", "--holdout", "0"]
    alone = [planned_runs([*argv, "--where", f"store={s}"])[0] for s in "AB"]
    runs = planned_runs([*argv, "--series-col", "store"])
    assert [r.name for r in runs] == ["stores (store=A)", "stores (store=B)"]
    for one, each, level in zip(alone, runs, (100.0, 300.0), strict=True):
        assert each.config == one.config and each.config.horizon == 3 and each.holdout == 0
        assert each.frame.equals(one.frame) and len(each.frame) == 40
        assert str(each.frame.index[0].date()) == "2015-01-01"
        assert each.frame["sales"].iloc[:2].tolist() == [level, level + 5.5]
        assert each.future.equals(one.future) and list(each.future.columns) == ["promo"]
        assert len(each.future) == 43 and each.future["promo"].iloc[-3:].tolist() == [0, 1, 0]
