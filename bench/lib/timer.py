"""Wall-clock timing of whole processes, alternating between commands.

The machine is shared and noisy, so the runs of the commands being compared are interleaved
(A B C A B C ...) rather than run in blocks: a busy minute then hurts all of them alike.
Every run's stdout is checked against the expected checksum.

As a script: timer.py RUNS CMD...  prints the median, min and max wall seconds and the median CPU
seconds (user + sys) of each shell command (one warm-up run each), e.g.  timer.py 5 'bin/coro -e "print(1)"' 'node -e 1'
"""
import resource
import statistics
import subprocess
import sys
import time


def _children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class Job:
    """One command line to time. expect: the stdout (stripped) every run must print, or None."""

    def __init__(self, label, argv, cwd=None, expect=None, env=None):
        self.label, self.argv, self.cwd, self.expect, self.env = label, argv, cwd, expect, env
        self.times, self.cpu, self.bad = [], [], None

    def run_once(self, timeout):
        t0, c0 = time.perf_counter(), _children_cpu()
        try:
            p = subprocess.run(self.argv, cwd=self.cwd, env=self.env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                               shell=isinstance(self.argv, str))
        except subprocess.TimeoutExpired:
            self.bad = f"timed out after {timeout} s"
            return None
        elapsed = time.perf_counter() - t0
        self.last_cpu = _children_cpu() - c0
        out = p.stdout.decode(errors="replace").strip()
        if p.returncode != 0:
            self.bad = f"exit {p.returncode}: {p.stderr.decode(errors='replace').strip()[-300:]}"
        elif self.expect is not None and out != self.expect:
            self.bad = f"checksum {out!r}, expected {self.expect!r}"
        return elapsed

    def median(self):
        return statistics.median(self.times) if self.times and not self.bad else None


def alternate(jobs, runs, warmup=1, timeout=600, log=None):
    """Runs every job warmup + runs times, interleaved; a job that fails once is dropped."""
    for rnd in range(warmup + runs):
        for job in jobs:
            if job.bad:
                continue
            t = job.run_once(timeout)
            if job.bad:
                if log:
                    log(f"  {job.label}: FAILED ({job.bad})")
                continue
            if rnd >= warmup:
                job.times.append(t)
                job.cpu.append(job.last_cpu)
                if log:
                    log(f"  {job.label}: {t:.3f} s (cpu {job.last_cpu:.3f} s)")
    return jobs


if __name__ == "__main__":
    n = int(sys.argv[1])
    js = alternate([Job(c, c) for c in sys.argv[2:]], n, log=lambda m: print(m, file=sys.stderr))
    for j in js:
        if j.bad:
            print(f"{j.label}\tFAILED {j.bad}")
        else:
            print(f"{statistics.median(j.times):.3f}\t{min(j.times):.3f}\t{max(j.times):.3f}"
                  f"\tcpu {statistics.median(j.cpu):.3f}\t{j.label}")
