from . import common_pb2 as _common_pb2
from . import rules_pb2 as _rules_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
TYPE_POLARITY_NEGATIVE: TypePolarity
TYPE_POLARITY_POSITIVE: TypePolarity
TYPE_POLARITY_UNSPECIFIED: TypePolarity

class ConversionTypeSetting(_message.Message):
    __slots__ = ["duplicate_window_seconds", "mode", "name", "polarity"]
    DUPLICATE_WINDOW_SECONDS_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    POLARITY_FIELD_NUMBER: _ClassVar[int]
    duplicate_window_seconds: int
    mode: _common_pb2.ConversionMode
    name: str
    polarity: TypePolarity
    def __init__(self, name: _Optional[str] = ..., mode: _Optional[_Union[_common_pb2.ConversionMode, str]] = ..., duplicate_window_seconds: _Optional[int] = ..., polarity: _Optional[_Union[TypePolarity, str]] = ...) -> None: ...

class DeleteRecipientRequest(_message.Message):
    __slots__ = ["force", "id"]
    FORCE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    force: bool
    id: str
    def __init__(self, id: _Optional[str] = ..., force: bool = ...) -> None: ...

class DeleteRecipientResponse(_message.Message):
    __slots__ = ["archived", "deliveries_deleted"]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    DELIVERIES_DELETED_FIELD_NUMBER: _ClassVar[int]
    archived: bool
    deliveries_deleted: int
    def __init__(self, deliveries_deleted: _Optional[int] = ..., archived: bool = ...) -> None: ...

class FeedbackSettings(_message.Message):
    __slots__ = ["allowed_return_reasons", "conversion_types", "default_mode", "receive_conversions", "receive_returns", "return_window_days", "rules", "strict_types"]
    ALLOWED_RETURN_REASONS_FIELD_NUMBER: _ClassVar[int]
    CONVERSION_TYPES_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_MODE_FIELD_NUMBER: _ClassVar[int]
    RECEIVE_CONVERSIONS_FIELD_NUMBER: _ClassVar[int]
    RECEIVE_RETURNS_FIELD_NUMBER: _ClassVar[int]
    RETURN_WINDOW_DAYS_FIELD_NUMBER: _ClassVar[int]
    RULES_FIELD_NUMBER: _ClassVar[int]
    STRICT_TYPES_FIELD_NUMBER: _ClassVar[int]
    allowed_return_reasons: _containers.RepeatedScalarFieldContainer[str]
    conversion_types: _containers.RepeatedCompositeFieldContainer[ConversionTypeSetting]
    default_mode: _common_pb2.ConversionMode
    receive_conversions: bool
    receive_returns: bool
    return_window_days: int
    rules: _rules_pb2.RuleSet
    strict_types: bool
    def __init__(self, receive_conversions: bool = ..., receive_returns: bool = ..., return_window_days: _Optional[int] = ..., conversion_types: _Optional[_Iterable[_Union[ConversionTypeSetting, _Mapping]]] = ..., default_mode: _Optional[_Union[_common_pb2.ConversionMode, str]] = ..., strict_types: bool = ..., rules: _Optional[_Union[_rules_pb2.RuleSet, _Mapping]] = ..., allowed_return_reasons: _Optional[_Iterable[str]] = ...) -> None: ...

class GetRecipientRequest(_message.Message):
    __slots__ = ["id"]
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class GetRecipientResponse(_message.Message):
    __slots__ = ["recipient"]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    recipient: Recipient
    def __init__(self, recipient: _Optional[_Union[Recipient, _Mapping]] = ...) -> None: ...

class ListRecipientsRequest(_message.Message):
    __slots__ = ["include_archived", "page_size", "page_token"]
    INCLUDE_ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    include_archived: bool
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., include_archived: bool = ...) -> None: ...

class ListRecipientsResponse(_message.Message):
    __slots__ = ["next_page_token", "recipients"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    recipients: _containers.RepeatedCompositeFieldContainer[Recipient]
    def __init__(self, recipients: _Optional[_Iterable[_Union[Recipient, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PutRecipientRequest(_message.Message):
    __slots__ = ["expected_updated_at_ms", "recipient", "update_fields"]
    EXPECTED_UPDATED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    UPDATE_FIELDS_FIELD_NUMBER: _ClassVar[int]
    expected_updated_at_ms: int
    recipient: Recipient
    update_fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, recipient: _Optional[_Union[Recipient, _Mapping]] = ..., update_fields: _Optional[_Iterable[str]] = ..., expected_updated_at_ms: _Optional[int] = ...) -> None: ...

class PutRecipientResponse(_message.Message):
    __slots__ = ["created", "recipient"]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    created: bool
    recipient: Recipient
    def __init__(self, recipient: _Optional[_Union[Recipient, _Mapping]] = ..., created: bool = ...) -> None: ...

class Recipient(_message.Message):
    __slots__ = ["archived_at_ms", "created_at_ms", "feedback", "id", "labels", "name", "updated_at_ms"]
    class LabelsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ARCHIVED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    FEEDBACK_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    archived_at_ms: int
    created_at_ms: int
    feedback: FeedbackSettings
    id: str
    labels: _containers.ScalarMap[str, str]
    name: str
    updated_at_ms: int
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., feedback: _Optional[_Union[FeedbackSettings, _Mapping]] = ..., labels: _Optional[_Mapping[str, str]] = ..., created_at_ms: _Optional[int] = ..., updated_at_ms: _Optional[int] = ..., archived_at_ms: _Optional[int] = ...) -> None: ...

class RestoreRecipientRequest(_message.Message):
    __slots__ = ["id"]
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class RestoreRecipientResponse(_message.Message):
    __slots__ = ["recipient"]
    RECIPIENT_FIELD_NUMBER: _ClassVar[int]
    recipient: Recipient
    def __init__(self, recipient: _Optional[_Union[Recipient, _Mapping]] = ...) -> None: ...

class TypePolarity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
