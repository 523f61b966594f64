"""``python -m framing.cli`` runs the command line (as ``python -m framing`` does)."""

import sys

from . import main

sys.exit(main())
