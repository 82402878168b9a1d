#!/usr/bin/env python3
"""Where a Shoal process's CPU goes during each burst of load: event loops, JIT compilers, collector.

    thread-cpu.py [PID]      (default: the one running `shoal.jar proxy`, waited for)

Samples /proc/PID/task/*/stat every 0.5 s until the process exits. A burst starts when the event
loops use more than a fifth of a CPU and ends when they fall below it; for each burst it prints its
start (wall clock), length and the CPU milliseconds of the event loops, of the C2 and C1 compiler
threads, of the VM thread (collections) and of the rest. Run it beside bench/proxy-peers.sh: every
burst of Shoal's is a warm-up or a measured round, and a round whose compilers ran for hundreds of
milliseconds is a round whose p99 they raised (the proxy has one CPU; the compilers share it).
"""
import os
import subprocess
import sys
import time

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")
INTERVAL = 0.5
KINDS = ("loop", "C2", "C1", "GC", "other")


def kind(name):
    if name.startswith("shoal-proxy"):
        return "loop"
    if name.startswith("C2 Compiler"):
        return "C2"
    if name.startswith("C1 Compiler"):
        return "C1"
    if name.startswith("VM Thread") or name.startswith("GC Thread"):
        return "GC"
    return "other"


def sample(pid):
    totals = dict.fromkeys(KINDS, 0.0)
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # the thread ended between listing and reading
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        totals[kind(name)] += (int(fields[11]) + int(fields[12])) * TICK_MS  # utime + stime
    return totals


def find_proxy():
    while True:
        out = subprocess.run(["pgrep", "-f", "shoal.jar proxy"], capture_output=True, text=True).stdout.split()
        if out:
            return int(out[0])
        time.sleep(0.2)


def main():
    pid = int(sys.argv[1]) if len(sys.argv) > 1 else find_proxy()
    if not os.path.isdir(f"/proc/{pid}"):
        sys.exit(f"thread-cpu.py: no process {pid}")
    print(f"pid {pid}; bursts of load (ms of CPU):", flush=True)
    previous, burst, start = sample(pid), None, None
    while True:
        time.sleep(INTERVAL)
        try:
            now = sample(pid)
        except FileNotFoundError:
            break
        delta = {k: now[k] - previous[k] for k in KINDS}
        previous = now
        if delta["loop"] > INTERVAL * 1000 / 5:
            if burst is None:
                burst, start = dict.fromkeys(KINDS, 0.0), time.time() - INTERVAL
            for k in KINDS:
                burst[k] += delta[k]
        elif burst is not None:
            report(burst, start)
            burst = None
    if burst is not None:
        report(burst, start)


def report(burst, start):
    length = time.time() - INTERVAL - start
    parts = " ".join(f"{k}={burst[k]:.0f}" for k in KINDS)
    print(f"{time.strftime('%H:%M:%S', time.localtime(start))} {length:4.1f} s  {parts}", flush=True)


if __name__ == "__main__":
    main()
