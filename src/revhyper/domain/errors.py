"""Errors the domain raises.

The CLI and web layers map them to exit codes / HTTP statuses in one place each.
"""

from __future__ import annotations


class RevhyperError(Exception):
    """Base of every error revhyper reports to a person (never shown as a traceback)."""

    def message_lines(self) -> tuple[str, ...]:
        """The message as the lines it is written in, for a reader that escapes each line.

        A terminal shows a person's text with its line breaks escaped; an error whose message
        is several lines by design (a list of bad rows) says where its own breaks are here.
        """
        return (str(self),)


class InvalidInputError(RevhyperError, ValueError):
    """A value a person gave is not allowed; the message names the value and what is allowed."""


class AlreadyExistsError(InvalidInputError):
    """A name that must be unique (an account's username) is taken already."""


class ScreeningRefusalError(RevhyperError):
    """Screening found a reason (injury, pain, medical care) needing a doctor's clearance first."""


class NotFoundError(RevhyperError, LookupError):
    """Something named by the user (athlete, session, file) does not exist."""


class StorageError(RevhyperError):
    """The database cannot be reached or used (bad URL, server down, failed migration)."""


class ConcurrentWriteError(StorageError):
    """Another writer changed the same rows at the same moment (a lock timeout, a serialization
    failure or a uniqueness clash); running the whole transaction again may succeed."""


class ClipUnusableError(RevhyperError):
    """A video or keypoint clip cannot be analysed (no person, not side-on, too little tracked)."""
