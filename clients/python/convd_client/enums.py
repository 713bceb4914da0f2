"""convd's enums as Python enums, with the wire numbers of the proto (``proto/convd/v1``)."""
from __future__ import annotations

import enum


class Outcome(enum.IntEnum):
    """What a feedback or adjustment did (``convd.v1.Outcome``)."""
    UNSPECIFIED = 0
    CREATED = 1
    UPDATED = 2
    INCREMENTED = 3
    DUPLICATE_IGNORED = 4
    REJECTED = 5
    RETURN_RECORDED = 6
    STALE_IGNORED = 7
    ADJUSTED = 8
    FAILED = 9


class ConversionStatus(enum.IntEnum):
    """Where a conversion stands (``convd.v1.ConversionStatus``)."""
    UNSPECIFIED = 0
    PENDING = 1
    APPROVED = 2
    REJECTED = 3
    RETRACTED = 4


class ConversionMode(enum.IntEnum):
    """How repeated postbacks of one type for one lead combine (``convd.v1.ConversionMode``)."""
    UNSPECIFIED = 0
    CREATE_NEW = 1
    UPDATE = 2
    IGNORE_DUPLICATES = 3
    INCREMENT = 4


class AdjustmentKind(enum.IntEnum):
    """What an adjustment does (``convd.v1.AdjustmentKind``)."""
    UNSPECIFIED = 0
    RETRACT = 1
    RESTATE = 2
    APPROVE = 3
    REJECT = 4


class StatsGrouping(enum.IntEnum):
    """What stats rows are grouped by (``convd.v1.StatsGrouping``); UNSPECIFIED is one row."""
    UNSPECIFIED = 0
    RECIPIENT = 1
    SOURCE = 2
    TYPE = 3
    DAY = 4
    WEEK = 5
    MONTH = 6


class OutboxState(enum.IntEnum):
    """Where a forward stands (``convd.v1.OutboxState``)."""
    UNSPECIFIED = 0
    PENDING = 1
    SENT = 2
    DEAD = 3
