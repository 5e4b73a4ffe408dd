"""Load benchmark of the HTTP validation service (``msp serve``), against ``msp.validate`` in-process.

Not a test. Starts ``msp serve`` on a free local port (``--jobs`` worker processes),
then sends, over keep-alive HTTP/1.1 connections from this process:

- **one record** per request to ``POST /v1/validate``: ``--requests`` requests
  (default 2000), ``--concurrency`` at a time (default 8);
- **a 1,000-line batch** per request to ``POST /v1/validate/batch``:
  ``--batches`` requests (default 20), two at a time;

each bounded by ``--time-limit`` seconds (default 60: whatever is done by then is
counted). It reports requests per second, records per second, and the p50 and p99
latency of each, and every answer's status (all must be 200). The peer is the
library itself: ``msp.validate`` called in this process, one record after another,
on the same records (already parsed dicts, so it does not even pay for JSON
parsing); the ratio is the service's records per second over it.

The client is a minimal asyncio HTTP/1.1 client (requests are prepared bytes),
so that it takes as little as possible of the CPU it shares with the server.

Usage::

    python benchmarks/bench_server.py                    # jobs: one per CPU
    python benchmarks/bench_server.py --jobs 1 --requests 500 --batches 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import msp
from msp.synth import generate

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Load:
    """What one workload measured."""

    name: str
    requests: int
    ok: int
    records: int
    seconds: float
    latencies: tuple[float, ...]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    @property
    def record_rate(self) -> float:
        return self.records / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def _ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}/ready", timeout=2) as answer:
            return bool(answer.status == 200)
    except OSError:
        return False


def _start(jobs: int) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "MSP_SERVER_TOKEN"}
    env["PYTHONPATH"] = str(ROOT / "src")
    command = [sys.executable, "-m", "msp", "serve", "--port", str(port), "--jobs", str(jobs), "--max-body-size", "64M"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)  # noqa: S603
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if _ready(port):
            return server, port
        time.sleep(0.2)
    server.kill()
    msg = "the server did not start"
    raise RuntimeError(msg)


def _request(port: int, path: str, body: bytes, media: str) -> bytes:
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nContent-Type: {media}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    writer.write(request)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def _load(
    name: str, port: int, requests: list[bytes], *, per_request: int, concurrency: int, limit: float
) -> Load:
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for r in requests:
        queue.put_nowait(r)
    latencies: list[float] = []
    statuses: list[int] = []
    started = time.perf_counter()
    deadline = started + limit

    async def client() -> None:
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            while time.perf_counter() < deadline:
                try:
                    request = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                sent = time.perf_counter()
                statuses.append(await _exchange(reader, writer, request))
                latencies.append(time.perf_counter() - sent)
        finally:
            writer.close()

    await asyncio.gather(*(client() for _ in range(concurrency)))
    seconds = time.perf_counter() - started
    done = len(statuses)
    ok = sum(1 for s in statuses if s == 200)
    return Load(name, done, ok, done * per_request, seconds, tuple(latencies))


def _in_process(records: list[dict[str, object]], limit: float) -> float:
    """Records per second of ``msp.validate`` on the dicts, one after another (at most ``limit`` seconds)."""
    for record in records[:50]:  # warm up: rules, caches
        msp.validate(record)
    started = time.perf_counter()
    done = 0
    for record in records:
        msp.validate(record)
        done += 1
        if time.perf_counter() - started > limit:
            break
    return done / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=0, help="worker processes of the server (default 0: one per CPU)")
    parser.add_argument("--requests", type=int, default=2000, help="one-record requests (default 2000)")
    parser.add_argument("--batches", type=int, default=20, help="1,000-line batch requests (default 20)")
    parser.add_argument("--concurrency", type=int, default=8, help="one-record requests in flight (default 8)")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds per workload at most (default 60)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    records = list(generate(max(args.requests, 1000), seed=args.seed, invalid_share=0.05))
    lines = [json.dumps(r).encode() for r in records]
    batch = b"".join(line + b"\n" for line in lines[:1000])
    jobs = args.jobs or (os.cpu_count() or 1)
    print(
        f"msp {msp.__version__}, Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs; "
        f"server: {jobs} worker processes; one-record concurrency {args.concurrency}, batches 2 at a time"
    )
    baseline = _in_process(records, args.time_limit)
    server, port = _start(jobs)
    try:
        single = [
            _request(port, "/v1/validate", lines[i % len(lines)], "application/json") for i in range(args.requests)
        ]
        batches = [_request(port, "/v1/validate/batch", batch, "application/x-ndjson")] * args.batches
        asyncio.run(_load("warm-up", port, single[:100], per_request=1, concurrency=8, limit=args.time_limit))
        loads = [
            asyncio.run(
                _load("one record", port, single, per_request=1, concurrency=args.concurrency, limit=args.time_limit)
            ),
            asyncio.run(
                _load("1,000-line batch", port, batches, per_request=1000, concurrency=2, limit=args.time_limit)
            ),
        ]
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    print()
    print(
        f"{'workload':<18} {'requests':>8} {'ok':>6} {'seconds':>7} {'req/s':>7} {'records/s':>9} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'x in-process':>12}"
    )
    for load in loads:
        print(
            f"{load.name:<18} {load.requests:>8,} {load.ok:>6,} {load.seconds:>7.1f} {load.rate:>7,.1f} "
            f"{load.record_rate:>9,.0f} {load.percentile(0.5):>7.1f} {load.percentile(0.99):>7.1f} "
            f"{load.record_rate / baseline:>12.2f}"
        )
    print(f"{'msp.validate in-process, one after another':<45} {baseline:>9,.0f} records/s")
    return 0 if all(load.ok == load.requests for load in loads) else 1


if __name__ == "__main__":
    raise SystemExit(main())
