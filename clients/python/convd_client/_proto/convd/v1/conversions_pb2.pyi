from . import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
STATS_GROUPING_DAY: StatsGrouping
STATS_GROUPING_MONTH: StatsGrouping
STATS_GROUPING_RECIPIENT: StatsGrouping
STATS_GROUPING_SOURCE: StatsGrouping
STATS_GROUPING_TYPE: StatsGrouping
STATS_GROUPING_UNSPECIFIED: StatsGrouping
STATS_GROUPING_WEEK: StatsGrouping

class Conversion(_message.Message):
    __slots__ = ["amount", "approved_amount", "attribution_id", "click_id", "conversion_type", "created_at_ms", "event_id", "fields", "history", "id", "instalments", "mode", "negative", "occurred_at_ms", "pending_amount", "postback_count", "reason", "recipient_id", "source_id", "status", "test", "transaction_id", "updated_at_ms", "version"]
    class FieldsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    APPROVED_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    ATTRIBUTION_ID_FIELD_NUMBER: _ClassVar[int]
    CLICK_ID_FIELD_NUMBER: _ClassVar[int]
    CONVERSION_TYPE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    INSTALMENTS_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    NEGATIVE_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    PENDING_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    POSTBACK_COUNT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TEST_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    amount: _common_pb2.Money
    approved_amount: _common_pb2.Money
    attribution_id: str
    click_id: str
    conversion_type: str
    created_at_ms: int
    event_id: str
    fields: _containers.ScalarMap[str, str]
    history: _containers.RepeatedCompositeFieldContainer[ConversionVersion]
    id: str
    instalments: _containers.RepeatedCompositeFieldContainer[Instalment]
    mode: _common_pb2.ConversionMode
    negative: bool
    occurred_at_ms: int
    pending_amount: _common_pb2.Money
    postback_count: int
    reason: str
    recipient_id: str
    source_id: str
    status: _common_pb2.ConversionStatus
    test: bool
    transaction_id: str
    updated_at_ms: int
    version: int
    def __init__(self, id: _Optional[str] = ..., recipient_id: _Optional[str] = ..., source_id: _Optional[str] = ..., conversion_type: _Optional[str] = ..., attribution_id: _Optional[str] = ..., event_id: _Optional[str] = ..., click_id: _Optional[str] = ..., mode: _Optional[_Union[_common_pb2.ConversionMode, str]] = ..., status: _Optional[_Union[_common_pb2.ConversionStatus, str]] = ..., reason: _Optional[str] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., fields: _Optional[_Mapping[str, str]] = ..., transaction_id: _Optional[str] = ..., version: _Optional[int] = ..., postback_count: _Optional[int] = ..., test: bool = ..., created_at_ms: _Optional[int] = ..., updated_at_ms: _Optional[int] = ..., occurred_at_ms: _Optional[int] = ..., history: _Optional[_Iterable[_Union[ConversionVersion, _Mapping]]] = ..., approved_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., pending_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., instalments: _Optional[_Iterable[_Union[Instalment, _Mapping]]] = ..., negative: bool = ...) -> None: ...

class ConversionFilter(_message.Message):
    __slots__ = ["click_id", "conversion_type", "event_id", "from_ms", "include_test", "recipient_id", "source_id", "statuses", "to_ms"]
    CLICK_ID_FIELD_NUMBER: _ClassVar[int]
    CONVERSION_TYPE_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_MS_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_TEST_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    TO_MS_FIELD_NUMBER: _ClassVar[int]
    click_id: str
    conversion_type: str
    event_id: str
    from_ms: int
    include_test: bool
    recipient_id: str
    source_id: str
    statuses: _containers.RepeatedScalarFieldContainer[_common_pb2.ConversionStatus]
    to_ms: int
    def __init__(self, recipient_id: _Optional[str] = ..., source_id: _Optional[str] = ..., conversion_type: _Optional[str] = ..., click_id: _Optional[str] = ..., event_id: _Optional[str] = ..., statuses: _Optional[_Iterable[_Union[_common_pb2.ConversionStatus, str]]] = ..., from_ms: _Optional[int] = ..., to_ms: _Optional[int] = ..., include_test: bool = ...) -> None: ...

