"""The asyncio convd client: one connection, calls pipelined on it and matched by call_id, so any
number of tasks may call at once. The same methods as :class:`convd_client.Client`, awaited."""
from __future__ import annotations

import asyncio
from typing import AsyncIterator, Dict, Iterable, List, Mapping, Optional, Sequence, TypeVar, Union

from google.protobuf.message import Message

from . import _wire, errors, money
from ._proto.convd.v1 import (conversions_pb2, deliveries_pb2, envelope_pb2, events_pb2, feedback_pb2, forwarding_pb2,
                              recipients_pb2, sources_pb2, system_pb2)
from .client import DEFAULT
from .enums import AdjustmentKind, ConversionStatus, Outcome, OutboxState, StatsGrouping

M = TypeVar("M", bound=Message)
_Reply = Union[envelope_pb2.Response, BaseException]


class Stream(AsyncIterator[M]):
    """The parts of a server-streaming call as an async iterator. Leaving ``async with`` (or
    ``aclose()``) cancels the call on the server; the iterator also ends when the server ends it."""

    def __init__(self, client: "AsyncClient", call_id: int, response_type: type[M]) -> None:
        self._client = client
        self._call_id = call_id
        self._type = response_type
        self._queue: "asyncio.Queue[_Reply]" = asyncio.Queue()
        self._done = False

    def _deliver(self, reply: _Reply) -> None:
        self._queue.put_nowait(reply)

    def __aiter__(self) -> "Stream[M]":
        return self

    async def __anext__(self) -> M:
        if self._done:
            raise StopAsyncIteration
        reply = await self._queue.get()
        if isinstance(reply, BaseException):
            self._finish()
            raise reply
        if not reply.more:
            self._finish()
            raise StopAsyncIteration
        return self._type.FromString(reply.payload)

    def _finish(self) -> None:
        self._done = True
        self._client._streams.pop(self._call_id, None)

    async def aclose(self) -> None:
        """Cancels the call on the server unless it has ended already."""
        if not self._done:
            self._finish()
            await self._client._write(_wire.cancel(self._call_id))

    async def __aenter__(self) -> "Stream[M]":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


