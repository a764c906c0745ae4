"""Why an Open SDG metadata field is not carried over: the format has no place for it, or
it is about Open SDG's own pages rather than the figures. Said once per field here, so the
report and the editor's guide give the same reason."""

from __future__ import annotations

import re
from typing import Any

_NO_FIELD = "the format has no field for it"
REASONS = {
    "target_name": "the SDG target's name (a translation key in the UK's data); " + _NO_FIELD,
    "indicator_name": "a translation key whose text is not in the repository; the title "
    "comes from the national fields",
    "indicator_available": "the title and summary came from other fields",
    "national_indicator_available": "the title and summary came from other fields",
    "national_indicator_description": "the title and summary came from other fields",
    "graph_title": "the chart subtitle came from another field",
    "un_designated_tier": "UN global metadata (the indicator's tier); " + _NO_FIELD,
    "un_custodian_agency": "UN global metadata (the custodian agency); " + _NO_FIELD,
    "goal_meta_link": "a link to the UN's global metadata; the format links only to sources",
    "goal_meta_link_text": "a link to the UN's global metadata; the format links only to sources",
    "computation_definitions": "definitions; " + _NO_FIELD + " (caveats are kept for what "
    "readers must know about the figures)",
    "computation_calculations": "a description of the calculation; " + _NO_FIELD,
    "computation_units": "the unit comes from the data's Units or Unit measure column",
    "csv_size": "the size of the source's data file, not about the figures",
    "data_keywords": "search keywords; the site's search reads the pages themselves",
    "indicator_sort_order": "the source's sort order; the site lists indicators by title",
    "graph_type": "an Open SDG chart setting; the site draws its own charts",
    "graph_limits": "an Open SDG chart setting; the site draws its own charts",
    "graph_annotations": "an Open SDG chart setting; the site draws its own charts",
    "graph_target_lines": "an Open SDG chart setting; the site draws its own charts",
    "graph_stacked_disaggregation": "an Open SDG chart setting; the site draws its own charts",
    "graph_types": "an Open SDG chart setting; the site draws its own charts",
    "x_axis_label": "an Open SDG chart setting; the site draws its own charts",
    "expected_disaggregations": "breakdowns the publisher means to add; the breakdowns come "
    "from the data",
    "available_disaggregations": "breakdowns described in words; the breakdowns come from the data",
    "standalone": "an Open SDG page setting; an archived indicator says so in `vintage:`",
    "placeholder": "text Open SDG shows instead of a link when no indicator exists",
    "permalink": "an Open SDG page setting",
    "layout": "an Open SDG page setting",
    "published": "an Open SDG page setting",
    "sdg_goal": "an Open SDG page setting; the goal comes from the indicator's number",
    "target_id": "an Open SDG page setting",
    "target": "the SDG target's text; " + _NO_FIELD,
    "indicator": "an Open SDG page setting; the number comes from `indicator_number`",
    "copyright": "the licence comes from the repository's licence and the sources",
    "precision": "decimal places for display; the site decides how to show figures",
    "data_non_statistical": "an indicator with no figures cannot be written (see the report)",
}
_SOURCE_REASONS = {
    "contact": "a contact for the source; " + _NO_FIELD,
    "earliest_available": "where the source's data start; the data themselves show it",
    "geographical_coverage": "the indicator's geography comes from "
    "`national_geographical_coverage`",
    "statistical_classification": "the source's status (National or Official Statistics); "
    + _NO_FIELD,
    "periodicity": "only the first source's publication rhythm is kept, as `frequency`",
    "next_release": "only the first source's next release is kept, as `next_update`",
    "other_info": "notes about a source that was not carried over",
    "url": "the source was not carried over (see above)",
    "organisation": "the source was not carried over (see above)",
    "url_text": "the source was not carried over (see above)",
    "release_date": "the source was not carried over (see above)",
}
_SOURCE_KEY = re.compile(r"^source_([a-z_]+?)_(\d)$")


def reason_for(key: str, meta: dict[str, Any]) -> str:
    m = _SOURCE_KEY.match(key)
    if m is not None:
        if meta.get(f"source_active_{m[2]}") is not True:
            return f"source {m[2]} is not active (`source_active_{m[2]}` is not true)"
        return _SOURCE_REASONS.get(m[1], "the importer does not know this source field")
    if key.startswith(("data_notice_", "embedded_feature_")):
        return "an Open SDG page feature; " + _NO_FIELD
    return REASONS.get(key, "the importer does not know this field")


def is_general(key: str, why: str) -> bool:
    """Whether `why` is the reason given for this field everywhere (not one about its value)."""
    m = _SOURCE_KEY.match(key)
    active = {f"source_active_{m[2]}": True} if m else {}
    return why in (reason_for(key, {}), reason_for(key, active))
