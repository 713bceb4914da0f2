"""What the sync and async clients share: the socket path rules, framing, the envelope, and the
requests each method sends (so the two clients cannot drift apart)."""
from __future__ import annotations

import os
import struct
from decimal import Decimal
from typing import Iterable, Mapping, Optional, cast

from google.protobuf.message import Message

from . import errors, money
from ._proto.convd.v1 import (common_pb2, conversions_pb2, deliveries_pb2, envelope_pb2, events_pb2, feedback_pb2,
                              forwarding_pb2)
from .enums import AdjustmentKind, ConversionStatus, Outcome, OutboxState, StatsGrouping

#: Largest reply frame accepted by default, as the daemon's own limit.
DEFAULT_MAX_FRAME = 4 * 1024 * 1024
#: Default deadline of a unary call, seconds; the server answers DEADLINE_EXCEEDED past it.
DEFAULT_TIMEOUT = 10.0
#: How long past a call's deadline the client waits for the server's own answer.
LOCAL_GRACE = 0.5


def default_socket_path() -> str:
    """The socket convctl uses too: ``$CONVD_SOCKET``, else ``convd.sock`` in ``$CONVD_DATA_DIR``,
    ``$XDG_STATE_HOME/convd`` or ``~/.local/state/convd``."""
    if os.environ.get("CONVD_SOCKET"):
        return os.environ["CONVD_SOCKET"]
    data = os.environ.get("CONVD_DATA_DIR") or (
        os.path.join(os.environ["XDG_STATE_HOME"], "convd") if os.environ.get("XDG_STATE_HOME")
        else os.path.expanduser("~/.local/state/convd"))
    return os.path.join(data, "convd.sock")


def frame(message: Message) -> bytes:
    """A message as one frame: a 4-byte big-endian length, then its bytes."""
    body = message.SerializeToString()
    return struct.pack(">I", len(body)) + body


def request(call_id: int, method: str, payload: Message, timeout: Optional[float], idempotency_key: str) -> bytes:
    """The framed envelope of one call; ``timeout`` seconds becomes the server-side deadline."""
    timeout_ms = max(1, int(timeout * 1000)) if timeout else 0
    return frame(envelope_pb2.Request(call_id=call_id, method=method, payload=payload.SerializeToString(),
                                      timeout_ms=timeout_ms, idempotency_key=idempotency_key))


def cancel(call_id: int) -> bytes:
    """The framed cancel of call ``call_id``."""
    return frame(envelope_pb2.Request(call_id=call_id, cancel=True))


def frame_length(header: bytes, max_frame: int) -> int:
    """The body length a frame header announces; ResourceExhaustedError past ``max_frame``."""
    (n,) = struct.unpack(">I", header)
    if n > max_frame:
        raise errors.ResourceExhaustedError(errors.StatusCode.RESOURCE_EXHAUSTED,
                                            f"reply frame of {n} bytes exceeds the maximum of {max_frame} bytes")
    return int(n)


def raise_for(reply: "envelope_pb2.Response") -> None:
    """Raises the typed error of a reply that is not OK (a call_id 0 reply is about the connection)."""
    if reply.status.code != 0 or reply.call_id == 0:
        raise errors.error_for(reply.status.code or errors.StatusCode.UNKNOWN, reply.status.message,
                               [(v.field, v.description) for v in reply.status.violations])


def unavailable(socket_path: str, why: str) -> errors.UnavailableError:
    """The error for a connection that cannot be used, naming the socket."""
    return errors.UnavailableError(errors.StatusCode.UNAVAILABLE, f"convd at {socket_path}: {why}")


# -- requests built from keyword arguments ---------------------------------------------------------

def money_of(amount: Optional[money.Amount], currency: str) -> Optional[common_pb2.Money]:
    """A Money message from a decimal amount, exactly; None when no amount is given."""
    if amount is None:
        return None
    if not currency:
        raise ValueError("an amount needs its currency")
    return common_pb2.Money(amount_minor=money.to_minor(amount, currency), currency=currency)


def decimal_of(value: common_pb2.Money) -> Optional[Decimal]:
    """A Money message's amount as a Decimal with its currency's decimals; None when unset."""
    return money.from_minor(value.amount_minor, value.currency) if value.currency else None


def delivery(event_id: str, recipient: str, source: str, click_id: str = "", lead: Optional[Mapping[str, str]] = None,
             test: bool = False, delivered_at_ms: int = 0, cost: Optional[money.Amount] = None,
             cost_currency: str = "") -> deliveries_pb2.Delivery:
    """A Delivery message; without ``cost`` the daemon takes the source's price per lead."""
    d = deliveries_pb2.Delivery(event_id=event_id, recipient_id=recipient, source_id=source, click_id=click_id,
                                lead=dict(lead or {}), test=test, delivered_at_ms=delivered_at_ms)
    m = money_of(cost, cost_currency)
    if m is not None:
        d.cost.CopyFrom(m)
    return d