class AsyncClient:
    """One pipelined connection to convd: ``async with await AsyncClient.connect() as c``.

    Calls from many tasks share the connection; each unary call has a deadline (``timeout``
    seconds, 10 by default, or per call), and cancelling the awaiting task cancels the call on the
    server (a write already started is still applied: see PROTOCOL.md).
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, socket_path: str,
                 timeout: Optional[float], max_frame: int) -> None:
        """Use :meth:`connect`."""
        self.socket_path = socket_path
        self.timeout = timeout
        self.max_frame = max_frame
        self._reader = reader
        self._writer = writer
        self._next_id = 1
        self._unary: Dict[int, "asyncio.Future[envelope_pb2.Response]"] = {}
        self._streams: Dict[int, Stream[Message]] = {}
        self._closed: Optional[BaseException] = None
        self._pump = asyncio.get_running_loop().create_task(self._read_replies())

    @classmethod
    async def connect(cls, socket_path: Optional[str] = None, timeout: Optional[float] = _wire.DEFAULT_TIMEOUT,
                      connect_timeout: float = 1.0, max_frame: int = _wire.DEFAULT_MAX_FRAME) -> "AsyncClient":
        """Connects within ``connect_timeout`` seconds to ``socket_path`` (default: as convctl finds it)."""
        path = socket_path or _wire.default_socket_path()
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_unix_connection(path, limit=max_frame + 4),
                                                    connect_timeout)
        except (OSError, asyncio.TimeoutError) as e:
            raise _wire.unavailable(path, f"cannot connect: {getattr(e, 'strerror', None) or e or 'timed out'}") from None
        return cls(reader, writer, path, timeout, max_frame)

    async def close(self) -> None:
        """Closes the connection; calls still waiting fail with UnavailableError."""
        self._fail_all(_wire.unavailable(self.socket_path, "connection closed by the client"))
        self._pump.cancel()
        self._writer.close()
        try:
            await self._writer.wait_closed()
        except OSError:
            pass

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # -- transport -------------------------------------------------------------------------------

    async def _read_replies(self) -> None:
        try:
            while True:
                n = _wire.frame_length(await self._reader.readexactly(4), self.max_frame)
                reply = envelope_pb2.Response.FromString(await self._reader.readexactly(n))
                if reply.call_id == 0:  # about the connection: the server closes it next
                    try:
                        _wire.raise_for(reply)
                    except errors.ConvdError as e:
                        self._fail_all(e)
                    continue
                if reply.call_id in self._unary:
                    future = self._unary.pop(reply.call_id)
                    if not future.done():
                        future.set_result(reply)
                elif reply.call_id in self._streams:
                    self._streams[reply.call_id]._deliver(reply)
        except asyncio.IncompleteReadError:
            self._fail_all(_wire.unavailable(self.socket_path, "connection closed"))
        except errors.ConvdError as e:
            self._fail_all(e)
        except OSError as e:
            self._fail_all(_wire.unavailable(self.socket_path, str(e)))

    def _fail_all(self, error: BaseException) -> None:
        self._closed = self._closed or error
        for future in self._unary.values():
            if not future.done():
                future.set_exception(error)
        self._unary.clear()
        for stream in list(self._streams.values()):
            stream._deliver(error)

    async def _write(self, data: bytes) -> None:
        self._writer.write(data)
        await self._writer.drain()

    def _claim_id(self) -> int:
        if self._closed is not None:
            raise _wire.unavailable(self.socket_path, f"connection is unusable ({self._closed}); reconnect")
        call_id = self._next_id
        self._next_id += 1
        return call_id

    async def call(self, method: str, request: Message, response_type: type[M], timeout: Optional[float] = DEFAULT,
                   idempotency_key: str = "") -> M:
        """Calls any unary method by its full name and returns the decoded reply."""
        deadline = self.timeout if timeout == DEFAULT else timeout
        call_id = self._claim_id()
        future: "asyncio.Future[envelope_pb2.Response]" = asyncio.get_running_loop().create_future()
        self._unary[call_id] = future
        try:
            await self._write(_wire.request(call_id, method, request, deadline, idempotency_key))
            reply = await asyncio.wait_for(asyncio.shield(future), deadline + _wire.LOCAL_GRACE if deadline else None)
        except asyncio.TimeoutError:
            self._unary.pop(call_id, None)
            raise errors.DeadlineExceededError(errors.StatusCode.DEADLINE_EXCEEDED,
                                               f"no reply to {method} from convd within its deadline") from None
        except asyncio.CancelledError:
            if self._unary.pop(call_id, None) is not None and self._closed is None:
                self._writer.write(_wire.cancel(call_id))
            raise
        _wire.raise_for(reply)
        return response_type.FromString(reply.payload)

    async def stream(self, method: str, request: Message, response_type: type[M]) -> Stream[M]:
        """Calls a server-streaming method at once; returns its parts as a :class:`Stream`."""
        call_id = self._claim_id()
        stream: Stream[M] = Stream(self, call_id, response_type)
        self._streams[call_id] = stream  # type: ignore[assignment]
        await self._write(_wire.request(call_id, method, request, None, ""))
        return stream

    async def _pages(self, method: str, req: M, response_type: type[Message], items: str,
                     timeout: Optional[float]) -> AsyncIterator[Message]:
        while True:
            page = await self.call(method, req, response_type, timeout)
            for item in getattr(page, items):
                yield item
            token = getattr(page, "next_page_token")
            if not token:
                return
            setattr(req, "page_token", token)

    # -- system ----------------------------------------------------------------------------------

    async def health(self, timeout: Optional[float] = DEFAULT) -> str:
        """``System/Health``: "SERVING", or "NOT_SERVING" while the daemon drains."""
        return (await self.call("/convd.v1.System/Health", system_pb2.HealthRequest(), system_pb2.HealthResponse,
                                timeout)).status

    async def info(self, timeout: Optional[float] = DEFAULT) -> system_pb2.InfoResponse:
        """``System/Info``: version, methods, uptime, paths and counters."""
        return await self.call("/convd.v1.System/Info", system_pb2.InfoRequest(), system_pb2.InfoResponse, timeout)

    async def metrics(self, timeout: Optional[float] = DEFAULT) -> str:
        """``System/Metrics``: every metric in the Prometheus text format."""
        return (await self.call("/convd.v1.System/Metrics", system_pb2.MetricsRequest(), system_pb2.MetricsResponse,
                                timeout)).text

    async def backup(self, path: str, timeout: Optional[float] = 3600.0) -> system_pb2.BackupResponse:
        """``System/Backup`` (admin): the daemon copies its database to ``path`` (absolute, on its host,
        not existing) while writes go on; restore with ``convd --restore PATH``."""
        return await self.call("/convd.v1.System/Backup", system_pb2.BackupRequest(path=path), system_pb2.BackupResponse, timeout)

    # -- recipients and sources ------------------------------------------------------------------

    async def put_recipient(self, recipient: recipients_pb2.Recipient, update_fields: Sequence[str] = (),
                            expected_updated_at_ms: int = 0, timeout: Optional[float] = DEFAULT,
                            idempotency_key: str = "") -> recipients_pb2.PutRecipientResponse:
        """Creates or replaces a recipient (see :meth:`convd_client.Client.put_recipient`)."""
        req = recipients_pb2.PutRecipientRequest(recipient=recipient, update_fields=list(update_fields),
                                                 expected_updated_at_ms=expected_updated_at_ms)
        return await self.call("/convd.v1.Recipients/Put", req, recipients_pb2.PutRecipientResponse, timeout,
                               idempotency_key)

    async def get_recipient(self, id: str, timeout: Optional[float] = DEFAULT) -> recipients_pb2.Recipient:
        """The recipient ``id``; NotFoundError when there is none."""
        return (await self.call("/convd.v1.Recipients/Get", recipients_pb2.GetRecipientRequest(id=id),
                                recipients_pb2.GetRecipientResponse, timeout)).recipient

    def recipients(self, include_archived: bool = False, page_size: int = 0,
                   timeout: Optional[float] = DEFAULT) -> AsyncIterator[recipients_pb2.Recipient]:
        """Every recipient, ordered by ID, fetched a page at a time."""
        req = recipients_pb2.ListRecipientsRequest(page_size=page_size, include_archived=include_archived)
        return self._pages("/convd.v1.Recipients/List", req, recipients_pb2.ListRecipientsResponse, "recipients",
                           timeout)  # type: ignore[return-value]

    async def delete_recipient(self, id: str, timeout: Optional[float] = DEFAULT,
                               idempotency_key: str = "") -> recipients_pb2.DeleteRecipientResponse:
        """Deletes a recipient with no history; archives one with history (``reply.archived``)."""
        return await self.call("/convd.v1.Recipients/Delete", recipients_pb2.DeleteRecipientRequest(id=id),
                               recipients_pb2.DeleteRecipientResponse, timeout, idempotency_key)

    async def restore_recipient(self, id: str, timeout: Optional[float] = DEFAULT) -> recipients_pb2.Recipient:
        """Brings an archived recipient back."""
        return (await self.call("/convd.v1.Recipients/Restore", recipients_pb2.RestoreRecipientRequest(id=id),
                                recipients_pb2.RestoreRecipientResponse, timeout)).recipient

    async def put_source(self, source: sources_pb2.Source, update_fields: Sequence[str] = (),
                         expected_updated_at_ms: int = 0, timeout: Optional[float] = DEFAULT,
                         idempotency_key: str = "") -> sources_pb2.PutSourceResponse:
        """Creates or replaces a source (see :meth:`convd_client.Client.put_source`)."""
        req = sources_pb2.PutSourceRequest(source=source, update_fields=list(update_fields),
                                           expected_updated_at_ms=expected_updated_at_ms)
        return await self.call("/convd.v1.Sources/Put", req, sources_pb2.PutSourceResponse, timeout, idempotency_key)

    async def get_source(self, id: str, timeout: Optional[float] = DEFAULT) -> sources_pb2.Source:
        """The source ``id``; NotFoundError when there is none."""
        return (await self.call("/convd.v1.Sources/Get", sources_pb2.GetSourceRequest(id=id),
                                sources_pb2.GetSourceResponse, timeout)).source

    def sources(self, include_archived: bool = False, page_size: int = 0,
                timeout: Optional[float] = DEFAULT) -> AsyncIterator[sources_pb2.Source]:
        """Every source, ordered by ID, fetched a page at a time."""
        req = sources_pb2.ListSourcesRequest(page_size=page_size, include_archived=include_archived)
        return self._pages("/convd.v1.Sources/List", req, sources_pb2.ListSourcesResponse, "sources",
                           timeout)  # type: ignore[return-value]

    async def delete_source(self, id: str, timeout: Optional[float] = DEFAULT,
                            idempotency_key: str = "") -> sources_pb2.DeleteSourceResponse:
        """Deletes a source with no history; archives one with history (``reply.archived``)."""
        return await self.call("/convd.v1.Sources/Delete", sources_pb2.DeleteSourceRequest(id=id),
                               sources_pb2.DeleteSourceResponse, timeout, idempotency_key)

    async def restore_source(self, id: str, timeout: Optional[float] = DEFAULT) -> sources_pb2.Source:
        """Brings an archived source back."""
        return (await self.call("/convd.v1.Sources/Restore", sources_pb2.RestoreSourceRequest(id=id),
                                sources_pb2.RestoreSourceResponse, timeout)).source

    # -- deliveries and feedback -----------------------------------------------------------------

    async def record_delivery(self, delivery: Optional[deliveries_pb2.Delivery] = None, *, event_id: str = "",
                              recipient: str = "", source: str = "", click_id: str = "",
                              lead: Optional[Mapping[str, str]] = None, test: bool = False, delivered_at_ms: int = 0,
                        cost: Optional[money.Amount] = None, cost_currency: str = "",
                              timeout: Optional[float] = DEFAULT,
                              idempotency_key: str = "") -> deliveries_pb2.Delivery:
        """Records a delivered lead, as a Delivery message or by keywords."""
        d = delivery or _wire.delivery(event_id, recipient, source, click_id, lead, test, delivered_at_ms, cost, cost_currency)
        return (await self.call("/convd.v1.Deliveries/Record", deliveries_pb2.RecordDeliveryRequest(delivery=d),
                                deliveries_pb2.RecordDeliveryResponse, timeout, idempotency_key)).delivery

    async def get_delivery(self, event_id: str, timeout: Optional[float] = DEFAULT) -> deliveries_pb2.Delivery:
        """The delivery with this event ID; NotFoundError when there is none."""
        return (await self.call("/convd.v1.Deliveries/Get", deliveries_pb2.GetDeliveryRequest(event_id=event_id),
                                deliveries_pb2.GetDeliveryResponse, timeout)).delivery

    async def adjust_cost(self, event_id: str, cost: Optional[money.Amount] = None, currency: str = "", reason: str = "",
                    timeout: Optional[float] = DEFAULT, idempotency_key: str = "") -> deliveries_pb2.AdjustCostResponse:
        """``Deliveries/AdjustCost``: corrects what a lead cost (``cost=None`` removes it), kept in its cost history."""
        req = deliveries_pb2.AdjustCostRequest(event_id=event_id, reason=reason, remove=cost is None)
        m = _wire.money_of(cost, currency)
        if m is not None:
            req.cost.CopyFrom(m)
        return await self.call("/convd.v1.Deliveries/AdjustCost", req, deliveries_pb2.AdjustCostResponse, timeout, idempotency_key)

    async def retract_return(self, event_id: str, reason: str = "", timeout: Optional[float] = DEFAULT,
                       idempotency_key: str = "") -> deliveries_pb2.DeliveryReturn:
        """``Returns/Retract``: takes back a return; it frees its place under the cap and credits nothing."""
        req = deliveries_pb2.RetractReturnRequest(event_id=event_id, reason=reason)
        return (await self.call("/convd.v1.Returns/Retract", req, deliveries_pb2.RetractReturnResponse, timeout,
                               idempotency_key)).return_info

    async def statement(self, source: str, month: str, *, tz: str = "", detail: bool = False,
                        timeout: Optional[float] = DEFAULT) -> sources_pb2.StatementResponse:
        """As ``Client.statement``: the month's statement, every detail page fetched."""
        req = sources_pb2.StatementRequest(source_id=source, month=month, time_zone=tz, detail=detail, page_size=1000)
        first: sources_pb2.StatementResponse = await self.call("/convd.v1.Sources/Statement", req, sources_pb2.StatementResponse, timeout)
        page = first
        while page.next_page_token:
            req.page_token = page.next_page_token
            page = await self.call("/convd.v1.Sources/Statement", req, sources_pb2.StatementResponse, timeout)
            first.details.extend(page.details)
        first.next_page_token = ""
        return first

    async def close_month(self, source: str, month: str, *, tz: str = "", timeout: Optional[float] = DEFAULT,
                          idempotency_key: str = "") -> sources_pb2.StatementResponse:
        """As ``Client.close_month``: closes an ended month; returns its final statement."""
        req = sources_pb2.CloseMonthRequest(source_id=source, month=month, time_zone=tz)
        return (await self.call("/convd.v1.Sources/CloseMonth", req, sources_pb2.CloseMonthResponse, timeout,
                                idempotency_key)).statement

    async def erase_deliveries(self, event_id: str = "", email: str = "",
                         timeout: Optional[float] = DEFAULT) -> deliveries_pb2.EraseDeliveriesResponse:
        """``Deliveries/Erase`` (admin): erases the personal data of one delivery or of every delivery of
        an email (GDPR), keeping conversions and money. Give exactly one of the two."""
        if bool(event_id) == bool(email):
            raise ValueError("give event_id or email, not both")
        req = deliveries_pb2.EraseDeliveriesRequest(event_id=event_id) if event_id else deliveries_pb2.EraseDeliveriesRequest(email=email)
        return await self.call("/convd.v1.Deliveries/Erase", req, deliveries_pb2.EraseDeliveriesResponse, timeout)

    async def record_feedback(self, feedback: feedback_pb2.FeedbackReport, timeout: Optional[float] = DEFAULT,
                              idempotency_key: str = "") -> feedback_pb2.FeedbackResult:
        """Records one FeedbackReport as given."""
        return (await self.call("/convd.v1.Feedback/Record", feedback_pb2.RecordFeedbackRequest(feedback=feedback),
                                feedback_pb2.RecordFeedbackResponse, timeout, idempotency_key)).result

    async def record_conversion(self, *, type: str, event_id: str = "", click_id: str = "", recipient: str = "",
                                amount: Optional[money.Amount] = None, currency: str = "", transaction_id: str = "",
                                status: Optional[ConversionStatus] = None, reason: str = "",
                                fields: Optional[Mapping[str, str]] = None, occurred_at_ms: int = 0,
                                timeout: Optional[float] = DEFAULT,
                                idempotency_key: str = "") -> feedback_pb2.FeedbackResult:
        """Reports a conversion (see :meth:`convd_client.Client.record_conversion`)."""
        report = _wire.conversion(event_id, type, amount, currency, transaction_id, status, reason, fields,
                                  occurred_at_ms, click_id, recipient)
        return await self.record_feedback(report, timeout, idempotency_key)

    async def record_return(self, *, reason: str, event_id: str = "", click_id: str = "", recipient: str = "",
                            occurred_at_ms: int = 0, timeout: Optional[float] = DEFAULT,
                            idempotency_key: str = "") -> feedback_pb2.FeedbackResult:
        """Reports that the lead was returned, with ``reason``."""
        return await self.record_feedback(_wire.returned(event_id, reason, click_id, recipient, occurred_at_ms),
                                          timeout, idempotency_key)

    async def record_feedback_batch(self, items: Iterable[feedback_pb2.FeedbackReport],
                                    timeout: Optional[float] = DEFAULT,
                                    idempotency_key: str = "") -> List[feedback_pb2.FeedbackResult]:
        """Records up to 1,000 reports in one transaction; each has its own result."""
        return list((await self.call("/convd.v1.Feedback/RecordBatch",
                                     feedback_pb2.RecordFeedbackBatchRequest(items=list(items)),
                                     feedback_pb2.RecordFeedbackBatchResponse, timeout, idempotency_key)).results)

    async def adjust(self, request: Optional[feedback_pb2.AdjustRequest] = None, *,
                     kind: AdjustmentKind = AdjustmentKind.UNSPECIFIED, conversion_id: str = "",
                     transaction_id: str = "", recipient: str = "", type: str = "", attribution_id: str = "",
                     amount: Optional[money.Amount] = None, currency: str = "", reason: str = "",
                     occurred_at_ms: int = 0, timeout: Optional[float] = DEFAULT,
                     idempotency_key: str = "") -> feedback_pb2.FeedbackResult:
        """Corrects a conversion (see :meth:`convd_client.Client.adjust`)."""
        req = request or _wire.adjustment(kind, conversion_id, transaction_id, recipient, type, attribution_id,
                                          amount, currency, reason, occurred_at_ms)
        return (await self.call("/convd.v1.Feedback/Adjust", req, feedback_pb2.AdjustResponse, timeout,
                                idempotency_key)).result

    async def retract(self, conversion_id: str, reason: str = "", timeout: Optional[float] = DEFAULT,
                      idempotency_key: str = "") -> feedback_pb2.FeedbackResult:
        """Retracts a conversion (a charge-back)."""
        return await self.adjust(kind=AdjustmentKind.RETRACT, conversion_id=conversion_id, reason=reason,
                                 timeout=timeout, idempotency_key=idempotency_key)

    # -- queries ---------------------------------------------------------------------------------

    async def get_conversion(self, id: str, timeout: Optional[float] = DEFAULT) -> conversions_pb2.Conversion:
        """A conversion with its version history and instalments."""
        return (await self.call("/convd.v1.Conversions/Get", conversions_pb2.GetConversionRequest(id=id),
                                conversions_pb2.GetConversionResponse, timeout)).conversion

    def conversions(self, *, recipient: str = "", source: str = "", type: str = "", click_id: str = "",
                    event_id: str = "", statuses: Iterable[ConversionStatus] = (), from_ms: int = 0, to_ms: int = 0,
                    include_test: bool = False, page_size: int = 0,
                    timeout: Optional[float] = DEFAULT) -> AsyncIterator[conversions_pb2.Conversion]:
        """Every conversion matching the filter, oldest first, fetched a page at a time."""
        f = _wire.conversion_filter(recipient, source, type, click_id, event_id, statuses, from_ms, to_ms, include_test)
        req = conversions_pb2.ListConversionsRequest(filter=f, page_size=page_size)
        return self._pages("/convd.v1.Conversions/List", req, conversions_pb2.ListConversionsResponse, "conversions",
                           timeout)  # type: ignore[return-value]

    async def stats(self, group_by: StatsGrouping = StatsGrouping.UNSPECIFIED, *,
                    then_by: StatsGrouping = StatsGrouping.UNSPECIFIED, tz: str = "", recipient: str = "",
                    source: str = "", type: str = "", from_ms: int = 0, to_ms: int = 0, include_test: bool = False,
                    timeout: Optional[float] = DEFAULT) -> List[conversions_pb2.StatsRow]:
        """As ``Client.stats``: one row per group, ``then_by`` a second level, periods in ``tz``."""
        f = _wire.conversion_filter(recipient, source, type, from_ms=from_ms, to_ms=to_ms, include_test=include_test)
        req = conversions_pb2.StatsRequest(filter=f, group_by=_wire.grouping(group_by), then_by=_wire.grouping(then_by), time_zone=tz)
        return list((await self.call("/convd.v1.Conversions/Stats", req, conversions_pb2.StatsResponse, timeout)).rows)

    def events(self, *, outcomes: Iterable[Outcome] = (), recipient: str = "", source: str = "", from_ms: int = 0,
               to_ms: int = 0, page_size: int = 0,
               timeout: Optional[float] = DEFAULT) -> AsyncIterator[events_pb2.FeedbackEvent]:
        """Every feedback event matching the filter, in order, fetched a page at a time."""
        req = events_pb2.ListEventsRequest(filter=_wire.event_filter(outcomes, recipient, source, from_ms, to_ms),
                                           page_size=page_size)
        return self._pages("/convd.v1.Events/List", req, events_pb2.ListEventsResponse, "events",
                           timeout)  # type: ignore[return-value]

    async def watch_events(self, *, after_seq: int = 0, outcomes: Iterable[Outcome] = (), recipient: str = "",
                           source: str = "") -> Stream[events_pb2.WatchEventsResponse]:
        """Each feedback event after ``after_seq`` as it is committed (``part.event``), without end:
        ``async with await c.watch_events() as parts: async for part in parts: ...``."""
        req = events_pb2.WatchEventsRequest(filter=_wire.event_filter(outcomes, recipient, source), after_seq=after_seq)
        return await self.stream("/convd.v1.Events/Watch", req, events_pb2.WatchEventsResponse)

    def forwards(self, *, source: str = "", state: Optional[OutboxState] = None, from_ms: int = 0, to_ms: int = 0,
                 include_attempts: bool = False, page_size: int = 0,
                 timeout: Optional[float] = DEFAULT) -> AsyncIterator[forwarding_pb2.OutboxItem]:
        """Every forward (outbox item) matching the filter, fetched a page at a time."""
        req = _wire.forwards_request(source, state, from_ms, to_ms, include_attempts, page_size)
        return self._pages("/convd.v1.Forwarding/List", req, forwarding_pb2.ListForwardsResponse, "items",
                           timeout)  # type: ignore[return-value]

    async def retry_forwards(self, *, item_id: Optional[int] = None, source: str = "",
                             timeout: Optional[float] = DEFAULT) -> int:
        """Sends dead forwards again: one item, or every dead item of ``source``; returns how many."""
        return (await self.call("/convd.v1.Forwarding/Retry", _wire.retry_request(item_id, source),
                                forwarding_pb2.RetryForwardsResponse, timeout)).retried
