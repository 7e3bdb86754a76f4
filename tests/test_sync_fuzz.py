"""Hostile bundles drawn by hypothesis from tests/bundle_mutations.py and imported into a district.

Whatever the file, the import returns (or raises a KaplcError) and says applied, refused or already-imported;
a refused or replayed file changes nothing in the database; an applied one changes only its sender's own
records and leaves every other school's rows, parked rows, conflicts and sync state alone; a forged or
damaged file is never applied; no decrypted payload is left in the data folder's tmp/.

The bugs this fuzzer found are fixed and kept fixed by tests/test_sync_fuzz_findings.py; one found and not
fixed yet would be listed in bundle_mutations.KNOWN_FINDINGS, whose symptoms this test tolerates.
scripts/fuzz_bundles.py runs the same check thousands of times.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from bundle_mutations import MUTATIONS, Mutation, World, build_world, failures, known, payload_of, run_import
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# bad-header is not among them: a re-sealed header naming an impossible sender code (the district's own, say) is
# rightly refused from the header alone, before anything is decrypted
OUTER_REASONS = {"not-a-bundle", "truncated", "damaged", "cannot-decrypt", "newer-format"}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = build_world(tmp_path_factory.mktemp("fuzz"))
    yield w
    w.close()


def check(world: World, mutation: Mutation, seed: int) -> str:
    """Imports one mutant and asserts the property; returns its result and refusal reason."""
    out = world.root / "mutants" / f"{mutation.name}-{seed}"
    mutant = mutation(world, seed, out)
    changed = True
    try:
        outcome = run_import(world, mutant)
        changed = outcome.result != "refused" or bool(mutant.prelude) or outcome.rows_changed
    finally:
        if changed:
            world.reset_district()
        shutil.rmtree(out, ignore_errors=True)
    unexplained = [f for f in failures(outcome) if known(f) is None]
    assert not unexplained, f"{mutation.name} seed={seed} ({mutant.note}): {unexplained}"
    return f"{outcome.result} {outcome.reason}"


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.name)
def test_each_mutation(world: World, mutation: Mutation) -> None:
    results = {check(world, mutation, seed) for seed in range(4)}
    if mutation.layer in ("manifest", "rows", "attachments", "forgery", "sequence"):
        # made with the receiver's key: these files get past the outer checks and the AEAD
        assert not {r for r in results if r.split(" ")[-1] in OUTER_REASONS}, results


@settings(
    max_examples=700,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(mutation=st.sampled_from(MUTATIONS), seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_hostile_bundles(world: World, mutation: Mutation, seed: int) -> None:
    check(world, mutation, seed)


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.name)
def test_mutations_are_pure_functions_of_their_seed(world: World, mutation: Mutation) -> None:
    """The same seed gives the same file (the same payload, for files encrypted again with a fresh key)."""
    made = []
    for n in range(2):
        mutant = mutation(world, 7, world.root / "pure" / f"{mutation.name}-{n}")
        try:
            made.append(payload_of(world, mutant.path, mutant.path.with_suffix(".zip")))
        except Exception:  # not a bundle that opens: compare the bytes
            made.append({"file": mutant.path.read_bytes()})
    shutil.rmtree(world.root / "pure", ignore_errors=True)
    assert made[0] == made[1]
