"""Fixes by the lead in the session of 2026-12-04 (late night)."""

from __future__ import annotations

import subprocess
import sys


def test_explain_forecast_is_reachable_from_lstmkit_explain_without_loading_pandas() -> None:
    # It lived only in lstmkit.explain.forecast: `from lstmkit.explain import explain_forecast`
    # was an ImportError beside the package's other methods. Loaded on first use, so importing
    # lstmkit.explain still leaves pandas and the forecaster unloaded.
    code = (
        "import sys, lstmkit.explain as E\n"
        "print('pandas' in sys.modules, 'lstmkit.forecast' in sys.modules)\n"
        "from lstmkit.explain import ForecastExplanation, explain_forecast\n"
        "import lstmkit.explain.forecast as F\n"
        "print(explain_forecast is F.explain_forecast,"
        " ForecastExplanation is F.ForecastExplanation)\n"
        "print({'explain_forecast', 'ForecastExplanation'} <= set(dir(E)) & set(E.__all__))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n") == ["False False", "True True", "True", ""]
