"""Daily weather summaries."""

__version__ = "0.4.0"
