"""The one cache store: an entry is used only if it is exactly the one asked for, writing
failures turn the cache off rather than stop the build, and pruning deletes only unused entries
of a folder marked as a cache."""

from __future__ import annotations

from pathlib import Path

from mission_tracker.cache.store import TAG_NAME, Store, digest

KEY_A, KEY_B = digest("a"), digest("b")


def test_an_entry_reads_back_only_under_its_own_key(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.put("svg", KEY_A, b"<svg>a</svg>")
    store.put("svg", KEY_B, b"<svg>b</svg>")
    assert Store(tmp_path).get("svg", KEY_A) == b"<svg>a</svg>"
    a, b = tmp_path / "svg" / KEY_A[:2] / KEY_A, tmp_path / "svg" / KEY_B[:2] / KEY_B
    a_bytes, b_bytes = a.read_bytes(), b.read_bytes()
    a.write_bytes(b_bytes)  # swapped
    b.write_bytes(a_bytes)
    fresh = Store(tmp_path)
    assert fresh.get("svg", KEY_A) is None and fresh.get("svg", KEY_B) is None
    assert fresh.misses == 2


def test_a_damaged_or_foreign_namespace_entry_is_a_miss(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.put("png", KEY_A, b"\x89PNG data")
    path = tmp_path / "png" / KEY_A[:2] / KEY_A
    path.write_bytes(path.read_bytes()[:-3])  # cut short
    assert store.get("png", KEY_A) is None
    store.put("svg", KEY_A, b"<svg/>")
    (tmp_path / "png" / KEY_A[:2]).mkdir(parents=True, exist_ok=True)
    path.write_bytes((tmp_path / "svg" / KEY_A[:2] / KEY_A).read_bytes())  # right key, wrong kind
    assert store.get("png", KEY_A) is None


def test_prune_keeps_what_was_used_and_deletes_the_rest(tmp_path: Path) -> None:
    old = Store(tmp_path)
    old.put("svg", KEY_A, b"a")
    old.put("svg", KEY_B, b"b")
    (tmp_path / "svg" / KEY_A[:2] / ".tmp-abandoned").write_bytes(b"half")
    build = Store(tmp_path)
    assert build.get("svg", KEY_A) == b"a"
    assert build.prune() == 2  # KEY_B and the temporary file
    assert Store(tmp_path).get("svg", KEY_A) == b"a"
    assert Store(tmp_path).get("svg", KEY_B) is None


def test_prune_never_touches_a_folder_that_is_not_a_cache(tmp_path: Path) -> None:
    """Pointing the cache at the wrong folder must not delete someone's files."""
    (tmp_path / "svg" / "ab").mkdir(parents=True)
    precious = tmp_path / "svg" / "ab" / ("ab" + "0" * 62)
    precious.write_bytes(b"not ours")
    assert not (tmp_path / TAG_NAME).exists()
    assert Store(tmp_path).prune() == 0
    assert precious.read_bytes() == b"not ours"


def test_a_cache_that_cannot_be_written_is_turned_off(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_bytes(b"")  # a file where the cache folder should be
    store = Store(blocked)
    store.put("svg", KEY_A, b"a")
    assert store.write_error is not None and str(blocked) in store.write_error
    store.put("svg", KEY_B, b"b")  # no second attempt, no exception
    assert store.get("svg", KEY_A) is None
