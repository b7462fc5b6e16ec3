"""The dev server's tests share one fixture: ``start_server`` (defined beside the tests that
describe the server, tests/devserver/test_serve.py), a DevServer on a free port of 127.0.0.1
stopped at the end of the test."""

from tests.devserver.test_serve import start_server

__all__ = ["start_server"]
