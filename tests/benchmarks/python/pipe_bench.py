# SPDX-License-Identifier: MIT
"""CPython's multiprocessing doing the work of pipe_bench.cpp: same message counts and sizes, a duplex Pipe,
the fork start method, the peer ready before timing starts and acknowledging the last message before it ends.

Prints one JSON object per line: {"figure": "send_recv_int", "value": 123456.0, "unit": "items/s"}.
Run: python3 tests/benchmarks/python/pipe_bench.py
"""
import json
import multiprocessing
import time

# Keep in step with pipe_workload.h.
INT_MESSAGES = 200_000
ROUND_TRIPS = 20_000
BYTES_CASES = ((64, 100_000), (4096, 50_000), (1 << 20, 1_000))


def _peer(conn, body, count):
    conn.send(None)  # ready
    body(conn, count)


def _recv_objects(conn, count):
    for _ in range(count):
        conn.recv()
    conn.send(None)


def _echo(conn, count):
    for _ in range(count):
        conn.send(conn.recv())


def _recv_bytes(conn, count):
    for _ in range(count):
        conn.recv_bytes()
    conn.send(None)


def _timed(ctx, body, count, work):
    """Forks a peer running body(conn, count), then times work(conn) on this end."""
    here, there = ctx.Pipe()
    peer = ctx.Process(target=_peer, args=(there, body, count))
    peer.start()
    there.close()
    here.recv()
    start = time.perf_counter()
    work(here)
    elapsed = time.perf_counter() - start
    peer.join()
    if peer.exitcode != 0:
        raise SystemExit(f"the peer process failed with exit code {peer.exitcode}")
    here.close()
    return elapsed


# The send loops bind the method to a local name, as tuned CPython code does: CPython gets its best shot.
def _send_ints(conn):
    send = conn.send
    for i in range(INT_MESSAGES):
        send(i)
    conn.recv()


def _round_trips(conn):
    send, recv = conn.send, conn.recv
    for i in range(ROUND_TRIPS):
        send(i)
        recv()


def _send_bytes_work(payload, count):
    def work(conn):
        send_bytes = conn.send_bytes
        for _ in range(count):
            send_bytes(payload)
        conn.recv()
    return work


def _emit(figure, value, unit):
    print(json.dumps({"figure": figure, "value": value, "unit": unit}), flush=True)


def main():
    ctx = multiprocessing.get_context("fork")
    elapsed = _timed(ctx, _recv_objects, INT_MESSAGES, _send_ints)
    _emit("send_recv_int", INT_MESSAGES / elapsed, "items/s")
    elapsed = _timed(ctx, _echo, ROUND_TRIPS, _round_trips)
    _emit("round_trip_int", elapsed / ROUND_TRIPS * 1e6, "us")
    for size, count in BYTES_CASES:
        elapsed = _timed(ctx, _recv_bytes, count, _send_bytes_work(b"x" * size, count))
        _emit(f"send_bytes_{size}", size * count / elapsed, "bytes/s")


if __name__ == "__main__":
    main()
