# Peer of bench/programs/loop.coro: sum of i % 7 for i in 0..n, the same while loop.
from harness import run


def loop(n):
    i = 0
    total = 0
    while i < n:
        total += i % 7
        i += 1
    return total


run(loop, 100_000_000)
