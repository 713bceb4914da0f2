"""The Python client against the real convd: the main flows and errors with their codes."""
import os
import socket
import struct
import uuid

import pytest

import convd_client as cc
from convd_client import common_pb2, conversions_pb2, deliveries_pb2, feedback_pb2, recipients_pb2, sources_pb2


def won(event_id, minor, currency="EUR"):
    return feedback_pb2.FeedbackReport(event_id=event_id, kind=feedback_pb2.FEEDBACK_KIND_CONVERSION, conversion_type="WonClient",
                                       amount=common_pb2.Money(amount_minor=minor, currency=currency))


@pytest.fixture
def seeded(convd_socket):
    rid, sid = "py-crm-" + uuid.uuid4().hex[:8], "py-src-" + uuid.uuid4().hex[:8]
    with cc.Client(convd_socket) as c:
        assert c.put_recipient(recipients_pb2.Recipient(id=rid)).created
        c.put_source(sources_pb2.Source(id=sid))
        event_id = c.record_delivery(deliveries_pb2.Delivery(recipient_id=rid, source_id=sid)).event_id
    return convd_socket, rid, event_id


def test_health_and_info(convd_socket):
    with cc.Client(convd_socket) as c:
        assert c.health().status == "SERVING"
        info = c.info()
        assert info.api_version == "convd.v1" and "/convd.v1.Feedback/Record" in info.methods


def test_increment_twice_sums(seeded):
    sock, rid, event_id = seeded
    with cc.Client(sock) as c:
        first = c.record_feedback(won(event_id, 100000))
        second = c.record_feedback(won(event_id, 200000), idempotency_key="py-" + uuid.uuid4().hex)
        assert first.outcome == common_pb2.OUTCOME_CREATED
        assert second.outcome == common_pb2.OUTCOME_INCREMENTED
        assert second.conversion.amount.amount_minor == 300000 and second.conversion.postback_count == 2
        listed = c.list_conversions(conversions_pb2.ConversionFilter(recipient_id=rid)).conversions
        assert [x.amount.amount_minor for x in listed] == [300000]
        with pytest.raises(cc.FailedPrecondition) as e:
            c.record_feedback(won(event_id, 1, "USD"))
        assert e.value.code == cc.StatusCode.FAILED_PRECONDITION and "never summed" in e.value.message


def test_errors_carry_their_codes(convd_socket):
    with cc.Client(convd_socket) as c:
        with pytest.raises(cc.NotFound) as e:
            c.get_recipient("py-nobody")
        assert e.value.message == "no recipient 'py-nobody'"
        with pytest.raises(cc.InvalidArgument) as e:
            c.put_recipient(recipients_pb2.Recipient(id="Not A Slug"))
        assert [f for f, _ in e.value.violations] == ["recipient.id"]
        with pytest.raises(cc.Unimplemented):
            c.call("/convd.v1.Nope/Nothing", feedback_pb2.RecordFeedbackRequest(), feedback_pb2.RecordFeedbackResponse)
        assert c.health().status == "SERVING"  # the connection survives errors


def test_unreachable_socket_is_unavailable(tmp_path):
    with pytest.raises(cc.Unavailable) as e:
        cc.Client(str(tmp_path / "none.sock"))
    assert e.value.message.startswith(f"cannot reach convd at {tmp_path / 'none.sock'}")


def test_oversized_reply_is_refused(seeded):
    sock, _, _ = seeded
    with cc.Client(sock, max_frame=10) as c:
        with pytest.raises(cc.ResourceExhausted):
            c.info()
        with pytest.raises(cc.Unavailable):  # the refused body is still on the wire: never read as a reply
            c.health()


def test_watch_streams_events_after_a_seq_and_stops_on_close(seeded):
    sock, rid, event_id = seeded
    with cc.Client(sock, stream_timeout=10) as watcher, cc.Client(sock) as writer:
        before = writer.record_feedback(won(event_id, 5)).event_seq
        events = watcher.watch_events(after_seq=before)  # deterministic: everything after `before`
        after = writer.record_feedback(won(event_id, 7))
        first = next(events)
        assert first.seq == after.event_seq
        assert first.outcome == common_pb2.OUTCOME_INCREMENTED and first.recipient_id == rid
        events.close()  # sends a cancel
        assert watcher.health().status == "SERVING"


def test_a_key_reused_for_another_request_is_refused(seeded):
    sock, rid, event_id = seeded
    key = "py-" + uuid.uuid4().hex
    with cc.Client(sock) as c:
        first = c.record_feedback(won(event_id, 1000), idempotency_key=key)
        assert c.record_feedback(won(event_id, 1000), idempotency_key=key) == first
        with pytest.raises(cc.FailedPrecondition) as e:
            c.record_feedback(won(event_id, 9999), idempotency_key=key)
        assert e.value.message.startswith("idempotency key '%s' was first used for a different request" % key)
        listed = c.list_conversions(conversions_pb2.ConversionFilter(recipient_id=rid)).conversions
        assert [x.amount.amount_minor for x in listed] == [1000]


def test_partial_put_keeps_the_rest_and_delete_archives(seeded):
    sock, rid, _ = seeded
    with cc.Client(sock) as c:
        c.put_recipient(recipients_pb2.Recipient(id=rid, name="Before", labels={"team": "sales"}))
        after = c.put_recipient(recipients_pb2.Recipient(id=rid, name="After"), update_fields=["name"]).recipient
        assert after.name == "After" and dict(after.labels) == {"team": "sales"}
        with pytest.raises(cc.Aborted):
            c.put_recipient(recipients_pb2.Recipient(id=rid, name="Stale"), update_fields=["name"], expected_updated_at_ms=1)
        assert c.delete_recipient(rid).archived
        assert rid not in [r.id for r in c.list_recipients(page_size=1000).recipients]
        assert rid in [r.id for r in c.list_recipients(page_size=1000, include_archived=True).recipients]
        assert c.restore_recipient(rid).archived_at_ms == 0
