"""Python client for convd, the conversion-feedback daemon. See clients/python/README in the repo."""
from .client import Client, default_socket_path, frame
from .errors import (Aborted, AlreadyExists, Cancelled, ConvdError, DeadlineExceeded, FailedPrecondition, InvalidArgument,
                     NotFound, PermissionDenied, ResourceExhausted, StatusCode, Unavailable, Unimplemented)
from ._proto.convd.v1 import (common_pb2, conversions_pb2, deliveries_pb2, envelope_pb2, events_pb2, feedback_pb2,
                              forwarding_pb2, recipients_pb2, rules_pb2, sources_pb2, system_pb2)

__all__ = [
    "Client", "default_socket_path", "frame", "ConvdError", "StatusCode", "Aborted", "AlreadyExists", "Cancelled", "DeadlineExceeded",
    "FailedPrecondition", "InvalidArgument", "NotFound", "PermissionDenied", "ResourceExhausted", "Unavailable",
    "Unimplemented", "common_pb2", "conversions_pb2", "deliveries_pb2", "envelope_pb2", "events_pb2", "feedback_pb2",
    "forwarding_pb2", "recipients_pb2", "rules_pb2", "sources_pb2", "system_pb2",
]
