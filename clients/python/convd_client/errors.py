"""Typed errors carrying convd's status code (gRPC's canonical codes and numbers)."""
import enum


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


class ConvdError(Exception):
    """A call that did not end OK: `code`, `message`, and `violations` [(field, description)]."""

    def __init__(self, code, message, violations=()):
        self.code = StatusCode(code) if code in StatusCode._value2member_map_ else StatusCode.UNKNOWN
        self.message = message
        self.violations = list(violations)
        super().__init__(f"{self.code.name}: {message}")


class InvalidArgument(ConvdError): pass
class DeadlineExceeded(ConvdError): pass
class NotFound(ConvdError): pass
class AlreadyExists(ConvdError): pass
class PermissionDenied(ConvdError): pass
class ResourceExhausted(ConvdError): pass
class FailedPrecondition(ConvdError): pass
class Aborted(ConvdError): pass
class Unimplemented(ConvdError): pass
class Unavailable(ConvdError): pass
class Cancelled(ConvdError): pass

_BY_CODE = {
    StatusCode.INVALID_ARGUMENT: InvalidArgument, StatusCode.DEADLINE_EXCEEDED: DeadlineExceeded,
    StatusCode.NOT_FOUND: NotFound, StatusCode.ALREADY_EXISTS: AlreadyExists,
    StatusCode.PERMISSION_DENIED: PermissionDenied, StatusCode.RESOURCE_EXHAUSTED: ResourceExhausted,
    StatusCode.FAILED_PRECONDITION: FailedPrecondition, StatusCode.UNIMPLEMENTED: Unimplemented,
    StatusCode.UNAVAILABLE: Unavailable, StatusCode.CANCELLED: Cancelled, StatusCode.ABORTED: Aborted,
}


def error_for(code, message, violations=()):
    """The most specific ConvdError subclass for `code`."""
    cls = _BY_CODE.get(code, ConvdError)
    return cls(code, message, violations)
