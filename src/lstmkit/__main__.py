"""``python -m lstmkit``: the ``lstmkit`` command."""

import sys

from lstmkit.cli import main

if __name__ == "__main__":
    sys.exit(main())
