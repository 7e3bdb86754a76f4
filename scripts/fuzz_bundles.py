"""Imports N hostile bundles into a district and counts what happened.

    python scripts/fuzz_bundles.py --n 10000 [--seed S] [--workdir DIR] [--only NAME …]
    python scripts/fuzz_bundles.py --replay rows.vocabulary:1234567    (one mutant, verbosely)

Builds the world of tests/bundle_mutations.py (a district, two enrolled schools, a good bundle from one) in a
temporary folder, then draws N (mutation, seed) pairs and imports each mutant with the same checks as
tests/test_sync_fuzz.py. The district is put back from a pristine copy after any import that may have changed
it. Prints one line per mutation and the totals — tried / refused / applied / already-imported / crashed /
rows changed by refused files / invariant violations / leftover decrypted files / suspicious — then each
distinct problem once, with a mutant that shows it (rerun it with --replay NAME:SEED).

Exit status 1 if anything crashed, a refused file changed rows, an invariant broke, or a decrypted payload
was left in tmp/ (bugs already pinned in tests/test_sync_fuzz_findings.py included: the goal is zero).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's package, and the tests' helpers
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("KAPLC_DATA_DIR", None)

import bundle_mutations as bm  # noqa: E402

RESET_EVERY = 500  # put the district back now and then anyway: the refusal log and quarantine grow


@dataclass
class Tally:
    tried: int = 0
    refused: int = 0
    applied: int = 0
    already: int = 0
    crashed: int = 0
    kaplc_error: int = 0
    changed: int = 0  # refused (or replayed) files that changed the database
    violations: int = 0
    leftovers: int = 0
    suspicious: int = 0
    seconds: float = 0.0
    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, o: bm.Outcome, seconds: float) -> None:
        self.tried += 1
        self.seconds += seconds
        self.refused += o.result == "refused"
        self.applied += o.result == "applied"
        self.already += o.result == "already-imported"
        self.crashed += o.result == "crashed"
        self.kaplc_error += o.result == "kaplc-error"
        self.changed += o.rows_changed
        self.violations += bool(o.violations)
        self.leftovers += len(o.leftovers)
        self.suspicious += bool(o.suspicious)
        if o.reason:
            self.reasons[o.reason] += 1

    def merge(self, other: Tally) -> None:
        for name in (
            "tried",
            "refused",
            "applied",
            "already",
            "crashed",
            "kaplc_error",
            "changed",
            "violations",
            "leftovers",
            "suspicious",
            "seconds",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.reasons.update(other.reasons)


COLUMNS = ("tried", "refused", "applied", "already", "crashed", "changed", "violations", "leftovers", "suspicious")
HEADINGS = (
    "tried",
    "refused",
    "applied",
    "already",
    "crashed",
    "refused+changed",
    "violations",
    "leftover-tmp",
    "suspicious",
)


def line(name: str, t: Tally) -> str:
    cells = " ".join(f"{getattr(t, c):>{len(h)}}" for c, h in zip(COLUMNS, HEADINGS, strict=True))
    return f"{name:<28} {cells}"


def normalise(text: str) -> str:
    """A problem without its ids and numbers, so the same bug is counted once."""
    import re

    text = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>", text)
    text = re.sub(r"\b[0-9a-f]{12,64}\b", "<hash>", text)
    text = re.sub(r"position \d+", "position N", text)
    return re.sub(r"\bmutant[^ ]*", "<file>", text)


def run_one(world: bm.World, mutation: bm.Mutation, seed: int, scratch: Path) -> tuple[bm.Mutant, bm.Outcome]:
    out = scratch / f"{mutation.name}-{seed}"
    mutant = mutation(world, seed, out)
    try:
        outcome = bm.run_import(world, mutant)
    except Exception as exc:  # the harness itself (a prelude refused…): count it as a crash of the import
        outcome = bm.Outcome("crashed", error=f"harness: {type(exc).__name__}: {exc}"[:200], where="(harness)")
    return mutant, outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="how many mutants to import (default 1000)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the run (default: random, printed)")
    parser.add_argument("--workdir", type=Path, default=None, help="folder for the world (default: a temp folder)")
    parser.add_argument("--only", action="append", default=[], help="only this mutation (repeatable; a prefix works)")
    parser.add_argument("--replay", default=None, help="NAME:SEED — import one mutant and print everything")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (and the crashing files)")
    args = parser.parse_args(argv)

    from kaplc_desktop.i18n import set_language

    set_language("th")
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="fuzz-bundles-"))
    workdir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    world = bm.build_world(workdir / "world")
    print(f"world built in {time.perf_counter() - started:.1f}s in {workdir}; run seed {seed}", flush=True)
    try:
        if args.replay:
            return replay(world, args.replay, workdir)
        mutations = [m for m in bm.MUTATIONS if not args.only or any(m.name.startswith(o) for o in args.only)]
        if not mutations:
            parser.error(f"no mutation matches {args.only}; known: {', '.join(m.name for m in bm.MUTATIONS)}")
        return fuzz(world, mutations, args.n, seed, workdir, args.keep)
    finally:
        world.close()
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


def replay(world: bm.World, spec: str, workdir: Path) -> int:
    name, _, mseed = spec.rpartition(":")
    mutant, outcome = run_one(world, bm.by_name(name), int(mseed), workdir / "mutants")
    print(f"{name}:{mseed} {bm.mutant_summary(mutant)} prelude={[p.name for p in mutant.prelude]}")
    print(outcome)
    problems = bm.failures(outcome)
    print("property:", problems or "holds")
    return 1 if problems else 0


def fuzz(world: bm.World, mutations: list[bm.Mutation], n: int, seed: int, workdir: Path, keep: bool) -> int:
    scratch, kept = workdir / "mutants", workdir / "problems"
    rng = random.Random(seed)
    tallies: dict[str, Tally] = defaultdict(Tally)
    problems: dict[str, tuple[int, str]] = {}  # normalised problem -> (count, first reproducer)
    since_reset = 0
    started = time.perf_counter()
    for i in range(1, n + 1):
        mutation = rng.choice(mutations)
        mseed = rng.getrandbits(32)
        t0 = time.perf_counter()
        mutant, outcome = run_one(world, mutation, mseed, scratch)
        tallies[mutation.name].add(outcome, time.perf_counter() - t0)
        for text in [*bm.failures(outcome), *(f"suspicious: {s}" for s in outcome.suspicious)]:
            key = f"{mutation.name}: {normalise(text)}"
            count, first = problems.get(key, (0, f"--replay {mutation.name}:{mseed} ({mutant.note})"))
            problems[key] = (count + 1, first)
            if count == 0 and keep and outcome.result == "crashed":
                kept.mkdir(exist_ok=True)
                shutil.copyfile(mutant.path, kept / f"{mutation.name}-{mseed}{''.join(mutant.path.suffixes)}")
        since_reset += 1
        if outcome.result != "refused" or mutant.prelude or outcome.rows_changed or since_reset >= RESET_EVERY:
            world.reset_district()
            since_reset = 0
        else:
            shutil.rmtree(world.district_dir / "sync" / "quarantine", ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)
        if i % 1000 == 0:
            print(f"  {i}/{n} ({i / (time.perf_counter() - started):.0f}/s)", flush=True)
    elapsed = time.perf_counter() - started

    total = Tally()
    print()
    print(f"{'mutation':<28} {' '.join(HEADINGS)}")
    for name in sorted(tallies):
        print(line(name, tallies[name]))
        total.merge(tallies[name])
    print(line("TOTAL", total))
    print(f"\n{total.tried} mutants in {elapsed:.1f}s ({total.tried / max(elapsed, 1e-9):.1f}/s); run seed {seed}")
    if total.kaplc_error:
        print(f"{total.kaplc_error} raised a KaplcError (allowed; counted neither refused nor applied)")
    print("refusal reasons:", ", ".join(f"{r} {c}" for r, c in total.reasons.most_common()))
    if problems:
        print("\nproblems (each once, with a mutant that shows it; [known: …] = pinned in test_sync_fuzz_findings.py):")
        for key, (count, first) in sorted(problems.items(), key=lambda kv: -kv[1][0]):
            finding = bm.known(key)
            tag = f" [known: {finding.test}]" if finding else " [NEW]"
            print(f"  {count:>6}x {key}{tag}\n          {first}")
    failed = total.crashed or total.changed or total.violations or total.leftovers
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
