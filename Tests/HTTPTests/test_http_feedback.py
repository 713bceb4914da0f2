"""The HTTP listener against the real daemon: LeadConduit-style feedback in JSON, XML and form,
the CSV batch import (over HTTP and with convctl), tokens and roles, bad bodies, and what each
call left in the store, read back over the socket."""
import base64
import json
import os
import subprocess
import urllib.error
import urllib.request
import uuid
import xml.etree.ElementTree as ET

import pytest

import convd_client as cc
from convd_client import recipients_pb2, sources_pb2
from conftest import BIN, free_port, start


def post(daemon, path, body=b"", *, token="recorder", content_type="application/json", accept=None, headers=None, secret=None):
    """(status, headers, body text) of a POST; token names one of the daemon's tokens (None: no credentials)."""
    req = urllib.request.Request(daemon.url + path, data=body if isinstance(body, bytes) else body.encode(), method="POST")
    if content_type:
        req.add_header("Content-Type", content_type)
    if accept:
        req.add_header("Accept", accept)
    if secret is not None:
        req.add_header("Authorization", f"Bearer {secret}")
    elif token:
        req.add_header("Authorization", f"Bearer {daemon.tokens[token].secret}")
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


@pytest.fixture
def leads(daemon):
    """Fresh recipients crm-1 (if absent) and another, a source, and three leads: two to crm-1, one to the other."""
    other, src = "crm-" + uuid.uuid4().hex[:6], "src-" + uuid.uuid4().hex[:6]
    with cc.Client(daemon.socket) as c:
        c.put_recipient(recipients_pb2.Recipient(id="crm-1"))
        c.put_recipient(recipients_pb2.Recipient(id=other))
        c.put_source(sources_pb2.Source(id=src))
        mine = [c.record_delivery(recipient="crm-1", source=src, click_id="clk-" + uuid.uuid4().hex[:8], lead={"email": "a@example.com"})
                for _ in range(2)]
        theirs = c.record_delivery(recipient=other, source=src)
    return mine[0].event_id, mine[1], theirs.event_id


def test_json_conversion_is_recorded_and_answered_like_leadconduit(daemon, leads):
    e1, _, _ = leads
    status, headers, text = post(daemon, f"/feedback?event_id={e1}", json.dumps(
        {"type": "conversion", "conversion_type": "WonClient", "amount": "400.25", "currency": "usd", "transaction_id": "INV-1",
         "qualified": True, "fields": {"agent": "Kim"}}))
    assert status == 201 and headers["Content-Type"].startswith("application/json")
    reply = json.loads(text)
    assert reply["outcome"] == "success" and reply["convd_outcome"] == "CREATED"
    assert reply["lead"]["event_id"] == e1 and reply["lead"]["recipient_id"] == "crm-1"
    assert reply["lead"]["fields"] == {"email": "a@example.com"}
    conv = reply["conversion"]
    assert (conv["amount"], conv["currency"], conv["status"], conv["transaction_id"]) == ("400.25", "USD", "APPROVED", "INV-1")
    with cc.Client(daemon.socket) as c:
        stored = c.get_conversion(conv["id"])
        assert stored.amount.amount_minor == 40025 and stored.amount.currency == "USD"
        assert dict(stored.fields) == {"qualified": "true", "agent": "Kim"}
    # A second instalment: the first version, now history, names the token as its actor.
    status, _, text = post(daemon, f"/feedback?event_id={e1}",
                           '{"type":"conversion","conversion_type":"WonClient","amount":"1.00","currency":"USD","transaction_id":"INV-2"}')
    assert status == 201 and json.loads(text)["convd_outcome"] == "INCREMENTED" and json.loads(text)["conversion"]["amount"] == "401.25"
    with cc.Client(daemon.socket) as c:
        assert c.get_conversion(conv["id"]).history[0].actor == "http-token:crm-connector role:recorder"


def test_xml_return_answers_in_xml_and_basic_auth_works(daemon, leads):
    e1, _, _ = leads
    basic = base64.b64encode(f"anyone:{daemon.tokens['recorder'].secret}".encode()).decode()
    status, headers, text = post(daemon, f"/feedback?event_id={e1}", "<feedback><type>return</type><reason>Duplicate</reason></feedback>",
                                 token=None, content_type="application/xml", accept="application/xml",
                                 headers={"Authorization": f"Basic {basic}"})
    assert status == 201 and headers["Content-Type"].startswith("application/xml")
    root = ET.fromstring(text)
    assert root.tag == "result" and root.findtext("outcome") == "success" and root.findtext("convd_outcome") == "RETURN_RECORDED"
    assert root.find("lead/fields/field[@name='email']").text == "a@example.com"
    with cc.Client(daemon.socket) as c:
        assert c.get_delivery(e1).event_id == e1
        events = [e for e in c.events(recipient="crm-1") if e.event_id == e1]
        assert any(e.outcome == cc.Outcome.RETURN_RECORDED for e in events)


