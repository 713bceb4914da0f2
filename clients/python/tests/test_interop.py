"""The Python client against the real convd: the main flows and errors with their codes."""
import uuid
from decimal import Decimal

import pytest

import convd_client as cc
from convd_client import _wire
from convd_client import common_pb2, feedback_pb2, recipients_pb2, sources_pb2


def won(event_id, minor, currency="EUR"):
    """A raw-proto WonClient report, as 0.1 callers built them (still accepted as is)."""
    return feedback_pb2.FeedbackReport(event_id=event_id, kind=feedback_pb2.FEEDBACK_KIND_CONVERSION, conversion_type="WonClient",
                                       amount=common_pb2.Money(amount_minor=minor, currency=currency))


@pytest.fixture
def seeded(convd_socket):
    rid, sid = "py-crm-" + uuid.uuid4().hex[:8], "py-src-" + uuid.uuid4().hex[:8]
    with cc.Client(convd_socket) as c:
        assert c.put_recipient(recipients_pb2.Recipient(id=rid)).created
        c.put_source(sources_pb2.Source(id=sid))
        event_id = c.record_delivery(recipient=rid, source=sid).event_id
    return convd_socket, rid, event_id


def test_health_and_info(convd_socket):
    with cc.Client(convd_socket) as c:
        assert c.health() == "SERVING"
        info = c.info()
        assert info.api_version == "convd.v1" and "/convd.v1.Feedback/Record" in info.methods


def test_increment_twice_sums(seeded):
    sock, rid, event_id = seeded
    with cc.Client(sock) as c:
        first = c.record_feedback(won(event_id, 100000))
        second = c.record_feedback(won(event_id, 200000), idempotency_key="py-" + uuid.uuid4().hex)
        assert first.outcome == cc.Outcome.CREATED
        assert second.outcome == cc.Outcome.INCREMENTED
        assert second.conversion.amount.amount_minor == 300000 and second.conversion.postback_count == 2
        assert [x.amount.amount_minor for x in c.conversions(recipient=rid)] == [300000]
        with pytest.raises(cc.FailedPreconditionError) as e:
            c.record_feedback(won(event_id, 1, "USD"))
        assert e.value.code == cc.StatusCode.FAILED_PRECONDITION and "never summed" in e.value.message


def test_errors_carry_their_codes(convd_socket):
    with cc.Client(convd_socket) as c:
        with pytest.raises(cc.NotFoundError) as e:
            c.get_recipient("py-nobody")
        assert e.value.message == "no recipient 'py-nobody'" and e.value.code == cc.StatusCode.NOT_FOUND
        with pytest.raises(cc.InvalidArgumentError) as e:
            c.put_recipient(recipients_pb2.Recipient(id="Not A Slug"))
        assert [v.field for v in e.value.violations] == ["recipient.id"]
        with pytest.raises(cc.UnimplementedError):
            c.call("/convd.v1.Nope/Nothing", feedback_pb2.RecordFeedbackRequest(), feedback_pb2.RecordFeedbackResponse)
        assert isinstance(e.value, cc.ConvdError) and cc.NotFound is cc.NotFoundError  # one base; 0.1 names kept
        assert c.health() == "SERVING"  # the connection survives errors


def test_unreachable_socket_is_unavailable(tmp_path):
    with pytest.raises(cc.UnavailableError) as e:
        cc.Client(str(tmp_path / "none.sock"))
    assert e.value.message.startswith(f"convd at {tmp_path / 'none.sock'}: cannot connect")


def test_oversized_reply_is_refused(seeded):
    sock, _, _ = seeded
    with cc.Client(sock, max_frame=10) as c:
        with pytest.raises(cc.ResourceExhaustedError):
            c.info()
        with pytest.raises(cc.UnavailableError):  # the refused body is still on the wire: never read as a reply
            c.health()


def test_watch_streams_events_after_a_seq_and_stops_on_close(seeded):
    sock, rid, event_id = seeded
    with cc.Client(sock, stream_timeout=10) as watcher, cc.Client(sock) as writer:
        before = writer.record_feedback(won(event_id, 5)).event_seq
        events = watcher.watch_events(after_seq=before)  # deterministic: everything after `before`
        after = writer.record_feedback(won(event_id, 7))
        first = next(events)
        assert first.seq == after.event_seq
        assert first.outcome == cc.Outcome.INCREMENTED and first.recipient_id == rid
        events.close()  # sends a cancel
        assert watcher.health() == "SERVING"


def test_a_key_reused_for_another_request_is_refused(seeded):
    sock, rid, event_id = seeded
    key = "py-" + uuid.uuid4().hex
    with cc.Client(sock) as c:
        first = c.record_feedback(won(event_id, 1000), idempotency_key=key)
        assert c.record_feedback(won(event_id, 1000), idempotency_key=key) == first
        with pytest.raises(cc.FailedPreconditionError) as e:
            c.record_feedback(won(event_id, 9999), idempotency_key=key)
        assert e.value.message.startswith("idempotency key '%s' was first used for a different request" % key)
        assert [x.amount.amount_minor for x in c.conversions(recipient=rid)] == [1000]


