import sys

from lstmkit.__main__ import run

sys.exit(run())
