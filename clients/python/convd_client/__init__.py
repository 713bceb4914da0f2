"""Python client for convd, the conversion-feedback daemon: :class:`Client` (synchronous) and
:class:`AsyncClient` (asyncio, pipelined), typed errors under :class:`ConvdError`, the proto
enums as Python enums, and exact money conversion. See ``clients/python/README.md``."""
from ._proto.convd.v1 import (common_pb2, conversions_pb2, deliveries_pb2, envelope_pb2, events_pb2, feedback_pb2,
                              forwarding_pb2, recipients_pb2, rules_pb2, sources_pb2, system_pb2)
from ._wire import DEFAULT_TIMEOUT, default_socket_path, frame
from .aio import AsyncClient, Stream
from .client import Client
from .enums import AdjustmentKind, ConversionMode, ConversionStatus, Outcome, OutboxState, StatsGrouping
from .errors import (Aborted, AbortedError, AlreadyExists, AlreadyExistsError, CallCancelledError, Cancelled,
                     ConvdError, DataLossError, DeadlineExceeded, DeadlineExceededError, FailedPrecondition,
                     FailedPreconditionError, InternalError, InvalidArgument, InvalidArgumentError, NotFound,
                     NotFoundError, OutOfRangeError, PermissionDenied, PermissionDeniedError, ResourceExhausted,
                     ResourceExhaustedError, StatusCode, UnauthenticatedError, Unavailable, UnavailableError,
                     Unimplemented, UnimplementedError, UnknownError, Violation)
from .money import from_minor, to_minor

#: The package's version.
__version__ = "0.2.0"

__all__ = [
    "__version__", "Client", "AsyncClient", "Stream", "DEFAULT_TIMEOUT", "default_socket_path", "frame",
    "Outcome", "ConversionStatus", "ConversionMode", "AdjustmentKind", "StatsGrouping", "OutboxState",
    "ConvdError", "StatusCode", "Violation", "CallCancelledError", "UnknownError", "InvalidArgumentError",
    "DeadlineExceededError", "NotFoundError", "AlreadyExistsError", "PermissionDeniedError", "ResourceExhaustedError",
    "FailedPreconditionError", "AbortedError", "OutOfRangeError", "UnimplementedError", "InternalError",
    "UnavailableError", "DataLossError", "UnauthenticatedError",
    "Aborted", "AlreadyExists", "Cancelled", "DeadlineExceeded", "FailedPrecondition", "InvalidArgument", "NotFound",
    "PermissionDenied", "ResourceExhausted", "Unavailable", "Unimplemented",
    "to_minor", "from_minor",
    "common_pb2", "conversions_pb2", "deliveries_pb2", "envelope_pb2", "events_pb2", "feedback_pb2",
    "forwarding_pb2", "recipients_pb2", "rules_pb2", "sources_pb2", "system_pb2",
]