def test_partial_put_keeps_the_rest_and_delete_archives(seeded):
    sock, rid, _ = seeded
    with cc.Client(sock) as c:
        c.put_recipient(recipients_pb2.Recipient(id=rid, name="Before", labels={"team": "sales"}))
        after = c.put_recipient(recipients_pb2.Recipient(id=rid, name="After"), update_fields=["name"]).recipient
        assert after.name == "After" and dict(after.labels) == {"team": "sales"}
        with pytest.raises(cc.AbortedError):
            c.put_recipient(recipients_pb2.Recipient(id=rid, name="Stale"), update_fields=["name"], expected_updated_at_ms=1)
        assert c.delete_recipient(rid).archived
        assert rid not in [r.id for r in c.recipients()]
        assert rid in [r.id for r in c.recipients(include_archived=True)]
        assert c.restore_recipient(rid).archived_at_ms == 0


def test_keyword_calls_convert_decimal_amounts_exactly(seeded):
    sock, rid, event_id = seeded
    with cc.Client(sock) as c:
        first = c.record_conversion(event_id=event_id, type="WonClient", amount=Decimal("1000.10"), currency="EUR",
                                    transaction_id="INV-1")
        second = c.record_conversion(event_id=event_id, type="WonClient", amount="0.20", currency="EUR",
                                     transaction_id="INV-2")
        assert first.outcome == cc.Outcome.CREATED and second.outcome == cc.Outcome.INCREMENTED
        assert second.conversion.amount.amount_minor == 100030
        assert cc.from_minor(second.conversion.amount.amount_minor, "EUR") == Decimal("1000.30")
        # An instalment corrected by its transaction ID, by keywords.
        fixed = c.adjust(kind=cc.AdjustmentKind.RESTATE, transaction_id="INV-2", recipient=rid, amount="0.50",
                         currency="EUR", reason="invoice corrected")
        assert fixed.outcome == cc.Outcome.ADJUSTED and fixed.conversion.amount.amount_minor == 100060
        returned = c.record_return(event_id=event_id, reason="Duplicate")
        assert returned.outcome == cc.Outcome.RETURN_RECORDED
        with pytest.raises(ValueError):  # more decimals than EUR has: refused before sending
            c.record_conversion(event_id=event_id, type="WonClient", amount="1.005", currency="EUR")


def test_iterators_walk_every_page(seeded):
    sock, rid, event_id = seeded
    with cc.Client(sock) as c:
        for i in range(5):
            c.record_conversion(event_id=event_id, type="Lead", amount=i + 1, currency="USD")
        paged = [x.amount.amount_minor for x in c.conversions(recipient=rid, page_size=2)]
        assert paged == [100, 200, 300, 400, 500]
        events = list(c.events(recipient=rid, outcomes=[cc.Outcome.CREATED], page_size=2))
        assert len(events) == 5 and all(e.outcome == cc.Outcome.CREATED for e in events)
        rows = c.stats(cc.StatsGrouping.RECIPIENT, recipient=rid)
        assert [(r.group, r.conversions) for r in rows] == [(rid, 5)]


def test_every_call_carries_a_deadline():
    sent = cc.envelope_pb2.Request.FromString(_wire.request(1, "/m", cc.system_pb2.HealthRequest(), 10.0, "")[4:])
    assert sent.timeout_ms == 10000
    assert cc.Client.__init__.__defaults__ is not None and cc.DEFAULT_TIMEOUT == 10.0


def test_enums_match_the_proto():
    pairs = [(cc.Outcome, common_pb2.Outcome, "OUTCOME_"), (cc.ConversionStatus, common_pb2.ConversionStatus, "CONVERSION_STATUS_"),
             (cc.ConversionMode, common_pb2.ConversionMode, "CONVERSION_MODE_"),
             (cc.AdjustmentKind, feedback_pb2.AdjustmentKind, "ADJUSTMENT_KIND_"),
             (cc.StatsGrouping, cc.conversions_pb2.StatsGrouping, "STATS_GROUPING_"),
             (cc.OutboxState, cc.forwarding_pb2.OutboxState, "OUTBOX_STATE_")]
    for ours, theirs, prefix in pairs:
        assert {m.name: m.value for m in ours} == {k[len(prefix):]: v for k, v in theirs.items()}, ours


def test_money_is_exact_or_refused():
    assert cc.to_minor(Decimal("12.50"), "EUR") == 1250 and cc.to_minor("1000", "JPY") == 1000
    assert cc.to_minor("1.234", "KWD") == 1234 and cc.to_minor(7, "USD") == 700
    assert cc.from_minor(1250, "EUR") == Decimal("12.50") and str(cc.from_minor(5, "BHD")) == "0.005"
    for bad, currency in [("1.005", "EUR"), ("1.5", "JPY"), (0.1, "EUR"), ("abc", "EUR"), ("1", "XYZ"), ("NaN", "EUR")]:
        with pytest.raises(ValueError):
            cc.to_minor(bad, currency)
