from . import common_pb2 as _common_pb2
from . import conversions_pb2 as _conversions_pb2
from . import envelope_pb2 as _envelope_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

ADJUSTMENT_KIND_APPROVE: AdjustmentKind
ADJUSTMENT_KIND_REJECT: AdjustmentKind
ADJUSTMENT_KIND_RESTATE: AdjustmentKind
ADJUSTMENT_KIND_RETRACT: AdjustmentKind
ADJUSTMENT_KIND_UNSPECIFIED: AdjustmentKind
DESCRIPTOR: _descriptor.FileDescriptor
FEEDBACK_KIND_CONVERSION: FeedbackKind
FEEDBACK_KIND_RETURN: FeedbackKind
FEEDBACK_KIND_UNSPECIFIED: FeedbackKind

class AdjustRequest(_message.Message):
    __slots__ = ["amount", "conversion_id", "key", "kind", "occurred_at_ms", "reason", "transaction"]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CONVERSION_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    amount: _common_pb2.Money
    conversion_id: str
    key: ConversionKey
    kind: AdjustmentKind
    occurred_at_ms: int
    reason: str
    transaction: TransactionRef
    def __init__(self, conversion_id: _Optional[str] = ..., key: _Optional[_Union[ConversionKey, _Mapping]] = ..., transaction: _Optional[_Union[TransactionRef, _Mapping]] = ..., kind: _Optional[_Union[AdjustmentKind, str]] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., reason: _Optional[str] = ..., occurred_at_ms: _Optional[int] = ...) -> None: ...

class AdjustResponse(_message.Message):
    __slots__ = ["result"]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: FeedbackResult
    def __init__(self, result: _Optional[_Union[FeedbackResult, _Mapping]] = ...) -> None: ...

class ClickRef(_message.Message):
    __slots__ = ["click_id", "recipient_id"]
    CLICK_ID_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_ID_FIELD_NUMBER: _ClassVar[int]
    click_id: str
    recipient_id: str
    def __init__(self, click_id: _Optional[str] = ..., recipient_id: _Optional[str] = ...) -> None: ...

class ConversionKey(_message.Message):
    __slots__ = ["attribution_id", "conversion_type", "recipient_id"]
    ATTRIBUTION_ID_FIELD_NUMBER: _ClassVar[int]
    CONVERSION_TYPE_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_ID_FIELD_NUMBER: _ClassVar[int]
    attribution_id: str
    conversion_type: str
    recipient_id: str
    def __init__(self, recipient_id: _Optional[str] = ..., conversion_type: _Optional[str] = ..., attribution_id: _Optional[str] = ...) -> None: ...

class FeedbackReport(_message.Message):
    __slots__ = ["amount", "click", "conversion_type", "event_id", "fields", "kind", "occurred_at_ms", "reason", "status", "transaction_id"]
    class FieldsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    CLICK_FIELD_NUMBER: _ClassVar[int]
    CONVERSION_TYPE_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    amount: _common_pb2.Money
    click: ClickRef
    conversion_type: str
    event_id: str
    fields: _containers.ScalarMap[str, str]
    kind: FeedbackKind
    occurred_at_ms: int
    reason: str
    status: _common_pb2.ConversionStatus
    transaction_id: str
    def __init__(self, event_id: _Optional[str] = ..., click: _Optional[_Union[ClickRef, _Mapping]] = ..., kind: _Optional[_Union[FeedbackKind, str]] = ..., conversion_type: _Optional[str] = ..., reason: _Optional[str] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., fields: _Optional[_Mapping[str, str]] = ..., transaction_id: _Optional[str] = ..., status: _Optional[_Union[_common_pb2.ConversionStatus, str]] = ..., occurred_at_ms: _Optional[int] = ...) -> None: ...

class FeedbackResult(_message.Message):
    __slots__ = ["conversion", "detail", "event_seq", "outcome", "status"]
    CONVERSION_FIELD_NUMBER: _ClassVar[int]
    DETAIL_FIELD_NUMBER: _ClassVar[int]
    EVENT_SEQ_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    conversion: _conversions_pb2.Conversion
    detail: str
    event_seq: int
    outcome: _common_pb2.Outcome
    status: _envelope_pb2.Status
    def __init__(self, outcome: _Optional[_Union[_common_pb2.Outcome, str]] = ..., conversion: _Optional[_Union[_conversions_pb2.Conversion, _Mapping]] = ..., detail: _Optional[str] = ..., event_seq: _Optional[int] = ..., status: _Optional[_Union[_envelope_pb2.Status, _Mapping]] = ...) -> None: ...

class RecordFeedbackBatchRequest(_message.Message):
    __slots__ = ["items"]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[FeedbackReport]
    def __init__(self, items: _Optional[_Iterable[_Union[FeedbackReport, _Mapping]]] = ...) -> None: ...

class RecordFeedbackBatchResponse(_message.Message):
    __slots__ = ["results"]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[FeedbackResult]
    def __init__(self, results: _Optional[_Iterable[_Union[FeedbackResult, _Mapping]]] = ...) -> None: ...

class RecordFeedbackRequest(_message.Message):
    __slots__ = ["feedback"]
    FEEDBACK_FIELD_NUMBER: _ClassVar[int]
    feedback: FeedbackReport
    def __init__(self, feedback: _Optional[_Union[FeedbackReport, _Mapping]] = ...) -> None: ...

class RecordFeedbackResponse(_message.Message):
    __slots__ = ["result"]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: FeedbackResult
    def __init__(self, result: _Optional[_Union[FeedbackResult, _Mapping]] = ...) -> None: ...

class TransactionRef(_message.Message):
    __slots__ = ["recipient_id", "transaction_id"]
    RECIPIENT_ID_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    recipient_id: str
    transaction_id: str
    def __init__(self, recipient_id: _Optional[str] = ..., transaction_id: _Optional[str] = ...) -> None: ...

class FeedbackKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class AdjustmentKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
