"""The engine of bench/compare.sh (see there for usage): Coro against its peers on every
workload, as one table of whole-process, steady-state and interpreter-only times."""
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys

from timer import Job, alternate

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(BENCH)
ENV = os.environ


def env_int(name, default):
    return int(ENV.get(name, default))


CORO = os.path.join(ROOT, "bin", "coro")
PYTHON = ENV.get("PYTHON", "/usr/bin/python3.11")
NODE = ENV.get("NODE", "node")
JAVA25 = ENV.get("JAVA25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")
PEERS = ENV["PEERS"]              # set by compare.sh
OUT = ENV.get("BENCH_OUT", os.path.join(ENV.get("TMPDIR", "/tmp"), "coro-compare"))
JBUILD = os.path.join(OUT, "java")
RUNS, WARMUP = env_int("RUNS", 3), env_int("WARMUP", 1)
ITERS, PY_ITERS = env_int("ITERS", 30), env_int("PY_ITERS", 3)   # 30: fib reaches its last tier around the 8th
PARTS = set(ENV.get("PARTS", "startup whole steady interp trace").split())
ONLY = set(ENV.get("RUNTIMES", "").split())
INTERP_FLAGS = ["--experimental-options", "--engine.Compilation=false"]

# workload: (Coro program, default size, interpreter-only size, checksum at the default size)
WORKLOADS = {
    "fib": ("programs/fib.coro", 30, 27, "832040"),
    "loop": ("programs/loop.coro", 100_000_000, 3_000_000, "299999995"),
    "loop_top": ("programs/loop_top.coro", 100_000_000, 3_000_000, "299999995"),
    "pipeline": ("generators/pipeline.coro", 10_000_000, 1_000_000, "74999985000000"),
    "tree": ("generators/tree.coro", 20, 16, "2199020109825"),
    "pingpong": ("generators/pingpong.coro", 10_000_000, 1_000_000, "49999995000000"),
    "sieve": ("generators/sieve.coro", 2000, 500, "16274627"),
}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


class Runtime:
    """One runtime on one workload: how to run it whole, interpreter-only and steady."""

    def __init__(self, name, whole, cwd=None, interp=None, steady=None):
        self.name, self.whole, self.cwd = name, whole, cwd
        self.interp = interp          # argv prefix for the interpreter-only run, or None
        self.steady = steady          # argv prefix of an in-process driver: + [size, iters]

    def argv(self, kind, size):
        base = self.whole if kind == "whole" else self.interp
        return base + [str(size)]


def peers_of(workload):
    """The peers' commands without their size: bench/peers for fib and loop, else the shared
    table of the peers' checkout (benchmarks.tsv, run from that directory)."""
    if workload == "loop_top":     # the same loop at the top level: the same peers
        workload = "loop"
    here = os.path.join(BENCH, "peers")
    gen = os.path.join(here, "generators")
    if workload in ("fib", "loop"):
        cls = workload.capitalize()
        rows = [("python", [PYTHON, f"{here}/{workload}.py"], here),
                ("node", [NODE, f"{here}/{workload}.js"], here),
                ("lua5.4", ["lua5.4", f"{here}/{workload}.lua"], here),
                ("luajit", ["luajit", f"{here}/{workload}.lua"], here),
                ("java25-limit", [JAVA25, "-cp", JBUILD, cls], here)]
    else:
        rows = []
        with open(os.path.join(PEERS, "benchmarks.tsv")) as f:
            for line in f:
                if line.startswith("#"):
                    continue
                w, rt, _expected, cmd = line.rstrip("\n").split("\t")
                if w != workload:
                    continue
                cmd = cmd.replace("$PYTHON", PYTHON).replace("$JAVA25", JAVA25).replace("$JBUILD", JBUILD)
                rows.append((rt, shlex.split(cmd)[:-1], PEERS))   # the last word is the size
    result = []
    for rt, argv, cwd in rows:
        exe = argv[0]
        if ONLY and rt not in ONLY:
            continue
        if not (os.path.isabs(exe) and os.access(exe, os.X_OK)) and not shutil.which(exe):
            log(f"skip {workload}/{rt}: {exe} not installed")
            continue
        interp, steady = argv, None
        if exe == NODE:
            interp = [NODE, "--jitless"] + argv[1:]
        elif exe == "luajit":
            interp = ["luajit", "-joff"] + argv[1:]
        elif exe == JAVA25:
            interp = [JAVA25, "-Xint"] + argv[1:]
        driver = {"python": f"{workload}.py", "node": f"{workload}.js"}.get(rt)
        if driver:
            path = os.path.join(here if workload in ("fib", "loop") else gen, driver)
            steady = [argv[0], path]
        result.append(Runtime(rt, argv, cwd, interp, steady))
    return result


