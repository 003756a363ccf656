#!/usr/bin/python3
"""Reads the messages tests/smtp-sink.py wrote to DIR and prints them as
JSON for the notice mail tests (issue 17), decoded with Python's email
package: [{rcpt_tos, mail_from, from, to, subject (decoded), subject_raw,
subject_words, longest_word (the longest encoded-word), longest_line,
longest_subject_line, content_type,
charset, transfer_encoding, body (decoded text), raw}], in the order they
arrived.

    /usr/bin/python3 tests/mail-read.py DIR
"""
import email
import email.header
import email.policy
import glob
import json
import os
import re
import sys


def main():
    out = []
    for path in sorted(glob.glob(os.path.join(sys.argv[1], '*.eml'))):
        raw = open(path, 'rb').read()
        envelope = json.load(open(path[:-4] + '.json'))
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        subject_raw = email.message_from_bytes(raw, policy=email.policy.compat32)['Subject']
        words = re.findall(r'=\?[^?]+\?[BbQq]\?[^?]*\?=', subject_raw or '')
        parts = [p for p in msg.walk() if p.get_content_maintype() == 'text']
        text = parts[0] if parts else msg
        out.append({
            'rcpt_tos': envelope['rcpt_tos'],
            'mail_from': envelope['mail_from'],
            'from': str(msg['From']),
            'to': str(msg['To']),
            'subject': str(msg['Subject']),
            'subject_raw': subject_raw,
            'subject_words': len(words),
            'longest_word': max((len(w) for w in words), default=0),
            'longest_line': max(len(line) for line in raw.split(b'\r\n')),
            'longest_subject_line': max(len(line) for line in
                                        ('Subject: ' + (subject_raw or '')).split('\r\n')),
            'content_type': text.get_content_type(),
            'charset': text.get_content_charset(),
            'transfer_encoding': str(text['Content-Transfer-Encoding']),
            'body': text.get_content(),
            'raw': raw.decode('ascii', 'replace'),
        })
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == '__main__':
    main()
