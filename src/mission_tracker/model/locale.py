"""The locale a site is written in when its configuration names none."""

from __future__ import annotations

# How numbers, money and dates are written (a Unicode locale); the page language follows it.
DEFAULT_LOCALE = "en_GB"
