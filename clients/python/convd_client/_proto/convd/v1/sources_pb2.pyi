from . import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
FORWARD_FORMAT_FORM: ForwardFormat
FORWARD_FORMAT_GET: ForwardFormat
FORWARD_FORMAT_JSON: ForwardFormat
FORWARD_FORMAT_UNSPECIFIED: ForwardFormat
FORWARD_FORMAT_XML: ForwardFormat
STATEMENT_SECTION_CONVERSIONS: StatementSection
STATEMENT_SECTION_LEADS: StatementSection
STATEMENT_SECTION_RETURNS: StatementSection
STATEMENT_SECTION_UNSPECIFIED: StatementSection

class CloseMonthRequest(_message.Message):
    __slots__ = ["month", "source_id", "time_zone"]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    month: str
    source_id: str
    time_zone: str
    def __init__(self, source_id: _Optional[str] = ..., month: _Optional[str] = ..., time_zone: _Optional[str] = ...) -> None: ...

class CloseMonthResponse(_message.Message):
    __slots__ = ["statement"]
    STATEMENT_FIELD_NUMBER: _ClassVar[int]
    statement: StatementResponse
    def __init__(self, statement: _Optional[_Union[StatementResponse, _Mapping]] = ...) -> None: ...

class DeleteSourceRequest(_message.Message):
    __slots__ = ["force", "id"]
    FORCE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    force: bool
    id: str
    def __init__(self, id: _Optional[str] = ..., force: bool = ...) -> None: ...

class DeleteSourceResponse(_message.Message):
    __slots__ = ["archived", "deliveries_deleted"]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    DELIVERIES_DELETED_FIELD_NUMBER: _ClassVar[int]
    archived: bool
    deliveries_deleted: int
    def __init__(self, deliveries_deleted: _Optional[int] = ..., archived: bool = ...) -> None: ...

class ForwardingSettings(_message.Message):
    __slots__ = ["adjustments", "conversions", "field_mapping", "format", "headers", "max_attempts", "returns", "success_body_contains", "timeout_ms", "url"]
    class FieldMappingEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class HeadersEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ADJUSTMENTS_FIELD_NUMBER: _ClassVar[int]
    CONVERSIONS_FIELD_NUMBER: _ClassVar[int]
    FIELD_MAPPING_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    MAX_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    RETURNS_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_BODY_CONTAINS_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    adjustments: bool
    conversions: bool
    field_mapping: _containers.ScalarMap[str, str]
    format: ForwardFormat
    headers: _containers.ScalarMap[str, str]
    max_attempts: int
    returns: bool
    success_body_contains: str
    timeout_ms: int
    url: str
    def __init__(self, url: _Optional[str] = ..., format: _Optional[_Union[ForwardFormat, str]] = ..., conversions: bool = ..., returns: bool = ..., adjustments: bool = ..., field_mapping: _Optional[_Mapping[str, str]] = ..., headers: _Optional[_Mapping[str, str]] = ..., timeout_ms: _Optional[int] = ..., max_attempts: _Optional[int] = ..., success_body_contains: _Optional[str] = ...) -> None: ...

class GetSourceRequest(_message.Message):
    __slots__ = ["id", "show_secrets"]
    ID_FIELD_NUMBER: _ClassVar[int]
    SHOW_SECRETS_FIELD_NUMBER: _ClassVar[int]
    id: str
    show_secrets: bool
    def __init__(self, id: _Optional[str] = ..., show_secrets: bool = ...) -> None: ...

class GetSourceResponse(_message.Message):
    __slots__ = ["source"]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    source: Source
    def __init__(self, source: _Optional[_Union[Source, _Mapping]] = ...) -> None: ...

