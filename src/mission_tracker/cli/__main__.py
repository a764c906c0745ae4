"""`python -m mission_tracker.cli`: the command line, as the `mission-tracker` script runs it."""

import sys

from mission_tracker.cli import main

sys.exit(main())
