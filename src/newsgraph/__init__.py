"""newsgraph: news articles into a sourced, queryable picture of what they report."""

__version__ = "0.1.0"
