"""Fuzz multipub.pofile.parse_po: only MultipubError may escape.

Run by hand for longer than CI does::

    python fuzz/fuzz_pofile.py --seconds 600 [--seed N]

Prints the number of executions and every finding (a distinct exception
signature) with its input, which is also saved under fuzz/findings/.  Turn each
finding into a regression input in tests/reliability/test_fuzz.py.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.reliability.fuzzing import Report, fuzz  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    def progress(report: Report) -> None:
        print(f"... {report.executions} executions, {len(report.findings)} findings", flush=True)

    report = fuzz("po", args.seconds, args.seed, progress)
    print(f"executions: {report.executions} (read: {report.ok}, refused with MultipubError: "
          f"{report.errors})")
    print(f"findings: {len(report.findings)}")
    folder = ROOT / "fuzz" / "findings"
    for signature, data in report.findings.items():
        folder.mkdir(exist_ok=True)
        name = "po-" + hashlib.sha256(data).hexdigest()[:12]
        (folder / name).write_bytes(data)
        print(f"- {signature}\n  input: fuzz/findings/{name}: {data[:200]!r}")
    return 1 if report.findings else 0


if __name__ == "__main__":
    sys.exit(main())
