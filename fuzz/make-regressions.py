#!/usr/bin/env python3
"""Writes fuzz/regressions/callpath/: the nine inputs of issue 18 that stopped convd, as call-path
fuzz inputs (a method index byte, then the request), so FuzzRegressionTests replays them through
the real handlers on every test run. Run from the repository root: PYTHONPATH=clients/python python3 fuzz/make-regressions.py"""
import os
from convd_client._proto.convd.v1 import (conversions_pb2, deliveries_pb2, events_pb2, feedback_pb2,
                                          forwarding_pb2, recipients_pb2, rules_pb2, common_pb2)

# The router's methods, sorted, exactly as CallPathHarness.methods holds them.
METHODS = sorted("/convd.v1." + m for m in [
    "Conversions/Get", "Conversions/List", "Conversions/Stats", "Deliveries/Get", "Deliveries/Record", "Events/List",
    "Events/Watch", "Feedback/Adjust", "Feedback/Record", "Feedback/RecordBatch", "Feedback/Retract", "Forwarding/List",
    "Forwarding/Retry", "Recipients/Delete", "Recipients/Get", "Recipients/List", "Recipients/Put", "Sources/Delete",
    "Sources/Get", "Sources/List", "Sources/Put", "System/Health", "System/Info"])

def won(minor, currency="JPY"):
    return feedback_pb2.FeedbackReport(event_id="E1", kind=feedback_pb2.FEEDBACK_KIND_CONVERSION, conversion_type="WonClient",
                                       amount=common_pb2.Money(amount_minor=minor, currency=currency))

def pattern_recipient(pattern):
    rule = rules_pb2.Rule(field="feedback.reason", op=rules_pb2.RULE_OPERATOR_MATCHES, values=[pattern])
    settings = recipients_pb2.FeedbackSettings(receive_conversions=True, default_mode=common_pb2.CONVERSION_MODE_CREATE_NEW,
                                               rules=rules_pb2.RuleSet(nodes=[rules_pb2.RuleNode(rule=rule)]))
    return recipients_pb2.PutRecipientRequest(recipient=recipients_pb2.Recipient(id="crm-1", feedback=settings))

INPUTS = {
    "1-watch-after-seq-2e63": ("Events/Watch", events_pb2.WatchEventsRequest(after_seq=2**63)),
    "2-retry-item-2e63": ("Forwarding/Retry", forwarding_pb2.RetryForwardsRequest(item_id=2**64 - 1)),
    "3-increment-2e62-jpy": ("Feedback/RecordBatch", feedback_pb2.RecordFeedbackBatchRequest(items=[won(2**62), won(2**62)])),
    "3-restate-int64-max": ("Feedback/Adjust", feedback_pb2.AdjustRequest(
        key=feedback_pb2.ConversionKey(recipient_id="crm-1", conversion_type="WonClient", attribution_id="c1"),
        kind=feedback_pb2.ADJUSTMENT_KIND_RESTATE, amount=common_pb2.Money(amount_minor=2**63 - 1, currency="EUR"))),
    "4-delivered-at-int64-max": ("Deliveries/Record", deliveries_pb2.RecordDeliveryRequest(delivery=deliveries_pb2.Delivery(
        event_id="R4", recipient_id="crm-1", source_id="v-1", delivered_at_ms=2**63 - 1))),
    "4-stats-by-day": ("Conversions/Stats", conversions_pb2.StatsRequest(group_by=conversions_pb2.STATS_GROUPING_DAY)),
    "5-retract-occurred-int64-min": ("Feedback/Retract", feedback_pb2.AdjustRequest(
        key=feedback_pb2.ConversionKey(recipient_id="crm-1", conversion_type="WonClient", attribution_id="c1"),
        occurred_at_ms=-2**63)),
    "6-stats-by-recipient": ("Conversions/Stats", conversions_pb2.StatsRequest(group_by=conversions_pb2.STATS_GROUPING_RECIPIENT)),
    "7-restate-negative": ("Feedback/Adjust", feedback_pb2.AdjustRequest(
        key=feedback_pb2.ConversionKey(recipient_id="crm-1", conversion_type="WonClient", attribution_id="c1"),
        kind=feedback_pb2.ADJUSTMENT_KIND_RESTATE, amount=common_pb2.Money(amount_minor=-1, currency="EUR"))),
    "8-pathological-pattern": ("Recipients/Put", pattern_recipient("(a+)+$")),
    "8-pathological-reason": ("Feedback/Record", feedback_pb2.RecordFeedbackRequest(feedback=feedback_pb2.FeedbackReport(
        event_id="E1", kind=feedback_pb2.FEEDBACK_KIND_CONVERSION, conversion_type="Lead", reason="a" * 40 + "b"))),
    "9-megabyte-pattern": ("Recipients/Put", pattern_recipient("a" * (1 << 20))),
    "events-list-1000": ("Events/List", events_pb2.ListEventsRequest(page_size=1000)),
}

out = "fuzz/regressions/callpath"
os.makedirs(out, exist_ok=True)
for name, (method, message) in INPUTS.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(bytes([METHODS.index("/convd.v1." + method)]) + message.SerializeToString())
print(f"wrote {len(INPUTS)} inputs to {out}")