class ConversionVersion(_message.Message):
    __slots__ = ["actor", "amount", "cause", "event_seq", "fields", "occurred_at_ms", "postback_count", "reason", "recorded_at_ms", "status", "transaction_id", "version"]
    class FieldsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CAUSE_FIELD_NUMBER: _ClassVar[int]
    EVENT_SEQ_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    POSTBACK_COUNT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    actor: str
    amount: _common_pb2.Money
    cause: _common_pb2.Outcome
    event_seq: int
    fields: _containers.ScalarMap[str, str]
    occurred_at_ms: int
    postback_count: int
    reason: str
    recorded_at_ms: int
    status: _common_pb2.ConversionStatus
    transaction_id: str
    version: int
    def __init__(self, version: _Optional[int] = ..., status: _Optional[_Union[_common_pb2.ConversionStatus, str]] = ..., reason: _Optional[str] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., fields: _Optional[_Mapping[str, str]] = ..., transaction_id: _Optional[str] = ..., postback_count: _Optional[int] = ..., occurred_at_ms: _Optional[int] = ..., recorded_at_ms: _Optional[int] = ..., cause: _Optional[_Union[_common_pb2.Outcome, str]] = ..., actor: _Optional[str] = ..., event_seq: _Optional[int] = ...) -> None: ...

