from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
OUTBOX_STATE_DEAD: OutboxState
OUTBOX_STATE_PENDING: OutboxState
OUTBOX_STATE_SENT: OutboxState
OUTBOX_STATE_UNSPECIFIED: OutboxState

class ForwardAttempt(_message.Message):
    __slots__ = ["at_ms", "body_prefix", "duration_ms", "error", "status_code"]
    AT_MS_FIELD_NUMBER: _ClassVar[int]
    BODY_PREFIX_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    STATUS_CODE_FIELD_NUMBER: _ClassVar[int]
    at_ms: int
    body_prefix: str
    duration_ms: int
    error: str
    status_code: int
    def __init__(self, at_ms: _Optional[int] = ..., status_code: _Optional[int] = ..., body_prefix: _Optional[str] = ..., duration_ms: _Optional[int] = ..., error: _Optional[str] = ...) -> None: ...

class ListForwardsRequest(_message.Message):
    __slots__ = ["from_ms", "include_attempts", "page_size", "page_token", "source_id", "state", "to_ms"]
    FROM_MS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    TO_MS_FIELD_NUMBER: _ClassVar[int]
    from_ms: int
    include_attempts: bool
    page_size: int
    page_token: str
    source_id: str
    state: OutboxState
    to_ms: int
    def __init__(self, source_id: _Optional[str] = ..., state: _Optional[_Union[OutboxState, str]] = ..., from_ms: _Optional[int] = ..., to_ms: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., include_attempts: bool = ...) -> None: ...

class ListForwardsResponse(_message.Message):
    __slots__ = ["items", "next_page_token"]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[OutboxItem]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[OutboxItem, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class OutboxItem(_message.Message):
    __slots__ = ["attempt_log", "attempts", "body", "content_type", "conversion_id", "created_at_ms", "event_seq", "id", "idempotency_key", "kind", "last_error", "last_status_code", "max_attempts", "method", "next_attempt_at_ms", "sent_at_ms", "source_id", "state", "url"]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    ATTEMPT_LOG_FIELD_NUMBER: _ClassVar[int]
    BODY_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    CONVERSION_ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    EVENT_SEQ_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    LAST_STATUS_CODE_FIELD_NUMBER: _ClassVar[int]
    MAX_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    NEXT_ATTEMPT_AT_MS_FIELD_NUMBER: _ClassVar[int]
    SENT_AT_MS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    attempt_log: _containers.RepeatedCompositeFieldContainer[ForwardAttempt]
    attempts: int
    body: str
    content_type: str
    conversion_id: str
    created_at_ms: int
    event_seq: int
    id: int
    idempotency_key: str
    kind: str
    last_error: str
    last_status_code: int
    max_attempts: int
    method: str
    next_attempt_at_ms: int
    sent_at_ms: int
    source_id: str
    state: OutboxState
    url: str
    def __init__(self, id: _Optional[int] = ..., source_id: _Optional[str] = ..., conversion_id: _Optional[str] = ..., event_seq: _Optional[int] = ..., state: _Optional[_Union[OutboxState, str]] = ..., attempts: _Optional[int] = ..., max_attempts: _Optional[int] = ..., last_status_code: _Optional[int] = ..., last_error: _Optional[str] = ..., next_attempt_at_ms: _Optional[int] = ..., created_at_ms: _Optional[int] = ..., sent_at_ms: _Optional[int] = ..., idempotency_key: _Optional[str] = ..., url: _Optional[str] = ..., attempt_log: _Optional[_Iterable[_Union[ForwardAttempt, _Mapping]]] = ..., kind: _Optional[str] = ..., method: _Optional[str] = ..., content_type: _Optional[str] = ..., body: _Optional[str] = ...) -> None: ...

class RetryForwardsRequest(_message.Message):
    __slots__ = ["item_id", "source_id"]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    item_id: int
    source_id: str
    def __init__(self, item_id: _Optional[int] = ..., source_id: _Optional[str] = ...) -> None: ...

class RetryForwardsResponse(_message.Message):
    __slots__ = ["retried"]
    RETRIED_FIELD_NUMBER: _ClassVar[int]
    retried: int
    def __init__(self, retried: _Optional[int] = ...) -> None: ...

class OutboxState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
