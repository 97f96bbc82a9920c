import sys

from clashmap.cli import main

sys.exit(main())
