"""Evaluation: scorers, gold readers and benchmark adapters. Each module with a
``register(eval_app)`` function adds ``newsgraph eval <name>`` commands."""
