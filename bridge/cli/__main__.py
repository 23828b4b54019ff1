"""``python -m bridge.cli``: the ``audioldm-bridge`` command."""

import sys

from . import main

sys.exit(main())
