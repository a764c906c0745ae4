"""The Atom feed of data updates: one entry per indicator release, newest first."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

from mission_tracker.analyse.describe import headline_sentence
from mission_tracker.analyse.facts import Facts
from mission_tracker.model.data import Dataset
from mission_tracker.read.config import Site
from mission_tracker.site.addresses import indicator_url
from mission_tracker.site.templating import render_template


def atom_feed(site: Site, dataset: Dataset, facts: Facts) -> str:
    indicators = sorted(
        dataset.indicators.values(), key=lambda i: (i.spec.updated, i.id), reverse=True
    )
    entries = []
    for indicator in indicators:
        f = facts.indicators[indicator.id]
        period = f" for {f.latest.period.long_label}" if f.latest else ""
        summary = headline_sentence(indicator, f, facts.drawn_milestone(indicator.id))
        entries.append(
            {
                "id": indicator.id,
                "day": indicator.spec.updated.isoformat(),
                "title": f"{indicator.spec.title}: figures{period}",
                "url": site.absolute(indicator_url(indicator.id)),
                "summary": f"{summary} {indicator.spec.credit}.",
            }
        )
    updated = max((i.spec.updated for i in indicators), default=date(2000, 1, 1))
    return render_template(
        "feed.xml.j2",
        site_name=site.name,
        self_url=site.absolute("feed.xml"),
        home_url=site.url,
        updated=updated.isoformat(),
        author=site.organisation or site.name,
        host=urlsplit(site.url).hostname or "localhost",
        entries=entries,
    )