def test_form_by_click_with_a_bound_token_fills_its_recipient(daemon, leads):
    _, lead2, _ = leads
    status, _, text = post(daemon, "/feedback", f"click_id={lead2.click_id}&type=conversion&conversion_type=QualifiedLead",
                           token="bound", content_type="application/x-www-form-urlencoded")
    assert status == 201, text
    reply = json.loads(text)
    assert reply["convd_outcome"] == "CREATED" and reply["lead"]["event_id"] == lead2.event_id


def test_a_bound_token_cannot_report_for_another_recipient(daemon, leads):
    _, lead2, theirs = leads
    status, _, text = post(daemon, f"/feedback?event_id={theirs}", '{"type":"return","reason":"Invalid"}', token="bound")
    assert status == 403 and "reports only for recipient 'crm-1'" in json.loads(text)["reason"]
    status, _, text = post(daemon, "/feedback", f'{{"type":"return","click_id":"{lead2.click_id}","recipient":"elsewhere"}}', token="bound")
    assert status == 403 and "not 'elsewhere'" in json.loads(text)["reason"]
    with cc.Client(daemon.socket) as c:
        assert not [e for e in c.events() if e.event_id == theirs]


def test_idempotency_key_makes_a_retry_count_once(daemon, leads):
    e1, _, _ = leads
    body = '{"type":"conversion","conversion_type":"WonClient","amount":"10.00","currency":"EUR"}'
    key = {"Idempotency-Key": "retry-" + uuid.uuid4().hex}
    first = json.loads(post(daemon, f"/feedback?event_id={e1}", body, headers=key)[2])
    again = json.loads(post(daemon, f"/feedback?event_id={e1}", body, headers=key)[2])
    assert first["conversion"]["id"] == again["conversion"]["id"] and again["conversion"]["amount"] == "10.00"
    unkeyed = json.loads(post(daemon, f"/feedback?event_id={e1}", body)[2])
    assert unkeyed["convd_outcome"] == "INCREMENTED" and unkeyed["conversion"]["amount"] == "20.00"


def test_credentials_and_roles(daemon, leads):
    e1, _, _ = leads
    body = '{"type":"return","reason":"Invalid"}'
    status, headers, text = post(daemon, f"/feedback?event_id={e1}", body, token=None)
    assert status == 401 and "Bearer" in headers["WWW-Authenticate"] and "no credentials" in json.loads(text)["reason"]
    status, _, text = post(daemon, f"/feedback?event_id={e1}", body, secret="cvd_not-a-token")
    assert status == 401 and "cvd_not-a-token" not in text
    status, _, text = post(daemon, f"/feedback?event_id={e1}", body, token="reader")
    assert status == 403 and "needs role recorder" in json.loads(text)["reason"]
    status, _, text = post(daemon, f"/feedback?event_id={e1}", "type=return", token=None, content_type="application/x-www-form-urlencoded",
                           headers={"Authorization": "Digest abc"})
    assert status == 401 and "scheme 'digest' is not Bearer or Basic" in json.loads(text)["reason"]


@pytest.mark.parametrize("body,content_type,status,words", [
    ("{not json", "application/json", 400, "not valid JSON"),
    ("[1,2]", "application/json", 400, "must be an object"),
    ('{"type":"conversion","amount":{"x":1},"currency":"EUR"}', "application/json", 400, "amount: must be a string"),
    ("<feedback><type>return</feedback>", "application/xml", 400, "not well-formed XML"),
    ("<feedback><a><b><c>1</c></b></a></feedback>", "application/xml", 400, "nests too deep"),
    ("type=return", "text/plain", 415, "is not application/json"),
    ('{"reason":"x"}', "application/json", 400, "type: required"),
    ('{"type":"sale"}', "application/json", 400, "'sale' is neither conversion nor return"),
    ('{"type":"conversion","amount":"12.345","currency":"EUR"}', "application/json", 400, "more than 2 decimal places"),
    ('{"type":"conversion","amount":"12"}', "application/json", 400, "currency: required with amount"),
    ('{"type":"conversion","occurred_at":"yesterday"}', "application/json", 400, "occurred_at"),
    ('{"type":"conversion","amount":12345678901234567,"currency":"EUR"}', "application/json", 400, "send it as a string"),
])
def test_bad_bodies_are_refused_naming_the_problem(daemon, leads, body, content_type, status, words):
    e1, _, _ = leads
    got, _, text = post(daemon, f"/feedback?event_id={e1}", body, content_type=content_type)
    assert got == status and words in json.loads(text)["reason"], text


