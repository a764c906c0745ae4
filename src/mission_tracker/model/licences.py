"""The licences data come under: a named licence from the list, or any other by name and
address. What a chart, a download or a citation says about a source follows its licence."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pydantic import AnyHttpUrl, Field

from mission_tracker.model.base import Plain, Spec, Text


@dataclass(frozen=True)
class LicenceTerms:
    name: str  # the short name, as a data package lists it
    full_name: str
    url: str
    attribution: str  # the line a chart or download carries


class Licence(StrEnum):
    OGL_3 = "OGL-3.0"
    OGL_2 = "OGL-2.0"
    OPEN_PARLIAMENT = "OPL-3.0"
    CC_BY_4 = "CC-BY-4.0"
    CC_BY_SA_4 = "CC-BY-SA-4.0"
    CC_BY_3_IGO = "CC-BY-3.0-IGO"
    CC0 = "CC0-1.0"
    ODBL = "ODbL-1.0"

    @property
    def terms(self) -> LicenceTerms:
        full_name, url, attribution = _NAMED[self]
        return LicenceTerms(self.value, full_name, url, attribution)


_NAMED = {
    Licence.OGL_3: (
        "Open Government Licence v3.0",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "Contains public sector information licensed under the Open Government Licence v3.0.",
    ),
    Licence.OGL_2: (
        "Open Government Licence v2.0",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/2/",
        "Contains public sector information licensed under the Open Government Licence v2.0.",
    ),
    Licence.OPEN_PARLIAMENT: (
        "Open Parliament Licence v3.0",
        "https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/",
        "Contains Parliamentary information licensed under the Open Parliament Licence v3.0.",
    ),
    Licence.CC_BY_4: (
        "Creative Commons Attribution 4.0",
        "https://creativecommons.org/licenses/by/4.0/",
        "Licensed under the Creative Commons Attribution 4.0 International licence.",
    ),
    Licence.CC_BY_SA_4: (
        "Creative Commons Attribution-ShareAlike 4.0",
        "https://creativecommons.org/licenses/by-sa/4.0/",
        "Licensed under the Creative Commons Attribution-ShareAlike 4.0 International licence.",
    ),
    Licence.CC_BY_3_IGO: (
        "Creative Commons Attribution 3.0 IGO",
        "https://creativecommons.org/licenses/by/3.0/igo/",
        "Licensed under the Creative Commons Attribution 3.0 IGO licence.",
    ),
    Licence.CC0: (
        "CC0 1.0 (public domain dedication)",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "Dedicated to the public domain under CC0 1.0.",
    ),
    Licence.ODBL: (
        "Open Data Commons Open Database License 1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
        "Licensed under the Open Database License 1.0.",
    ),
}


class OtherLicence(Spec):
    """A licence not in the list: its name and where its terms are."""

    name: Text = Field(description="The licence's name, e.g. `IMF terms of use`.")
    url: AnyHttpUrl = Field(description="Where the terms are published.")
    attribution: Plain | None = Field(
        None, description="The credit the licence asks for, if it asks for one in its own words."
    )

    @property
    def terms(self) -> LicenceTerms:
        return LicenceTerms(
            self.name,
            self.name,
            str(self.url),
            self.attribution or f"Used under the terms of the {self.name}: {self.url}",
        )


AnyLicence = Licence | OtherLicence
