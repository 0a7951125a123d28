"""Evaluation: scorers, gold readers and benchmark adapters. Each module with an
``EVALS = {name: function}`` table adds ``newsgraph eval <name>``."""