def test_unknown_lead_conflicting_query_and_oversized_body(daemon, leads):
    e1, _, _ = leads
    status, _, text = post(daemon, "/feedback?event_id=NOPE", '{"type":"return","reason":"x"}')
    assert status == 404 and json.loads(text)["code"] == "NOT_FOUND"
    status, _, text = post(daemon, f"/feedback?event_id={e1}", '{"type":"return","event_id":"OTHER"}')
    assert status == 400 and "in the query but 'OTHER' in the body" in json.loads(text)["reason"]
    status, _, text = post(daemon, f"/feedback?event_id={e1}", json.dumps({"type": "return", "note": "x" * (70 << 10)}))
    assert status == 413 and "larger than 65536 bytes" in json.loads(text)["reason"]
    with cc.Client(daemon.socket) as c:
        assert c.health() == "SERVING"


CSV = """event_id,type,reason,conversion_type,amount,currency,transaction_id,crm_stage
{e1},conversion,,Sale,12.50,USD,T-{u},won
{e1},conversion,,Sale,12.505,USD,T-{u}-2,won
NOPE,return,Invalid,,,,,
,conversion,,,,,,
{theirs},return,"Wrong, number",,,,,
"""


def test_csv_batch_over_http_records_each_row_and_reports_each(daemon, leads):
    e1, _, theirs = leads
    body = CSV.format(e1=e1, theirs=theirs, u=uuid.uuid4().hex[:6])
    status, headers, text = post(daemon, "/feedback/batch", body, token="admin", content_type="text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    lines = text.strip().split("\n")
    assert lines[0] == "row,event_id,outcome,conversion_id,error"
    rows = [line.split(",", 4) for line in lines[1:]]
    assert [r[:3] for r in rows] == [["1", e1, "CREATED"], ["2", e1, "FAILED"], ["3", "NOPE", "FAILED"], ["4", "", "FAILED"],
                                     ["5", theirs, "RETURN_RECORDED"]]
    assert "more than 2 decimal places" in rows[1][4] and "no delivery with event ID 'NOPE'" in rows[2][4]
    assert "event_id: required" in rows[3][4]
    with cc.Client(daemon.socket) as c:
        sale = c.get_conversion(rows[0][3])
        assert sale.amount.amount_minor == 1250 and dict(sale.fields) == {"crm_stage": "won"}
    status, _, _ = post(daemon, "/feedback/batch", body, token="admin", content_type="application/json")
    assert status == 415
    status, _, text = post(daemon, "/feedback/batch", "name,kind\nx,y\n", token="admin", content_type="text/csv")
    assert status == 400 and "neither event_id nor click_id" in json.loads(text)["reason"]


def test_csv_batch_with_a_bound_token_refuses_other_recipients_rows(daemon, leads):
    e1, _, theirs = leads
    body = f"event_id,type,reason\n{e1},return,Invalid\n{theirs},return,Invalid\n"
    status, _, text = post(daemon, "/feedback/batch", body, token="bound", content_type="text/csv")
    rows = [line.split(",", 4) for line in text.strip().split("\n")[1:]]
    assert status == 200 and [r[2] for r in rows] == ["RETURN_RECORDED", "FAILED"] and "reports only for recipient" in rows[1][4]


def test_convctl_feedback_import_prints_the_same_results(daemon, leads, tmp_path):
    e1, _, theirs = leads
    path = tmp_path / "feedback.csv"
    path.write_text(CSV.format(e1=e1, theirs=theirs, u=uuid.uuid4().hex[:6]))
    out = subprocess.run([os.path.join(BIN, "convctl"), "--socket", daemon.socket, "feedback", "import", str(path)],
                         capture_output=True, text=True)
    assert out.returncode == 1, out.stderr  # rows failed
    rows = [line.split(",", 4) for line in out.stdout.strip().split("\n")[1:]]
    assert [r[2] for r in rows] == ["CREATED", "FAILED", "FAILED", "FAILED", "RETURN_RECORDED"]
    with cc.Client(daemon.socket) as c:
        assert c.get_conversion(rows[0][3]).amount.amount_minor == 1250


def test_a_remote_address_needs_the_flag_and_tokens_come_from_the_config_file(tmp_path):
    refused = subprocess.run([os.path.join(BIN, "convd"), "--data-dir", str(tmp_path / "a"), "--http-listen", "0.0.0.0:0"],
                             capture_output=True, text=True, timeout=20)
    assert refused.returncode != 0 and "not a loopback address" in refused.stderr + refused.stdout
    t = subprocess.run([os.path.join(BIN, "convctl"), "token", "new", "--name", "cfg", "--role", "recorder"],
                       check=True, capture_output=True, text=True).stdout
    secret = t.split("token:")[1].split()[0]
    digest = t.split("sha256=")[1].split()[0].split(",")[0]
    port = free_port()
    config = tmp_path / "convd.yaml"
    config.write_text(f"http:\n  listen: 127.0.0.1:{port}\n  tokens:\n    - name: cfg\n      role: recorder\n      sha256: {digest}\n")
    data = str(tmp_path / "b")
    os.makedirs(data)
    proc, sock = start(["--config", str(config)], data)
    try:
        import time
        for _ in range(100):
            try:
                urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/feedback?event_id=X", data=b"{}", method="POST",
                                                              headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}))
            except urllib.error.HTTPError as e:
                assert e.code == 400  # authenticated, then refused for the body
                break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("the configured listener never answered")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def get(daemon, path, *, token="reader", basic=True):
    """(status, headers, body) of a GET; the token as HTTP basic's password (as a browser sends it)."""
    req = urllib.request.Request(daemon.url + path)
    if token:
        secret = daemon.tokens[token].secret
        req.add_header("Authorization", "Basic " + base64.b64encode(f"viewer:{secret}".encode()).decode() if basic else f"Bearer {secret}")
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode()