def runtimes_of(workload):
    program = os.path.join(BENCH, WORKLOADS[workload][0])
    coro = Runtime("coro", [CORO, program], ROOT, [CORO] + INTERP_FLAGS + [program],
                   [CORO, "--bench"])
    return ([coro] if not ONLY or "coro" in ONLY else []) + peers_of(workload)


def size_of(workload, kind):
    _, size, interp, _ = WORKLOADS[workload]
    if kind == "interp":
        return env_int(f"INTERP_SIZE_{workload}", interp)
    return env_int(f"SIZE_{workload}", size)


_checksums = {}


def checksum(workload, size):
    """The expected output: the known checksum at the default size, else CPython's output."""
    _, default, _, expected = WORKLOADS[workload]
    if size == default:
        return expected
    if (workload, size) not in _checksums:
        here = os.path.join(BENCH, "peers")
        peer = "loop" if workload == "loop_top" else workload
        script = os.path.join(here, f"{peer}.py") if peer in ("fib", "loop") \
            else os.path.join(PEERS, "python", f"{workload}.py")
        out = subprocess.run([PYTHON, script, str(size)], capture_output=True, text=True, check=True,
                             cwd=os.path.dirname(script))
        _checksums[workload, size] = out.stdout.strip()
    return _checksums[workload, size]


def steady_ms(rt, workload, size):
    """Median ms of one run after warm-up, in one process (the median_ms= line on stderr)."""
    if rt.name == "coro":
        argv = rt.steady + [str(ITERS), rt.whole[1], str(size)]
    elif rt.steady:
        argv = rt.steady + [str(size), str(PY_ITERS if rt.name == "python" else ITERS)]
    else:
        return None
    p = subprocess.run(argv, cwd=rt.cwd, capture_output=True, text=True)
    m = re.search(r"^median_ms=([0-9.]+)", p.stderr, re.M)
    if p.returncode != 0 or not m or p.stdout.strip().splitlines()[:1] != [checksum(workload, size)]:
        log(f"  steady {workload}/{rt.name} FAILED: {p.stdout.strip()[:80]} {p.stderr.strip()[-200:]}")
        return None
    return float(m.group(1))


OPT_DONE = re.compile(r"opt done\s+engine=\d+\s+id=\d+\s+(\S+).*?\|(Tier \d)\|Time\s+(\d+)")


def trace(workload, size):
    """One run with --engine.TraceCompilation: shows that the JIT engaged, and how long the
    first compilation took."""
    program = os.path.join(BENCH, WORKLOADS[workload][0])
    p = subprocess.run([CORO, "--experimental-options", "--engine.TraceCompilation=true", program, str(size)],
                       capture_output=True, text=True, cwd=ROOT)
    done = OPT_DONE.findall(p.stdout + p.stderr)
    if not done:
        return f"{workload}: NO COMPILATION (the JIT did not engage)"
    name, tier, ms = done[0]
    deopts = len(re.findall(r"opt deopt|opt inv\.", p.stdout + p.stderr))
    return f"{workload}: {len(done)} compilations, {deopts} invalidations; first: {name} {tier} in {ms} ms"


def fmt(x, digits=3):
    return "-" if x is None else f"{x:.{digits}f}"


def ratio(a, b):
    return "-" if a is None or b is None or b == 0 else f"{a / b:.2f}"


