"""The golden wire vectors (proto/vectors), built here in Python and compared byte for byte."""
import os
import struct

from conftest import VECTORS
from convd_client import (StatusCode, common_pb2, conversions_pb2, deliveries_pb2, envelope_pb2, events_pb2,
                          feedback_pb2, frame, recipients_pb2, rules_pb2, system_pb2)


def golden(name):
    with open(os.path.join(VECTORS, name + ".bin"), "rb") as f:
        return f.read()


def req(call_id, method, payload=None, **kw):
    r = envelope_pb2.Request(call_id=call_id, method=method, **kw)
    if payload is not None:
        r.payload = payload.SerializeToString()
    return r


def test_health_and_cancel():
    assert frame(req(1, "/convd.v1.System/Health")) == golden("health")
    assert frame(envelope_pb2.Request(call_id=7, cancel=True)) == golden("cancel")
    assert frame(req(10, "/convd.v1.System/Health", system_pb2.HealthRequest(readiness=True))) == golden("health_readiness")


def test_put_recipient():
    settings = recipients_pb2.FeedbackSettings(
        receive_conversions=True, receive_returns=True, return_window_days=30,
        conversion_types=[recipients_pb2.ConversionTypeSetting(name="WonClient", mode=common_pb2.CONVERSION_MODE_INCREMENT),
                          recipients_pb2.ConversionTypeSetting(name="FakeLead", mode=common_pb2.CONVERSION_MODE_IGNORE_DUPLICATES,
                                                               duplicate_window_seconds=3600)],
        default_mode=common_pb2.CONVERSION_MODE_CREATE_NEW,
        rules=rules_pb2.RuleSet(match=rules_pb2.RULE_MATCH_ANY, nodes=[
            rules_pb2.RuleNode(rule=rules_pb2.Rule(field="feedback.reason", op=rules_pb2.RULE_OPERATOR_IN,
                                                   values=["Sale Completed", "Appointment Scheduled"])),
            rules_pb2.RuleNode(set=rules_pb2.RuleSet())]),
        allowed_return_reasons=["Duplicate"])
    r = recipients_pb2.Recipient(id="crm-1", name="CRM One", feedback=settings, labels={"team": "sales"})
    msg = req(2, "/convd.v1.Recipients/Put", recipients_pb2.PutRecipientRequest(recipient=r), timeout_ms=5000)
    assert frame(msg) == golden("put_recipient")


def test_deliveries_feedback_adjust_list():
    d = deliveries_pb2.Delivery(recipient_id="crm-1", source_id="vendor-1", click_id="gclid-abc",
                                lead={"email": "a@example.com"}, test=True, delivered_at_ms=1795407421626)
    assert frame(req(3, "/convd.v1.Deliveries/Record", deliveries_pb2.RecordDeliveryRequest(delivery=d))) == golden("record_delivery")

    fb = feedback_pb2.FeedbackReport(
        click=feedback_pb2.ClickRef(click_id="gclid-abc", recipient_id="crm-1"), kind=feedback_pb2.FEEDBACK_KIND_CONVERSION,
        conversion_type="WonClient", amount=common_pb2.Money(amount_minor=100000, currency="EUR"), fields={"plan": "pro"},
        transaction_id="INV-2026-0001", status=common_pb2.CONVERSION_STATUS_PENDING, occurred_at_ms=1795407000000)
    msg = req(4, "/convd.v1.Feedback/Record", feedback_pb2.RecordFeedbackRequest(feedback=fb), idempotency_key="crm-req-0001")
    assert frame(msg) == golden("record_feedback_by_click")

    ret = feedback_pb2.FeedbackReport(event_id="01M83AXMTHNSQR1M1JA1QX0RYM", kind=feedback_pb2.FEEDBACK_KIND_RETURN,
                                      reason="Doppelt – Rückgabe €")
    assert frame(req(5, "/convd.v1.Feedback/Record", feedback_pb2.RecordFeedbackRequest(feedback=ret))) == golden("record_return_by_event")

    adj = feedback_pb2.AdjustRequest(transaction=feedback_pb2.TransactionRef(recipient_id="crm-1", transaction_id="INV-2026-0001"),
                                     kind=feedback_pb2.ADJUSTMENT_KIND_RESTATE, amount=common_pb2.Money(amount_minor=-2**63, currency="EUR"))
    assert frame(req(6, "/convd.v1.Feedback/Adjust", adj)) == golden("adjust_extreme_amount")

    lst = conversions_pb2.ListConversionsRequest(
        filter=conversions_pb2.ConversionFilter(statuses=[common_pb2.CONVERSION_STATUS_PENDING, common_pb2.CONVERSION_STATUS_APPROVED],
                                                to_ms=2**63 - 1, include_test=True),
        page_size=1000, page_token="123")
    assert frame(req(2**64 - 1, "/convd.v1.Conversions/List", lst, timeout_ms=2**32 - 1)) == golden("list_conversions_maximal")


def reply(name):
    data = golden(name)
    (n,) = struct.unpack(">I", data[:4])
    assert n + 4 == len(data)
    return envelope_pb2.Response.FromString(data[4:])


def test_replies_decode_to_their_values():
    ok = reply("feedback_incremented")
    assert (ok.call_id, ok.status.code, ok.more) == (4, 0, False)
    result = feedback_pb2.RecordFeedbackResponse.FromString(ok.payload).result
    assert result.outcome == common_pb2.OUTCOME_INCREMENTED and result.event_seq == 2
    assert (result.conversion.amount.amount_minor, result.conversion.amount.currency) == (300000, "EUR")
    assert dict(result.conversion.fields) == {"plan": "pro", "seats": "12"}
    assert [h.actor for h in result.conversion.history] == ["uid:1000 role:recorder"]

    bad = reply("invalid_argument")
    assert bad.status.code == StatusCode.INVALID_ARGUMENT and bad.payload == b""
    assert [v.field for v in bad.status.violations] == ["recipient.id"]

    part = reply("stream_part")
    assert part.more and part.call_id == 9
    event = events_pb2.WatchEventsResponse.FromString(part.payload).event
    assert (event.seq, event.outcome, event.recipient_id) == (5, common_pb2.OUTCOME_REJECTED, "crm-1")

    metrics = reply("metrics_text")
    assert (metrics.call_id, metrics.status.code, metrics.more) == (11, 0, False)
    text = system_pb2.MetricsResponse.FromString(metrics.payload).text
    assert text == '# TYPE convd_calls_total counter\nconvd_calls_total{method="/convd.v1.System/Health",code="OK"} 3\n'

    conn = reply("connection_error")
    assert conn.call_id == 0 and conn.status.code == StatusCode.RESOURCE_EXHAUSTED
    assert conn.status.message == "frame of 4194305 bytes exceeds the maximum of 4194304 bytes"
