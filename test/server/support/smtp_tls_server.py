"""A test SMTP relay: aiosmtpd with STARTTLS required and AUTH (LOGIN/PLAIN) required, writing to a Maildir.

Started by test/server/support/smtp-server.ts on loopback; the account comes from the environment (SMTP_TEST_USER,
SMTP_TEST_PASSWORD) rather than the command line, which every user of the machine can read. Prints "ready" once it
accepts connections and stops on SIGTERM.
"""
import argparse
import hmac
import os
import signal
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    args = parser.parse_args()

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    user = os.environ["SMTP_TEST_USER"].encode()
    password = os.environ["SMTP_TEST_PASSWORD"].encode()

    def authenticator(_server, _session, _envelope, _mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and hmac.compare_digest(auth_data.login, user)
            and hmac.compare_digest(auth_data.password, password)
        )
        # handled=False: aiosmtpd answers a failure itself (535), as a real relay does.
        return AuthResult(success=ok, handled=False)

    controller = Controller(
        Mailbox(args.maildir),
        hostname=args.host,
        port=args.port,
        tls_context=context,
        require_starttls=True,
        authenticator=authenticator,
        auth_required=True,
        auth_require_tls=True,
    )
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print("ready", flush=True)
    while not stop.wait(0.2):
        pass
    controller.stop()


if __name__ == "__main__":
    main()
