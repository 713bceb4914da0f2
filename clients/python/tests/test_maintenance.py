"""Backup and GDPR erasure from Python, sync and asyncio, against the real daemon."""
import asyncio
import os
import sqlite3
import tempfile
import uuid

import pytest

import convd_client as cc
from convd_client import recipients_pb2, sources_pb2


def test_backup_copies_what_was_written_and_refuses_to_overwrite(convd_socket):
    rid, sid = "py-b-" + uuid.uuid4().hex[:8], "py-bs-" + uuid.uuid4().hex[:8]
    path = os.path.join(tempfile.mkdtemp(prefix="convd-py-backup-"), "copy.sqlite")
    with cc.Client(convd_socket) as c:
        c.put_recipient(recipients_pb2.Recipient(id=rid))
        c.put_source(sources_pb2.Source(id=sid))
        event_id = c.record_delivery(recipient=rid, source=sid).event_id
        reply = c.backup(path)
        assert reply.path == path and reply.bytes > 0 and reply.last_event_seq >= 0
        with pytest.raises(cc.AlreadyExistsError):
            c.backup(path)
        with pytest.raises(cc.InvalidArgumentError):
            c.backup("relative/copy.sqlite")
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM delivery WHERE event_id = ?", (event_id,)).fetchone()[0] == 1
        rows = {r.name: r.value for r in reply.rows}
        assert rows["delivery"] == db.execute("SELECT count(*) FROM delivery").fetchone()[0]
    finally:
        db.close()


def test_erasure_by_email_blanks_the_lead_and_keeps_the_conversion(convd_socket):
    rid, sid = "py-e-" + uuid.uuid4().hex[:8], "py-es-" + uuid.uuid4().hex[:8]
    email = f"person-{uuid.uuid4().hex[:8]}@example.com"

    async def run():
        async with await cc.AsyncClient.connect(convd_socket) as c:
            await c.put_recipient(recipients_pb2.Recipient(id=rid))
            await c.put_source(sources_pb2.Source(id=sid))
            event_id = (await c.record_delivery(recipient=rid, source=sid, lead={"email": email, "phone": "5550100"})).event_id
            await c.record_conversion(event_id=event_id, type="WonClient", amount="10.00", currency="EUR")
            erased = await c.erase_deliveries(email=email.upper())
            assert list(erased.event_ids) == [event_id] and erased.erased_at_ms > 0
            d = await c.get_delivery(event_id)
            assert dict(d.lead) == {} and d.erased_at_ms == erased.erased_at_ms
            with pytest.raises(cc.NotFoundError):
                await c.erase_deliveries(event_id="py-no-such-delivery")
            with pytest.raises(ValueError):
                await c.erase_deliveries()
    asyncio.run(run())


def test_cost_correction_and_return_retraction(convd_socket):
    rid, sid = "py-c-" + uuid.uuid4().hex[:8], "py-cs-" + uuid.uuid4().hex[:8]
    with cc.Client(convd_socket) as c:
        c.put_recipient(recipients_pb2.Recipient(id=rid))
        c.put_source(sources_pb2.Source(id=sid))
        d = c.record_delivery(recipient=rid, source=sid, cost="12.50", cost_currency="USD")
        assert d.cost.amount_minor == 1250 and d.cost.currency == "USD"
        fixed = c.adjust_cost(d.event_id, "10.00", "USD", reason="renegotiated")
        assert fixed.delivery.cost.amount_minor == 1000
        assert [v.reason for v in fixed.cost_history] == ["recorded with the delivery", "renegotiated"]
        c.record_return(event_id=d.event_id, reason="Duplicate")
        back = c.retract_return(d.event_id, reason="CRM error")
        assert back.retracted_at_ms > 0 and not back.HasField("credit")
        with pytest.raises(cc.FailedPreconditionError):
            c.retract_return(d.event_id)
        removed = c.adjust_cost(d.event_id, None, reason="free lead")
        assert not removed.delivery.HasField("cost")


def _months_back(n: int) -> "tuple[str, int]":
    """The UTC month n months before this one, as "YYYY-MM", and its 10th at noon in ms."""
    import datetime as dt
    today = dt.datetime.now(dt.timezone.utc)
    y, m = today.year, today.month - n
    while m < 1:
        y, m = y - 1, m + 12
    return f"{y:04d}-{m:02d}", int(dt.datetime(y, m, 10, 12, tzinfo=dt.timezone.utc).timestamp() * 1000)


def test_statement_close_and_a_prior_period_return(convd_socket):
    rid, sid = "py-st-" + uuid.uuid4().hex[:8], "py-sts-" + uuid.uuid4().hex[:8]
    last, last_ms = _months_back(1)
    this, _ = _months_back(0)
    with cc.Client(convd_socket) as c:
        c.put_recipient(recipients_pb2.Recipient(id=rid, feedback=recipients_pb2.FeedbackSettings(
            receive_conversions=True, receive_returns=True, return_window_days=0)))
        c.put_source(sources_pb2.Source(id=sid))
        a = c.record_delivery(recipient=rid, source=sid, delivered_at_ms=last_ms, cost="20.00", cost_currency="EUR").event_id
        b = c.record_delivery(recipient=rid, source=sid, delivered_at_ms=last_ms + 1, cost="30.00", cost_currency="EUR").event_id
        c.record_conversion(event_id=a, type="WonClient", amount="100.00", currency="EUR")
        st = c.statement(sid, last, detail=True)
        lines = [(sources_pb2.StatementSection.Name(l.section), l.label, l.count, l.amount.amount_minor) for l in st.lines]
        assert lines == [("STATEMENT_SECTION_LEADS", "", 2, 5000), ("STATEMENT_SECTION_CONVERSIONS", "WonClient", 1, 10000)]
        assert [d.event_id for d in st.details] == [a, b] and [m.amount_minor for m in st.owed] == [5000]
        closed = c.close_month(sid, last)
        assert closed.closed.month == last and list(closed.lines) == list(st.lines)
        with pytest.raises(cc.FailedPreconditionError):
            c.close_month(sid, last)
        c.record_return(event_id=b, reason="Duplicate")
        assert c.statement(sid, last).lines == closed.lines
        now = c.statement(sid, this)
        assert [(l.lead_month, l.label, l.count, l.amount.amount_minor) for l in now.prior_period] == [(last, "Duplicate", 1, 3000)]
        assert [m.amount_minor for m in now.owed] == [-3000]
        rows = c.stats(cc.StatsGrouping.SOURCE, then_by=cc.StatsGrouping.MONTH, tz="Europe/Berlin", source=sid)
        assert [(r.group, r.subgroup, r.deliveries, r.returns) for r in rows] == [(sid, last, 2, 0), (sid, this, 0, 1)]
