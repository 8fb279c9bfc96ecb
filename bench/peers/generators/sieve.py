"""Steady-state driver for workload 4 (sieve)."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
sys.setrecursionlimit(10000)
from harness import run

def integers_from(n):
    while True:
        yield n
        n += 1

def drop_multiples(src, p):
    for x in src:
        if x % p != 0:
            yield x

def main(count):
    g = integers_from(2)
    total = 0
    for _ in range(count):
        p = next(g)
        total += p
        g = drop_multiples(g, p)
    return total

run(main, 2000)
