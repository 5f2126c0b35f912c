"""Benchmark: the language rules against alex, on the same generated notes, in one run.

Generates ``--n`` (default 2,000) case and supporter notes from a fixed seed, about 1 MB of
text, most sentences neutral and some with closed, dehumanising, judgemental or directive
language. Then it measures:

(a) ``check_notes`` over every note: notes/s and MB/s (best of ``--repeats``);
(b) peak memory of one pass, with tracemalloc, in a separate pass;
(c) alex (the npm package, run with node) over the same notes: notes/s and MB/s, and the
    ratio of the two throughputs. alex is installed with npm into a cache folder outside
    the repository (``~/.cache/peersupport-bench``, or ``$PEERSUPPORT_BENCH_CACHE``) the
    first time; this part is skipped with a message when node, npm or alex is unavailable.

Usage::

    python benchmarks/language.py
    python benchmarks/language.py --n 4000 --repeats 5 --json result.json
    python benchmarks/language.py --no-alex

It is not a test and never fails on speed. The aim is at least 50x alex's throughput.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any, Final

from peersupport.checks.language import check_language, check_notes

AIM: Final = 50.0
ALEX_VERSION: Final = "11"

_NAMES = ("Sam", "Priya", "Jo", "Ade", "Marta", "Luis", "Jeannie", "George", "Kofi", "Ana")
_PLACES = ("the café", "the library", "the park", "the drop-in", "the office", "the bus stop")
_NEUTRAL = (
    "Met {name} at {place} at ten and we talked for about an hour.",
    "{name} said the weekend had been hard, and walking helped a little.",
    "We talked about the new job and how the commute is going.",
    "{name} wants to go back to college next year and asked about open days.",
    "We planned the next session for Thursday afternoon.",
    "{name} shared some photos of the allotment and what is growing there.",
    "We looked at the housing options together and wrote down three questions.",
    "{name} has been given a diagnosis of bipolar disorder and wants to understand it.",
    "{name} hears voices most days and has names for some of them.",
    "We talked about what recovery means to {name} right now.",
    "{name} decided to speak to the GP about the side effects.",
    "I shared what helped me when I was waiting for housing.",
    "{name} asked what I would do, so we explored a few options together.",
    "Some people find a routine helps; {name} said they would think about it.",
    "We agreed {name} will call the office if they want to meet sooner.",
    "{name} is proud of three months without a drink and told me about the keyring.",
    "We went to the bipolar support group together and stayed for tea.",
    "{name} goes to Alcoholics Anonymous on Wednesdays and finds it useful.",
    "The letter from the council arrived and we read it through slowly.",
    "{name} talked about the voices and how they are quieter in the mornings.",
    "We wrote a short list of things that help on bad days.",
    "{name} is looking forward to seeing family at the weekend.",
)
_FLAGGED = (
    "{name} is schizophrenic, according to the referral letter.",
    "The ward says {name} lacks insight and is in denial.",
    "The client was upset about the change of worker.",
    "I told {name} to call the housing office in the morning.",
    "You should really get more sleep, I said.",
    "{name}'s brother is an addict and it worries {name}.",
    "Staff called {name} manipulative and attention-seeking in handover.",
    "{name} is noncompliant with the prescribed medication.",
    "{name} suffers from anxiety and finds crowds hard.",
    "It was a crazy week for {name} at work.",
    "{name}'s father committed suicide when {name} was twelve.",
    "The urine test came back dirty and {name} was upset.",
    "{name} is not an addict, the worker said.",
    "She describes herself as bipolar and wants that in the notes.",
    "Advised {name} to contact the crisis line if things get worse.",
    "{name} has been clean for two years.",
)


def generate(n: int, seed: int = 20260301) -> list[str]:
    """``n`` notes of 6-10 sentences, about one sentence in five flagged; fixed by ``seed``."""
    rng = random.Random(seed)
    notes = []
    for _ in range(n):
        sentences = []
        for _ in range(rng.randint(6, 10)):
            pool = _FLAGGED if rng.random() < 0.2 else _NEUTRAL
            template = rng.choice(pool)
            sentences.append(template.format(name=rng.choice(_NAMES), place=rng.choice(_PLACES)))
        notes.append(" ".join(sentences))
    return notes


def _clock(notes: list[str]) -> tuple[float, int]:
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        found = sum(len(f) for f in check_notes(notes))
        return time.perf_counter() - start, found
    finally:
        gc.enable()


def _peak_memory(notes: list[str]) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        for _ in check_notes(notes):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


_RUNNER: Final = """
import {readFileSync} from 'node:fs'
import {text} from 'alex'
const notes = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const repeats = Number(process.argv[3])
for (const note of notes.slice(0, 50)) text(note)  // warm up the JIT
const seconds = []
let messages = 0
for (let r = 0; r < repeats; r++) {
  messages = 0
  const start = performance.now()
  for (const note of notes) messages += text(note).messages.length
  seconds.push((performance.now() - start) / 1000)
}
console.log(JSON.stringify({seconds, messages}))
"""


def _cache_dir() -> Path:
    default = Path.home() / ".cache" / "peersupport-bench"
    return Path(os.environ.get("PEERSUPPORT_BENCH_CACHE", default))


def _ensure_alex(cache: Path, *, install: bool) -> str | None:
    """The reason alex cannot run, or ``None`` when it is ready in ``cache``."""
    if shutil.which("node") is None:
        return "node is not installed"
    if (cache / "node_modules" / "alex" / "package.json").is_file():
        return None
    npm = shutil.which("npm")
    if npm is None:
        return "npm is not installed, and alex is not in the cache"
    if not install:
        return f"alex is not in {cache} and --no-install was given"
    cache.mkdir(parents=True, exist_ok=True)
    print(f"installing alex@{ALEX_VERSION} into {cache} (once) ...", flush=True)
    done = subprocess.run(  # noqa: S603 - npm found on PATH, fixed arguments
        [npm, "install", "--prefix", str(cache), "--no-audit", "--no-fund", f"alex@{ALEX_VERSION}"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        return f"npm install alex failed: {done.stderr.strip()[-300:]}"
    return None


def _run_alex(notes: list[str], repeats: int, *, install: bool) -> dict[str, Any] | str:
    """alex's timings on ``notes``, or the reason it was skipped."""
    cache = _cache_dir()
    reason = _ensure_alex(cache, install=install)
    if reason is not None:
        return reason
    runner = cache / "peersupport_runner.mjs"
    runner.write_text(_RUNNER, encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "notes.json"
        corpus.write_text(json.dumps(notes), encoding="utf-8")
        node = shutil.which("node")
        assert node is not None  # noqa: S101 - _ensure_alex checked it
        done = subprocess.run(  # noqa: S603 - node found on PATH, our own runner
            [node, str(runner), str(corpus), str(repeats)],
            capture_output=True,
            text=True,
            timeout=3600,
            check=False,
            cwd=cache,
        )
    if done.returncode != 0:
        return f"alex failed: {done.stderr.strip()[-300:]}"
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def measure(
    size: int,
    *,
    repeats: int = 3,
    alex: bool = False,
    alex_repeats: int = 2,
    install: bool = True,
    seed: int = 20260301,
    memory: bool = True,
) -> dict[str, Any]:
    """The suite's figures for ``size`` generated notes; with ``alex``, alex on the same notes.

    Ours is timed before and after alex and the best run counts, as in :func:`main`.
    """
    notes = generate(size, seed)
    size_bytes = sum(len(n.encode("utf-8")) for n in notes)
    check_language("warm up: the packs load and compile here")
    runs = [_clock(notes) for _ in range(max(1, repeats))]
    out: dict[str, Any] = {
        "records": len(notes),
        "bytes": size_bytes,
        "findings": runs[0][1],
    }
    if memory:
        out["peak_bytes"] = _peak_memory(notes)
    if alex:
        theirs = _run_alex(notes, max(1, alex_repeats), install=install)
        if isinstance(theirs, str):
            out["alex_skipped"] = theirs
        else:
            runs += [_clock(notes) for _ in range(max(1, repeats))]
            out["alex_seconds"] = min(theirs["seconds"])
            out["alex_messages"] = theirs["messages"]
    out["seconds"] = min(seconds for seconds, _ in runs)
    if "alex_seconds" in out:
        out["ratio"] = out["alex_seconds"] / out["seconds"]
    return out


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="notes to generate")
    parser.add_argument("--seed", type=int, default=20260301)
    parser.add_argument("--repeats", type=int, default=3, help="timed passes; the best counts")
    parser.add_argument("--alex-repeats", type=int, default=2, help="timed passes of alex")
    parser.add_argument("--no-alex", action="store_true", help="skip the alex comparison")
    parser.add_argument("--no-install", action="store_true", help="never run npm install")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)

    notes = generate(args.n, args.seed)
    size = sum(len(n.encode("utf-8")) for n in notes)
    check_language("warm up: the packs load and compile here")
    print(f"corpus: {len(notes)} notes, {size / 1e6:.2f} MB (seed {args.seed})")
    print(f"python {platform.python_version()} on {platform.platform()}")

    runs = [_clock(notes) for _ in range(max(1, args.repeats))]
    best = min(seconds for seconds, _ in runs)
    findings = runs[0][1]
    ours = {"seconds": best, "notes_per_s": len(notes) / best, "mb_per_s": size / 1e6 / best}
    print(
        f"peersupport: {best:.3f} s, {ours['notes_per_s']:,.0f} notes/s, "
        f"{ours['mb_per_s']:.2f} MB/s, {findings} findings "
        f"(best of {len(runs)}: {', '.join(f'{s:.3f}' for s, _ in runs)} s)"
    )
    peak = _peak_memory(notes)
    print(f"peak memory of one pass (tracemalloc): {peak / 1e6:.2f} MB")

    figures: dict[str, Any] = {
        "notes": len(notes),
        "bytes": size,
        "findings": findings,
        "peersupport": ours,
        "peak_memory_bytes": peak,
    }
    if args.no_alex:
        print("alex: skipped (--no-alex)")
    else:
        alex = _run_alex(notes, max(1, args.alex_repeats), install=not args.no_install)
        if isinstance(alex, str):
            print(f"alex: skipped ({alex})")
            figures["alex_skipped"] = alex
        else:
            # Time ours again after alex, so a busy spell on the machine hits both sides.
            again = [_clock(notes) for _ in range(max(1, args.repeats))]
            best = min(best, *(seconds for seconds, _ in again))
            ours = {
                "seconds": best,
                "notes_per_s": len(notes) / best,
                "mb_per_s": size / 1e6 / best,
            }
            print(
                f"peersupport after alex: best {best:.3f} s, {ours['notes_per_s']:,.0f} notes/s, "
                f"{ours['mb_per_s']:.2f} MB/s"
            )
            figures["peersupport"] = ours
            seconds = min(alex["seconds"])
            theirs = {
                "seconds": seconds,
                "notes_per_s": len(notes) / seconds,
                "mb_per_s": size / 1e6 / seconds,
                "messages": alex["messages"],
            }
            ratio = ours["notes_per_s"] / theirs["notes_per_s"]
            verdict = "meets" if ratio >= AIM else "below"
            print(
                f"alex {ALEX_VERSION}: {seconds:.3f} s, {theirs['notes_per_s']:,.0f} notes/s, "
                f"{theirs['mb_per_s']:.3f} MB/s, {alex['messages']} messages"
            )
            print(
                f"throughput ratio peersupport / alex: {ratio:.1f}x ({verdict} the {AIM:.0f}x aim)"
            )
            figures["alex"] = theirs
            figures["ratio"] = ratio
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, sort_keys=True), encoding="utf-8")
        print(f"figures written to {args.json}")


if __name__ == "__main__":
    main(sys.argv[1:])
