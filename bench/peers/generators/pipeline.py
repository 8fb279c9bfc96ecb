"""Steady-state driver for workload 1 (pipeline)."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from harness import run

def count(n):
    i = 0
    while i < n:
        yield i
        i += 1

def filter_even(src):
    for x in src:
        if x % 2 == 0:
            yield x

def map_triple(src):
    for x in src:
        yield x * 3

def main(n):
    total = 0
    for x in map_triple(filter_even(count(n))):
        total += x
    return total

run(main, 10000000)
