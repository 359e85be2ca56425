"""Findings as text, JSON or GitHub Actions workflow commands."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ...errors import UsageError
from .model import SEVERITIES, Finding

__all__ = ["FORMATS", "github_escape_data", "github_escape_property", "render_findings"]

FORMATS = ("text", "json", "github")
_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def github_escape_data(text: str) -> str:
    """Escape the message part of a workflow command (``%``, CR, LF).

    >>> github_escape_data("50%\\nnext")
    '50%25%0Anext'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_escape_property(text: str) -> str:
    """Escape a property value (``file=``, ``title=``): also ``:`` and ``,``.

    >>> github_escape_property("a,b:c")
    'a%2Cb%3Ac'
    """
    return github_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _text(f: Finding) -> str:
    where = f.path if f.line is None else f"{f.path}:{f.line}"
    return f"{where}: {f.severity} [{f.check}] {f.message}"


def _github(f: Finding) -> str:
    props = [f"file={github_escape_property(f.path)}"]
    if f.line is not None:
        props.append(f"line={f.line}")
    props.append(f"title={github_escape_property(f'[{f.check}]')}")
    message = f.message if not f.msgid else f"{f.message} (msgid: {f.msgid})"
    return f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{github_escape_data(message)}"


def render_findings(findings: Sequence[Finding], fmt: str = "text") -> str:
    """*findings* (already sorted) in *fmt*: ``text``, ``json`` or ``github``.

    ``text``: one ``path:line: severity [check-id] message`` per line.
    ``json``: ``{"schema": 1, "findings": [{"check", "severity", "path", "line",
    "msgid", "message"}], "counts": {"error": n, "warning": n, "info": n}}``.
    ``github``: ``::error file=...,line=...,title=[check-id]::message`` workflow
    commands, escaped by GitHub's rules.  Every format ends with a newline
    unless there is nothing to say (text/github).
    """
    if fmt == "text":
        return "".join(_text(f) + "\n" for f in findings)
    if fmt == "github":
        return "".join(_github(f) + "\n" for f in findings)
    if fmt == "json":
        data = {
            "schema": 1,
            "findings": [
                {"check": f.check, "severity": f.severity, "path": f.path, "line": f.line,
                 "msgid": f.msgid, "message": f.message}
                for f in findings
            ],
            "counts": {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES},
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    raise UsageError(f"unknown check format {fmt!r}; use one of: {', '.join(FORMATS)}")