class CurrencyRatio(_message.Message):
    __slots__ = ["currency", "value"]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    currency: str
    value: float
    def __init__(self, currency: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...

class GetConversionRequest(_message.Message):
    __slots__ = ["id"]
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetConversionResponse(_message.Message):
    __slots__ = ["conversion"]
    CONVERSION_FIELD_NUMBER: _ClassVar[int]
    conversion: Conversion
    def __init__(self, conversion: _Optional[_Union[Conversion, _Mapping]] = ...) -> None: ...

class Instalment(_message.Message):
    __slots__ = ["amount", "number", "occurred_at_ms", "recorded_at_ms", "status", "transaction_id", "version"]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    amount: _common_pb2.Money
    number: int
    occurred_at_ms: int
    recorded_at_ms: int
    status: _common_pb2.ConversionStatus
    transaction_id: str
    version: int
    def __init__(self, number: _Optional[int] = ..., transaction_id: _Optional[str] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., status: _Optional[_Union[_common_pb2.ConversionStatus, str]] = ..., occurred_at_ms: _Optional[int] = ..., recorded_at_ms: _Optional[int] = ..., version: _Optional[int] = ...) -> None: ...

class ListConversionsRequest(_message.Message):
    __slots__ = ["filter", "page_size", "page_token"]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    filter: ConversionFilter
    page_size: int
    page_token: str
    def __init__(self, filter: _Optional[_Union[ConversionFilter, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListConversionsResponse(_message.Message):
    __slots__ = ["conversions", "next_page_token"]
    CONVERSIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    conversions: _containers.RepeatedCompositeFieldContainer[Conversion]
    next_page_token: str
    def __init__(self, conversions: _Optional[_Iterable[_Union[Conversion, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class StatsRequest(_message.Message):
    __slots__ = ["filter", "group_by", "then_by", "time_zone"]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    GROUP_BY_FIELD_NUMBER: _ClassVar[int]
    THEN_BY_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    filter: ConversionFilter
    group_by: StatsGrouping
    then_by: StatsGrouping
    time_zone: str
    def __init__(self, filter: _Optional[_Union[ConversionFilter, _Mapping]] = ..., group_by: _Optional[_Union[StatsGrouping, str]] = ..., then_by: _Optional[_Union[StatsGrouping, str]] = ..., time_zone: _Optional[str] = ...) -> None: ...

class StatsResponse(_message.Message):
    __slots__ = ["rows"]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[StatsRow]
    def __init__(self, rows: _Optional[_Iterable[_Union[StatsRow, _Mapping]]] = ...) -> None: ...

class StatsRow(_message.Message):
    __slots__ = ["approved_value", "conversion_rate", "conversions", "converted_deliveries", "cost", "cost_per_acquisition", "credits", "deliveries", "earnings_per_lead", "flagged", "group", "net_spend", "pending_conversions", "pending_value", "profit", "rejected_conversions", "rejected_feedback", "retracted_conversions", "return_rate", "return_rate_by_value", "returns", "roi", "roi_note", "subgroup"]
    APPROVED_VALUE_FIELD_NUMBER: _ClassVar[int]
    CONVERSIONS_FIELD_NUMBER: _ClassVar[int]
    CONVERSION_RATE_FIELD_NUMBER: _ClassVar[int]
    CONVERTED_DELIVERIES_FIELD_NUMBER: _ClassVar[int]
    COST_FIELD_NUMBER: _ClassVar[int]
    COST_PER_ACQUISITION_FIELD_NUMBER: _ClassVar[int]
    CREDITS_FIELD_NUMBER: _ClassVar[int]
    DELIVERIES_FIELD_NUMBER: _ClassVar[int]
    EARNINGS_PER_LEAD_FIELD_NUMBER: _ClassVar[int]
    FLAGGED_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    NET_SPEND_FIELD_NUMBER: _ClassVar[int]
    PENDING_CONVERSIONS_FIELD_NUMBER: _ClassVar[int]
    PENDING_VALUE_FIELD_NUMBER: _ClassVar[int]
    PROFIT_FIELD_NUMBER: _ClassVar[int]
    REJECTED_CONVERSIONS_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FEEDBACK_FIELD_NUMBER: _ClassVar[int]
    RETRACTED_CONVERSIONS_FIELD_NUMBER: _ClassVar[int]
    RETURNS_FIELD_NUMBER: _ClassVar[int]
    RETURN_RATE_BY_VALUE_FIELD_NUMBER: _ClassVar[int]
    RETURN_RATE_FIELD_NUMBER: _ClassVar[int]
    ROI_FIELD_NUMBER: _ClassVar[int]
    ROI_NOTE_FIELD_NUMBER: _ClassVar[int]
    SUBGROUP_FIELD_NUMBER: _ClassVar[int]
    approved_value: _containers.RepeatedCompositeFieldContainer[_common_pb2.Money]
    conversion_rate: float
    conversions: int
    converted_deliveries: int
    cost: _containers.RepeatedCompositeFieldContainer[_common_pb2.Money]
    cost_per_acquisition: _containers.RepeatedCompositeFieldContainer[_common_pb2.Money]
    credits: _containers.RepeatedCompositeFieldContainer[_common_pb2.Money]
    deliveries: int
    earnings_per_lead: _containers.RepeatedCompositeFieldContainer[_common_pb2.Money]
    flagged: int
    group: str
    net_spend: _containers.RepeatedCompositeFieldContainer[_common_pb2.Money]
    pending_conversions: int
    pending_value: _containers.RepeatedCompositeFieldContainer[_common_pb2.Money]
    profit: _containers.RepeatedCompositeFieldContainer[_common_pb2.Money]
    rejected_conversions: int
    rejected_feedback: int
    retracted_conversions: int
    return_rate: float
    return_rate_by_value: _containers.RepeatedCompositeFieldContainer[CurrencyRatio]
    returns: int
    roi: _containers.RepeatedCompositeFieldContainer[CurrencyRatio]
    roi_note: str
    subgroup: str
    def __init__(self, group: _Optional[str] = ..., deliveries: _Optional[int] = ..., conversions: _Optional[int] = ..., conversion_rate: _Optional[float] = ..., approved_value: _Optional[_Iterable[_Union[_common_pb2.Money, _Mapping]]] = ..., pending_value: _Optional[_Iterable[_Union[_common_pb2.Money, _Mapping]]] = ..., pending_conversions: _Optional[int] = ..., rejected_conversions: _Optional[int] = ..., retracted_conversions: _Optional[int] = ..., returns: _Optional[int] = ..., return_rate: _Optional[float] = ..., rejected_feedback: _Optional[int] = ..., converted_deliveries: _Optional[int] = ..., flagged: _Optional[int] = ..., cost: _Optional[_Iterable[_Union[_common_pb2.Money, _Mapping]]] = ..., credits: _Optional[_Iterable[_Union[_common_pb2.Money, _Mapping]]] = ..., net_spend: _Optional[_Iterable[_Union[_common_pb2.Money, _Mapping]]] = ..., profit: _Optional[_Iterable[_Union[_common_pb2.Money, _Mapping]]] = ..., roi: _Optional[_Iterable[_Union[CurrencyRatio, _Mapping]]] = ..., cost_per_acquisition: _Optional[_Iterable[_Union[_common_pb2.Money, _Mapping]]] = ..., earnings_per_lead: _Optional[_Iterable[_Union[_common_pb2.Money, _Mapping]]] = ..., return_rate_by_value: _Optional[_Iterable[_Union[CurrencyRatio, _Mapping]]] = ..., roi_note: _Optional[str] = ..., subgroup: _Optional[str] = ...) -> None: ...

class StatsGrouping(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
