"""Print a pip constraints file pinning dependencies to their lowest declared versions.

    python3 .ci/lowest.py [--extra NAME ...] [PYPROJECT]

Reads pyproject.toml (the repository's own unless PYPROJECT is given) and prints
`name==X` for every runtime dependency declared `name>=X`; with `--extra NAME` the
bounded entries of that optional-dependency group too (entries with no `>=`
there, such as stub packages, are left out). A runtime dependency without a
`>=` bound is an error: every one must say the oldest release it works with, so
that CI can install exactly that release and run the tests against it.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

# name, optional [extras], then the version specifiers, then an optional ; marker
_REQUIREMENT = re.compile(
    r"^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(?P<specs>[^;]*)(?:;.*)?$"
)
_LOWER = re.compile(r"(?:^|,)\s*>=\s*(?P<version>[^,\s]+)")


def lower_bound(requirement: str) -> tuple[str, str | None]:
    """The name of a PEP 508 requirement and its `>=` version, or None without one."""
    match = _REQUIREMENT.match(requirement)
    if match is None:
        raise ValueError(f"cannot read the requirement {requirement!r}")
    lower = _LOWER.search(match["specs"])
    return match["name"], lower["version"] if lower else None


def constraints(pyproject: Path, extras: list[str]) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    lines = []
    for requirement in project.get("dependencies", []):
        name, version = lower_bound(requirement)
        if version is None:
            raise ValueError(f"runtime dependency {requirement!r} has no '>=' lower bound")
        lines.append(f"{name}=={version}")
    optional = project.get("optional-dependencies", {})
    for extra in extras:
        if extra not in optional:
            raise ValueError(f"pyproject declares no extra {extra!r}")
        for requirement in optional[extra]:
            name, version = lower_bound(requirement)
            if version is not None:
                lines.append(f"{name}=={version}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pyproject", nargs="?", type=Path,
                        default=Path(__file__).resolve().parents[1] / "pyproject.toml")
    parser.add_argument("--extra", action="append", default=[],
                        help="also pin the bounded entries of this optional group")
    args = parser.parse_args(argv)
    try:
        lines = constraints(args.pyproject, args.extra)
    except (OSError, KeyError, ValueError) as error:
        print(f"lowest.py: {error}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
