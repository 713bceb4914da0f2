"""The asyncio client against the real convd: pipelined calls, streams, cancellation, errors."""
import asyncio
import uuid
from decimal import Decimal

import pytest

import convd_client as cc
from convd_client import recipients_pb2, sources_pb2


async def seed(c):
    rid, sid = "py-a-" + uuid.uuid4().hex[:8], "py-as-" + uuid.uuid4().hex[:8]
    await c.put_recipient(recipients_pb2.Recipient(id=rid))
    await c.put_source(sources_pb2.Source(id=sid))
    return rid, (await c.record_delivery(recipient=rid, source=sid)).event_id


def test_many_tasks_share_one_connection_and_sum_exactly(convd_socket):
    async def main():
        async with await cc.AsyncClient.connect(convd_socket) as c:
            rid, event_id = await seed(c)
            # 200 INCREMENT postbacks in flight at once on one connection, each its own invoice.
            results = await asyncio.gather(*[
                c.record_conversion(event_id=event_id, type="WonClient", amount=Decimal("0.01") * (i + 1),
                                    currency="EUR", transaction_id=f"INV-{i}") for i in range(200)])
            assert sorted(r.outcome for r in results) == [cc.Outcome.CREATED] + [cc.Outcome.INCREMENTED] * 199
            [conv] = [x async for x in c.conversions(recipient=rid)]
            assert conv.amount.amount_minor == sum(range(1, 201)) and conv.postback_count == 200
            assert await c.health() == "SERVING"
    asyncio.run(main())


def test_errors_are_typed_and_the_connection_survives_them(convd_socket):
    async def main():
        async with await cc.AsyncClient.connect(convd_socket) as c:
            with pytest.raises(cc.NotFoundError) as e:
                await c.get_delivery("py-no-such-event")
            assert e.value.code == cc.StatusCode.NOT_FOUND and "py-no-such-event" in e.value.message
            with pytest.raises(cc.InvalidArgumentError) as bad:
                await c.put_source(sources_pb2.Source(id="Not A Slug"))
            assert [v.field for v in bad.value.violations] == ["source.id"]
            assert await c.health() == "SERVING"
    asyncio.run(main())


def test_a_watch_streams_and_closing_it_cancels_the_call(convd_socket):
    async def main():
        async with await cc.AsyncClient.connect(convd_socket) as c:
            rid, event_id = await seed(c)
            before = (await c.record_conversion(event_id=event_id, type="Lead")).event_seq
            async with await c.watch_events(after_seq=before, recipient=rid) as parts:
                written = [(await c.record_conversion(event_id=event_id, type="Lead")).event_seq for _ in range(3)]
                seen = []
                async for part in parts:
                    seen.append(part.event.seq)
                    if len(seen) == 3:
                        break
            assert seen == written
            assert not c._streams  # closed: the call was cancelled and forgotten
            assert await c.health() == "SERVING"
    asyncio.run(main())


def test_cancelling_a_waiting_task_cancels_its_call(convd_socket):
    async def main():
        async with await cc.AsyncClient.connect(convd_socket) as c:
            rid, event_id = await seed(c)
            watch = await c.watch_events(after_seq=2**62, recipient=rid)  # nothing will ever come
            waiting = asyncio.ensure_future(watch.__anext__())
            await asyncio.sleep(0)
            waiting.cancel()
            with pytest.raises(asyncio.CancelledError):
                await waiting
            await watch.aclose()
            # A unary call cancelled while in flight is forgotten; the next call is unaffected.
            call = asyncio.ensure_future(c.info())
            await asyncio.sleep(0)
            call.cancel()
            with pytest.raises(asyncio.CancelledError):
                await call
            assert not c._unary and await c.health() == "SERVING"
    asyncio.run(main())


def test_unreachable_socket_is_unavailable(tmp_path):
    with pytest.raises(cc.UnavailableError):
        asyncio.run(cc.AsyncClient.connect(str(tmp_path / "none.sock")))
