"""The project model: per-file summaries (phase 1, in the workers) and the link phase (in the parent).

``run.analyze_project`` is the entry point the CLI uses; ``summary``,
``resolve`` and ``link`` are the three steps (see docs/architecture.md,
"Two phases").
"""
