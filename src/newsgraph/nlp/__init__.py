"""The one place that loads models and holds lexicons (as data files in ``newsgraph/data``)."""
