"""revexp29: review of exp29 (explanation leftovers).

- exp29's `io.config_read`, a helper of `lstmkit explain` alone, had a public name outside
  `io.__all__`.
"""

from __future__ import annotations

import inspect

import lstmkit.io


def test_io_defines_no_public_name_outside_its_all() -> None:
    # was ['config_read']: exp29's hand-down of config.json, used by `lstmkit explain` alone
    public = [
        name
        for name, value in vars(lstmkit.io).items()
        if not name.startswith("_")
        and (inspect.isfunction(value) or inspect.isclass(value))
        and value.__module__ == lstmkit.io.__name__
    ]
    assert [name for name in public if name not in lstmkit.io.__all__] == []
    assert hasattr(lstmkit.io, "_config_read")
