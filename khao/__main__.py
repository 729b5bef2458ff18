import sys

from khao.cli import main

sys.exit(main())
