"""A loopback SMTP server for tests and benchmarks: saves every message it accepts as <n>.eml in a folder.

Usage: python3 smtp_sink.py FOLDER
Binds 127.0.0.1 on a free port and prints "READY <port>" once it accepts connections.
"""
import asyncio
import itertools
import os
import sys

from aiosmtpd.smtp import SMTP


class SaveToFolder:
    def __init__(self, folder):
        self.folder = folder
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        number = next(self.counter)
        final = os.path.join(self.folder, f"{number:06d}.eml")
        # Written aside and renamed, so a reader polling the folder never sees half a message.
        temp = os.path.join(self.folder, f".{number:06d}.tmp")
        with open(temp, "wb") as file:
            file.write(envelope.original_content)
        os.replace(temp, final)
        return "250 OK saved"


async def main(folder):
    os.makedirs(folder, exist_ok=True)
    handler = SaveToFolder(folder)
    loop = asyncio.get_running_loop()
    # 64 MB: invoices with attachments are far smaller, but a benchmark should never hit the limit.
    server = await loop.create_server(
        lambda: SMTP(handler, hostname="smtp-sink", data_size_limit=64 * 1024 * 1024), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print(f"READY {port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
