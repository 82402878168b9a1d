#!/usr/bin/env python3
"""Holds many idle HTTP/1.1 keep-alive connections open, for bench/idle-connections.sh.

    idle-client.py HOST PORT COUNT [--path /] [--parallel 200]

Opens COUNT connections; on each sends one GET and reads the whole response, then leaves it idle.
Prints one line "opened ok=N failed=N first_error=..." and then obeys commands on standard input:
  count   -> "open=N closed=N": connections the server has not closed (no request sent)
  check   -> "check ok=N failed=N first_error=...": one more GET on every open connection
  quit    -> closes everything and exits (so does end of input)
"""
import argparse
import asyncio
import sys

def request(host, path):
    return ("GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: shoal-idle-client\r\nAccept: */*\r\n\r\n"
            % (path, host)).encode("ascii")

async def exchange(reader, writer, payload, timeout=30):
    writer.write(payload)
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await asyncio.wait_for(reader.readexactly(int(headers["content-length"])), timeout)
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await asyncio.wait_for(reader.readuntil(b"\r\n"), timeout)).split(b";")[0], 16)
            await asyncio.wait_for(reader.readexactly(size + 2), timeout)
            if size == 0:
                break
    if status != 200:
        raise RuntimeError("status %d" % status)
    if headers.get("connection", "").lower() == "close":
        raise RuntimeError("server answered Connection: close")

async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("count", type=int)
    parser.add_argument("--path", default="/")
    parser.add_argument("--parallel", type=int, default=200)
    args = parser.parse_args()
    payload = request(args.host, args.path)
    gate = asyncio.Semaphore(args.parallel)
    conns = []
    errors = []

    async def open_one():
        async with gate:
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(args.host, args.port), 30)
            except Exception as e:
                errors.append("connect: %r" % e)
                return
            try:
                await exchange(reader, writer, payload)
                conns.append((reader, writer))
            except Exception as e:
                errors.append("first request: %r" % e)
                writer.close()

    await asyncio.gather(*(open_one() for _ in range(args.count)))
    print("opened ok=%d failed=%d first_error=%s" % (len(conns), len(errors), errors[0] if errors else "-"), flush=True)

    async def check_one(reader, writer, failures):
        async with gate:
            try:
                await exchange(reader, writer, payload)
                return True
            except Exception as e:
                failures.append(repr(e))
                return False

    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        command = line.strip()
        if command == "count":
            await asyncio.sleep(0.2)  # let pending EOFs arrive
            alive = sum(1 for reader, _ in conns if not reader.at_eof())
            print("open=%d closed=%d" % (alive, len(conns) - alive), flush=True)
        elif command == "check":
            failures = []
            results = await asyncio.gather(*(check_one(r, w, failures) for r, w in conns))
            print("check ok=%d failed=%d first_error=%s" % (sum(results), len(failures),
                                                             failures[0] if failures else "-"), flush=True)
        elif command in ("quit", ""):
            for _, writer in conns:
                writer.close()
            return
        else:
            print("unknown command %r" % command, flush=True)

if __name__ == "__main__":
    asyncio.run(main())
