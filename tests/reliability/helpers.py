"""Shared helpers of the reliability tests: projects on disk, subprocess runs, snapshots."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
BASE = CORPUS / "base"
"""A small valid project: one article ``kot`` (pl), a complete ``ru`` catalogue, ``be`` empty."""
REPO = HERE.parent.parent

IGNORED = (".multipub-cache", ".multipub.lock")
"""Files that commands may touch even when they fail (cache, lock)."""


@dataclass(frozen=True)
class Run:
    """The outcome of one ``python -m multipub`` process."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def env() -> dict[str, str]:
    """The environment of child processes: the source tree importable, no colour, wide."""
    result = dict(os.environ)
    src = str(REPO / "src")
    result["PYTHONPATH"] = src + (os.pathsep + result["PYTHONPATH"] if result.get(
        "PYTHONPATH") else "")
    result.update({"NO_COLOR": "1", "COLUMNS": "200", "PYTHONIOENCODING": "utf-8",
                   "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1"})
    result.pop("FORCE_COLOR", None)
    return result


def command(args: list[str] | tuple[str, ...]) -> list[str]:
    """The argv of ``python -m multipub *args``."""
    return [sys.executable, "-m", "multipub", *args]


def multipub(*args: str, cwd: Path | None = None, timeout: float = 300) -> Run:
    """Run ``python -m multipub *args`` to the end."""
    proc = subprocess.run(command(args), capture_output=True, cwd=cwd, env=env(),
                          timeout=timeout, check=False)
    return Run(tuple(args), proc.returncode, proc.stdout.decode("utf-8", "replace"),
               proc.stderr.decode("utf-8", "replace"))


def copy_base(target: Path) -> Path:
    """A fresh copy of the base project at *target*."""
    shutil.copytree(BASE, target, symlinks=True)
    return target


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every file under *root* (bytes) and every symlink (its target), cache and lock left out."""
    found: dict[str, bytes | str] = {}
    if not root.exists():
        return found
    for dirpath, dirnames, filenames in os.walk(root):
        base = Path(dirpath)
        for name in [*dirnames, *filenames]:
            path = base / name
            rel = path.relative_to(root).as_posix()
            if any(part in IGNORED for part in path.relative_to(root).parts):
                continue
            if path.is_symlink():
                found[rel] = "-> " + os.readlink(path)
            elif path.is_file():
                found[rel] = path.read_bytes()
            elif path.is_dir():
                found[rel + "/"] = b""
        dirnames[:] = [d for d in dirnames if not (base / d).is_symlink()]
    return found


def diff_snapshots(before: dict[str, bytes | str], after: dict[str, bytes | str]) -> list[str]:
    """Human-readable differences between two snapshots (empty when identical)."""
    out = []
    for name in sorted(set(before) | set(after)):
        if name not in after:
            out.append(f"removed: {name}")
        elif name not in before:
            out.append(f"created: {name}")
        elif before[name] != after[name]:
            out.append(f"changed: {name}")
    return out


def has_traceback(text: str) -> bool:
    """Whether a Python traceback leaked into *text*."""
    return "Traceback (most recent call last)" in text or "\nTraceback" in text
