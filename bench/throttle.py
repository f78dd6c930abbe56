"""A throttling TCP proxy: the emulated 2G/3G link every byte of the benchmark crosses.

DevTools throttling does not slow a service worker's own fetches, so the precache would
look free. Here every connection goes through one emulated link: each direction has a
propagation delay of half the round trip and a bandwidth shared by all connections, and
each new connection pays one round trip before data flows (the TCP handshake). Bytes in
each direction, and the request lines seen, are counted.
"""

import asyncio
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Direction:
    """One direction of the link: a queue of bytes drained at `bytes_per_second`."""

    bytes_per_second: float
    delay: float
    free_at: float = 0.0
    total: int = 0

    def schedule(self, size: int) -> float:
        """When a chunk of `size` bytes sent now arrives at the other end."""
        start = max(time.monotonic(), self.free_at)
        self.free_at = start + size / self.bytes_per_second
        self.total += size
        return self.free_at + self.delay


@dataclass
class Profile:
    name: str
    latency_ms: int  # round trip
    down_kbps: int
    up_kbps: int


@dataclass
class ThrottlingProxy:
    upstream_port: int
    profile: Profile
    port: int = 0
    request_lines: list[str] = field(default_factory=list)
    connections: int = 0
    # Connections over which the server sent anything: a speculative connection the browser
    # opens and drops before any answer (its preconnect) is counted only in `connections`.
    answered: set = field(default_factory=set)

    def __post_init__(self):
        self.loop = asyncio.new_event_loop()
        self.reset()

    def reset(self) -> None:
        rtt = self.profile.latency_ms / 1000
        self.down = Direction(self.profile.down_kbps * 1000 / 8, rtt / 2)
        self.up = Direction(self.profile.up_kbps * 1000 / 8, rtt / 2)
        self.request_lines = []
        self.connections = 0
        self.answered = set()

    @property
    def bytes_down(self) -> int:
        return self.down.total

    @property
    def bytes_up(self) -> int:
        return self.up.total

    async def _pump(
        self, reader, writer, direction: Direction, watch_requests: bool, connection=None
    ) -> None:
        """Read as fast as the sender sends; deliver each chunk when the link would."""
        queue: asyncio.Queue = asyncio.Queue()

        async def deliver():
            while (item := await queue.get()) is not None:
                arrive, chunk = item
                await asyncio.sleep(max(0.0, arrive - time.monotonic()))
                writer.write(chunk)
                await writer.drain()

        delivering = asyncio.ensure_future(deliver())
        try:
            while chunk := await reader.read(1460):
                if connection is not None:
                    self.answered.add(connection)
                if watch_requests:
                    for line in chunk.split(b"\r\n"):
                        if line[:4] in (b"GET ", b"POST", b"HEAD", b"PUT ", b"DELE"):
                            # the request line, and the bytes of the chunk it came in
                            self.request_lines.append(f"{line.decode('latin-1')} {len(chunk)}")
                queue.put_nowait((direction.schedule(len(chunk)), chunk))
            queue.put_nowait(None)
            await delivering
        except (ConnectionError, asyncio.CancelledError):
            delivering.cancel()
        finally:
            try:
                writer.close()
            except RuntimeError:
                pass

    async def _handle(self, client_reader, client_writer) -> None:
        self.connections += 1
        await asyncio.sleep(self.profile.latency_ms / 1000)  # the handshake's round trip
        try:
            server_reader, server_writer = await asyncio.open_connection(
                "127.0.0.1", self.upstream_port
            )
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(
            self._pump(client_reader, server_writer, self.up, True),
            self._pump(server_reader, client_writer, self.down, False, id(client_writer)),
        )

    def start(self) -> "ThrottlingProxy":
        ready = threading.Event()

        async def serve():
            server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
            self.port = server.sockets[0].getsockname()[1]
            ready.set()
            async with server:
                await server.serve_forever()

        def run():
            try:
                self.loop.run_until_complete(serve())
            except asyncio.CancelledError:
                pass  # stopped

        self.thread = threading.Thread(target=run, daemon=True)
        self.thread.start()
        ready.wait(10)
        return self

    def stop(self) -> None:
        def cancel_all():
            for task in asyncio.all_tasks(self.loop):
                task.cancel()

        self.loop.call_soon_threadsafe(cancel_all)
        self.thread.join(5)


class ProxyProcess:
    """The proxy in a process of its own, so the browser driver's work never delays a byte."""

    def __init__(self, upstream_port: int, profile: Profile):
        import multiprocessing

        self.profile = profile
        self.parent, child = multiprocessing.Pipe()
        self.process = multiprocessing.Process(
            target=_serve_commands, args=(child, upstream_port, profile), daemon=True
        )

    def start(self) -> "ProxyProcess":
        self.process.start()
        self.port = self.parent.recv()
        return self

    def _ask(self, command: str):
        self.parent.send(command)
        return self.parent.recv()

    def reset(self) -> None:
        self._ask("reset")

    def stats(self) -> dict:
        return self._ask("stats")

    def stop(self) -> None:
        self.process.terminate()
        self.process.join(5)


def _serve_commands(connection, upstream_port: int, profile: Profile) -> None:
    proxy = ThrottlingProxy(upstream_port, profile).start()
    connection.send(proxy.port)
    while True:
        command = connection.recv()
        if command == "reset":
            proxy.loop.call_soon_threadsafe(proxy.reset)
            time.sleep(0.05)
            connection.send(True)
        elif command == "stats":
            connection.send(
                {
                    "bytes_down": proxy.bytes_down,
                    "bytes_up": proxy.bytes_up,
                    "request_lines": list(proxy.request_lines),
                    "connections": proxy.connections,
                    "answered_connections": len(proxy.answered),
                }
            )
