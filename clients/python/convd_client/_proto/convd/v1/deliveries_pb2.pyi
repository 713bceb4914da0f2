from . import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AdjustCostRequest(_message.Message):
    __slots__ = ["cost", "event_id", "reason", "remove"]
    COST_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    REMOVE_FIELD_NUMBER: _ClassVar[int]
    cost: _common_pb2.Money
    event_id: str
    reason: str
    remove: bool
    def __init__(self, event_id: _Optional[str] = ..., cost: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., remove: bool = ..., reason: _Optional[str] = ...) -> None: ...

class AdjustCostResponse(_message.Message):
    __slots__ = ["cost_history", "delivery"]
    COST_HISTORY_FIELD_NUMBER: _ClassVar[int]
    DELIVERY_FIELD_NUMBER: _ClassVar[int]
    cost_history: _containers.RepeatedCompositeFieldContainer[CostVersion]
    delivery: Delivery
    def __init__(self, delivery: _Optional[_Union[Delivery, _Mapping]] = ..., cost_history: _Optional[_Iterable[_Union[CostVersion, _Mapping]]] = ...) -> None: ...

class CostVersion(_message.Message):
    __slots__ = ["actor", "at_ms", "cost", "reason", "version"]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    AT_MS_FIELD_NUMBER: _ClassVar[int]
    COST_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    actor: str
    at_ms: int
    cost: _common_pb2.Money
    reason: str
    version: int
    def __init__(self, version: _Optional[int] = ..., cost: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., reason: _Optional[str] = ..., actor: _Optional[str] = ..., at_ms: _Optional[int] = ...) -> None: ...

class Delivery(_message.Message):
    __slots__ = ["click_id", "cost", "delivered_at_ms", "erased_at_ms", "event_id", "lead", "recipient_id", "recorded_at_ms", "source_id", "test"]
    class LeadEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CLICK_ID_FIELD_NUMBER: _ClassVar[int]
    COST_FIELD_NUMBER: _ClassVar[int]
    DELIVERED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    ERASED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    LEAD_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_ID_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    TEST_FIELD_NUMBER: _ClassVar[int]
    click_id: str
    cost: _common_pb2.Money
    delivered_at_ms: int
    erased_at_ms: int
    event_id: str
    lead: _containers.ScalarMap[str, str]
    recipient_id: str
    recorded_at_ms: int
    source_id: str
    test: bool
    def __init__(self, event_id: _Optional[str] = ..., recipient_id: _Optional[str] = ..., source_id: _Optional[str] = ..., click_id: _Optional[str] = ..., lead: _Optional[_Mapping[str, str]] = ..., test: bool = ..., delivered_at_ms: _Optional[int] = ..., recorded_at_ms: _Optional[int] = ..., erased_at_ms: _Optional[int] = ..., cost: _Optional[_Union[_common_pb2.Money, _Mapping]] = ...) -> None: ...

class DeliveryReturn(_message.Message):
    __slots__ = ["credit", "event_id", "reason", "recipient_id", "retract_reason", "retracted_at_ms", "retracted_by", "returned_at_ms", "source_id"]
    CREDIT_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_ID_FIELD_NUMBER: _ClassVar[int]
    RETRACTED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    RETRACTED_BY_FIELD_NUMBER: _ClassVar[int]
    RETRACT_REASON_FIELD_NUMBER: _ClassVar[int]
    RETURNED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    credit: _common_pb2.Money
    event_id: str
    reason: str
    recipient_id: str
    retract_reason: str
    retracted_at_ms: int
    retracted_by: str
    returned_at_ms: int
    source_id: str
    def __init__(self, event_id: _Optional[str] = ..., recipient_id: _Optional[str] = ..., source_id: _Optional[str] = ..., reason: _Optional[str] = ..., returned_at_ms: _Optional[int] = ..., credit: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., retracted_at_ms: _Optional[int] = ..., retract_reason: _Optional[str] = ..., retracted_by: _Optional[str] = ...) -> None: ...

class EraseDeliveriesRequest(_message.Message):
    __slots__ = ["email", "event_id"]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    email: str
    event_id: str
    def __init__(self, event_id: _Optional[str] = ..., email: _Optional[str] = ...) -> None: ...

class EraseDeliveriesResponse(_message.Message):
    __slots__ = ["erased_at_ms", "event_ids"]
    ERASED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    EVENT_IDS_FIELD_NUMBER: _ClassVar[int]
    erased_at_ms: int
    event_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, event_ids: _Optional[_Iterable[str]] = ..., erased_at_ms: _Optional[int] = ...) -> None: ...

class GetDeliveryRequest(_message.Message):
    __slots__ = ["event_id"]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    def __init__(self, event_id: _Optional[str] = ...) -> None: ...

class GetDeliveryResponse(_message.Message):
    __slots__ = ["cost_history", "delivery", "return_info"]
    COST_HISTORY_FIELD_NUMBER: _ClassVar[int]
    DELIVERY_FIELD_NUMBER: _ClassVar[int]
    RETURN_INFO_FIELD_NUMBER: _ClassVar[int]
    cost_history: _containers.RepeatedCompositeFieldContainer[CostVersion]
    delivery: Delivery
    return_info: DeliveryReturn
    def __init__(self, delivery: _Optional[_Union[Delivery, _Mapping]] = ..., cost_history: _Optional[_Iterable[_Union[CostVersion, _Mapping]]] = ..., return_info: _Optional[_Union[DeliveryReturn, _Mapping]] = ...) -> None: ...

class RecordDeliveryRequest(_message.Message):
    __slots__ = ["delivery"]
    DELIVERY_FIELD_NUMBER: _ClassVar[int]
    delivery: Delivery
    def __init__(self, delivery: _Optional[_Union[Delivery, _Mapping]] = ...) -> None: ...

class RecordDeliveryResponse(_message.Message):
    __slots__ = ["delivery"]
    DELIVERY_FIELD_NUMBER: _ClassVar[int]
    delivery: Delivery
    def __init__(self, delivery: _Optional[_Union[Delivery, _Mapping]] = ...) -> None: ...

class RetractReturnRequest(_message.Message):
    __slots__ = ["event_id", "reason"]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    reason: str
    def __init__(self, event_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RetractReturnResponse(_message.Message):
    __slots__ = ["return_info"]
    RETURN_INFO_FIELD_NUMBER: _ClassVar[int]
    return_info: DeliveryReturn
    def __init__(self, return_info: _Optional[_Union[DeliveryReturn, _Mapping]] = ...) -> None: ...
