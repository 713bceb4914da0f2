from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

CONVERSION_MODE_CREATE_NEW: ConversionMode
CONVERSION_MODE_IGNORE_DUPLICATES: ConversionMode
CONVERSION_MODE_INCREMENT: ConversionMode
CONVERSION_MODE_UNSPECIFIED: ConversionMode
CONVERSION_MODE_UPDATE: ConversionMode
CONVERSION_STATUS_APPROVED: ConversionStatus
CONVERSION_STATUS_PENDING: ConversionStatus
CONVERSION_STATUS_REJECTED: ConversionStatus
CONVERSION_STATUS_RETRACTED: ConversionStatus
CONVERSION_STATUS_UNSPECIFIED: ConversionStatus
DESCRIPTOR: _descriptor.FileDescriptor
OUTCOME_ADJUSTED: Outcome
OUTCOME_CREATED: Outcome
OUTCOME_DUPLICATE_IGNORED: Outcome
OUTCOME_FAILED: Outcome
OUTCOME_INCREMENTED: Outcome
OUTCOME_REJECTED: Outcome
OUTCOME_RETURN_RECORDED: Outcome
OUTCOME_STALE_IGNORED: Outcome
OUTCOME_UNSPECIFIED: Outcome
OUTCOME_UPDATED: Outcome

class BoolValue(_message.Message):
    __slots__ = ["value"]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: bool
    def __init__(self, value: bool = ...) -> None: ...

class Int64Value(_message.Message):
    __slots__ = ["value"]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: int
    def __init__(self, value: _Optional[int] = ...) -> None: ...

class Money(_message.Message):
    __slots__ = ["amount_minor", "currency"]
    AMOUNT_MINOR_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    amount_minor: int
    currency: str
    def __init__(self, amount_minor: _Optional[int] = ..., currency: _Optional[str] = ...) -> None: ...

class StringValue(_message.Message):
    __slots__ = ["value"]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: str
    def __init__(self, value: _Optional[str] = ...) -> None: ...

class ConversionMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class ConversionStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class Outcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
