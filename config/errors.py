"""Errors a user can act on.

Every layer raises a subclass of :class:`KhaoError` with a one-line message that says what is
wrong and, where possible, how to fix it. The CLI prints it on one line and exits non-zero; the
API answers 4xx with it. Anything else is a bug and may show a traceback.
"""


class KhaoError(Exception):
    """A problem with the user's input or environment, explained in one line."""

    exit_code = 1


class ConfigError(KhaoError):
    """Settings or sources are malformed."""

    exit_code = 2


class InputError(KhaoError):
    """A file, query or value given by the user cannot be used."""


class BackendUnavailable(KhaoError):
    """An index, SMTP server or other service is down; stored data stays stored."""
