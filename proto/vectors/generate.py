#!/usr/bin/env python3
"""Writes the golden wire vectors: exact framed bytes of requests and replies.

Run from anywhere: python3 proto/vectors/generate.py. The Swift, C and Python tests each build the
same requests in their own code and must produce these bytes exactly, and must decode the replies
to the values listed in vectors.json. Maps hold one entry in request vectors (map order on the
wire is not fixed by protobuf); the reply vectors have several, compared by value.
"""
import json
import os
import struct
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "clients", "python"))
from google.protobuf import json_format  # noqa: E402
from convd_client._proto.convd.v1 import (  # noqa: E402
    conversions_pb2, deliveries_pb2, envelope_pb2, events_pb2, feedback_pb2, recipients_pb2, common_pb2, rules_pb2, system_pb2)

U64_MAX = 2**64 - 1
U32_MAX = 2**32 - 1
I64_MAX = 2**63 - 1
I64_MIN = -2**63


def request(call_id, method, payload=None, **kw):
    r = envelope_pb2.Request(call_id=call_id, method=method, **kw)
    if payload is not None:
        r.payload = payload.SerializeToString()
    return r


def requests():
    yield "health", "empty payload", request(1, "/convd.v1.System/Health")

    rec = recipients_pb2.PutRecipientRequest()
    r = rec.recipient
    r.id, r.name = "crm-1", "CRM One"
    r.labels["team"] = "sales"
    f = r.feedback
    f.receive_conversions, f.receive_returns, f.return_window_days = True, True, 30
    f.conversion_types.add(name="WonClient", mode=common_pb2.CONVERSION_MODE_INCREMENT)
    f.conversion_types.add(name="FakeLead", mode=common_pb2.CONVERSION_MODE_IGNORE_DUPLICATES, duplicate_window_seconds=3600)
    f.default_mode = common_pb2.CONVERSION_MODE_CREATE_NEW
    f.rules.match = rules_pb2.RULE_MATCH_ANY
    f.rules.nodes.add().rule.CopyFrom(rules_pb2.Rule(field="feedback.reason", op=rules_pb2.RULE_OPERATOR_IN,
                                                     values=["Sale Completed", "Appointment Scheduled"]))
    f.rules.nodes.add().set.CopyFrom(rules_pb2.RuleSet(match=rules_pb2.RULE_MATCH_ALL))
    f.allowed_return_reasons.append("Duplicate")
    yield "put_recipient", "nested messages, a repeated oneof (rule and empty set), enums, one map entry", \
        request(2, "/convd.v1.Recipients/Put", rec, timeout_ms=5000)

    d = deliveries_pb2.RecordDeliveryRequest()
    d.delivery.recipient_id, d.delivery.source_id, d.delivery.click_id = "crm-1", "vendor-1", "gclid-abc"
    d.delivery.lead["email"] = "a@example.com"
    d.delivery.test = True
    d.delivery.delivered_at_ms = 1795407421626
    yield "record_delivery", "bool, int64 time, map, empty event_id left out", request(3, "/convd.v1.Deliveries/Record", d)

    fb = feedback_pb2.RecordFeedbackRequest()
    x = fb.feedback
    x.click.click_id, x.click.recipient_id = "gclid-abc", "crm-1"
    x.kind = feedback_pb2.FEEDBACK_KIND_CONVERSION
    x.conversion_type = "WonClient"
    x.amount.amount_minor, x.amount.currency = 100000, "EUR"
    x.fields["plan"] = "pro"
    x.transaction_id = "INV-2026-0001"
    x.status = common_pb2.CONVERSION_STATUS_PENDING
    x.occurred_at_ms = 1795407000000
    yield "record_feedback_by_click", "oneof message member, money, map, idempotency key", \
        request(4, "/convd.v1.Feedback/Record", fb, idempotency_key="crm-req-0001")

    ret = feedback_pb2.RecordFeedbackRequest()
    ret.feedback.event_id = "01M83AXMTHNSQR1M1JA1QX0RYM"
    ret.feedback.kind = feedback_pb2.FEEDBACK_KIND_RETURN
    ret.feedback.reason = "Doppelt – Rückgabe €"
    yield "record_return_by_event", "oneof string member, non-ASCII UTF-8", request(5, "/convd.v1.Feedback/Record", ret)

    adj = feedback_pb2.AdjustRequest()
    adj.transaction.recipient_id, adj.transaction.transaction_id = "crm-1", "INV-2026-0001"
    adj.kind = feedback_pb2.ADJUSTMENT_KIND_RESTATE
    adj.amount.amount_minor, adj.amount.currency = I64_MIN, "EUR"
    yield "adjust_extreme_amount", "oneof third member, most negative int64", request(6, "/convd.v1.Feedback/Adjust", adj)

    lst = conversions_pb2.ListConversionsRequest()
    lst.filter.statuses.extend([common_pb2.CONVERSION_STATUS_PENDING, common_pb2.CONVERSION_STATUS_APPROVED])
    lst.filter.to_ms = I64_MAX
    lst.filter.include_test = True
    lst.page_size = 1000
    lst.page_token = "123"
    yield "list_conversions_maximal", "largest call_id and timeout, packed repeated enum, largest int64", \
        request(U64_MAX, "/convd.v1.Conversions/List", lst, timeout_ms=U32_MAX)

    yield "cancel", "a cancel carries only call_id and cancel", envelope_pb2.Request(call_id=7, cancel=True)

    yield "health_readiness", "System/Health in readiness mode: one bool field set", \
        request(10, "/convd.v1.System/Health", system_pb2.HealthRequest(readiness=True))


