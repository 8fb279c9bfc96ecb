"""Driver shared by the Python peer benchmarks.

argv[1] = size, argv[2] = iterations (default 1). Prints the checksum once (stdout).
Given iterations, it also reports each iteration's time and the median of the
last half on stderr, in the format of `coro --bench` (`median_ms=...`).
"""
import sys
import time


def run(main, default_size):
    size = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1] else default_size
    report = len(sys.argv) > 2
    iters = int(sys.argv[2]) if report else 1
    times = []
    for i in range(iters):
        t0 = time.perf_counter()
        result = main(size)
        times.append(time.perf_counter() - t0)
        if i == 0:
            print(result, flush=True)
        if report:
            print(f"bench: iteration {i + 1}: {times[-1] * 1e3:.1f} ms", file=sys.stderr)
    if report:
        tail = sorted(times[-max(1, iters // 2):])
        k = len(tail)
        print(f"median_ms={(tail[(k - 1) // 2] + tail[k // 2]) / 2 * 1e3:.3f}", file=sys.stderr)
