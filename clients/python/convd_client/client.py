"""The synchronous convd client: one connection, one call at a time, typed methods per RPC."""
from __future__ import annotations

import socket
from typing import Any, Iterable, Iterator, List, Mapping, Optional, Sequence, TypeVar

from google.protobuf.message import Message

from . import _wire, errors, money
from ._proto.convd.v1 import (conversions_pb2, deliveries_pb2, envelope_pb2, events_pb2, feedback_pb2, forwarding_pb2,
                              recipients_pb2, sources_pb2, system_pb2)
from .enums import AdjustmentKind, ConversionStatus, Outcome, OutboxState, StatsGrouping

M = TypeVar("M", bound=Message)
#: Use the client's default deadline (``Client(timeout=...)``).
DEFAULT: Optional[float] = -1.0


class Client:
    """One connection to convd. Use it as a context manager; not thread-safe (one per thread, or
    :class:`convd_client.aio.AsyncClient` for many calls at once).

    Every unary call has a deadline: ``timeout`` seconds given to the constructor (10 by default),
    or per call; past it the server answers DEADLINE_EXCEEDED, which means nothing was applied.
    """

    def __init__(self, socket_path: Optional[str] = None, timeout: Optional[float] = _wire.DEFAULT_TIMEOUT,
                 connect_timeout: float = 1.0, max_frame: int = _wire.DEFAULT_MAX_FRAME,
                 stream_timeout: Optional[float] = None) -> None:
        """Connects within ``connect_timeout`` seconds to ``socket_path`` (default: as convctl finds
        it). ``stream_timeout``: longest wait for a stream's next part (None: as long as it takes)."""
        self.socket_path = socket_path or _wire.default_socket_path()
        self.timeout = timeout
        self.max_frame = max_frame
        self.stream_timeout = stream_timeout
        self._broken: Optional[str] = None  # why the connection is out of step, once it is
        self._next_id = 1
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.settimeout(connect_timeout)
        try:
            self._sock.connect(self.socket_path)
        except OSError as e:
            self._sock.close()
            raise _wire.unavailable(self.socket_path, f"cannot connect: {e.strerror or e}") from None
        self._sock.settimeout(None)

    def close(self) -> None:
        """Closes the connection."""
        self._sock.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transport -------------------------------------------------------------------------------

    def _send(self, method: str, request: Message, timeout: Optional[float], idempotency_key: str) -> int:
        if self._broken:
            raise _wire.unavailable(self.socket_path, f"connection is unusable ({self._broken}); reconnect")
        call_id = self._next_id
        self._next_id += 1
        self._sock.sendall(_wire.request(call_id, method, request, timeout, idempotency_key))
        return call_id

    def _read_exact(self, n: int) -> bytes:
        chunks, left = [], n
        while left:
            chunk = self._sock.recv(left)
            if not chunk:
                raise _wire.unavailable(self.socket_path, "connection closed")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    def _read_reply(self, call_id: int) -> envelope_pb2.Response:
        while True:
            try:
                n = _wire.frame_length(self._read_exact(4), self.max_frame)
            except errors.ResourceExhaustedError:
                self._broken = "a reply frame was refused"
                raise
            reply = envelope_pb2.Response.FromString(self._read_exact(n))
            if reply.call_id not in (0, call_id):
                continue  # a late part of a stream closed earlier
            _wire.raise_for(reply)
            return reply

    def call(self, method: str, request: Message, response_type: type[M], timeout: Optional[float] = DEFAULT,
             idempotency_key: str = "") -> M:
        """Calls any unary method by its full name (``/convd.v1.Service/Method``) and returns the
        decoded reply. ``idempotency_key``: a retry with the same key gets the first answer."""
        deadline = self.timeout if timeout == DEFAULT else timeout
        call_id = self._send(method, request, deadline, idempotency_key)
        self._sock.settimeout(deadline + _wire.LOCAL_GRACE if deadline else None)
        try:
            reply = self._read_reply(call_id)
        except socket.timeout:
            self._broken = "a reply did not come"
            raise errors.DeadlineExceededError(errors.StatusCode.DEADLINE_EXCEEDED,
                                               f"no reply to {method} from convd within its deadline") from None
        finally:
            self._sock.settimeout(None)
        return response_type.FromString(reply.payload)

    def stream(self, method: str, request: Message, response_type: type[M]) -> Iterator[M]:
        """Calls a server-streaming method at once and returns an iterator of its parts, which
        ends when the server ends the stream. Closing the iterator early cancels the call."""
        call_id = self._send(method, request, None, "")
        return self._parts(call_id, response_type)

    def _parts(self, call_id: int, response_type: type[M]) -> Iterator[M]:
        finished = False
        try:
            while True:
                self._sock.settimeout(self.stream_timeout)
                try:
                    reply = self._read_reply(call_id)
                except socket.timeout:
                    raise errors.DeadlineExceededError(errors.StatusCode.DEADLINE_EXCEEDED,
                                                       f"no stream part within {self.stream_timeout} s") from None
                finally:
                    self._sock.settimeout(None)
                if not reply.more:
                    finished = True
                    return
                yield response_type.FromString(reply.payload)
        finally:
            if not finished and not self._broken:
                try:
                    self._sock.sendall(_wire.cancel(call_id))
                except OSError:
                    pass

    def _pages(self, method: str, req: Message, response_type: type[Message], items: str,
               timeout: Optional[float]) -> Iterator[Any]:
        """Every item of a List method, one page at a time (each page its own call)."""
        while True:
            page = self.call(method, req, response_type, timeout)
            yield from getattr(page, items)
            token = getattr(page, "next_page_token")
            if not token:
                return
            setattr(req, "page_token", token)

    # -- system ----------------------------------------------------------------------------------

    def health(self, timeout: Optional[float] = DEFAULT) -> str:
        """``System/Health``: "SERVING", or "NOT_SERVING" while the daemon drains."""
        return self.call("/convd.v1.System/Health", system_pb2.HealthRequest(), system_pb2.HealthResponse, timeout).status

    def info(self, timeout: Optional[float] = DEFAULT) -> system_pb2.InfoResponse:
        """``System/Info``: version, methods, uptime, paths and counters."""
        return self.call("/convd.v1.System/Info", system_pb2.InfoRequest(), system_pb2.InfoResponse, timeout)

    def metrics(self, timeout: Optional[float] = DEFAULT) -> str:
        """``System/Metrics``: every metric in the Prometheus text format."""
        return self.call("/convd.v1.System/Metrics", system_pb2.MetricsRequest(), system_pb2.MetricsResponse, timeout).text

    def backup(self, path: str, timeout: Optional[float] = 3600.0) -> system_pb2.BackupResponse:
        """``System/Backup`` (admin): the daemon copies its database to ``path`` (absolute, on its host,
        not existing) while writes go on; restore with ``convd --restore PATH``."""
        return self.call("/convd.v1.System/Backup", system_pb2.BackupRequest(path=path), system_pb2.BackupResponse, timeout)

    # -- recipients and sources ------------------------------------------------------------------

    def put_recipient(self, recipient: recipients_pb2.Recipient, update_fields: Sequence[str] = (),
                      expected_updated_at_ms: int = 0, timeout: Optional[float] = DEFAULT,
                      idempotency_key: str = "") -> recipients_pb2.PutRecipientResponse:
        """Creates or replaces a recipient; with ``update_fields``, changes only those fields;
        with ``expected_updated_at_ms``, only if nobody changed it since (else AbortedError)."""
        req = recipients_pb2.PutRecipientRequest(recipient=recipient, update_fields=list(update_fields),
                                                 expected_updated_at_ms=expected_updated_at_ms)
        return self.call("/convd.v1.Recipients/Put", req, recipients_pb2.PutRecipientResponse, timeout, idempotency_key)

    def get_recipient(self, id: str, timeout: Optional[float] = DEFAULT) -> recipients_pb2.Recipient:
        """The recipient ``id``; NotFoundError when there is none."""
        return self.call("/convd.v1.Recipients/Get", recipients_pb2.GetRecipientRequest(id=id),
                         recipients_pb2.GetRecipientResponse, timeout).recipient

    def recipients(self, include_archived: bool = False, page_size: int = 0,
                   timeout: Optional[float] = DEFAULT) -> Iterator[recipients_pb2.Recipient]:
        """Every recipient, ordered by ID, fetched a page at a time."""
        req = recipients_pb2.ListRecipientsRequest(page_size=page_size, include_archived=include_archived)
        return self._pages("/convd.v1.Recipients/List", req, recipients_pb2.ListRecipientsResponse, "recipients", timeout)

    def delete_recipient(self, id: str, timeout: Optional[float] = DEFAULT,
                         idempotency_key: str = "") -> recipients_pb2.DeleteRecipientResponse:
        """Deletes a recipient with no history; archives one with history (``reply.archived``)."""
        return self.call("/convd.v1.Recipients/Delete", recipients_pb2.DeleteRecipientRequest(id=id),
                         recipients_pb2.DeleteRecipientResponse, timeout, idempotency_key)

    def restore_recipient(self, id: str, timeout: Optional[float] = DEFAULT) -> recipients_pb2.Recipient:
        """Brings an archived recipient back."""
        return self.call("/convd.v1.Recipients/Restore", recipients_pb2.RestoreRecipientRequest(id=id),
                         recipients_pb2.RestoreRecipientResponse, timeout).recipient

    def put_source(self, source: sources_pb2.Source, update_fields: Sequence[str] = (), expected_updated_at_ms: int = 0,
                   timeout: Optional[float] = DEFAULT, idempotency_key: str = "") -> sources_pb2.PutSourceResponse:
        """Creates or replaces a source; ``update_fields`` and ``expected_updated_at_ms`` as for recipients."""
        req = sources_pb2.PutSourceRequest(source=source, update_fields=list(update_fields),
                                           expected_updated_at_ms=expected_updated_at_ms)
        return self.call("/convd.v1.Sources/Put", req, sources_pb2.PutSourceResponse, timeout, idempotency_key)

    def get_source(self, id: str, timeout: Optional[float] = DEFAULT) -> sources_pb2.Source:
        """The source ``id``; NotFoundError when there is none."""
        return self.call("/convd.v1.Sources/Get", sources_pb2.GetSourceRequest(id=id), sources_pb2.GetSourceResponse,
                         timeout).source

    def sources(self, include_archived: bool = False, page_size: int = 0,
                timeout: Optional[float] = DEFAULT) -> Iterator[sources_pb2.Source]:
        """Every source, ordered by ID, fetched a page at a time."""
        req = sources_pb2.ListSourcesRequest(page_size=page_size, include_archived=include_archived)
        return self._pages("/convd.v1.Sources/List", req, sources_pb2.ListSourcesResponse, "sources", timeout)

    def delete_source(self, id: str, timeout: Optional[float] = DEFAULT,
                      idempotency_key: str = "") -> sources_pb2.DeleteSourceResponse:
        """Deletes a source with no history; archives one with history (``reply.archived``)."""
        return self.call("/convd.v1.Sources/Delete", sources_pb2.DeleteSourceRequest(id=id),
                         sources_pb2.DeleteSourceResponse, timeout, idempotency_key)

    def restore_source(self, id: str, timeout: Optional[float] = DEFAULT) -> sources_pb2.Source:
        """Brings an archived source back."""
        return self.call("/convd.v1.Sources/Restore", sources_pb2.RestoreSourceRequest(id=id),
                         sources_pb2.RestoreSourceResponse, timeout).source

    # -- deliveries and feedback -----------------------------------------------------------------

    def record_delivery(self, delivery: Optional[deliveries_pb2.Delivery] = None, *, event_id: str = "",
                        recipient: str = "", source: str = "", click_id: str = "",
                        lead: Optional[Mapping[str, str]] = None, test: bool = False, delivered_at_ms: int = 0,
                        cost: Optional[money.Amount] = None, cost_currency: str = "",
                        timeout: Optional[float] = DEFAULT, idempotency_key: str = "") -> deliveries_pb2.Delivery:
        """Records a delivered lead, as a Delivery message or by keywords; the same event ID twice is one delivery."""
        d = delivery or _wire.delivery(event_id, recipient, source, click_id, lead, test, delivered_at_ms, cost, cost_currency)
        return self.call("/convd.v1.Deliveries/Record", deliveries_pb2.RecordDeliveryRequest(delivery=d),
                         deliveries_pb2.RecordDeliveryResponse, timeout, idempotency_key).delivery

    def get_delivery(self, event_id: str, timeout: Optional[float] = DEFAULT) -> deliveries_pb2.Delivery:
        """The delivery with this event ID; NotFoundError when there is none."""
        return self.call("/convd.v1.Deliveries/Get", deliveries_pb2.GetDeliveryRequest(event_id=event_id),
                         deliveries_pb2.GetDeliveryResponse, timeout).delivery

    def adjust_cost(self, event_id: str, cost: Optional[money.Amount] = None, currency: str = "", reason: str = "",
                    timeout: Optional[float] = DEFAULT, idempotency_key: str = "") -> deliveries_pb2.AdjustCostResponse:
        """``Deliveries/AdjustCost``: corrects what a lead cost (``cost=None`` removes it), kept in its cost history."""
        req = deliveries_pb2.AdjustCostRequest(event_id=event_id, reason=reason, remove=cost is None)
        m = _wire.money_of(cost, currency)
        if m is not None:
            req.cost.CopyFrom(m)
        return self.call("/convd.v1.Deliveries/AdjustCost", req, deliveries_pb2.AdjustCostResponse, timeout, idempotency_key)

    def retract_return(self, event_id: str, reason: str = "", timeout: Optional[float] = DEFAULT,
                       idempotency_key: str = "") -> deliveries_pb2.DeliveryReturn:
        """``Returns/Retract``: takes back a return; it frees its place under the cap and credits nothing."""
        req = deliveries_pb2.RetractReturnRequest(event_id=event_id, reason=reason)
        return (self.call("/convd.v1.Returns/Retract", req, deliveries_pb2.RetractReturnResponse, timeout,
                               idempotency_key)).return_info

    def statement(self, source: str, month: str, *, tz: str = "", detail: bool = False,
                  timeout: Optional[float] = DEFAULT) -> sources_pb2.StatementResponse:
        """``Sources/Statement``: a source's monthly vendor statement (lines, prior-period lines, what is
        owed); with ``detail`` every lead of the month, all pages fetched into ``details``."""
        req = sources_pb2.StatementRequest(source_id=source, month=month, time_zone=tz, detail=detail, page_size=1000)
        first: sources_pb2.StatementResponse = self.call("/convd.v1.Sources/Statement", req, sources_pb2.StatementResponse, timeout)
        page = first
        while page.next_page_token:
            req.page_token = page.next_page_token
            page = self.call("/convd.v1.Sources/Statement", req, sources_pb2.StatementResponse, timeout)
            first.details.extend(page.details)
        first.next_page_token = ""
        return first

    def close_month(self, source: str, month: str, *, tz: str = "", timeout: Optional[float] = DEFAULT,
                    idempotency_key: str = "") -> sources_pb2.StatementResponse:
        """``Sources/CloseMonth`` (admin): closes an ended month; returns its final statement."""
        req = sources_pb2.CloseMonthRequest(source_id=source, month=month, time_zone=tz)
        return (self.call("/convd.v1.Sources/CloseMonth", req, sources_pb2.CloseMonthResponse, timeout,
                          idempotency_key)).statement

    def erase_deliveries(self, event_id: str = "", email: str = "",
                         timeout: Optional[float] = DEFAULT) -> deliveries_pb2.EraseDeliveriesResponse:
        """``Deliveries/Erase`` (admin): erases the personal data of one delivery or of every delivery of
        an email (GDPR), keeping conversions and money. Give exactly one of the two."""
        if bool(event_id) == bool(email):
            raise ValueError("give event_id or email, not both")
        req = deliveries_pb2.EraseDeliveriesRequest(event_id=event_id) if event_id else deliveries_pb2.EraseDeliveriesRequest(email=email)
        return self.call("/convd.v1.Deliveries/Erase", req, deliveries_pb2.EraseDeliveriesResponse, timeout)

    def record_feedback(self, feedback: feedback_pb2.FeedbackReport, timeout: Optional[float] = DEFAULT,
                        idempotency_key: str = "") -> feedback_pb2.FeedbackResult:
        """Records one FeedbackReport as given (see :meth:`record_conversion` for keywords)."""
        return self.call("/convd.v1.Feedback/Record", feedback_pb2.RecordFeedbackRequest(feedback=feedback),
                         feedback_pb2.RecordFeedbackResponse, timeout, idempotency_key).result

    def record_conversion(self, *, type: str, event_id: str = "", click_id: str = "", recipient: str = "",
                          amount: Optional[money.Amount] = None, currency: str = "", transaction_id: str = "",
                          status: Optional[ConversionStatus] = None, reason: str = "",
                          fields: Optional[Mapping[str, str]] = None, occurred_at_ms: int = 0,
                          timeout: Optional[float] = DEFAULT, idempotency_key: str = "") -> feedback_pb2.FeedbackResult:
        """Reports a conversion of ``type`` for the lead with ``event_id`` (or ``click_id`` within
        ``recipient``). ``amount`` is a Decimal or decimal string in ``currency``, converted exactly
        (``Decimal("12.50")``, "EUR" is 1250 minor units); ``result.outcome`` says what it did."""
        report = _wire.conversion(event_id, type, amount, currency, transaction_id, status, reason, fields,
                                  occurred_at_ms, click_id, recipient)
        return self.record_feedback(report, timeout, idempotency_key)

    def record_return(self, *, reason: str, event_id: str = "", click_id: str = "", recipient: str = "",
                      occurred_at_ms: int = 0, timeout: Optional[float] = DEFAULT,
                      idempotency_key: str = "") -> feedback_pb2.FeedbackResult:
        """Reports that the lead was returned, with ``reason`` (checked against the recipient's list)."""
        return self.record_feedback(_wire.returned(event_id, reason, click_id, recipient, occurred_at_ms),
                                    timeout, idempotency_key)

    def record_feedback_batch(self, items: Iterable[feedback_pb2.FeedbackReport], timeout: Optional[float] = DEFAULT,
                              idempotency_key: str = "") -> List[feedback_pb2.FeedbackResult]:
        """Records up to 1,000 reports in one transaction; each has its own result (a refused one
        has ``outcome == Outcome.FAILED`` and its ``status``)."""
        return list(self.call("/convd.v1.Feedback/RecordBatch", feedback_pb2.RecordFeedbackBatchRequest(items=list(items)),
                              feedback_pb2.RecordFeedbackBatchResponse, timeout, idempotency_key).results)

    def adjust(self, request: Optional[feedback_pb2.AdjustRequest] = None, *,
               kind: AdjustmentKind = AdjustmentKind.UNSPECIFIED, conversion_id: str = "", transaction_id: str = "",
               recipient: str = "", type: str = "", attribution_id: str = "", amount: Optional[money.Amount] = None,
               currency: str = "", reason: str = "", occurred_at_ms: int = 0, timeout: Optional[float] = DEFAULT,
               idempotency_key: str = "") -> feedback_pb2.FeedbackResult:
        """Corrects a conversion: RETRACT, RESTATE (to ``amount``), APPROVE or REJECT it, found by
        ``conversion_id``, by ``transaction_id`` within ``recipient`` (one instalment of an
        INCREMENT conversion), or by ``type`` and ``attribution_id`` within ``recipient``."""
        req = request or _wire.adjustment(kind, conversion_id, transaction_id, recipient, type, attribution_id,
                                          amount, currency, reason, occurred_at_ms)
        return self.call("/convd.v1.Feedback/Adjust", req, feedback_pb2.AdjustResponse, timeout, idempotency_key).result

    def retract(self, conversion_id: str, reason: str = "", timeout: Optional[float] = DEFAULT,
                idempotency_key: str = "") -> feedback_pb2.FeedbackResult:
        """Retracts a conversion (a charge-back): ``adjust(kind=AdjustmentKind.RETRACT, ...)``."""
        return self.adjust(kind=AdjustmentKind.RETRACT, conversion_id=conversion_id, reason=reason, timeout=timeout,
                           idempotency_key=idempotency_key)

    # -- queries ---------------------------------------------------------------------------------

    def get_conversion(self, id: str, timeout: Optional[float] = DEFAULT) -> conversions_pb2.Conversion:
        """A conversion with its version history and instalments."""
        return self.call("/convd.v1.Conversions/Get", conversions_pb2.GetConversionRequest(id=id),
                         conversions_pb2.GetConversionResponse, timeout).conversion

    def conversions(self, *, recipient: str = "", source: str = "", type: str = "", click_id: str = "",
                    event_id: str = "", statuses: Iterable[ConversionStatus] = (), from_ms: int = 0, to_ms: int = 0,
                    include_test: bool = False, page_size: int = 0,
                    timeout: Optional[float] = DEFAULT) -> Iterator[conversions_pb2.Conversion]:
        """Every conversion matching the filter, oldest first, fetched a page at a time."""
        f = _wire.conversion_filter(recipient, source, type, click_id, event_id, statuses, from_ms, to_ms, include_test)
        req = conversions_pb2.ListConversionsRequest(filter=f, page_size=page_size)
        return self._pages("/convd.v1.Conversions/List", req, conversions_pb2.ListConversionsResponse, "conversions", timeout)

    def stats(self, group_by: StatsGrouping = StatsGrouping.UNSPECIFIED, *, then_by: StatsGrouping = StatsGrouping.UNSPECIFIED,
              tz: str = "", recipient: str = "", source: str = "", type: str = "", from_ms: int = 0, to_ms: int = 0,
              include_test: bool = False, timeout: Optional[float] = DEFAULT) -> List[conversions_pb2.StatsRow]:
        """Deliveries, conversions, values per currency, returns, cost and rates, one row per group
        (``then_by`` a second level, named in each row's ``subgroup``); days, weeks and months in
        the IANA zone ``tz`` (UTC when empty)."""
        f = _wire.conversion_filter(recipient, source, type, from_ms=from_ms, to_ms=to_ms, include_test=include_test)
        req = conversions_pb2.StatsRequest(filter=f, group_by=_wire.grouping(group_by), then_by=_wire.grouping(then_by), time_zone=tz)
        return list(self.call("/convd.v1.Conversions/Stats", req, conversions_pb2.StatsResponse, timeout).rows)

    def events(self, *, outcomes: Iterable[Outcome] = (), recipient: str = "", source: str = "", from_ms: int = 0,
               to_ms: int = 0, page_size: int = 0,
               timeout: Optional[float] = DEFAULT) -> Iterator[events_pb2.FeedbackEvent]:
        """Every feedback event matching the filter, in order, fetched a page at a time."""
        req = events_pb2.ListEventsRequest(filter=_wire.event_filter(outcomes, recipient, source, from_ms, to_ms),
                                           page_size=page_size)
        return self._pages("/convd.v1.Events/List", req, events_pb2.ListEventsResponse, "events", timeout)

    def watch_events(self, *, after_seq: int = 0, outcomes: Iterable[Outcome] = (), recipient: str = "",
                     source: str = "") -> Iterator[events_pb2.FeedbackEvent]:
        """Each feedback event after ``after_seq`` as it is committed, without end; close the
        iterator (or leave a ``with closing(...)`` block) to cancel the watch."""
        req = events_pb2.WatchEventsRequest(filter=_wire.event_filter(outcomes, recipient, source), after_seq=after_seq)
        for part in self.stream("/convd.v1.Events/Watch", req, events_pb2.WatchEventsResponse):
            yield part.event

    def forwards(self, *, source: str = "", state: Optional[OutboxState] = None, from_ms: int = 0, to_ms: int = 0,
                 include_attempts: bool = False, page_size: int = 0,
                 timeout: Optional[float] = DEFAULT) -> Iterator[forwarding_pb2.OutboxItem]:
        """Every forward (outbox item) matching the filter, fetched a page at a time."""
        req = _wire.forwards_request(source, state, from_ms, to_ms, include_attempts, page_size)
        return self._pages("/convd.v1.Forwarding/List", req, forwarding_pb2.ListForwardsResponse, "items", timeout)

    def retry_forwards(self, *, item_id: Optional[int] = None, source: str = "",
                       timeout: Optional[float] = DEFAULT) -> int:
        """Sends dead forwards again: one item, or every dead item of ``source``; returns how many."""
        return self.call("/convd.v1.Forwarding/Retry", _wire.retry_request(item_id, source),
                         forwarding_pb2.RetryForwardsResponse, timeout).retried
