"""Mission Tracker: a static transparency website generator for a government's missions."""

__version__ = "0.1.0"
