from . import common_pb2 as _common_pb2
from . import envelope_pb2 as _envelope_pb2
from . import feedback_pb2 as _feedback_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class EventFilter(_message.Message):
    __slots__ = ["from_ms", "outcomes", "recipient_id", "source_id", "to_ms"]
    FROM_MS_FIELD_NUMBER: _ClassVar[int]
    OUTCOMES_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    TO_MS_FIELD_NUMBER: _ClassVar[int]
    from_ms: int
    outcomes: _containers.RepeatedScalarFieldContainer[_common_pb2.Outcome]
    recipient_id: str
    source_id: str
    to_ms: int
    def __init__(self, outcomes: _Optional[_Iterable[_Union[_common_pb2.Outcome, str]]] = ..., recipient_id: _Optional[str] = ..., source_id: _Optional[str] = ..., from_ms: _Optional[int] = ..., to_ms: _Optional[int] = ...) -> None: ...

class FeedbackEvent(_message.Message):
    __slots__ = ["adjustment", "conversion_id", "detail", "event_id", "feedback", "idempotency_key", "outcome", "received_at_ms", "recipient_id", "seq", "source_id", "status", "test"]
    ADJUSTMENT_FIELD_NUMBER: _ClassVar[int]
    CONVERSION_ID_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    FEEDBACK_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TEST_FIELD_NUMBER: _ClassVar[int]
    adjustment: _feedback_pb2.AdjustRequest
    conversion_id: str
    detail: str
    event_id: str
    feedback: _feedback_pb2.FeedbackReport
    idempotency_key: str
    outcome: _common_pb2.Outcome
    received_at_ms: int
    recipient_id: str
    seq: int
    source_id: str
    status: _envelope_pb2.Status
    test: bool
    def __init__(self, seq: _Optional[int] = ..., received_at_ms: _Optional[int] = ..., feedback: _Optional[_Union[_feedback_pb2.FeedbackReport, _Mapping]] = ..., adjustment: _Optional[_Union[_feedback_pb2.AdjustRequest, _Mapping]] = ..., outcome: _Optional[_Union[_common_pb2.Outcome, str]] = ..., status: _Optional[_Union[_envelope_pb2.Status, _Mapping]] = ..., detail: _Optional[str] = ..., conversion_id: _Optional[str] = ..., recipient_id: _Optional[str] = ..., source_id: _Optional[str] = ..., event_id: _Optional[str] = ..., test: bool = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ListEventsRequest(_message.Message):
    __slots__ = ["filter", "newest_first", "page_size", "page_token"]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    NEWEST_FIRST_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    filter: EventFilter
    newest_first: bool
    page_size: int
    page_token: str
    def __init__(self, filter: _Optional[_Union[EventFilter, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., newest_first: bool = ...) -> None: ...

class ListEventsResponse(_message.Message):
    __slots__ = ["events", "next_page_token"]
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[FeedbackEvent]
    next_page_token: str
    def __init__(self, events: _Optional[_Iterable[_Union[FeedbackEvent, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class WatchEventsRequest(_message.Message):
    __slots__ = ["after_seq", "filter"]
    AFTER_SEQ_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    after_seq: int
    filter: EventFilter
    def __init__(self, filter: _Optional[_Union[EventFilter, _Mapping]] = ..., after_seq: _Optional[int] = ...) -> None: ...

class WatchEventsResponse(_message.Message):
    __slots__ = ["event"]
    EVENT_FIELD_NUMBER: _ClassVar[int]
    event: FeedbackEvent
    def __init__(self, event: _Optional[_Union[FeedbackEvent, _Mapping]] = ...) -> None: ...
