"""The command line: parses arguments, calls the library, prints, exits. Nothing else prints.

Exit codes: 0 success; 1 problems found in the data, a failed site build, or a machine that
cannot do it (a full disk, a folder that cannot be written: the message says what to do);
2 usage error; 3 an internal error (a bug: the message says where to report it).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

from mission_tracker.cli.commands import EXIT_INTERNAL, EXIT_PROBLEMS, EXIT_USAGE
from mission_tracker.cli.parser import parser as _parser
from mission_tracker.write import explain

REPORT_URL = "https://github.com/mission-tracker/mission-tracker/issues"


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        code: int = args.run(args)
        return code
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        # The machine, not the data or the code: a full disk, a folder that cannot be written.
        print(f"mission-tracker: {explain(exc)}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:  # the one place a traceback is caught: it is a bug, not bad data
        detail = "".join(traceback.format_exception(exc)[-3:])
        print(
            f"mission-tracker: internal error: {type(exc).__name__}: {exc}\n"
            f"This is a bug in Mission Tracker, not a problem with your files. Please report it "
            f"at {REPORT_URL} with this message:\n{detail}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
