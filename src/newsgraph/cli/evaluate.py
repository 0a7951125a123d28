"""``newsgraph eval NAME``: each benchmark or gold set registers a command on ``eval_app``."""

from __future__ import annotations

import importlib
import pkgutil

import newsgraph.evaluation as evaluation

# Every module in newsgraph.evaluation that defines ``register(eval_app)`` adds its commands.
for info in pkgutil.iter_modules(evaluation.__path__):
    module = importlib.import_module(f"newsgraph.evaluation.{info.name}")
    register = getattr(module, "register", None)
    if register is not None:
        from newsgraph.cli import eval_app

        register(eval_app)