class LeadCost(_message.Message):
    __slots__ = ["by_recipient", "default_cost"]
    class ByRecipientEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _common_pb2.Money
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_common_pb2.Money, _Mapping]] = ...) -> None: ...
    BY_RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_COST_FIELD_NUMBER: _ClassVar[int]
    by_recipient: _containers.MessageMap[str, _common_pb2.Money]
    default_cost: _common_pb2.Money
    def __init__(self, default_cost: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., by_recipient: _Optional[_Mapping[str, _common_pb2.Money]] = ...) -> None: ...

class ListSourcesRequest(_message.Message):
    __slots__ = ["include_archived", "page_size", "page_token", "show_secrets"]
    INCLUDE_ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SHOW_SECRETS_FIELD_NUMBER: _ClassVar[int]
    include_archived: bool
    page_size: int
    page_token: str
    show_secrets: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., show_secrets: bool = ..., include_archived: bool = ...) -> None: ...

class ListSourcesResponse(_message.Message):
    __slots__ = ["next_page_token", "sources"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SOURCES_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    sources: _containers.RepeatedCompositeFieldContainer[Source]
    def __init__(self, sources: _Optional[_Iterable[_Union[Source, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PutSourceRequest(_message.Message):
    __slots__ = ["expected_updated_at_ms", "source", "update_fields"]
    EXPECTED_UPDATED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_FIELDS_FIELD_NUMBER: _ClassVar[int]
    expected_updated_at_ms: int
    source: Source
    update_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, source: _Optional[_Union[Source, _Mapping]] = ..., update_fields: _Optional[_Iterable[str]] = ..., expected_updated_at_ms: _Optional[int] = ...) -> None: ...

class PutSourceResponse(_message.Message):
    __slots__ = ["created", "source"]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    created: bool
    source: Source
    def __init__(self, source: _Optional[_Union[Source, _Mapping]] = ..., created: bool = ...) -> None: ...

class RestoreSourceRequest(_message.Message):
    __slots__ = ["id"]
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class RestoreSourceResponse(_message.Message):
    __slots__ = ["source"]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    source: Source
    def __init__(self, source: _Optional[_Union[Source, _Mapping]] = ...) -> None: ...

class ReturnCap(_message.Message):
    __slots__ = ["max_count", "max_share_bps"]
    MAX_COUNT_FIELD_NUMBER: _ClassVar[int]
    MAX_SHARE_BPS_FIELD_NUMBER: _ClassVar[int]
    max_count: int
    max_share_bps: int
    def __init__(self, max_count: _Optional[int] = ..., max_share_bps: _Optional[int] = ...) -> None: ...

class Source(_message.Message):
    __slots__ = ["archived_at_ms", "created_at_ms", "forwarding", "id", "labels", "lead_cost", "name", "return_cap", "updated_at_ms"]
    class LabelsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ARCHIVED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    FORWARDING_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    LEAD_COST_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    RETURN_CAP_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    archived_at_ms: int
    created_at_ms: int
    forwarding: ForwardingSettings
    id: str
    labels: _containers.ScalarMap[str, str]
    lead_cost: LeadCost
    name: str
    return_cap: ReturnCap
    updated_at_ms: int
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., forwarding: _Optional[_Union[ForwardingSettings, _Mapping]] = ..., return_cap: _Optional[_Union[ReturnCap, _Mapping]] = ..., labels: _Optional[_Mapping[str, str]] = ..., created_at_ms: _Optional[int] = ..., updated_at_ms: _Optional[int] = ..., archived_at_ms: _Optional[int] = ..., lead_cost: _Optional[_Union[LeadCost, _Mapping]] = ...) -> None: ...

class StatementClose(_message.Message):
    __slots__ = ["closed_at_ms", "closed_by", "month", "time_zone"]
    CLOSED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    CLOSED_BY_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    closed_at_ms: int
    closed_by: str
    month: str
    time_zone: str
    def __init__(self, month: _Optional[str] = ..., time_zone: _Optional[str] = ..., closed_at_ms: _Optional[int] = ..., closed_by: _Optional[str] = ...) -> None: ...

class StatementDetail(_message.Message):
    __slots__ = ["conversion_ids", "cost", "delivered_at_ms", "event_id", "recipient_id", "return_feedback_seq", "return_reason", "revenue"]
    CONVERSION_IDS_FIELD_NUMBER: _ClassVar[int]
    COST_FIELD_NUMBER: _ClassVar[int]
    DELIVERED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_ID_FIELD_NUMBER: _ClassVar[int]
    RETURN_FEEDBACK_SEQ_FIELD_NUMBER: _ClassVar[int]
    RETURN_REASON_FIELD_NUMBER: _ClassVar[int]
    REVENUE_FIELD_NUMBER: _ClassVar[int]
    conversion_ids: _containers.RepeatedScalarFieldContainer[str]
    cost: _common_pb2.Money
    delivered_at_ms: int
    event_id: str
    recipient_id: str
    return_feedback_seq: int
    return_reason: str
    revenue: _containers.RepeatedCompositeFieldContainer[_common_pb2.Money]
    def __init__(self, event_id: _Optional[str] = ..., recipient_id: _Optional[str] = ..., delivered_at_ms: _Optional[int] = ..., cost: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., return_reason: _Optional[str] = ..., return_feedback_seq: _Optional[int] = ..., conversion_ids: _Optional[_Iterable[str]] = ..., revenue: _Optional[_Iterable[_Union[_common_pb2.Money, _Mapping]]] = ...) -> None: ...

class StatementLine(_message.Message):
    __slots__ = ["amount", "count", "label", "lead_month", "pending", "section"]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    LEAD_MONTH_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    SECTION_FIELD_NUMBER: _ClassVar[int]
    amount: _common_pb2.Money
    count: int
    label: str
    lead_month: str
    pending: _common_pb2.Money
    section: StatementSection
    def __init__(self, section: _Optional[_Union[StatementSection, str]] = ..., label: _Optional[str] = ..., lead_month: _Optional[str] = ..., count: _Optional[int] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., pending: _Optional[_Union[_common_pb2.Money, _Mapping]] = ...) -> None: ...

class StatementRequest(_message.Message):
    __slots__ = ["detail", "month", "page_size", "page_token", "source_id", "time_zone"]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    detail: bool
    month: str
    page_size: int
    page_token: str
    source_id: str
    time_zone: str
    def __init__(self, source_id: _Optional[str] = ..., month: _Optional[str] = ..., time_zone: _Optional[str] = ..., detail: bool = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class StatementResponse(_message.Message):
    __slots__ = ["closed", "details", "from_ms", "lines", "month", "next_page_token", "owed", "prior_period", "source_id", "time_zone", "to_ms"]
    CLOSED_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    FROM_MS_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    MONTH_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    OWED_FIELD_NUMBER: _ClassVar[int]
    PRIOR_PERIOD_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    TO_MS_FIELD_NUMBER: _ClassVar[int]
    closed: StatementClose
    details: _containers.RepeatedCompositeFieldContainer[StatementDetail]
    from_ms: int
    lines: _containers.RepeatedCompositeFieldContainer[StatementLine]
    month: str
    next_page_token: str
    owed: _containers.RepeatedCompositeFieldContainer[_common_pb2.Money]
    prior_period: _containers.RepeatedCompositeFieldContainer[StatementLine]
    source_id: str
    time_zone: str
    to_ms: int
    def __init__(self, source_id: _Optional[str] = ..., month: _Optional[str] = ..., time_zone: _Optional[str] = ..., from_ms: _Optional[int] = ..., to_ms: _Optional[int] = ..., lines: _Optional[_Iterable[_Union[StatementLine, _Mapping]]] = ..., prior_period: _Optional[_Iterable[_Union[StatementLine, _Mapping]]] = ..., owed: _Optional[_Iterable[_Union[_common_pb2.Money, _Mapping]]] = ..., closed: _Optional[_Union[StatementClose, _Mapping]] = ..., details: _Optional[_Iterable[_Union[StatementDetail, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ForwardFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class StatementSection(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
