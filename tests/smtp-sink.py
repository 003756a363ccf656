#!/usr/bin/python3
"""A real local SMTP server for the notice mail tests (issue 17).

    /usr/bin/python3 tests/smtp-sink.py PORT DIR

Listens on 127.0.0.1:PORT with aiosmtpd (Debian's python3-aiosmtpd) and
writes each message it accepts to DIR as NNNN.eml (the bytes received)
with NNNN.json ({"mail_from", "rcpt_tos"}).  Prints "ready" once it
listens; stops at the end of its standard input or on SIGTERM.
"""
import json
import os
import signal
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, '%04d' % self.count)
        with open(base + '.json', 'w') as f:
            json.dump({'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos}, f)
        with open(base + '.tmp', 'wb') as f:
            f.write(envelope.original_content)
        os.rename(base + '.tmp', base + '.eml')
        return '250 OK'


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    os.makedirs(directory, exist_ok=True)
    controller = Controller(Sink(directory), hostname='127.0.0.1', port=port)
    controller.start()
    signal.signal(signal.SIGTERM, lambda *_: (controller.stop(), sys.exit(0)))
    print('ready', flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == '__main__':
    main()
