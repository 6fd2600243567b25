"""uvicorn's HTTP/1.1 protocol as ``benefit-calc serve`` runs it: malformed HTTP is answered as a problem
(``application/problem+json``, RFC 9457) and nothing is logged per connection or request.

uvicorn answers a request its parser cannot read (a negative ``Content-Length``, a bad request line, an over-long
URL, ``Content-Length`` with ``Transfer-Encoding``) with a ``text/plain`` 400 and a WARNING line on stderr each
time — an unbounded log flood anyone can cause. This subclass answers them as problems and writes no line; it also
bounds the request line and the headers (httptools has no limit on a header's size): a URL over
:data:`MAX_URL` bytes is 414, headers over :data:`MAX_HEAD` bytes together 431. The logger of each connection is
one that writes nothing (its per-request lines — an unsupported upgrade, an exception in the app — would name a
request; the app answers every error itself).
"""

from __future__ import annotations

import logging
from typing import Any

from benefit_calc.api import problems as pb
from benefit_calc.words import text

MAX_URL = 8_192  # bytes of the request target (path and query)
MAX_HEAD = 16_384  # bytes of all header names and values together (h11's own limit in uvicorn)

_SILENT = logging.getLogger("benefit_calc.api.connections")
_SILENT.setLevel(logging.CRITICAL + 1)
_SILENT.propagate = False
_SILENT.addHandler(logging.NullHandler())


class _TooLong(Exception):
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def problem_response(status: int, headers: list[tuple[bytes, bytes]] | None = None) -> bytes:
    """The whole HTTP/1.1 answer (connection closed) to a request that could not be read."""
    accept = next((v.decode("latin-1") for n, v in headers or () if n.lower() == b"accept-language"), None)
    lang = pb.language(accept)
    body = pb.Problem(status, "bad-http", text("server_limits.bad_http", lang)).to_dict(lang)
    from benefit_calc.api.app import dumps

    data = dumps(body)
    reason = {400: b"Bad Request", 414: b"URI Too Long", 431: b"Request Header Fields Too Large"}[status]
    return b"".join([b"HTTP/1.1 %d " % status, reason, b"\r\ncontent-type: application/problem+json\r\n",
                     b"content-language: ", lang.encode(), b"\r\ncontent-length: %d\r\n" % len(data),
                     b"connection: close\r\n\r\n", data])


def protocol_class() -> type:
    """uvicorn's httptools protocol (h11's where httptools is missing), answering problems and logging nothing."""
    try:
        import httptools
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # pragma: no cover — uvicorn without its [standard] extras
        return _h11_class()

    class Protocol(HttpToolsProtocol):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.logger = _SILENT
            self._head, self._refused = 0, False

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._head = 0

        def on_url(self, url: bytes) -> None:
            if len(self.url) + len(url) > MAX_URL:
                raise _TooLong(414)
            super().on_url(url)

        def on_header(self, name: bytes, value: bytes) -> None:
            self._head += len(name) + len(value)
            if self._head > MAX_HEAD:
                raise _TooLong(431)
            super().on_header(name, value)

        def data_received(self, data: bytes) -> None:
            if self._refused:  # the rest of a refused request: read and dropped until the connection closes
                return
            self._unset_keepalive_if_required()
            try:
                self.parser.feed_data(data)
            except httptools.HttpParserUpgrade:
                if self._should_upgrade():  # pragma: no cover — no websocket protocol is configured
                    self.handle_websocket_upgrade()
            except _TooLong as exc:  # should httptools ever let a callback's exception through
                self._refuse(exc.status)
            except httptools.HttpParserError as exc:
                cause = exc.__context__ if isinstance(exc.__context__, _TooLong) else None
                self._refuse(cause.status if cause else 400)

        def _refuse(self, status: int) -> None:
            if self._refused or self.transport.is_closing():
                return
            self._refused = True
            self.transport.write(problem_response(status, getattr(self, "headers", None)))
            # closing now with the client's bytes still unread would reset the connection before it reads the
            # answer: say we are done writing, drop what still comes, and close a second later
            if self.transport.can_write_eof():
                self.transport.write_eof()
                self.loop.call_later(1.0, self.transport.close)
            else:  # pragma: no cover
                self.transport.close()

        def send_400_response(self, msg: str) -> None:
            self._refuse(400)

        def _unsupported_upgrade_warning(self) -> None:
            pass

    return Protocol


def _h11_class() -> type:  # pragma: no cover — only without httptools
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class Protocol(H11Protocol):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.logger = _SILENT

        def send_400_response(self, msg: str) -> None:
            self.transport.write(problem_response(400))
            self.transport.close()

    return Protocol
