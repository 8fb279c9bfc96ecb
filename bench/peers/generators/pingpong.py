"""Steady-state driver for workload 3 (pingpong)."""
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from harness import run

def acc():
    total = 0
    while True:
        x = yield total
        total += x

def main(n):
    g = acc()
    next(g)
    last = 0
    for i in range(n):
        last = g.send(i)
    return last

run(main, 10000000)
