"""The CI smoke run of the fuzz harness: a few thousand inputs, well under two minutes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.harness import SLOW_SECONDS, check, generate, mutate, seeds

SMOKE = settings(
    max_examples=1200,
    deadline=None,
    database=None,
    derandomize=True,  # the same inputs on every CI run; the long run explores
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SMOKE
@given(st.randoms(use_true_random=False))
def test_generated_inputs_keep_every_invariant(rng):
    source, extension = generate(rng, max_depth=100_000)
    outcome = check(source, extension)
    assert outcome.seconds < SLOW_SECONDS * 5


@settings(SMOKE, max_examples=800)
@given(st.sampled_from(range(len(seeds()))), st.binary(max_size=64), st.integers(min_value=0))
def test_arbitrary_bytes_spliced_into_seeds(index, junk, where):
    seed = seeds()[index]
    at = where % (len(seed) + 1)
    check(seed[:at] + junk + seed[at:], ".ts")


def test_the_harness_finds_its_seeds_and_mutates_them():
    import random

    assert len(seeds()) >= 20
    rng = random.Random(1)
    assert any(mutate(rng, seeds()[0]) != seeds()[0] for _ in range(10))