def table_rows(html, table_id):
    """The cell texts of each body row of the table with `table_id`."""
    from html.parser import HTMLParser

    class Rows(HTMLParser):
        def __init__(self):
            super().__init__()
            self.inside, self.rows, self.cell = False, [], None

        def handle_starttag(self, tag, attrs):
            if tag == "table" and dict(attrs).get("id") == table_id:
                self.inside = True
            elif self.inside and tag == "tr":
                self.rows.append([])
            elif self.inside and tag == "td":
                self.cell = ""

        def handle_endtag(self, tag):
            if tag == "table":
                self.inside = False
            elif tag == "td" and self.cell is not None:
                self.rows[-1].append(self.cell)
                self.cell = None

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data

    p = Rows()
    p.feed(html)
    return [r for r in p.rows if r]


def test_the_events_view_shows_each_event_with_its_outcome_and_filters(daemon, leads):
    e1, _, theirs = leads
    post(daemon, f"/feedback?event_id={e1}", '{"type":"conversion","conversion_type":"SalesCallScheduled"}')
    post(daemon, f"/feedback?event_id={theirs}", '{"type":"return","reason":"Invalid"}', token="admin")
    status, headers, _ = get(daemon, "/", token=None)
    assert status == 401 and "Basic" in headers["WWW-Authenticate"]
    status, headers, html = get(daemon, "/")
    # The rows are in the HTML itself; the one script (live rows) is inline, nothing is fetched elsewhere.
    assert status == 200 and headers["Content-Type"].startswith("text/html") and html.count("<script") == 1 and "src=" not in html
    rows = table_rows(html, "events")
    with cc.Client(daemon.socket) as c:
        newest = list(c.events())[::-1][:200]
    assert [r[1] for r in rows] == [e.event_id for e in newest]  # newest first, one row per event
    mine = [r for r in rows if r[1] == e1 and r[5] == "SalesCallScheduled"]
    assert mine and mine[0][6] == "CREATED" and mine[0][2] == "crm-1"
    status, _, html = get(daemon, "/?recipient=crm-1&outcome=created&type=salescallscheduled")
    filtered = table_rows(html, "events")
    assert filtered and all(r[2] == "crm-1" and r[6] == "CREATED" and r[5] == "SalesCallScheduled" for r in filtered)
    assert theirs not in {r[1] for r in filtered}
    status, _, html = get(daemon, "/?outcome=maybe")
    assert status == 400 and "is not one of" in html


