"""The dashboard (GET /_dx-emulator/dashboard, a presigned link) in a real browser: Debian's chromium,
headless, driven by selenium through chromedriver. It shows an account built through the API, keeps
up with it, never shows a secret, and tells the user when the link stops working."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from botocore.credentials import Credentials
from selenium import webdriver
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from dx_emulator.local.admin_client import AdminClient
from tests.support.admin import admin
from tests.support.server import RunningServer, client, new_account, start_verifying
from tests.support.world import connection, private_vif

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1000")
SCREENSHOT = Path(__file__).resolve().parents[2] / ".artifacts" / "dashboard.png"
REFRESHED = 10.0  # seconds: the page asks every 2 s
SECRET_KEY = "dashboard-must-not-show-this"  # a BGP key the page must never show

# A server that verifies signatures: the only kind that refuses an altered or expired link (one that
# does not check them, as `serve` by default, takes any link).
KEY, SECRET, ACCOUNT = "AKIDDASHBOARD0000001", "dashboard/secret+key", "555566667777"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail("chromium is not installed: run `make test` (it installs chromium and chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(15)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def guarded() -> Iterator[RunningServer]:
    running = start_verifying({KEY: {"secretAccessKey": SECRET, "account": ACCOUNT}}, "dashboard")
    yield running
    running.stop()


def wait(driver: WebDriver, until: Callable[[WebDriver], Any], what: str, timeout: float = REFRESHED) -> Any:
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.2).until(until)
    except TimeoutException:
        raise AssertionError(f"the page did not show {what} within {timeout} s; it shows:\n"
                             + driver.find_element(By.TAG_NAME, "body").text) from None


# Read in one step in the page, so a redraw between finding an element and reading it cannot interfere.
READ = "const found = document.querySelector(arguments[0]); return found === null ? null : found.innerText;"


def text_of(driver: WebDriver, css: str) -> str | None:
    """The rendered text of the first element matching ``css`` (None if there is none)."""
    text = driver.execute_script(READ, css)
    return None if text is None else str(text)


def shown(css: str, text: str | None = None) -> Callable[[WebDriver], bool]:
    """Whether an element matching ``css`` shows (and its text is ``text``, if given)."""
    def check(driver: WebDriver) -> bool:
        found = (text_of(driver, css) or "").strip()
        return found != "" and (text is None or found == text)

    return check


def row(driver: WebDriver, attribute: str, value: str) -> str:
    text = text_of(driver, f'[{attribute}="{value}"]')
    assert text is not None, f"no [{attribute}={value!r}] on the page"
    return text


def save_screenshot(driver: WebDriver) -> None:
    """The whole page, as an artifact of the test run (.artifacts/ is not committed)."""
    SCREENSHOT.parent.mkdir(exist_ok=True)
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.set_window_size(1400, max(height + 40, 600))
    try:
        assert driver.save_screenshot(str(SCREENSHOT))
    finally:
        driver.set_window_size(1400, 1000)
    assert SCREENSHOT.stat().st_size > 0
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_dashboard_shows_the_account_and_keeps_up(embedded_server: RunningServer, browser: WebDriver) -> None:
    account = new_account()
    dx = client(embedded_server.url, account)
    conn_id = connection(dx, connectionName="dashboard <b>connection</b>")["connectionId"]
    vif_id = private_vif(dx, conn_id, authKey=SECRET_KEY)["virtualInterfaceId"]
    both = dx.create_bgp_peer(virtualInterfaceId=vif_id, newBGPPeer={"asn": 65001, "addressFamily": "ipv6"})
    peers = {peer["addressFamily"]: peer for peer in both["virtualInterface"]["bgpPeers"]}
    ipv4, ipv6 = peers["ipv4"]["bgpPeerId"], peers["ipv6"]["bgpPeerId"]
    test = dx.start_bgp_failover_test(virtualInterfaceId=vif_id, testDurationInMinutes=5)["virtualInterfaceTest"]
    running = test["status"]  # as ListVirtualInterfaceTestHistory words it
    [described] = dx.describe_virtual_interfaces(virtualInterfaceId=vif_id)["virtualInterfaces"]
    keys = {described["authKey"], *(peer["authKey"] for peer in described["bgpPeers"])}
    assert SECRET_KEY in keys  # the API itself gives the keys out; the page must not

    browser.get(admin(embedded_server.url, account).presign("dashboard", 300))
    wait(browser, shown(f'[data-vif-id="{vif_id}"]'), "the VIF")
    wait(browser, shown(f'tr[data-peer-id="{ipv4}"]'), "the IPv4 peer")
    wait(browser, shown(f'tr[data-peer-id="{ipv6}"]'), "the IPv6 peer")
    wait(browser, shown(f'tr[data-test-id="{test["testId"]}"] .test-status', running), "the running test")
    assert browser.find_element(By.ID, "status").get_attribute("data-state") == "live"
    assert browser.find_element(By.ID, "account").text == account
    assert browser.find_element(By.ID, "region").get_attribute("value") == "us-east-1"

    text = browser.find_element(By.TAG_NAME, "body").text
    for expected in (conn_id, vif_id, ipv4, ipv6, "ipv4", "ipv6", test["testId"]):
        assert expected in text
    # The connection's name is shown as text: markup in a name stays markup-free.
    assert "dashboard <b>connection</b>" in row(browser, "data-connection-id", conn_id)
    assert text_of(browser, f'[data-connection-id="{conn_id}"] b') is None
    # The VIF under its connection, the peers and the test under the VIF.
    assert text_of(browser, f'[data-connection-id="{conn_id}"] [data-vif-id="{vif_id}"] tr[data-peer-id="{ipv6}"]')
    assert text_of(browser, f'[data-vif-id="{vif_id}"] tr[data-test-id="{test["testId"]}"]')
    peer_row = row(browser, "data-peer-id", ipv6)
    for expected in ("ipv6", "65001", peers["ipv6"]["amazonAddress"], peers["ipv6"]["customerAddress"], "down"):
        assert expected in peer_row
    assert "ipv4" in row(browser, "data-peer-id", ipv4)
    assert "****" in peer_row
    test_row = row(browser, "data-test-id", test["testId"])
    assert "5 min" in test_row
    assert ipv4 in test_row and ipv6 in test_row
    assert row(browser, "data-vif-id", vif_id).count("testing") >= 1
    source = browser.page_source
    for key in keys:
        assert key not in source, "a BGP auth key reached the page"
    save_screenshot(browser)

    # A change made through the API shows at the next refresh, without reloading the page.
    stopped = dx.stop_bgp_failover_test(virtualInterfaceId=vif_id)["virtualInterfaceTest"]
    assert stopped["status"] != running
    wait(browser, shown(f'tr[data-test-id="{test["testId"]}"] .test-status', stopped["status"]), "the stopped test")
    wait(browser, shown(f'tr[data-peer-id="{ipv4}"] [data-state="up"]'), "the IPv4 session up again")
    wait(browser, shown(f'[data-vif-id="{vif_id}"] .row [data-state="available"]'), "the VIF available again")
    assert browser.find_element(By.ID, "status").get_attribute("data-state") == "live"


def guarded_link(server: RunningServer, expires: int) -> str:
    return AdminClient(server.url, Credentials(KEY, SECRET)).presign("dashboard", expires)


def test_an_altered_link_is_refused_with_the_reason(guarded: RunningServer, browser: WebDriver) -> None:
    link = guarded_link(guarded, 300)
    altered = re.sub(r"(X-Amz-Signature=[0-9a-f]*)([0-9a-f])$",
                     lambda match: match[1] + ("0" if match[2] != "0" else "1"), link)
    assert altered != link
    browser.get(altered)
    answer = json.loads(browser.find_element(By.TAG_NAME, "body").text)  # the browser shows the JSON error
    assert answer["__type"].endswith("InvalidSignatureException")
    assert "signature" in answer["message"].lower()
    assert not browser.find_elements(By.ID, "status")  # no dashboard for a link that does not verify


def test_an_expired_link_keeps_the_last_state_marked_stale(guarded: RunningServer, browser: WebDriver) -> None:
    dx = client(guarded.url, KEY, secret=SECRET)
    vif_id = private_vif(dx, connection(dx)["connectionId"])["virtualInterfaceId"]
    expired, signed = guarded_link(guarded, 1), time.monotonic()  # over within 2 s: X-Amz-Date counts whole seconds
    browser.get(guarded_link(guarded, 300))
    wait(browser, shown(f'[data-vif-id="{vif_id}"]'), "the VIF")
    assert browser.find_element(By.ID, "status").get_attribute("data-state") == "live"
    # The page's link runs out: the page asks its own URL, so give it the expired link in place. (Waiting
    # for a short-lived link to run out instead races the first refresh on a busy machine.)
    time.sleep(max(0.0, signed + 2.2 - time.monotonic()))
    browser.execute_script("history.replaceState(null, '', arguments[0])", expired)
    wait(browser, shown('#status[data-state="expired"]'), "that the link expired")
    error = browser.find_element(By.ID, "error").text
    assert "Signature expired" in error  # the server's own message
    assert "dx-emulator admin dashboard-url" in error
    assert "stale" in browser.find_element(By.ID, "status").text
    assert vif_id in row(browser, "data-vif-id", vif_id)  # the last state, still there
    assert "(expired)" in browser.find_element(By.ID, "expires").text
