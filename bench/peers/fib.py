# Peer of bench/programs/fib.coro: recursive Fibonacci, fib(30) = 832040.
from harness import run


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


run(fib, 30)