def test_the_stats_chart_draws_what_stats_says(daemon, leads):
    import re
    e1, lead2, _ = leads
    post(daemon, f"/feedback?event_id={lead2.event_id}", '{"type":"conversion","conversion_type":"Lead","status":"pending","amount":"5.00","currency":"EUR"}')
    status, _, html = get(daemon, "/stats?recipient=crm-1", basic=False)
    assert status == 200
    bars = {m[0]: (int(m[1]), int(m[2]), int(m[3])) for m in
            re.findall(r'data-day="([^"]+)" data-approved="(\d+)" data-pending="(\d+)" data-returns="(\d+)"', html)}
    with cc.Client(daemon.socket) as c:
        rows = c.stats(cc.StatsGrouping.DAY, recipient="crm-1")
    expected = {r.group: (r.conversions - r.pending_conversions, r.pending_conversions, r.returns) for r in rows}
    assert bars == expected and any(p > 0 for _, p, _ in bars.values())
    table = table_rows(html, "stats")
    assert [(r[0], int(r[1]), int(r[2]), int(r[5])) for r in table] == [(d, *expected[d]) for d in sorted(expected)]
    # Value per day, one chart per currency, approved and pending apart.
    values = {}
    for currency, svg in re.findall(r'<svg id="value" class="value-chart" data-currency="([A-Z]+)"(.*?)</svg>', html, re.S) + \
            re.findall(r'<svg id="value-\d+" class="value-chart" data-currency="([A-Z]+)"(.*?)</svg>', html, re.S):
        for day, a, p in re.findall(r'data-day="([^"]+)" data-approved-value="([^"]+)" data-pending-value="([^"]+)"', svg):
            values[(currency, day)] = (a, p)
    want_values = {}
    for r in rows:
        for m in list(r.approved_value) + list(r.pending_value):
            a = next((x.amount_minor for x in r.approved_value if x.currency == m.currency), 0)
            p = next((x.amount_minor for x in r.pending_value if x.currency == m.currency), 0)
            want_values[(m.currency, r.group)] = (a, p)
    eur = {k: v for k, v in values.items() if k[0] == "EUR" and (v != ("0.00", "0.00"))}
    want_eur = {k: tuple(f"{x // 100}.{x % 100:02d}" for x in v) for k, v in want_values.items() if k[0] == "EUR"}
    assert eur and eur == want_eur
    # One chart per recipient: each group's bars are that recipient's stats by day.
    status, _, html = get(daemon, "/stats?by=recipient")
    assert status == 200
    charts = re.findall(r'<svg id="chart-\d+" class="chart" data-group="([^"]*)"(.*?)</svg>', html, re.S)
    with cc.Client(daemon.socket) as c:
        by = c.stats(cc.StatsGrouping.RECIPIENT, then_by=cc.StatsGrouping.DAY)
    want = {}
    for r in by:
        want.setdefault(r.group, {})[r.subgroup] = (r.conversions - r.pending_conversions, r.pending_conversions, r.returns)
    got = {g: {m[0]: (int(m[1]), int(m[2]), int(m[3])) for m in
               re.findall(r'data-day="([^"]+)" data-approved="(\d+)" data-pending="(\d+)" data-returns="(\d+)"', svg)} for g, svg in charts}
    assert got == want and "crm-1" in got
    status, _, _ = get(daemon, "/stats?by=planet")
    assert status == 400


def test_an_open_dashboard_needs_no_token_and_only_on_loopback(tmp_path):
    refused = subprocess.run([os.path.join(BIN, "convd"), "--data-dir", str(tmp_path / "a"), "--http-listen", "0.0.0.0:0",
                              "--http-allow-remote", "--http-dashboard-open"], capture_output=True, text=True, timeout=20)
    assert refused.returncode != 0 and "only on a loopback address" in refused.stderr + refused.stdout
    port = free_port()
    data = str(tmp_path / "b")
    os.makedirs(data)
    proc, _ = start(["--http-listen", f"127.0.0.1:{port}", "--http-dashboard-open"], data)
    try:
        import time
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                    assert r.status == 200 and 'id="events"' in r.read().decode()
                    break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("the open dashboard never answered")
        # A reconnecting browser names the last row it got (Last-Event-ID): the stream starts after it.
        with cc.Client(os.path.join(data, "convd.sock")) as c:
            c.put_recipient(recipients_pb2.Recipient(id="crm-r"))
            c.put_source(sources_pb2.Source(id="src-r"))
            for e in ("R1", "R2", "R3"):
                c.record_delivery(event_id=e, recipient="crm-r", source="src-r")
                c.record_return(event_id=e, reason="Invalid")
            seqs = {e.event_id: e.seq for e in c.events()}
        req = urllib.request.Request(f"http://127.0.0.1:{port}/events/live?after_seq=0", headers={"Last-Event-ID": str(seqs["R1"])})
        with urllib.request.urlopen(req, timeout=30) as replay:
            lines = [replay.readline() for _ in range(4)]
        assert lines[2] == f"id: {seqs['R2']}\n".encode() and b'"R2"' in lines[3]
        # A live stream left open does not hold the daemon up when it is told to stop.
        stream = urllib.request.urlopen(f"http://127.0.0.1:{port}/events/live", timeout=30)
        assert stream.readline().startswith(b": convd live events")
        started = time.time()
        proc.terminate()
        assert proc.wait(timeout=15) == 0, "convd did not stop while a live stream was open"
        assert time.time() - started < 15
        stream.close()
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=20)


