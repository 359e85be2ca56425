"""The publish decision: whether a language version is on the site, and how.

One function, :func:`decide`, used by the site planner (what ``build``
publishes) and by ``status`` (what it says of each version), so the two
never disagree.  A version is, on the site (:attr:`Decision.site`):

``published``
    the source, a current hand-written translation, or a catalogue-backed one
    with at least ``publish_threshold`` percent of its segments translated;
``published-outdated``
    a hand-written translation whose source changed since it was stamped, or
    a catalogue-backed one below the threshold only because its source
    changed (counting the segments that have an earlier translation, it
    reaches the threshold) and ``outdated`` is ``keep`` (the earlier
    translations are shown) or ``fallback`` (the changed segments of the body
    are shown in the source language, marked with ``lang``; the title, summary
    and image texts, which carry no markup, keep their last translation, so the
    page keeps its address); the page carries a notice
    with a link to the original and is advertised as a translation;
``fallback``
    no publishable version and ``fallback = "fallback"``: the source text
    under the language's URL, marked, never advertised;
``off``
    not on the site.

:attr:`Decision.reason` says why in a few words (``"below publish_threshold
100%: 92.3%"``, ``"outdated = skip"``), for ``status`` and ``build``.

>>> from multipub.project.config import Config
>>> cfg = Config("pl", ("ru",))
>>> decide(cfg, "catalog", percent=92.3, reach=100.0, changed=1)
Decision(site='published-outdated', reason='source changed: 1 segment (outdated = keep)',
         text='keep')
>>> decide(Config("pl", ("ru",), outdated="skip"), "catalog", percent=92.3, reach=100.0,
...        changed=1).site
'off'
>>> decide(cfg, "catalog", percent=50.0, reach=50.0).reason
'below publish_threshold 100%: 50%'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..project.config import Config

__all__ = ["SITE_STATES", "Decision", "decide"]

SITE_STATES = ("published", "published-outdated", "fallback", "off")
"""The values of :attr:`Decision.site`."""


@dataclass(frozen=True)
class Decision:
    """Where a version stands on the site, why, and which text its page shows."""

    site: str
    """One of :data:`SITE_STATES`."""
    reason: str
    """Why, in a few words (``""`` for a plain published version)."""
    text: str = "exact"
    """The text of the page: ``exact`` (the version as it is: translated segments, the
    others in the source language), ``keep`` (changed segments in their earlier
    translation), ``fallback`` (changed segments in the source language, marked),
    ``source`` (a fallback page) or ``none`` (no page)."""

    @property
    def on_site(self) -> bool:
        """Whether the version has a page (a fallback page included)."""
        return self.site != "off"

    @property
    def advertised(self) -> bool:
        """Whether the page counts as a translation (switcher, hreflang, sitemap, feeds)."""
        return self.site in ("published", "published-outdated")


def _pct(value: float) -> str:
    """*value* percent, rounded down to one decimal (100% only when it is)."""
    value = math.floor(value * 10) / 10
    return f"{value:g}%" if value == int(value) else f"{value:.1f}%"


def _segments(n: int) -> str:
    return f"{n} segment{'' if n == 1 else 's'}"


def decide(config: Config, mode: str, *, percent: float = 100.0, reach: float | None = None,
           changed: int = 0, outdated: bool = False) -> Decision:
    """The decision for one version; *mode* is ``source``, ``handwritten``, ``catalog``
    or ``none``.

    For a catalogue-backed version, *percent* is the share of segments translated now
    (an entry for the segment's current text, translated and not fuzzy), *reach* the
    share counting also the *changed* segments, those with only an earlier translation
    (a fuzzy entry, or an entry of an earlier text of the segment that ``update``
    would match).  For a hand-written one, *outdated* says that its source changed
    since it was stamped.
    """
    if mode == "source":
        return Decision("published", "the source")
    if mode == "handwritten":
        if outdated:
            return Decision("published-outdated", "hand-written; source changed since its stamp")
        return Decision("published", "hand-written")
    threshold = config.publish_threshold
    if mode == "catalog":
        reach = percent if reach is None else reach
        if percent >= threshold:
            return Decision("published", f"{_pct(percent)} translated")
        if changed and reach >= threshold:
            why = f"source changed: {_segments(changed)} (outdated = {config.outdated})"
            if config.outdated in ("keep", "fallback"):
                return Decision("published-outdated", why, config.outdated)
            return _missing(config, "outdated = skip")
        return _missing(config, f"below publish_threshold {_pct(threshold)}: {_pct(percent)}")
    return _missing(config, "no translation")


def _missing(config: Config, why: str) -> Decision:
    if config.fallback == "fallback":
        return Decision("fallback", f"{why}; the original is shown", "source")
    return Decision("off", why, "none")
