#!/usr/bin/env python3
"""Time from starting a proxy command to its first answered request, for bench/startup.sh.

    startup-probe.py --rounds N --variant NAME='JVM FLAGS' [--variant ...] -- COMMAND...

COMMAND may hold {jvm} (replaced by the variant's flags, split on spaces) and {port} (a free port).
Each round runs every variant once, in turn (A B C A B C ...), so that machine drift hits them all.
A run: start COMMAND, send "GET /" to 127.0.0.1:{port} every 2 ms until one is answered with 200,
note the elapsed time and the process's VmRSS, stop it with SIGTERM. Prints one line per run (on
standard error) and a summary per variant: median, min and max in milliseconds, and the median relative to the first.
"""
import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def answered(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as s:
            s.sendall(b"GET / HTTP/1.1\r\nHost: startup\r\nConnection: close\r\n\r\n")
            data = s.recv(64)
            return data.startswith(b"HTTP/1.1 200")
    except OSError:
        return False

def rss_mb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")

def run(command, flags, timeout):
    port = free_port()
    argv = []
    for word in command:
        if word == "{jvm}":
            argv.extend(flags.split())
        else:
            argv.append(word.replace("{port}", str(port)))
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while not answered(port):
            if proc.poll() is not None:
                raise RuntimeError("exited with %d: %s" % (proc.returncode, proc.stderr.read().decode()[-500:]))
            if time.monotonic() - start > timeout:
                raise RuntimeError("no answer within %d s" % timeout)
            time.sleep(0.002)
        elapsed = (time.monotonic() - start) * 1000
        return elapsed, rss_mb(proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stderr.close()

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--variant", action="append", required=True)
    parser.add_argument("--timeout", type=int, default=60)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    variants = [v.split("=", 1) for v in args.variant]
    times = {name: [] for name, _ in variants}
    rss = {name: [] for name, _ in variants}
    for r in range(args.rounds):
        for name, flags in variants:
            elapsed, mb = run(command, flags, args.timeout)
            times[name].append(elapsed)
            rss[name].append(mb)
            print("round %d %-10s first_answer_ms=%.0f rss_mb=%.1f" % (r + 1, name, elapsed, mb),
                  file=sys.stderr, flush=True)
    base = statistics.median(times[variants[0][0]])
    for name, flags in variants:
        t = times[name]
        print("%-10s median_ms=%.0f min_ms=%.0f max_ms=%.0f vs_%s=%.2f rss_median_mb=%.1f flags=%s" % (
            name, statistics.median(t), min(t), max(t), variants[0][0], statistics.median(t) / base,
            statistics.median(rss[name]), flags or "(none)"))

if __name__ == "__main__":
    sys.exit(main())
