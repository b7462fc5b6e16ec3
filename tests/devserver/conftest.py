"""The dev server's tests share two fixtures, defined beside the tests that describe the server
(tests/devserver/test_serve.py): ``start_server``, a DevServer on a free port of 127.0.0.1
stopped at the end of the test, and ``events``, live-reload streams closed at the end."""

from tests.devserver.test_serve import events, start_server

__all__ = ["events", "start_server"]
