"""Our own fuzz harness: byte mutations and tree recombinations of the test inputs and samples.

`tests/fuzz/test_fuzz_smoke.py` runs a few thousand Hypothesis examples in
the normal test run; `python -m tests.fuzz --examples 1000000` is the long
run (see docs/reliability.md for its last result).
"""