def conversion(event_id: str = "", type: str = "", amount: Optional[money.Amount] = None, currency: str = "",
               transaction_id: str = "", status: Optional[ConversionStatus] = None, reason: str = "",
               fields: Optional[Mapping[str, str]] = None, occurred_at_ms: int = 0, click_id: str = "",
               recipient: str = "") -> feedback_pb2.FeedbackReport:
    """A conversion FeedbackReport, found by event ID or by click ID within a recipient."""
    report = feedback_pb2.FeedbackReport(kind=feedback_pb2.FEEDBACK_KIND_CONVERSION, conversion_type=type,
                                         transaction_id=transaction_id, reason=reason, fields=dict(fields or {}),
                                         occurred_at_ms=occurred_at_ms,
                                         status=cast(common_pb2.ConversionStatus, int(status or 0)))
    _target(report, event_id, click_id, recipient)
    m = money_of(amount, currency)
    if m is not None:
        report.amount.CopyFrom(m)
    return report


def returned(event_id: str = "", reason: str = "", click_id: str = "", recipient: str = "",
             occurred_at_ms: int = 0) -> feedback_pb2.FeedbackReport:
    """A return FeedbackReport."""
    report = feedback_pb2.FeedbackReport(kind=feedback_pb2.FEEDBACK_KIND_RETURN, reason=reason,
                                         occurred_at_ms=occurred_at_ms)
    _target(report, event_id, click_id, recipient)
    return report


def _target(report: feedback_pb2.FeedbackReport, event_id: str, click_id: str, recipient: str) -> None:
    if bool(event_id) == bool(click_id):
        raise ValueError("give exactly one of event_id or click_id (with recipient)")
    if event_id:
        report.event_id = event_id
    else:
        report.click.CopyFrom(feedback_pb2.ClickRef(click_id=click_id, recipient_id=recipient))


def adjustment(kind: AdjustmentKind, conversion_id: str = "", transaction_id: str = "", recipient: str = "",
               type: str = "", attribution_id: str = "", amount: Optional[money.Amount] = None, currency: str = "",
               reason: str = "", occurred_at_ms: int = 0) -> feedback_pb2.AdjustRequest:
    """An AdjustRequest for one conversion: by ID, by transaction ID within a recipient, or by its
    mode key (recipient, type, attribution ID)."""
    req = feedback_pb2.AdjustRequest(kind=cast(feedback_pb2.AdjustmentKind, int(kind)), reason=reason,
                                     occurred_at_ms=occurred_at_ms)
    targets = [bool(conversion_id), bool(transaction_id), bool(type or attribution_id)]
    if sum(targets) != 1:
        raise ValueError("give exactly one of conversion_id, transaction_id (with recipient) or type and attribution_id")
    if conversion_id:
        req.conversion_id = conversion_id
    elif transaction_id:
        req.transaction.CopyFrom(feedback_pb2.TransactionRef(recipient_id=recipient, transaction_id=transaction_id))
    else:
        req.key.CopyFrom(feedback_pb2.ConversionKey(recipient_id=recipient, conversion_type=type,
                                                    attribution_id=attribution_id))
    m = money_of(amount, currency)
    if m is not None:
        req.amount.CopyFrom(m)
    return req


def conversion_filter(recipient: str = "", source: str = "", type: str = "", click_id: str = "", event_id: str = "",
                      statuses: Iterable[ConversionStatus] = (), from_ms: int = 0, to_ms: int = 0,
                      include_test: bool = False) -> conversions_pb2.ConversionFilter:
    """A ConversionFilter; empty values do not filter."""
    return conversions_pb2.ConversionFilter(recipient_id=recipient, source_id=source, conversion_type=type,
                                            click_id=click_id, event_id=event_id,
                                            statuses=[cast(common_pb2.ConversionStatus, int(s)) for s in statuses],
                                            from_ms=from_ms, to_ms=to_ms, include_test=include_test)


def event_filter(outcomes: Iterable[Outcome] = (), recipient: str = "", source: str = "", from_ms: int = 0,
                 to_ms: int = 0) -> events_pb2.EventFilter:
    """An EventFilter; empty values do not filter."""
    return events_pb2.EventFilter(outcomes=[cast(common_pb2.Outcome, int(o)) for o in outcomes], recipient_id=recipient,
                                  source_id=source,
                                  from_ms=from_ms, to_ms=to_ms)


def forwards_request(source: str = "", state: Optional[OutboxState] = None, from_ms: int = 0, to_ms: int = 0,
                     include_attempts: bool = False, page_size: int = 0) -> forwarding_pb2.ListForwardsRequest:
    """A ListForwardsRequest for the first page."""
    return forwarding_pb2.ListForwardsRequest(source_id=source, state=cast(forwarding_pb2.OutboxState, int(state or 0)),
                                              from_ms=from_ms, to_ms=to_ms,
                                              include_attempts=include_attempts, page_size=page_size)


def retry_request(item_id: Optional[int], source: str) -> forwarding_pb2.RetryForwardsRequest:
    """A RetryForwardsRequest for one item or every dead item of a source."""
    if (item_id is None) == (not source):
        raise ValueError("give exactly one of item_id or source")
    return (forwarding_pb2.RetryForwardsRequest(item_id=item_id) if item_id is not None
            else forwarding_pb2.RetryForwardsRequest(source_id=source))



def grouping(group_by: StatsGrouping) -> "conversions_pb2.StatsGrouping":
    """The proto enum value of a StatsGrouping."""
    return cast(conversions_pb2.StatsGrouping, int(group_by))
