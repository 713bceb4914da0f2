from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BackupRequest(_message.Message):
    __slots__ = ["path"]
    PATH_FIELD_NUMBER: _ClassVar[int]
    path: str
    def __init__(self, path: _Optional[str] = ...) -> None: ...

class BackupResponse(_message.Message):
    __slots__ = ["bytes", "duration_ms", "last_event_seq", "path", "rows"]
    BYTES_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    LAST_EVENT_SEQ_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    bytes: int
    duration_ms: int
    last_event_seq: int
    path: str
    rows: _containers.RepeatedCompositeFieldContainer[Counter]
    def __init__(self, path: _Optional[str] = ..., bytes: _Optional[int] = ..., duration_ms: _Optional[int] = ..., last_event_seq: _Optional[int] = ..., rows: _Optional[_Iterable[_Union[Counter, _Mapping]]] = ...) -> None: ...

class Counter(_message.Message):
    __slots__ = ["name", "value"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: int
    def __init__(self, name: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...

class HealthRequest(_message.Message):
    __slots__ = ["readiness"]
    READINESS_FIELD_NUMBER: _ClassVar[int]
    readiness: bool
    def __init__(self, readiness: bool = ...) -> None: ...

class HealthResponse(_message.Message):
    __slots__ = ["problems", "status"]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    problems: _containers.RepeatedScalarFieldContainer[str]
    status: str
    def __init__(self, status: _Optional[str] = ..., problems: _Optional[_Iterable[str]] = ...) -> None: ...

class InfoRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class InfoResponse(_message.Message):
    __slots__ = ["api_version", "caller_role", "counters", "database_path", "durability", "methods", "pid", "socket_path", "started_at_ms", "uptime_ms", "version"]
    API_VERSION_FIELD_NUMBER: _ClassVar[int]
    CALLER_ROLE_FIELD_NUMBER: _ClassVar[int]
    COUNTERS_FIELD_NUMBER: _ClassVar[int]
    DATABASE_PATH_FIELD_NUMBER: _ClassVar[int]
    DURABILITY_FIELD_NUMBER: _ClassVar[int]
    METHODS_FIELD_NUMBER: _ClassVar[int]
    PID_FIELD_NUMBER: _ClassVar[int]
    SOCKET_PATH_FIELD_NUMBER: _ClassVar[int]
    STARTED_AT_MS_FIELD_NUMBER: _ClassVar[int]
    UPTIME_MS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    api_version: str
    caller_role: str
    counters: _containers.RepeatedCompositeFieldContainer[Counter]
    database_path: str
    durability: str
    methods: _containers.RepeatedScalarFieldContainer[str]
    pid: int
    socket_path: str
    started_at_ms: int
    uptime_ms: int
    version: str
    def __init__(self, version: _Optional[str] = ..., api_version: _Optional[str] = ..., methods: _Optional[_Iterable[str]] = ..., started_at_ms: _Optional[int] = ..., uptime_ms: _Optional[int] = ..., socket_path: _Optional[str] = ..., database_path: _Optional[str] = ..., durability: _Optional[str] = ..., pid: _Optional[int] = ..., caller_role: _Optional[str] = ..., counters: _Optional[_Iterable[_Union[Counter, _Mapping]]] = ...) -> None: ...

class MetricsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class MetricsResponse(_message.Message):
    __slots__ = ["text"]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    text: str
    def __init__(self, text: _Optional[str] = ...) -> None: ...
