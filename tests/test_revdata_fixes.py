"""Fixes from the review of the data helper's branch (85e0934..9600371)."""

import pytest

from lstmkit import Forecaster, ForecasterConfig, load_dataset
from lstmkit.cli import main


@pytest.mark.filterwarnings("always::UserWarning")
def test_cli_predict_names_the_dataset_not_series_in_the_far_outside_warning(tmp_path, capsys):
    # the library's `series` and "fit on this history" named nothing the CLI user gave
    series = load_dataset("airline")
    model = Forecaster(ForecasterConfig(epochs=1, scaling="minmax")).fit(series.iloc[:60])
    model.save(tmp_path / "m")
    assert main(["predict", str(tmp_path / "m"), "car_sales"]) == 0
    err = capsys.readouterr().err
    texts = [line.removeprefix("warning: ") for line in err.splitlines() if "far outside" in line]
    assert len(texts) == 1
    assert texts[0].startswith(
        "the dataset car_sales lies far outside the training series as the network reads it: "
        "its last 24 points, scaled with the statistics fitted on the training series "
        "(scaling='minmax'), span "
    )
    assert texts[0].endswith(
        "so the forecast extrapolates; fit a model on the dataset car_sales "
        "(lstmkit forecast ... --out DIR) for one that has seen such values."
    )
    assert "`series`" not in texts[0]
