"""A real scrape of the daemon's metrics parses as Prometheus text and counts what happened."""
import urllib.error
import urllib.request
import uuid

import pytest
from prometheus_client.parser import text_string_to_metric_families

import convd_client as cc
from convd_client import recipients_pb2, sources_pb2


def scrape(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        assert r.status == 200 and r.headers["Content-Type"].startswith("text/plain; version=0.0.4")
        return {f.name: f for f in text_string_to_metric_families(r.read().decode())}


def value(families, name, **labels):
    """The sample of `name` with exactly these labels (0 when absent)."""
    for family in families.values():
        for s in family.samples:
            if s.name == name and s.labels == labels:
                return s.value
    return 0.0


def test_a_scrape_parses_and_counts_calls_feedback_and_commits(convd_socket, metrics_url):
    before = scrape(metrics_url)
    rid, sid = "py-m-" + uuid.uuid4().hex[:8], "py-ms-" + uuid.uuid4().hex[:8]
    with cc.Client(convd_socket) as c:
        c.put_recipient(recipients_pb2.Recipient(id=rid))
        c.put_source(sources_pb2.Source(id=sid))
        event_id = c.record_delivery(recipient=rid, source=sid).event_id
        c.record_conversion(event_id=event_id, type="WonClient", amount="10.00", currency="EUR")
        c.record_conversion(event_id=event_id, type="WonClient", amount="5.00", currency="EUR")
        with pytest.raises(cc.NotFoundError):
            c.get_delivery("py-m-nothing")
        rpc_text = c.metrics()
        after = scrape(metrics_url)  # while this connection is open

    record = "/convd.v1.Feedback/Record"
    assert value(after, "convd_calls_total", method=record, code="OK") - value(before, "convd_calls_total", method=record, code="OK") == 2
    get = "/convd.v1.Deliveries/Get"
    assert value(after, "convd_calls_total", method=get, code="NOT_FOUND") - value(before, "convd_calls_total", method=get, code="NOT_FOUND") == 1
    assert value(after, "convd_feedback_total", outcome="CREATED") - value(before, "convd_feedback_total", outcome="CREATED") >= 1
    assert value(after, "convd_feedback_total", outcome="INCREMENTED") - value(before, "convd_feedback_total", outcome="INCREMENTED") >= 1
    # Histograms: every call's latency lands in a bucket; commits carry at least the writes made here.
    assert value(after, "convd_call_duration_seconds_count", method=record) >= 2
    assert value(after, "convd_call_duration_seconds_bucket", method=record, le="+Inf") == value(
        after, "convd_call_duration_seconds_count", method=record)
    assert value(after, "convd_commit_batch_size_count") - value(before, "convd_commit_batch_size_count") >= 1
    assert value(after, "convd_commit_duration_seconds_count") >= 1
    # Gauges sampled at the scrape.
    assert value(after, "convd_connections") >= 1 and value(after, "convd_resident_memory_bytes") > 1 << 20
    assert "convd_writer_queue_depth" in after
    # System/Metrics answers the same families.
    rpc = {f.name for f in text_string_to_metric_families(rpc_text)}
    assert {"convd_calls", "convd_feedback", "convd_call_duration_seconds", "convd_commit_batch_size"} <= rpc


def test_only_metrics_is_served(metrics_url):
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(metrics_url.replace("/metrics", "/admin"), timeout=10)
    assert e.value.code == 404
