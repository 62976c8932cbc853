#!/usr/bin/env python3
"""Hostile clients against a `trajet serve` on 127.0.0.1 (issue 18's measures); standard library only.

  hostile-client.py crowd PORT [CONNECTIONS] [SECONDS]   # uncached route searches on every connection
  hostile-client.py slow PORT [CONNECTIONS] [SECONDS] [SERVER_PID]   # slowloris: half-sent header blocks

Both probe GET /healthz and /readyz from a new connection every 100 ms meanwhile, from a process of their own (the
crowd's event loop, busy with a thousand connections, would otherwise delay the probe's own reads and count its
lateness as the server's), and print one JSON line: the
probes' latency (p50, p99, max, in ms), how many failed or took over 2 s, the status codes the crowd received, and
(slow) the server's peak resident memory read from /proc. Only loopback, bounded in connections and time.
"""
import asyncio
import json
import multiprocessing
import random
import resource
import sys
import time

PLACES = ["liege", "bruxelles", "namur", "charleroi", "mons", "gent", "antwerpen", "leuven"]
PARTNERS = ["twiza", "dakar", "thies", "khemisset", "toubacouta", "rabat", "casablanca", "tunis"]


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(fraction * len(ordered)))], 1)


async def request(port, path, timeout=2.0):
    """(status, seconds) of one GET on a new connection; status None on failure or timeout."""
    start = time.monotonic()
    writer = None
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        line = await asyncio.wait_for(reader.readline(), timeout - (time.monotonic() - start))
        await asyncio.wait_for(reader.read(), 2.0)
        return int(line.split()[1]), time.monotonic() - start
    except (OSError, asyncio.TimeoutError, IndexError, ValueError):
        return None, time.monotonic() - start
    finally:
        if writer is not None:
            writer.close()


async def probe(port, seconds, results):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for path in ("/healthz", "/readyz"):
            status, took = await request(port, path)
            results.append((path, status, took * 1000))
        await asyncio.sleep(0.1)


def probe_process(port, seconds, connection):
    """The probe in its own process and event loop; sends its results back when done."""
    results = []
    asyncio.run(probe(port, seconds, results))
    connection.send(results)
    connection.close()


def route_query(rng):
    day = rng.randint(1, 28)
    return (f"/v1/routes?from={rng.choice(PLACES)}&to={rng.choice(PARTNERS)}&participants={rng.randint(1, 40)}"
            f"&leaders={rng.randint(1, 6)}&depart=2027-{rng.randint(1, 12):02d}-{day:02d}"
            f"&rank={rng.choice(['co2', 'time', 'cost', 'balanced'])}")


async def crowd_worker(port, stop, statuses, seed):
    rng = random.Random(seed)
    while not stop.is_set():
        status, _ = await request(port, route_query(rng), timeout=30.0)
        statuses[status] = statuses.get(status, 0) + 1
        if status is None:
            await asyncio.sleep(0.05)


async def slow_worker(port, stop, counts):
    """Sends a request line and one header byte every 2 s, never the end of the header block."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        counts["refused"] += 1
        return
    counts["opened"] += 1
    try:
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        await writer.drain()
        while not stop.is_set():
            writer.write(b"X")
            await writer.drain()
            try:
                # Anything read (the 408 problem) or the end of the stream: the server let go of this client.
                await asyncio.wait_for(reader.read(4096), 2.0)
                counts["closed_by_server"] += 1
                return
            except asyncio.TimeoutError:
                continue
    except OSError:
        counts["closed_by_server"] += 1
    finally:
        writer.close()


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


async def main():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    mode, port = sys.argv[1], int(sys.argv[2])
    connections = int(sys.argv[3]) if len(sys.argv) > 3 else (1000 if mode == "crowd" else 20000)
    seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 30
    pid = int(sys.argv[5]) if len(sys.argv) > 5 else None
    stop = asyncio.Event()
    probes = []
    statuses = {}
    counts = {"opened": 0, "refused": 0, "closed_by_server": 0}
    peak = [0.0]
    receiving, sending = multiprocessing.Pipe(duplex=False)
    prober = multiprocessing.Process(target=probe_process, args=(port, seconds, sending))
    prober.start()
    tasks = []
    if mode == "crowd":
        tasks += [asyncio.create_task(crowd_worker(port, stop, statuses, n)) for n in range(connections)]
    else:
        for n in range(connections):
            tasks.append(asyncio.create_task(slow_worker(port, stop, counts)))
            if n % 500 == 499:
                await asyncio.sleep(0.05)

    async def memory():
        while pid and not stop.is_set():
            value = rss_mb(pid)
            if value:
                peak[0] = max(peak[0], value)
            await asyncio.sleep(0.5)

    tasks.append(asyncio.create_task(memory()))
    await asyncio.sleep(seconds)
    stop.set()
    probes = await asyncio.get_running_loop().run_in_executor(None, receiving.recv)
    prober.join()
    await asyncio.wait(tasks, timeout=35)
    for task in tasks:
        task.cancel()
    health = [ms for path, status, ms in probes if path == "/healthz" and status == 200]
    ready = [ms for path, status, ms in probes if path == "/readyz" and status in (200, 503)]
    print(json.dumps({
        "mode": mode, "connections": connections, "seconds": seconds,
        "healthz": {"answered": len(health), "failed_or_over_2s": sum(1 for p, s, _ in probes if p == "/healthz" and s != 200),
                    "p50_ms": percentile(health, 0.5), "p99_ms": percentile(health, 0.99), "max_ms": percentile(health, 1.0)},
        "readyz": {"answered": len(ready), "status": {str(s): sum(1 for p, t, _ in probes if p == "/readyz" and t == s)
                                                      for s in {t for p, t, _ in probes if p == "/readyz"}},
                   "p99_ms": percentile(ready, 0.99)},
        "crowd_status": {str(k): v for k, v in statuses.items()},
        "slow": counts if mode == "slow" else None,
        "server_peak_rss_mb": round(peak[0], 1) if pid else None,
    }))


if __name__ == "__main__":
    asyncio.run(main())
