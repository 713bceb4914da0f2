from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
RULE_MATCH_ALL: RuleMatch
RULE_MATCH_ANY: RuleMatch
RULE_OPERATOR_BETWEEN: RuleOperator
RULE_OPERATOR_DOES_NOT_INCLUDE: RuleOperator
RULE_OPERATOR_EQUALS: RuleOperator
RULE_OPERATOR_GREATER_OR_EQUAL: RuleOperator
RULE_OPERATOR_GREATER_THAN: RuleOperator
RULE_OPERATOR_IN: RuleOperator
RULE_OPERATOR_INCLUDES: RuleOperator
RULE_OPERATOR_IS_BLANK: RuleOperator
RULE_OPERATOR_IS_FALSE: RuleOperator
RULE_OPERATOR_IS_NOT_BLANK: RuleOperator
RULE_OPERATOR_IS_TRUE: RuleOperator
RULE_OPERATOR_LESS_OR_EQUAL: RuleOperator
RULE_OPERATOR_LESS_THAN: RuleOperator
RULE_OPERATOR_MATCHES: RuleOperator
RULE_OPERATOR_NOT_EQUALS: RuleOperator
RULE_OPERATOR_NOT_IN: RuleOperator
RULE_OPERATOR_UNSPECIFIED: RuleOperator

class Rule(_message.Message):
    __slots__ = ["field", "op", "values"]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    OP_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    field: str
    op: RuleOperator
    values: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, field: _Optional[str] = ..., op: _Optional[_Union[RuleOperator, str]] = ..., values: _Optional[_Iterable[str]] = ...) -> None: ...

class RuleNode(_message.Message):
    __slots__ = ["rule", "set"]
    RULE_FIELD_NUMBER: _ClassVar[int]
    SET_FIELD_NUMBER: _ClassVar[int]
    rule: Rule
    set: RuleSet
    def __init__(self, rule: _Optional[_Union[Rule, _Mapping]] = ..., set: _Optional[_Union[RuleSet, _Mapping]] = ...) -> None: ...

class RuleSet(_message.Message):
    __slots__ = ["match", "nodes"]
    MATCH_FIELD_NUMBER: _ClassVar[int]
    NODES_FIELD_NUMBER: _ClassVar[int]
    match: RuleMatch
    nodes: _containers.RepeatedCompositeFieldContainer[RuleNode]
    def __init__(self, match: _Optional[_Union[RuleMatch, str]] = ..., nodes: _Optional[_Iterable[_Union[RuleNode, _Mapping]]] = ...) -> None: ...

class RuleOperator(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class RuleMatch(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
