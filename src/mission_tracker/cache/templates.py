"""Compiled Jinja templates in the store, for the theme's templates and the pages' own.

Every build is a fresh process, and Jinja compiles each template it loads from its source: for
Material's templates that is a fifth of a small site's `mkdocs build` (about 0.25 s of 1.3 s on
the shipped site). The compiled code is kept here instead, keyed by the template's name, the
digest of its source, and the Jinja and Python versions, so an entry is used only for the
source and the compiler that made it; Jinja checks the digest again when it loads the code.
Compiled code is the same program as the source, so what a page says never depends on it.

The store is the project's own folder (or the deploy's cache, restored only from runs on the
main branch): whoever can write it can already change the code that builds the site.
"""

from __future__ import annotations

import sys

import jinja2
from jinja2.bccache import Bucket

from mission_tracker.cache.store import Store, digest

NAMESPACE = "templates"


class TemplateCache(jinja2.BytecodeCache):
    """Jinja's bytecode cache, kept in a store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def _key(self, bucket: Bucket) -> str:
        return digest(jinja2.__version__, sys.version, bucket.key, bucket.checksum)

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.store.get(NAMESPACE, self._key(bucket))
        if data is not None:
            # A mismatched version or source digest leaves the bucket empty: compiled afresh.
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store.put(NAMESPACE, self._key(bucket), bucket.bytecode_to_string())


def compiled_in(env: jinja2.Environment, store: Store) -> jinja2.Environment:
    """`env`, keeping its compiled templates in `store` (when the store has a folder)."""
    if store.enabled:
        env.bytecode_cache = TemplateCache(store)
    return env
