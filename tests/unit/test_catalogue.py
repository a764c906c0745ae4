"""The templates' message catalogue: every `_("...")` in a page template is in
src/mission_tracker/site/locale/messages.pot (MT_REGENERATE=1 rewrites it), and a translation
file is all a new language needs."""

from __future__ import annotations

import io
import os
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po
from markupsafe import Markup

from mission_tracker.analyse.numbers import written_in
from mission_tracker.site import catalogue
from mission_tracker.site.templating import environment

SITE = Path(catalogue.__file__).resolve().parent
TEMPLATES = SITE / "templates"
POT = SITE / "locale" / "messages.pot"
# The template environment's own syntax, so the extractor reads the templates as Jinja does.
OPTIONS = {"comment_start_string": "{%#", "comment_end_string": "#%}", "trim_blocks": "true"}


def extracted() -> Catalog:
    """The messages of the templates, and of the site's modules (the navigation's titles)."""
    found = Catalog(project="mission-tracker", fuzzy=False)
    sources = [(p, "jinja2.ext:babel_extract") for p in sorted(TEMPLATES.rglob("*.j2"))]
    sources += [(p, "python") for p in sorted(SITE.glob("*.py"))]
    for path, method in sources:
        with path.open("rb") as handle:
            for line, message, _comments, _context in extract(
                method, handle, keywords={"_": None}, options=OPTIONS
            ):
                where = (path.relative_to(SITE).as_posix(), line)
                found.add(
                    message,
                    locations=[where],
                    flags={"python-format"} if "%(" in str(message) else set(),
                )
    return found


def _text(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, omit_header=True, sort_output=True, width=0)
    return out.getvalue()


def test_the_catalogue_holds_every_message_of_the_templates() -> None:
    made = _text(extracted())
    if os.environ.get("MT_REGENERATE"):
        POT.write_bytes(made)
    assert POT.read_bytes() == made, "the templates changed: MT_REGENERATE=1 rewrites messages.pot"
    with POT.open("rb") as handle:
        assert len(list(read_po(handle))) > 100


def test_a_translation_is_a_file(tmp_path: Path) -> None:
    po = Catalog(locale="fr")
    po.add("Show the data as a table", "Afficher les données dans un tableau")
    po.add("Led by: %(lead)s.", "Sous la direction de : %(lead)s.", flags={"python-format"})
    po.add("Cite", "Citer", flags={"fuzzy"})  # fuzzy: not used
    with (tmp_path / "fr.po").open("wb") as handle:
        write_po(handle, po)
    found = catalogue.catalogue("fr_FR", tmp_path)
    assert found == {
        "Show the data as a table": "Afficher les données dans un tableau",
        "Led by: %(lead)s.": "Sous la direction de : %(lead)s.",
    }
    assert catalogue.catalogue("de_DE", tmp_path) == {}


def test_template_messages_escape_their_values_and_keep_them_on_one_line() -> None:
    template = environment().from_string('<p>{{ _("Led by: %(lead)s.", lead=lead) }}</p>')
    with written_in("en_GB"):
        text = template.render(lead='<b>x</b>\n\n# "y"')
    assert text == "<p>Led by: &lt;b&gt;x&lt;/b&gt;  # &#34;y&#34;.</p>"
    assert isinstance(environment().globals["_"]("Cite"), Markup)
