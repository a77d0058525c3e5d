"""`foggyhill serve`: run the web app on this computer and print where to open it.

The web stack (FastAPI, uvicorn) is imported only when the command runs, so the rest of the command line stays quick.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import signal
import socket
import sys
import threading
from typing import Any

from ..lang import _, say
from . import add_command

DEFAULT_HOST = "127.0.0.1"
LOOPBACK = ("localhost", "127.0.0.1", "::1")  # this computer's own names: answered always, reachable from nowhere else
DEFAULT_PORT = 8000
APP = "foggyhill.web.app:create_app"


def register(subparsers: Any) -> None:
    """Add the `serve` subcommand."""
    serve = add_command(subparsers, "serve")
    where = say("address to listen on (default {host}: this computer only)", host=DEFAULT_HOST)
    serve.add_argument("--host", default=DEFAULT_HOST, help=where)
    which = say("port to listen on (default {port}; 0 picks a free one)", port=str(DEFAULT_PORT))
    serve.add_argument("--port", default=DEFAULT_PORT, type=port_number, help=which)
    serve.add_argument("--workers", default=1, type=worker_count, help=_("server processes (default 1)"))
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        type=host_argument,
        metavar="NAME",
        help=_(
            "another name the server may be opened under (repeatable); it always answers to its --host, this "
            "computer's names and localhost"
        ),
    )
    serve.add_argument("--open", action="store_true", help=_("open the page in your web browser"))
    serve.set_defaults(handler=cmd_serve)


def port_number(text: str) -> int:
    """A port from 0 to 65535."""
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(
            say("port must be a whole number from 0 to 65535 (got {text})", text=repr(text))
        )
    return port


def worker_count(text: str) -> int:
    """A number of server processes from 1 to 16."""
    try:
        count = int(text)
    except ValueError:
        count = 0
    if not 1 <= count <= 16:
        raise argparse.ArgumentTypeError(
            say("workers must be a whole number from 1 to 16 (got {text})", text=repr(text))
        )
    return count


def host_argument(text: str) -> str:
    """A host name or address for --allow-host: letters, digits, dots, hyphens, and colons for IPv6."""
    name = text.strip().lower().strip("[]")
    if not name or len(name) > 253 or not all(c.isascii() and (c.isalnum() or c in ".-:") for c in name):
        raise argparse.ArgumentTypeError(
            say(
                "allow-host must be a host name or address such as classroom.local or 192.168.1.20 (got {text})",
                text=repr(text),
            )
        )
    return name


def hosts_for(host: str, extra: list[str]) -> list[str]:
    """The names a server listening on `host` answers to: loopback, `host`, this computer's names when it listens
    beyond loopback (its name, full name and addresses), and the teacher's `extra` ones."""
    names = [*LOOPBACK, host.strip("[]").lower(), *extra]
    if host not in LOOPBACK:
        machine = socket.gethostname()
        names += [machine.lower(), socket.getfqdn().lower()]
        with contextlib.suppress(OSError):
            names += [info[4][0] for info in socket.getaddrinfo(machine, None)]
    return sorted(set(names) - {"0.0.0.0", "::"})


class ServeError(Exception):
    """The server cannot start (port in use, unknown host): one line, exit code 2."""


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on host:port; a taken port or an unknown host becomes a ServeError."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except (socket.gaierror, UnicodeError) as error:
        raise ServeError(
            say("cannot listen on host {host}: {reason}; try --host 127.0.0.1", host=repr(host), reason=error.args[-1])
        ) from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise ServeError(
                say(
                    "port {port} is already in use on {host}: stop the other server or pick --port",
                    port=str(port),
                    host=host,
                )
            ) from None
        raise ServeError(
            say("cannot listen on {host}:{port}: {reason}", host=host, port=str(port), reason=error.strerror or error)
        ) from None
    sock.set_inheritable(True)
    return sock


def address_of(sock: socket.socket) -> str:
    """The URL a browser opens for this socket."""
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def cmd_serve(args: argparse.Namespace) -> int:
    """Start the server; Ctrl-C (or SIGTERM) stops it cleanly."""
    signal.signal(signal.SIGTERM, interrupted)  # uvicorn passes the signal on after its shutdown: end like Ctrl-C
    try:
        sock = listen(args.host, args.port)
    except ServeError as error:
        print(f"foggyhill: {error}", file=sys.stderr)
        return 2
    from ..web.guard import ALLOWED_HOSTS_ENV  # lazy, as the web stack is: read by every server process

    os.environ[ALLOWED_HOSTS_ENV] = ",".join(hosts_for(args.host, args.allow_host))
    try:
        server, config = make_server(args.workers)
        url = address_of(sock)
        print(say("foggyhill is running at {url}  (Ctrl-C to stop)", url=url), flush=True)
        if args.host not in LOOPBACK:
            print(
                say("foggyhill: listening on {host}: other computers on your network can open it", host=args.host),
                flush=True,
            )
        if args.open:
            threading.Thread(target=open_browser, args=(url,), daemon=True).start()
        run(server, config, sock, args.workers)
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    print(_("foggyhill stopped"), flush=True)
    return 0


def interrupted(signum: int, frame: object) -> None:
    """Treat a termination request like Ctrl-C."""
    raise KeyboardInterrupt


def make_server(workers: int) -> tuple[Any, Any]:
    """A uvicorn server for the app, on the fastest event loop that is installed and httptools' HTTP parser."""
    import uvicorn  # lazy: only `serve` needs the web stack

    config = uvicorn.Config(
        APP,
        factory=True,
        workers=workers,
        loop="auto",
        http="foggyhill.web.http_limits:LimitedHttpTools",  # httptools, with a limit on each request's headers
        log_level="warning",
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=3,
    )
    if workers == 1:
        config.load()  # build the app now, so the address printed next answers at once
    return uvicorn.Server(config), config


def run(server: Any, config: Any, sock: socket.socket, workers: int) -> None:
    """Serve on the socket in this process, or in `workers` processes that share it."""
    if workers == 1:
        server.run(sockets=[sock])
        return
    from uvicorn.supervisors import Multiprocess

    Multiprocess(config, sockets=[sock]).run()


def open_browser(url: str) -> None:
    """Open the page in the user's browser; without one this does nothing."""
    import webbrowser

    with contextlib.suppress(Exception):  # a missing or broken browser must never stop the server
        webbrowser.open(url)
