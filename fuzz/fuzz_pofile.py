"""Fuzz multipub.gettext.pofile.parse_po: only MultipubError may escape.

Run by hand for longer than CI does::

    python fuzz/fuzz_pofile.py --seconds 600 [--seed N]

Prints the number of executions and every finding (a distinct exception
signature) with its input, which is also saved under fuzz/findings/.  Turn each
finding into a regression input in tests/reliability/test_fuzz.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.reliability.fuzzing import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main("po", (__doc__ or "").splitlines()[0], ROOT))
