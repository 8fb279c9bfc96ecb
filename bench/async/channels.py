# channel pipeline peer: 10 stages through asyncio.Queue(64); None ends the stream.
import asyncio
import sys

STAGES = 10


async def source(out, n):
    for i in range(n):
        await out.put(i)
    await out.put(None)


async def stage(inp, out):
    while True:
        v = await inp.get()
        if v is None:
            await out.put(None)
            return
        await out.put(v + 1)


async def sink(inp):
    total = 0
    while True:
        v = await inp.get()
        if v is None:
            return total
        total += v


async def pipeline(n):
    first = asyncio.Queue(64)
    tasks = [asyncio.create_task(source(first, n))]
    ch = first
    for _ in range(STAGES):
        nxt = asyncio.Queue(64)
        tasks.append(asyncio.create_task(stage(ch, nxt)))
        ch = nxt
    return await sink(ch)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(asyncio.run(pipeline(n)))


main()
