"""What a press officer takes away from an indicator page: the chart as a self-describing SVG,
citations, the embed snippet and the page it loads, and redirects from retired addresses."""

from __future__ import annotations

import html
import re

from mission_tracker.charts.chart import Chart
from mission_tracker.charts.render import Rendered
from mission_tracker.model.data import Indicator
from mission_tracker.read.config import Site
from mission_tracker.site.addresses import indicator_url, relative
from mission_tracker.site.templating import long_date, render_template

_ROOT = re.compile(r"<svg [^>]*>")
_INNER_ARIA = re.compile(r' (?:role|aria-roledescription|aria-hidden|aria-label)="[^"]*"')


def inline_svg(svg: str, labelledby: str, describedby: str) -> str:
    """The rendered SVG as an image in the page: one accessible name and description, from
    the figure's caption; Vega's own ARIA roles inside it are dropped."""
    body = _INNER_ARIA.sub("", svg[svg.index(">") + 1 :])
    view_box = re.search(r'viewBox="([^"]+)"', svg)
    width, height = (view_box[1].split()[2:4]) if view_box else ("600", "315")
    root = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" focusable="false" '
        f'aria-labelledby="{labelledby}" aria-describedby="{describedby}">'
    )
    return root + body


def standalone_svg(svg: str, title: str, description: str) -> str:
    """The downloadable SVG: a <title> and <desc> so the file names and cites itself."""
    match = _ROOT.match(svg)
    if match is None:
        return svg
    head = match.group(0)
    return (
        f"{head}<title>{html.escape(title)}</title><desc>{html.escape(description)}</desc>"
        + svg[match.end() :]
    )


def citation_short(site: Site, indicator: Indicator) -> str:
    src = indicator.spec.main_source
    return f"{src.publisher} ({src.updated.year}), via {site.name}"


def citation_full(site: Site, indicator: Indicator) -> str:
    """Every source with its release, then where this copy is and under which licences."""
    spec = indicator.spec
    cited = []
    for src in spec.all_sources:
        published = f", published {long_date(src.release_date)}" if src.release_date else ""
        cited.append(f"{src.publisher}. {src.release}{published}.")
    licences = "; ".join(terms.full_name for terms in spec.licences)
    return (
        f"{' '.join(cited)} In: {site.name}, “{spec.title}”, "
        f"{site.absolute(indicator_url(indicator.id))}. {licences}."
    )


def embed_snippet(site: Site, indicator: Indicator) -> str:
    src = site.absolute(f"{indicator_url(indicator.id)}embed/")
    title = html.escape(f"{indicator.spec.title} – {site.name}", quote=True)
    return (
        f'<iframe src="{src}" title="{title}" width="100%" height="480" '
        'style="border:0;max-width:660px" loading="lazy"></iframe>'
    )


def embed_page(
    site: Site, indicator: Indicator, chart: Chart, rendered: Rendered, description: str
) -> str:
    spec = indicator.spec
    return render_template(
        "embed.html.j2",
        language=site.language,
        title=spec.title,
        site_name=site.name,
        page_abs=site.absolute(indicator_url(indicator.id)),
        spec_url=f"../{chart.stem}.vl.json",
        svg=inline_svg(rendered.svg, "t", "d"),
        description=description,
        source_line=spec.credit,
        licences=spec.licences,
        updated=long_date(spec.updated),
        favicon=relative(f"{indicator_url(indicator.id)}embed/", "assets/images/favicon.png"),
        script=relative(
            f"{indicator_url(indicator.id)}embed/", "assets/javascripts/mission-tracker.js"
        ),
    )


def redirect_page(site: Site, indicator: Indicator, old_id: str) -> str:
    target = relative(indicator_url(old_id), indicator_url(indicator.id))
    return render_template(
        "redirect.html.j2",
        language=site.language,
        title=indicator.spec.title,
        target=target,
        target_abs=site.absolute(indicator_url(indicator.id)),
        favicon=relative(indicator_url(old_id), "assets/images/favicon.png"),
    )
