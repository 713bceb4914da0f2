"""A synchronous convd client over its Unix socket: one method per RPC."""
import os
import socket
import struct

from . import errors
from ._proto.convd.v1 import (conversions_pb2, deliveries_pb2, envelope_pb2, events_pb2, feedback_pb2,
                              forwarding_pb2, recipients_pb2, sources_pb2, system_pb2)

DEFAULT_MAX_FRAME = 4 * 1024 * 1024


def default_socket_path():
    """$CONVD_SOCKET, else convd.sock in $CONVD_DATA_DIR, $XDG_STATE_HOME/convd or ~/.local/state/convd."""
    if os.environ.get("CONVD_SOCKET"):
        return os.environ["CONVD_SOCKET"]
    data = os.environ.get("CONVD_DATA_DIR") or (
        os.path.join(os.environ["XDG_STATE_HOME"], "convd") if os.environ.get("XDG_STATE_HOME")
        else os.path.expanduser("~/.local/state/convd"))
    return os.path.join(data, "convd.sock")


def frame(message):
    """A message as one frame: a 4-byte big-endian length, then its bytes."""
    body = message.SerializeToString()
    return struct.pack(">I", len(body)) + body


class Client:
    """One connection to convd. Use as a context manager; not thread-safe."""

    def __init__(self, socket_path=None, timeout=1.0, max_frame=DEFAULT_MAX_FRAME, stream_timeout=None):
        """Connects within `timeout` seconds. `stream_timeout`: longest wait for a stream's next
        part before DeadlineExceeded (None: wait as long as it takes)."""
        self.socket_path = socket_path or default_socket_path()
        self.max_frame = max_frame
        self.stream_timeout = stream_timeout
        self._broken = None  # why the stream is out of step, once it is
        self._next_id = 1
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.settimeout(timeout)
        try:
            self._sock.connect(self.socket_path)
        except OSError as e:
            self._sock.close()
            raise errors.Unavailable(errors.StatusCode.UNAVAILABLE,
                                     f"cannot reach convd at {self.socket_path}: {e.strerror or e}") from None
        self._sock.settimeout(None)

    def close(self):
        """Closes the connection."""
        self._sock.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- transport -------------------------------------------------------------------------------

    def _send(self, method, request, timeout_ms=0, idempotency_key=""):
        if self._broken:
            raise errors.Unavailable(errors.StatusCode.UNAVAILABLE,
                                     f"connection to convd at {self.socket_path} is unusable ({self._broken}); reconnect")
        call_id = self._next_id
        self._next_id += 1
        env = envelope_pb2.Request(call_id=call_id, method=method, payload=request.SerializeToString(),
                                   timeout_ms=timeout_ms, idempotency_key=idempotency_key)
        self._sock.sendall(frame(env))
        return call_id

    def _read_exact(self, n):
        chunks, left = [], n
        while left:
            chunk = self._sock.recv(left)
            if not chunk:
                raise errors.Unavailable(errors.StatusCode.UNAVAILABLE, f"connection to convd at {self.socket_path} closed")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _read_reply(self, call_id):
        while True:
            (n,) = struct.unpack(">I", self._read_exact(4))
            if n > self.max_frame:
                self._broken = "a reply frame was refused"
                raise errors.ResourceExhausted(errors.StatusCode.RESOURCE_EXHAUSTED,
                                               f"reply frame of {n} bytes exceeds the maximum of {self.max_frame} bytes")
            reply = envelope_pb2.Response.FromString(self._read_exact(n))
            if reply.call_id not in (0, call_id):
                continue
            if reply.status.code != 0 or reply.call_id == 0:
                raise errors.error_for(reply.status.code or errors.StatusCode.UNKNOWN, reply.status.message,
                                       [(v.field, v.description) for v in reply.status.violations])
            return reply

    def call(self, method, request, response_type, timeout=None, idempotency_key=""):
        """Calls any unary method by its full name and returns the decoded reply."""
        timeout_ms = int(timeout * 1000) if timeout else 0
        call_id = self._send(method, request, timeout_ms, idempotency_key)
        self._sock.settimeout(timeout + 1 if timeout else None)
        try:
            reply = self._read_reply(call_id)
        except socket.timeout:
            raise errors.DeadlineExceeded(errors.StatusCode.DEADLINE_EXCEEDED, f"no reply to {method} within its deadline") from None
        finally:
            self._sock.settimeout(None)
        return response_type.FromString(reply.payload)

    def stream(self, method, request, response_type):
        """Calls a server-streaming method at once, and returns a generator of its parts that ends
        when the server ends the stream. Closing the generator early cancels the call."""
        call_id = self._send(method, request)
        return self._parts(call_id, response_type)

    def _parts(self, call_id, response_type):
        finished = False
        try:
            while True:
                self._sock.settimeout(self.stream_timeout)
                try:
                    reply = self._read_reply(call_id)
                except socket.timeout:
                    raise errors.DeadlineExceeded(errors.StatusCode.DEADLINE_EXCEEDED,
                                                  f"no stream part within {self.stream_timeout} s") from None
                finally:
                    self._sock.settimeout(None)
                if not reply.more:
                    finished = True
                    return
                yield response_type.FromString(reply.payload)
        finally:
            if not finished:
                self._sock.sendall(frame(envelope_pb2.Request(call_id=call_id, cancel=True)))

    # -- one method per RPC ----------------------------------------------------------------------

    def health(self, timeout=None):
        return self.call("/convd.v1.System/Health", system_pb2.HealthRequest(), system_pb2.HealthResponse, timeout)

    def info(self, timeout=None):
        return self.call("/convd.v1.System/Info", system_pb2.InfoRequest(), system_pb2.InfoResponse, timeout)

    def put_recipient(self, recipient, update_fields=(), expected_updated_at_ms=0, **kw):
        """Creates or replaces a recipient; with update_fields, changes only those fields."""
        req = recipients_pb2.PutRecipientRequest(recipient=recipient, update_fields=list(update_fields),
                                                 expected_updated_at_ms=expected_updated_at_ms)
        return self.call("/convd.v1.Recipients/Put", req, recipients_pb2.PutRecipientResponse, **kw)

    def get_recipient(self, id, **kw):
        return self.call("/convd.v1.Recipients/Get", recipients_pb2.GetRecipientRequest(id=id),
                         recipients_pb2.GetRecipientResponse, **kw).recipient

    def list_recipients(self, page_size=0, page_token="", include_archived=False, **kw):
        req = recipients_pb2.ListRecipientsRequest(page_size=page_size, page_token=page_token, include_archived=include_archived)
        return self.call("/convd.v1.Recipients/List", req, recipients_pb2.ListRecipientsResponse, **kw)

    def delete_recipient(self, id, **kw):
        """Deletes a recipient with no history; archives one with history (reply.archived)."""
        return self.call("/convd.v1.Recipients/Delete", recipients_pb2.DeleteRecipientRequest(id=id),
                         recipients_pb2.DeleteRecipientResponse, **kw)

    def restore_recipient(self, id, **kw):
        return self.call("/convd.v1.Recipients/Restore", recipients_pb2.RestoreRecipientRequest(id=id),
                         recipients_pb2.RestoreRecipientResponse, **kw).recipient

    def put_source(self, source, update_fields=(), expected_updated_at_ms=0, **kw):
        """Creates or replaces a source; with update_fields, changes only those fields."""
        req = sources_pb2.PutSourceRequest(source=source, update_fields=list(update_fields),
                                           expected_updated_at_ms=expected_updated_at_ms)
        return self.call("/convd.v1.Sources/Put", req, sources_pb2.PutSourceResponse, **kw)

    def get_source(self, id, **kw):
        return self.call("/convd.v1.Sources/Get", sources_pb2.GetSourceRequest(id=id), sources_pb2.GetSourceResponse, **kw).source

    def list_sources(self, page_size=0, page_token="", include_archived=False, **kw):
        req = sources_pb2.ListSourcesRequest(page_size=page_size, page_token=page_token, include_archived=include_archived)
        return self.call("/convd.v1.Sources/List", req, sources_pb2.ListSourcesResponse, **kw)

    def delete_source(self, id, **kw):
        """Deletes a source with no history; archives one with history (reply.archived)."""
        return self.call("/convd.v1.Sources/Delete", sources_pb2.DeleteSourceRequest(id=id),
                         sources_pb2.DeleteSourceResponse, **kw)

    def restore_source(self, id, **kw):
        return self.call("/convd.v1.Sources/Restore", sources_pb2.RestoreSourceRequest(id=id),
                         sources_pb2.RestoreSourceResponse, **kw).source

    def record_delivery(self, delivery, **kw):
        return self.call("/convd.v1.Deliveries/Record", deliveries_pb2.RecordDeliveryRequest(delivery=delivery),
                         deliveries_pb2.RecordDeliveryResponse, **kw).delivery

    def get_delivery(self, event_id, **kw):
        return self.call("/convd.v1.Deliveries/Get", deliveries_pb2.GetDeliveryRequest(event_id=event_id),
                         deliveries_pb2.GetDeliveryResponse, **kw).delivery

    def record_feedback(self, feedback, **kw):
        return self.call("/convd.v1.Feedback/Record", feedback_pb2.RecordFeedbackRequest(feedback=feedback),
                         feedback_pb2.RecordFeedbackResponse, **kw).result

    def record_feedback_batch(self, items, **kw):
        return list(self.call("/convd.v1.Feedback/RecordBatch", feedback_pb2.RecordFeedbackBatchRequest(items=items),
                              feedback_pb2.RecordFeedbackBatchResponse, **kw).results)

    def adjust(self, request, **kw):
        return self.call("/convd.v1.Feedback/Adjust", request, feedback_pb2.AdjustResponse, **kw).result

    def retract(self, conversion_id, reason="", **kw):
        return self.call("/convd.v1.Feedback/Retract", feedback_pb2.AdjustRequest(conversion_id=conversion_id, reason=reason),
                         feedback_pb2.AdjustResponse, **kw).result

    def get_conversion(self, id, **kw):
        return self.call("/convd.v1.Conversions/Get", conversions_pb2.GetConversionRequest(id=id),
                         conversions_pb2.GetConversionResponse, **kw).conversion

    def list_conversions(self, filter=None, page_size=0, page_token="", **kw):
        return self.call("/convd.v1.Conversions/List",
                         conversions_pb2.ListConversionsRequest(filter=filter, page_size=page_size, page_token=page_token),
                         conversions_pb2.ListConversionsResponse, **kw)

    def stats(self, filter=None, group_by=0, **kw):
        return list(self.call("/convd.v1.Conversions/Stats", conversions_pb2.StatsRequest(filter=filter, group_by=group_by),
                              conversions_pb2.StatsResponse, **kw).rows)

    def list_events(self, filter=None, page_size=0, page_token="", **kw):
        return self.call("/convd.v1.Events/List", events_pb2.ListEventsRequest(filter=filter, page_size=page_size, page_token=page_token),
                         events_pb2.ListEventsResponse, **kw)

    def watch_events(self, filter=None, after_seq=0):
        """Starts watching at once; returns a generator of each FeedbackEvent as it is committed.
        Close the generator to stop."""
        parts = self.stream("/convd.v1.Events/Watch", events_pb2.WatchEventsRequest(filter=filter, after_seq=after_seq),
                            events_pb2.WatchEventsResponse)
        return (part.event for part in parts)

    def list_forwards(self, request=None, **kw):
        return self.call("/convd.v1.Forwarding/List", request or forwarding_pb2.ListForwardsRequest(),
                         forwarding_pb2.ListForwardsResponse, **kw)

    def retry_forwards(self, request, **kw):
        return self.call("/convd.v1.Forwarding/Retry", request, forwarding_pb2.RetryForwardsResponse, **kw)
