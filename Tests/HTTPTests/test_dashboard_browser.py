"""The dashboard in a real browser (Debian's headless Chromium through chromedriver): the events
table and the chart against what the daemon says over its socket, a filter submitted through the
form, and a live row arriving after a feedback is recorded. Screenshots go to .build/screenshots."""
import os
import shutil
import tempfile
import time
import uuid

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import convd_client as cc
from convd_client import recipients_pb2, sources_pb2
from conftest import ROOT, free_port, start

SHOTS = os.path.join(ROOT, ".build", "screenshots")


@pytest.fixture(scope="module")
def site():
    """A daemon with an open dashboard on loopback, seeded over the socket: two recipients, leads
    over three days, conversions approved and pending, and returns."""
    data = tempfile.mkdtemp(prefix="convd-browser-")
    port = free_port()
    proc, sock = start(["--http-listen", f"127.0.0.1:{port}", "--http-dashboard-open"], data)
    day = 86_400_000
    now = int(time.time() * 1000)
    with cc.Client(sock) as c:
        for r in ("crm-a", "crm-b"):
            c.put_recipient(recipients_pb2.Recipient(id=r))
        c.put_source(sources_pb2.Source(id="vendor-1"))
        for i in range(9):
            e = f"B{i}"
            c.record_delivery(event_id=e, recipient="crm-a" if i % 3 else "crm-b", source="vendor-1", delivered_at_ms=now - (i % 3) * day)
            if i % 3 == 0:
                c.record_return(event_id=e, reason="Duplicate")
            else:
                c.record_conversion(event_id=e, type="Lead", status=cc.ConversionStatus.PENDING if i % 2 else cc.ConversionStatus.APPROVED)
    yield f"http://127.0.0.1:{port}", sock
    proc.terminate()
    proc.wait(timeout=20)
    shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(flag)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    os.makedirs(SHOTS, exist_ok=True)
    yield driver
    driver.quit()


def rows(driver):
    return [[td.text for td in tr.find_elements(By.TAG_NAME, "td")] for tr in driver.find_elements(By.CSS_SELECTOR, "#events tbody tr")]


def test_events_table_filter_and_a_live_row(site, browser):
    url, sock = site
    browser.get(url + "/")
    with cc.Client(sock) as c:
        logged = list(c.events())[::-1]
    assert [r[1] for r in rows(browser)] == [e.event_id for e in logged]
    assert {r[6] for r in rows(browser)} == {"CREATED", "RETURN_RECORDED"}
    browser.save_screenshot(os.path.join(SHOTS, "events.png"))

    box = browser.find_element(By.NAME, "recipient")
    box.clear()
    box.send_keys("crm-b")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda d: "recipient=crm-b" in d.current_url)
    filtered = rows(browser)
    assert filtered and {r[2] for r in filtered} == {"crm-b"}
    assert [r[1] for r in filtered] == [e.event_id for e in logged if e.recipient_id == "crm-b"]

    # A feedback recorded now appears at the top without a reload (server-sent events).
    browser.get(url + "/")
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    live = "L" + uuid.uuid4().hex[:6]
    with cc.Client(sock) as c:
        c.record_delivery(event_id=live, recipient="crm-a", source="vendor-1")
        time.sleep(0.5)  # the page's stream is open before the event commits
        c.record_conversion(event_id=live, type="Lead")
    WebDriverWait(browser, 10).until(lambda d: rows(d) and rows(d)[0][1] == live)
    top = rows(browser)[0]
    assert top[2] == "crm-a" and top[5] == "Lead" and top[6] == "CREATED"
    assert browser.find_elements(By.CSS_SELECTOR, "#events tbody tr.live")
    browser.save_screenshot(os.path.join(SHOTS, "events-live.png"))


def test_chart_bars_match_the_stats(site, browser):
    url, sock = site
    browser.get(url + "/stats")
    bars = {g.get_attribute("data-day"): (int(g.get_attribute("data-approved")), int(g.get_attribute("data-pending")),
                                           int(g.get_attribute("data-returns")))
            for g in browser.find_elements(By.CSS_SELECTOR, "#chart g.day")}
    with cc.Client(sock) as c:
        expected = {r.group: (r.conversions - r.pending_conversions, r.pending_conversions, r.returns) for r in c.stats(cc.StatsGrouping.DAY)}
    assert bars == expected and len(bars) >= 3
    # Taller bars for larger figures: the drawn heights follow the numbers.
    for g in browser.find_elements(By.CSS_SELECTOR, "#chart g.day"):
        approved = float(g.find_element(By.CSS_SELECTOR, "rect.approved").get_attribute("height"))
        returns = float(g.find_element(By.CSS_SELECTOR, "rect.returns").get_attribute("height"))
        a, _, r = bars[g.get_attribute("data-day")]
        assert (approved > 0) == (a > 0) and (returns > 0) == (r > 0)
    browser.save_screenshot(os.path.join(SHOTS, "stats.png"))
