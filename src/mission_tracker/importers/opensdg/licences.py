"""Which licence the figures come under: the repository's, and each source's where its
publisher's terms are known.

An Open SDG repository republishes its figures under its own licence (the UK's LICENSE says
"Data: files in data/ and meta/ directories is under Open Government License v3.0"); that is
the indicator's licence. A source's own licence is declared only where it is established:
UK public bodies publish under the Open Government Licence v3.0 (Parliament under the Open
Parliament Licence), Eurostat and the World Bank's open data under CC BY 4.0 (the terms each
publishes), and the UN, the IMF and the OECD under their own terms of use, which are named
with the page they are published on. Anything else is left to the repository's licence, and
the report says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from mission_tracker.model.licences import Licence

LicenceValue = str | dict[str, str]


@dataclass(frozen=True)
class LicenceDecision:
    value: LicenceValue | None  # as the YAML writes it; None when not established
    reason: str  # how it was decided, for the report


_REPOSITORY = (
    (re.compile(r"open government licen[cs]e,? (?:v|version )?3", re.I), Licence.OGL_3),
    (re.compile(r"open government licen[cs]e,? (?:v|version )?2", re.I), Licence.OGL_2),
    (re.compile(r"creative commons attribution 4\.0|cc[- ]by[- ]4\.0", re.I), Licence.CC_BY_4),
    (re.compile(r"cc0|creative commons zero", re.I), Licence.CC0),
)
_OGL_HOSTS = (
    ".gov.uk",
    ".gov.scot",
    ".gov.wales",
    ".llyw.cymru",
    ".nhs.uk",
    ".nhs.wales",
    ".nhs.scot",
    ".police.uk",
    # ONS's own services and Public Health England's, under the same licence as ons.gov.uk.
    ".nomisweb.co.uk",
    ".phe.org.uk",
    ".publichealthscotland.scot",
)
_UN = {"name": "United Nations terms of use", "url": "https://www.un.org/en/about-us/terms-of-use"}
_IMF = {
    "name": "IMF copyright and usage terms",
    "url": "https://www.imf.org/external/terms.htm",
}
_OECD = {
    "name": "OECD terms and conditions",
    "url": "https://www.oecd.org/en/about/terms-conditions.html",
}
_WORLD_BANK = {
    "name": "World Bank terms of use for datasets",
    "url": "https://www.worldbank.org/en/about/legal/terms-of-use-for-datasets",
}


def repository_licence(text: str) -> LicenceDecision:
    for pattern, licence in _REPOSITORY:
        if pattern.search(text):
            return LicenceDecision(
                licence.value, f"the repository's licence file names the {licence.terms.full_name}"
            )
    return LicenceDecision(None, "the repository has no licence file naming a known licence")


def source_licence(url: str) -> LicenceDecision:
    """A source's licence from its publisher, known by its web address."""
    host = "." + (urlsplit(url).hostname or "").lower()
    path = urlsplit(url).path.lower()
    if host.endswith(".parliament.uk"):
        return _named(Licence.OPEN_PARLIAMENT, "UK Parliament publishes under it")
    if host.endswith(_OGL_HOSTS):
        return _named(Licence.OGL_3, "a UK public body publishes under it")
    if host.endswith(".europa.eu") and ("eurostat" in host or "/eurostat" in path):
        return _named(Licence.CC_BY_4, "Eurostat publishes its data under it")
    if host.endswith(".worldbank.org"):
        if host == ".data.worldbank.org":
            return _named(Licence.CC_BY_4, "the World Bank's open data are published under it")
        return _other(_WORLD_BANK, "the World Bank's terms for its datasets")
    if host.endswith(".imf.org"):
        return _other(_IMF, "the IMF's own terms")
    if host.endswith(".oecd.org"):
        return _other(_OECD, "the OECD's own terms")
    if host.endswith((".un.org", ".unstats.un.org")):
        return _other(_UN, "the United Nations' own terms")
    return LicenceDecision(
        None,
        f"the terms of {host[1:] or 'the source'} are not established; the repository's "
        "licence applies to this copy",
    )


def _named(licence: Licence, why: str) -> LicenceDecision:
    return LicenceDecision(licence.value, f"{licence.value}: {why}")


def _other(terms: dict[str, str], why: str) -> LicenceDecision:
    return LicenceDecision(dict(terms), f"{terms['name']} ({terms['url']}): {why}")