def test_conversion_page_and_forwarding_view_show_every_attempt(daemon, tmp_path):
    """A source whose receiver fails twice, then answers: the conversion page lists the versions
    and each attempt with its status; a second source whose receiver always fails ends DEAD and
    shows on the forwarding view with its last error."""
    import http.server
    import threading
    import time

    seen = []

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            seen.append((self.path, body))
            ok = self.path.startswith("/ok") and sum(1 for p, _ in seen if p.startswith("/ok")) > 2
            self.send_response(200 if ok else 503)
            self.end_headers()
            self.wfile.write(b"accepted" if ok else b"try later")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    u = uuid.uuid4().hex[:6]
    good, bad = f"fw-ok-{u}", f"fw-dead-{u}"
    try:
        with cc.Client(daemon.socket) as c:
            c.put_recipient(recipients_pb2.Recipient(id="crm-1"))
            for sid, path, attempts in ((good, "/ok", 5), (bad, "/never", 2)):
                c.put_source(sources_pb2.Source(id=sid, forwarding=sources_pb2.ForwardingSettings(
                    url=f"http://127.0.0.1:{port}{path}", conversions=True, max_attempts=attempts, timeout_ms=2000)))
            e_good = c.record_delivery(recipient="crm-1", source=good).event_id
            e_bad = c.record_delivery(recipient="crm-1", source=bad).event_id
            conv = c.record_conversion(event_id=e_good, type="WonClient", amount="30.00", currency="EUR").conversion
            c.record_conversion(event_id=e_good, type="WonClient", amount="5.00", currency="EUR", transaction_id="T2")
            dead = c.record_conversion(event_id=e_bad, type="Lead").conversion
            deadline = time.time() + 60
            while time.time() < deadline:
                fwd = list(c.forwards(source=good)) + list(c.forwards(source=bad))
                if fwd and all(i.state != cc.OutboxState.PENDING for i in fwd):
                    break
                time.sleep(0.2)
            else:
                pytest.fail("forwards did not settle")
        status, _, html = get(daemon, f"/conversions/{conv.id}")
        assert status == 200
        versions = table_rows(html, "versions")
        assert [v[0] for v in versions] == ["1", "2"] and versions[1][3] == "35.00 EUR"
        assert versions[0][1] == "CREATED" and versions[0][5] == f"uid:{os.getuid()} role:admin"
        attempts = table_rows(html, "forwards")
        assert attempts and all(a[3] == f"POST http://127.0.0.1:{port}/ok" for a in attempts)
        assert [a[6] for a in attempts].count("503") >= 2 and "200" in [a[6] for a in attempts]
        # What was sent is what the receiver got, byte for byte (no secret-looking fields here).
        assert {a[4] for a in attempts} <= {b.decode() for p, b in seen if p.startswith("/ok")}
        assert any('"amount"' in a[4] or "amount" in a[4] for a in attempts)
        status, _, html = get(daemon, "/forwarding")
        dead_rows = [r for r in table_rows(html, "dead") if r[1] == bad]
        assert dead_rows and dead_rows[0][2] == dead.id and dead_rows[0][4] == "2/2" and dead_rows[0][5] == "503"
        by_source = {r[0]: r for r in table_rows(html, "dead-by-source")}
        assert by_source[bad][1] == "1"
        status, _, _ = get(daemon, "/conversions/NOPE")
        assert status == 404
    finally:
        server.shutdown()
