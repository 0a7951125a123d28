"""Engines that run a batch job (:mod:`newsgraph.engines.job`) on many processes or machines:
``local`` (a process pool on this machine) and ``dask`` (Dask distributed; optional extra)."""