def main(wanted):
    os.makedirs(JBUILD, exist_ok=True)
    javac = os.path.join(os.path.dirname(JAVA25), "javac")
    sources = [os.path.join(PEERS, "java", f) for f in os.listdir(os.path.join(PEERS, "java")) if f.endswith(".java")]
    sources += [os.path.join(BENCH, "peers", "java", f) for f in ("Fib.java", "Loop.java")]
    subprocess.run([javac, "-d", JBUILD] + sources, check=True)
    failed = False
    lines = []
    if "startup" in PARTS:
        log("== start-up")
        jobs = [Job("coro", [CORO, "-e", "print(1)"], expect="1"),
                Job("node", [NODE, "-e", "console.log(1)"], expect="1"),
                Job("python", [PYTHON, "-c", "print(1)"], expect="1"),
                Job("lua5.4", ["lua5.4", "-e", "print(1)"], expect="1")]
        jobs = [j for j in jobs if not ONLY or j.label in ONLY]
        for j in [j for j in jobs if not shutil.which(j.argv[0])]:
            log(f"skip start-up/{j.label}: {j.argv[0]} not installed")
            jobs.remove(j)
        alternate(jobs, env_int("STARTUP_RUNS", 10), WARMUP + 1, log=None)
        coro = next((j.median() for j in jobs if j.label == "coro"), None)
        lines.append(f"{'start-up (print 1)':<26} {'runtime':<14} {'wall s':>8} {'cpu s':>8} {'/coro':>6}")
        for j in jobs:
            cpu = statistics.median(j.cpu) if j.cpu else None
            lines.append(f"{'':<26} {j.label:<14} {fmt(j.median()):>8} {fmt(cpu):>8} {ratio(j.median(), coro):>6}")
            failed |= j.bad is not None
        lines.append("")
    header = (f"{'workload':<26} {'runtime':<14} {'whole s':>8} {'/coro':>6} {'steady ms':>10} {'/coro':>6}"
              f" {'interp s':>9} {'/coro':>6}")
    lines.append(header)
    traces = []
    for w in wanted:
        rts = runtimes_of(w)
        whole_size, interp_size = size_of(w, "whole"), size_of(w, "interp")
        res = {rt.name: {} for rt in rts}
        for kind, size in (("whole", whole_size), ("interp", interp_size)):
            if kind not in PARTS:
                continue
            log(f"== {w} {kind} (size {size})")
            jobs = [Job(rt.name, rt.argv(kind, size), rt.cwd, checksum(w, size)) for rt in rts]
            alternate(jobs, RUNS, WARMUP, log=log)
            for j in jobs:
                res[j.label][kind] = j.median()
                if j.bad:
                    failed = True
                    res[j.label][kind + "_bad"] = j.bad
        if "steady" in PARTS:
            log(f"== {w} steady (size {whole_size})")
            for rt in rts:
                res[rt.name]["steady"] = steady_ms(rt, w, whole_size)
        if "trace" in PARTS and (not ONLY or "coro" in ONLY):
            traces.append(trace(w, whole_size))
        c = res.get("coro", {})
        label = f"{w} ({whole_size}; {interp_size})"
        for rt in rts:
            r = res[rt.name]
            lines.append(f"{label:<26} {rt.name:<14} {fmt(r.get('whole')):>8} {ratio(r.get('whole'), c.get('whole')):>6}"
                         f" {fmt(r.get('steady'), 2):>10} {ratio(r.get('steady'), c.get('steady')):>6}"
                         f" {fmt(r.get('interp')):>9} {ratio(r.get('interp'), c.get('interp')):>6}"
                         + "".join(f"  {k}: {v}" for k, v in r.items() if k.endswith("_bad")))
            label = ""
    print("\n".join(lines))
    print("(workload (whole-process size; interpreter-only size). Ratios are peer / Coro: above 1 means Coro"
          " is faster. interp: Coro with --engine.Compilation=false, node --jitless, luajit -joff, java -Xint;"
          " CPython and Lua 5.4 are interpreters anyway.)")
    if traces:
        print("\nJIT (one run of each with --engine.TraceCompilation):")
        print("\n".join("  " + t for t in traces))
    return 1 if failed else 0


if __name__ == "__main__":
    wanted = sys.argv[1:] or list(WORKLOADS)
    unknown = [w for w in wanted if w not in WORKLOADS]
    if unknown:
        sys.exit(f"unknown workload(s) {' '.join(unknown)}; known: {' '.join(WORKLOADS)}")
    sys.exit(main(wanted))
