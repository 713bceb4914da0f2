"""Typed errors carrying convd's status code (gRPC's canonical codes and numbers).

Every failed call raises a subclass of :class:`ConvdError`, one per code: catch ``NotFoundError``
for one case or ``ConvdError`` for all. The names without the ``Error`` suffix (``NotFound``, ...)
are the 0.1 names, kept as aliases.
"""
from __future__ import annotations

import enum
from typing import Dict, Iterable, List, NamedTuple, Tuple, Type, Union


class StatusCode(enum.IntEnum):
    """gRPC's canonical status codes, with gRPC's numbers."""
    OK = 0
    CANCELLED = 1
    UNKNOWN = 2
    INVALID_ARGUMENT = 3
    DEADLINE_EXCEEDED = 4
    NOT_FOUND = 5
    ALREADY_EXISTS = 6
    PERMISSION_DENIED = 7
    RESOURCE_EXHAUSTED = 8
    FAILED_PRECONDITION = 9
    ABORTED = 10
    OUT_OF_RANGE = 11
    UNIMPLEMENTED = 12
    INTERNAL = 13
    UNAVAILABLE = 14
    DATA_LOSS = 15
    UNAUTHENTICATED = 16


class Violation(NamedTuple):
    """One bad field of a request: its path (``feedback.amount.currency``) and what is wrong."""
    field: str
    description: str


class ConvdError(Exception):
    """A call that did not end OK: its ``code``, the server's ``message``, and field ``violations``."""

    code: StatusCode
    message: str
    violations: List[Violation]

    def __init__(self, code: Union[int, StatusCode], message: str,
                 violations: Iterable[Union[Violation, Tuple[str, str]]] = ()) -> None:
        self.code = StatusCode(code) if code in StatusCode._value2member_map_ else StatusCode.UNKNOWN
        self.message = message
        self.violations = [Violation(*v) for v in violations]
        super().__init__(f"{self.code.name}: {message}")


class CallCancelledError(ConvdError):
    """CANCELLED: the call was cancelled before it was applied (named so as not to shadow asyncio's)."""


class UnknownError(ConvdError):
    """UNKNOWN: an error with no better code."""


class InvalidArgumentError(ConvdError):
    """INVALID_ARGUMENT: the request is malformed; ``violations`` names the fields."""


class DeadlineExceededError(ConvdError):
    """DEADLINE_EXCEEDED: the deadline passed before the call was applied; nothing was applied."""


class NotFoundError(ConvdError):
    """NOT_FOUND: the named delivery, conversion, recipient or source does not exist."""


class AlreadyExistsError(ConvdError):
    """ALREADY_EXISTS: the entity exists already."""


class PermissionDeniedError(ConvdError):
    """PERMISSION_DENIED: the caller's role does not allow the method."""


class ResourceExhaustedError(ConvdError):
    """RESOURCE_EXHAUSTED: a limit was reached (calls, connections, a return cap); retry later."""


class FailedPreconditionError(ConvdError):
    """FAILED_PRECONDITION: not applicable now (an archived entity, a closed return window)."""


class AbortedError(ConvdError):
    """ABORTED: a concurrent change (a stale update stamp, a key reused for another request)."""


class OutOfRangeError(ConvdError):
    """OUT_OF_RANGE: a value outside what is accepted."""


class UnimplementedError(ConvdError):
    """UNIMPLEMENTED: the daemon does not serve the method."""


class InternalError(ConvdError):
    """INTERNAL: a bug in convd."""


class UnavailableError(ConvdError):
    """UNAVAILABLE: convd is unreachable or shutting down; the call was not applied, retry."""


class DataLossError(ConvdError):
    """DATA_LOSS: stored data is unreadable."""


class UnauthenticatedError(ConvdError):
    """UNAUTHENTICATED: the caller could not be identified."""


_BY_CODE: Dict[StatusCode, Type[ConvdError]] = {
    StatusCode.CANCELLED: CallCancelledError, StatusCode.UNKNOWN: UnknownError,
    StatusCode.INVALID_ARGUMENT: InvalidArgumentError, StatusCode.DEADLINE_EXCEEDED: DeadlineExceededError,
    StatusCode.NOT_FOUND: NotFoundError, StatusCode.ALREADY_EXISTS: AlreadyExistsError,
    StatusCode.PERMISSION_DENIED: PermissionDeniedError, StatusCode.RESOURCE_EXHAUSTED: ResourceExhaustedError,
    StatusCode.FAILED_PRECONDITION: FailedPreconditionError, StatusCode.ABORTED: AbortedError,
    StatusCode.OUT_OF_RANGE: OutOfRangeError, StatusCode.UNIMPLEMENTED: UnimplementedError,
    StatusCode.INTERNAL: InternalError, StatusCode.UNAVAILABLE: UnavailableError,
    StatusCode.DATA_LOSS: DataLossError, StatusCode.UNAUTHENTICATED: UnauthenticatedError,
}


def error_for(code: Union[int, StatusCode], message: str,
              violations: Iterable[Union[Violation, Tuple[str, str]]] = ()) -> ConvdError:
    """The subclass of :class:`ConvdError` for ``code``, built from the server's answer."""
    cls = _BY_CODE.get(StatusCode(code) if code in StatusCode._value2member_map_ else StatusCode.UNKNOWN, ConvdError)
    return cls(code, message, violations)


# The 0.1 names.
Cancelled = CallCancelledError
InvalidArgument = InvalidArgumentError
DeadlineExceeded = DeadlineExceededError
NotFound = NotFoundError
AlreadyExists = AlreadyExistsError
PermissionDenied = PermissionDeniedError
ResourceExhausted = ResourceExhaustedError
FailedPrecondition = FailedPreconditionError
Aborted = AbortedError
Unimplemented = UnimplementedError
Unavailable = UnavailableError
