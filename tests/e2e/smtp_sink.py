#!/usr/bin/python3
# A real SMTP server on loopback for the browser tests (Debian python3-aiosmtpd): binds a free port, prints
# "listening <port>", then one JSON line per received message {"to": [...], "from", "subject", "body"} with the
# subject and body decoded as a mail client would. Stops on SIGTERM or when stdin closes.
import asyncio
import email
import email.policy
import json
import signal
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        body = msg.get_body(preferencelist=('plain',))
        print(json.dumps({'to': envelope.rcpt_tos, 'from': envelope.mail_from, 'subject': str(msg['subject']),
                          'body': body.get_content() if body else ''}, ensure_ascii=False), flush=True)
        return '250 OK'


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(Sink(), hostname='localhost'), host='127.0.0.1', port=0)
    print(f'listening {server.sockets[0].getsockname()[1]}', flush=True)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    try:  # the parent (the test) holds our stdin pipe: when it dies, we stop too
        loop.add_reader(sys.stdin.fileno(), lambda: stop.set() if not sys.stdin.buffer.read1(1) else None)
    except (OSError, ValueError):
        pass
    await stop.wait()
    server.close()


asyncio.run(main())
