import sys

from lstmkit.cli import main

sys.exit(main())