def replies():
    ok = feedback_pb2.RecordFeedbackResponse()
    res = ok.result
    res.outcome = common_pb2.OUTCOME_INCREMENTED
    c = res.conversion
    c.id, c.recipient_id, c.conversion_type = "01M83AXMTHNSQR1M1JA1QX0RYM", "crm-1", "WonClient"
    c.mode, c.status = common_pb2.CONVERSION_MODE_INCREMENT, common_pb2.CONVERSION_STATUS_APPROVED
    c.amount.amount_minor, c.amount.currency = 300000, "EUR"
    c.fields["plan"], c.fields["seats"] = "pro", "12"
    c.version, c.postback_count = 2, 2
    c.history.add(version=1, cause=common_pb2.OUTCOME_CREATED, actor="uid:1000 role:recorder", event_seq=1)
    res.event_seq = 2
    res.status.code = 0
    yield "feedback_incremented", "OK reply with a nested payload, a two-entry map and history", \
        envelope_pb2.Response(call_id=4, status=envelope_pb2.Status(code=0), payload=ok.SerializeToString()), \
        ("convd.v1.RecordFeedbackResponse", ok)

    bad = envelope_pb2.Response(call_id=2, status=envelope_pb2.Status(
        code=3, message="recipient.id: 'Bad Id' must start with a lower-case letter or digit",
        violations=[envelope_pb2.FieldViolation(field="recipient.id", description="'Bad Id' must start with a lower-case letter or digit")]))
    yield "invalid_argument", "an error status with a field violation, no payload", bad, None

    part = events_pb2.WatchEventsResponse()
    part.event.seq = 5
    part.event.outcome = common_pb2.OUTCOME_REJECTED
    part.event.detail = 'feedback.reason is "Maybe later", which fails "is included in [Sale Completed]"'
    part.event.recipient_id = "crm-1"
    yield "stream_part", "a streaming part: more = true", \
        envelope_pb2.Response(call_id=9, status=envelope_pb2.Status(), payload=part.SerializeToString(), more=True), \
        ("convd.v1.WatchEventsResponse", part)

    metrics = system_pb2.MetricsResponse(text='# TYPE convd_calls_total counter\nconvd_calls_total{method="/convd.v1.System/Health",code="OK"} 3\n')
    yield "metrics_text", "System/Metrics: Prometheus text with newlines, quotes and braces in one string", \
        envelope_pb2.Response(call_id=11, status=envelope_pb2.Status(), payload=metrics.SerializeToString()), \
        ("convd.v1.MetricsResponse", metrics)

    yield "connection_error", "call_id 0: about the connection, which the server then closes", \
        envelope_pb2.Response(status=envelope_pb2.Status(code=8, message="frame of 4194305 bytes exceeds the maximum of 4194304 bytes")), None


def frame(message):
    body = message.SerializeToString()
    return struct.pack(">I", len(body)) + body


def main():
    manifest = {"requests": [], "replies": []}
    for name, what, msg in requests():
        open(os.path.join(here, name + ".bin"), "wb").write(frame(msg))
        manifest["requests"].append({"name": name, "covers": what, "file": name + ".bin",
                                     "request": json_format.MessageToDict(msg, preserving_proto_field_name=True)})
    for name, what, msg, payload in replies():
        open(os.path.join(here, name + ".bin"), "wb").write(frame(msg))
        entry = {"name": name, "covers": what, "file": name + ".bin",
                 "response": json_format.MessageToDict(msg, preserving_proto_field_name=True)}
        if payload:
            entry["payload_type"] = payload[0]
            entry["payload"] = json_format.MessageToDict(payload[1], preserving_proto_field_name=True)
        manifest["replies"].append(entry)
    with open(os.path.join(here, "vectors.json"), "w") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote", len(manifest["requests"]), "request and", len(manifest["replies"]), "reply vectors")


if __name__ == "__main__":
    main()
