"""Benchmarks of the engine against diffusers' deprecated AudioLDMPipeline; see BENCHMARKS.md.

``python -m bench.run [--quick] [--only E1,E2,E5] [--out bench/results/NAME.json]``

Experiments live in a registry (:data:`bench.core.EXPERIMENTS`): a function taking the shared
:class:`bench.core.Context` and returning a JSON-able dict (with an optional ``"table"``). Add
one with the :func:`bench.core.experiment` decorator in any module imported by
:mod:`bench.experiments` (E1b ZeroMQ, E3 batching and E4 transport are meant to go there).
"""
