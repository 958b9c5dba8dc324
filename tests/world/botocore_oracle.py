"""What real botocore resolves in this process's environment.

Usage: python botocore_oracle.py [PROFILE]
With PROFILE, the session is built as Session(profile=PROFILE) (like boto3's
profile_name or the CLI's --profile); without it, from the environment alone.
Prints one JSON object: verdict (resolved / failed / none / remote), method,
the masked access key id, which session-token variables hold the token it
uses (names only), and the exception class. Never a secret.

Any connection to a host other than 127.0.0.1 is refused before it starts, so
a provider that needs a remote answer reports verdict "remote" instead.
"""

import json
import socket
import sys


class OffMachine(Exception):
    """A connection this oracle refuses to make."""


def _loopback_only(address):
    host = address[0] if isinstance(address, tuple) else address
    if host not in ("127.0.0.1", "::1", "localhost"):
        raise OffMachine(f"refused a connection to {host}")


_real_connect = socket.socket.connect
_real_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self, address):
    _loopback_only(address)
    return _real_connect(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    _loopback_only(host if isinstance(host, str) else str(host))
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect
socket.getaddrinfo = _guarded_getaddrinfo
socket.create_connection.__globals__["getaddrinfo"] = _guarded_getaddrinfo


def mask(key):
    """The same masking as credwiz's src/text/key_id.rs: whitespace and
    quotes around the id dropped (`key_stray` says they were there), control
    and non-ASCII characters shown as `*`."""
    key = key.strip(" \t\r\n\v\f\"'")
    key = "".join("*" if (not c.isascii() or not c.isprintable()) else c for c in key)
    if len(key) < 12:
        return "*" * max(len(key), 4)
    return key[:4] + "*" * (len(key) - 8) + key[-4:]


def is_network(exc):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        name = type(exc).__name__
        if isinstance(exc, (OffMachine, ConnectionError, socket.timeout)) or name in (
            "EndpointConnectionError",
            "ConnectTimeoutError",
            "ReadTimeoutError",
            "ConnectionClosedError",
        ):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def token_from(token):
    """Which session-token variables hold the token: names only, never the value."""
    import os

    if not token:
        return []
    names = [n for n in ("AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN") if os.environ.get(n) == token]
    return names or ["other"]


def main():
    import botocore.session

    profile = sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else None
    out = {"verdict": "none", "method": None, "access_key_id": None, "error": None}
    try:
        session = botocore.session.Session(profile=profile)
        credentials = session.get_credentials()
        if credentials is not None:
            out["method"] = credentials.method
            frozen = credentials.get_frozen_credentials()
            out["verdict"] = "resolved"
            out["access_key_id"] = mask(frozen.access_key)
            out["key_stray"] = frozen.access_key != frozen.access_key.strip(" \t\r\n\v\f\"'")
            out["token_from"] = token_from(frozen.token)
    except Exception as exc:  # the class name is the answer
        out["verdict"] = "remote" if is_network(exc) else "failed"
        out["error"] = type(exc).__name__
    print(json.dumps(out))


main()
