#!/usr/bin/env python3
"""Headless-Chromium test of the Sealbridge web page (index.html and frameworks.html).

Run against a running server (e.g. `sealbridge serve --demo --port 0`):

    /usr/bin/python3 Tests/Browser/test_page.py --base-url http://127.0.0.1:PORT \
        --demo-dir DIR --screenshots OUTDIR

Needs Debian's python3-selenium, chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver).
Prints `PASS name` / `FAIL name: why` per case and `browser tests: N passed, M failed`; exits 1 if any failed.
"""
import argparse
import base64
import hashlib
import json
import os
import re
import sys
import traceback

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import Select, WebDriverWait

WAIT = 20  # seconds, for every explicit wait


class CaseFailure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CaseFailure(message)


class PageTest:
    def __init__(self, base_url, demo_dir, screenshots):
        self.base = base_url.rstrip("/")
        self.demo = demo_dir
        self.shots = screenshots
        self.passed = 0
        self.failed = 0
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1280,900"):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_script_timeout(WAIT)
        self.driver.set_page_load_timeout(WAIT * 2)
        self.wait = WebDriverWait(self.driver, WAIT)

    # ---------- helpers ----------

    def signed(self, name):
        path = os.path.abspath(os.path.join(self.demo, "signed", name))
        check(os.path.isfile(path), f"missing demo file {path}")
        return path

    def open_page(self, path="/"):
        self.driver.get(self.base + path)
        self.wait.until(lambda d: d.execute_script("return document.readyState") == "complete")

    def by_id(self, element_id):
        return self.driver.find_element(By.ID, element_id)

    def submit(self, path, jurisdiction=None, kind=None):
        """Open the page, choose the file and options, press Validate and wait for a verdict or an error."""
        self.open_page("/")
        self.wait.until(lambda d: d.find_element(By.ID, "signature-file"))
        self.by_id("signature-file").send_keys(path)
        if jurisdiction is not None:
            select = Select(self.by_id("jurisdiction"))
            self.wait.until(lambda d: any(o.get_attribute("value") == jurisdiction for o in select.options))
            select.select_by_value(jurisdiction)
        if kind is not None:
            select = Select(self.by_id("document-kind"))
            self.wait.until(lambda d: any(o.get_attribute("value") == kind for o in select.options))
            select.select_by_value(kind)
        self.by_id("validate-button").click()
        self.wait.until(lambda d: (d.find_element(By.ID, "verdict-card").is_displayed()
                                   and d.find_element(By.ID, "verdict-card").get_attribute("data-indication"))
                        or d.find_element(By.ID, "error").is_displayed())

    def verdict(self):
        """The card after submit(); fails the case if the page showed an error instead."""
        error = self.by_id("error")
        if error.is_displayed():
            raise CaseFailure("the page showed an error instead of a verdict: " + error.text.replace("\n", " / "))
        card = self.by_id("verdict-card")
        return {
            "indication": card.get_attribute("data-indication"),
            "verdict": card.get_attribute("data-verdict"),
            "headline": self.by_id("headline-text").text,
            "code": self.by_id("indication-code").text,
            "advice": self.by_id("advice-text").text,
            "recognition_text": self.by_id("recognition-text").text,
            "card_text": card.text,
            "first_child": self.driver.execute_script(
                "const c = document.getElementById('verdict-card').firstElementChild; return c ? c.id : null"),
        }

    def check_card_revealed(self):
        """After Validate the verdict card is scrolled into view (its top inside the viewport) and has the focus."""
        script = """
            const card = document.getElementById('verdict-card');
            const top = card.getBoundingClientRect().top;
            return [top, window.innerHeight, document.activeElement === card];"""
        try:
            # smooth scrolling takes a moment
            self.wait.until(lambda d: (lambda r: 0 <= r[0] < r[1])(d.execute_script(script)))
        except TimeoutException:
            pass
        top, height, focused = self.driver.execute_script(script)
        check(0 <= top < height, f"the verdict card's top is at {top}, outside the viewport (height {height})")
        check(focused, "the verdict card does not have the focus after Validate")

    def check_not_applicable(self, v, where):
        """An invalid signature: recognition "not applicable", never a "Recognised …" verdict."""
        check(v["verdict"] == "not-applicable", f"{where}: data-verdict is {v['verdict']!r}")
        check(v["recognition_text"].startswith("Recognition: not applicable"),
              f"{where}: recognition text {v['recognition_text']!r}")
        for text in (v["card_text"], self.by_id("signatures").text):
            for phrase in ("Recognised in", "Recognised domestically"):
                check(phrase not in text, f"{where}: the page says {phrase!r}: {text[:300]!r}")
        phrases = [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, "#result .recognition-verdict")]
        check(phrases and all(p.startswith("Recognition: not applicable") for p in phrases),
              f"{where}: recognition verdicts shown: {phrases}")
        bold = [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, "#result strong, #result b")
                if e.text.strip().lower().startswith("recognised")]
        check(not bold, f"{where}: bold 'Recognised' text: {bold}")

    def demo_matrix(self):
        """The demo world's README matrix: [(file, kind, indication, sub-indication)]."""
        path = os.path.join(self.demo, "README.md")
        check(os.path.isfile(path), f"missing {path}")
        rows = []
        pattern = re.compile(r"^\|\s*`([^`]+)`\s*\|\s*([^|]*?)\s*\|[^|]*\|\s*([A-Z_]+)(?:/([A-Z_]+))?\s*\|")
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = pattern.match(line)
                if m:
                    rows.append((m.group(1), m.group(2), m.group(3), m.group(4)))
        check(rows, f"no rows found in the matrix of {path}")
        return rows

    def api_json(self, url):
        got = self.fetch(url)
        check(got["status"] == 200, f"{url} answered {got['status']}")
        return json.loads(got["body"])

    def api_list(self, url, *keys):
        """The list a GET answers: the body itself, or its member named by one of `keys`."""
        body = self.api_json(url)
        if isinstance(body, list):
            return body
        for key in keys:
            if isinstance(body, dict) and isinstance(body.get(key), list):
                return body[key]
        raise CaseFailure(f"{url} has no list {keys}: {str(body)[:200]}")

    def option_values(self, select_id):
        return [o.get_attribute("value") for o in Select(self.by_id(select_id)).options]

    def wait_for_pickers(self):
        self.wait.until(lambda d: d.find_element(By.ID, "jurisdiction").get_attribute("data-loaded")
                        and d.find_element(By.ID, "document-kind").get_attribute("data-loaded"))

    def stored_html_report(self, href, width=None):
        """Open the stored HTML report (optionally at a phone's width) and return its text and widths."""
        if width:
            self.driver.set_window_size(width, 844)
            self.wait.until(lambda d: d.execute_script("return window.innerWidth") <= width)
        self.driver.get(href)
        self.wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
        widths = self.driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]")
        return self.driver.find_element(By.TAG_NAME, "body").text, widths

    def fetch(self, url):
        """GET url from inside the page (same origin, same cookies) and return status, type and body."""
        result = self.driver.execute_async_script(
            """
            const done = arguments[arguments.length - 1];
            fetch(arguments[0], {headers: {Accept: 'application/json'}})
              .then(r => r.text().then(t => done({status: r.status, type: r.headers.get('content-type'), body: t})))
              .catch(e => done({error: String(e)}));
            """, url)
        check(result and "error" not in result, f"fetch {url} failed: {result}")
        return result

    def post_bytes(self, data, filename):
        """POST bytes as the `signature` part from inside the page and return the parsed response."""
        result = self.driver.execute_async_script(
            """
            const [b64, name, done] = arguments;
            const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
            const form = new FormData();
            form.append('signature', new Blob([bytes], {type: 'application/octet-stream'}), name);
            form.append('jurisdiction', 'HK');
            form.append('documentKind', 'invoice');
            fetch('/v1/validations', {method: 'POST', body: form})
              .then(r => r.text().then(t => done({status: r.status, type: r.headers.get('content-type'), body: t})))
              .catch(e => done({error: String(e)}));
            """, base64.b64encode(data).decode(), filename)
        check(result and "error" not in result, f"POST failed: {result}")
        return result

    def screenshot(self, name, full_page=False):
        os.makedirs(self.shots, exist_ok=True)
        path = os.path.join(self.shots, name)
        if full_page:
            metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", {
                "format": "png", "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
            with open(path, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
        else:
            check(self.driver.save_screenshot(path), f"could not save {path}")
        return path

    def no_horizontal_scroll(self):
        try:
            WebDriverWait(self.driver, 5).until(lambda d: d.execute_script(
                "return document.documentElement.scrollWidth <= window.innerWidth"))
        except TimeoutException:
            pass
        widths = self.driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]")
        if widths[0] > widths[1]:
            culprits = self.driver.execute_script("""
                const w = window.innerWidth, out = [];
                for (const e of document.querySelectorAll('body *')) {
                  const r = e.getBoundingClientRect();
                  if (r.right > w + 0.5) out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                    (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '') +
                    ' right=' + Math.round(r.right));
                }
                return out.slice(0, 5);""")
            raise CaseFailure(f"scrollWidth {widths[0]} > innerWidth {widths[1]}; widest: {culprits}")
        return widths

    def run(self, name, func):
        try:
            func()
        except CaseFailure as e:
            self.failed += 1
            print(f"FAIL {name}: {e}", flush=True)
        except (TimeoutException, WebDriverException) as e:
            self.failed += 1
            msg = (getattr(e, "msg", None) or str(e) or type(e).__name__).strip().splitlines()[0]
            print(f"FAIL {name}: {type(e).__name__}: {msg}", flush=True)
        except Exception as e:  # a bug in the test itself still counts as a failed case
            self.failed += 1
            print(f"FAIL {name}: {type(e).__name__}: {e}", flush=True)
            traceback.print_exc()
        else:
            self.passed += 1
            print(f"PASS {name}", flush=True)

    # ---------- cases ----------

    def case_valid_recognised_hk(self):
        path = self.signed("invoice-cn-sm2-bt.p7s")
        self.submit(path, "HK", "invoice")
        v = self.verdict()
        self.check_card_revealed()
        check(v["indication"] == "TOTAL_PASSED", f"data-indication is {v['indication']!r}")
        check(v["first_child"] == "headline-text", f"the card starts with #{v['first_child']}, not the headline")
        check(v["headline"] and v["card_text"].startswith(v["headline"]),
              f"the card does not lead with the headline {v['headline']!r}: {v['card_text'][:120]!r}")
        check("TOTAL_PASSED" in v["code"], f"the ETSI code line is {v['code']!r}")
        check(v["verdict"] == "recognised", f"data-verdict is {v['verdict']!r}")
        check("gdhk-hk-recognises-cn" in v["recognition_text"] and "Recognised in HK" in v["recognition_text"],
              f"recognition text {v['recognition_text']!r}")
        agreements = {a["id"]: a for a in self.api_list("/v1/agreements", "agreements")}
        title = agreements.get("gdhk-hk-recognises-cn", {}).get("title")
        check(title and title in v["recognition_text"], f"the agreement's title {title!r} is not beside its id")
        chain = self.driver.find_elements(By.CSS_SELECTOR, "#signatures .chain .chain-item")
        check(len(chain) >= 2, f"the chain shows {len(chain)} certificates")
        check("cn-esl" in chain[0].text, f"the first chain entry (the anchor) does not name cn-esl: {chain[0].text!r}")
        check(chain[0].get_attribute("data-role") == "trust-anchor", "the chain does not start at the trust anchor")
        check(chain[-1].get_attribute("data-role") == "signer", "the chain does not end at the signer")
        frameworks = {f["id"]: f for f in self.api_list("/v1/frameworks", "frameworks")}
        name = frameworks.get("cn-esl", {}).get("name")
        check(name and name in chain[0].text, f"the framework's title {name!r} is not beside cn-esl")
        for item in chain:
            revocation = item.find_elements(By.CSS_SELECTOR, ".revocation")
            check(revocation and revocation[0].text.startswith("Revocation: "),
                  f"no revocation status on the chain entry {item.text[:80]!r}")
        anchor_revocation = chain[0].find_element(By.CSS_SELECTOR, ".revocation-words").text
        check(anchor_revocation == "not checked: trust anchor", f"the anchor's revocation says {anchor_revocation!r}")
        for item in chain[1:]:
            words = item.find_element(By.CSS_SELECTOR, ".revocation-words").text
            check(words.startswith(("good", "not checked")), f"a valid signature's chain entry says {words!r}")
        with open(path, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        documents = self.by_id("documents").text
        check("invoice-cn-sm2-bt.p7s" in documents and digest in documents,
              f"the checked documents do not list the file and its SHA-256 {digest}: {documents!r}")
        checks = self.driver.find_elements(By.CSS_SELECTOR, "#signatures .checks .check")
        check(len(checks) > 0 and "EN 319 102-1" in checks[0].text, "the checks with their clauses are not shown")
        stamps = self.driver.find_elements(By.CSS_SELECTOR, "#signatures .stamps .stamp")
        check(len(stamps) >= 1, "the signature time-stamp is not shown")
        hrefs = {}
        for kind in ("json", "xml", "html"):
            link = self.by_id(f"link-{kind}")
            href = link.get_attribute("href")
            check(link.is_displayed() and href and "/v1/validations/" in href, f"link-{kind} missing: {href!r}")
            hrefs[kind] = href
        got = self.fetch(hrefs["json"])
        check(got["status"] == 200, f"the JSON link answered {got['status']}")
        check("json" in (got["type"] or ""), f"the JSON link has Content-Type {got['type']!r}")
        body = json.loads(got["body"])
        report = body.get("report", body)
        check(body.get("indication") == "TOTAL_PASSED",
              f"the JSON report says {body.get('indication')!r}, the card TOTAL_PASSED")
        check(report.get("headline") == v["headline"],
              f"the card's headline {v['headline']!r} is not the report's {report.get('headline')!r}")
        xml = self.fetch(hrefs["xml"])
        check(xml["status"] == 200 and "xml" in (xml["type"] or ""), f"the XML link answered {xml['status']} {xml['type']}")
        self.screenshot("verdict-desktop.png")
        self.screenshot("verdict-desktop-full.png", full_page=True)
        text, _ = self.stored_html_report(hrefs["html"])
        check(v["headline"] in text, "the stored HTML report does not carry the headline")
        check(digest in text, "the stored HTML report does not list the file's SHA-256")
        report_id = hrefs["html"].split("/v1/validations/")[1].split("?")[0]
        check(report_id in text, f"the stored HTML report's header does not name its id {report_id}")
        self.screenshot("report-desktop-full.png", full_page=True)

    def case_tampered(self):
        self.submit(self.signed("invoice-cn-tampered.p7s"), "HK", "invoice")
        v = self.verdict()
        self.check_card_revealed()
        check(v["indication"] == "TOTAL_FAILED", f"data-indication is {v['indication']!r}")
        check("TOTAL_FAILED" in v["code"] and "HASH_FAILURE" in v["code"], f"the ETSI code line is {v['code']!r}")
        check(v["card_text"].startswith(v["headline"]) and "TOTAL_FAILED" not in v["headline"],
              f"the card does not lead with a plain headline: {v['card_text'][:160]!r}")
        check(v["card_text"].index(v["headline"]) < v["card_text"].index(v["code"]),
              "the ETSI code comes before the headline")
        if v["advice"]:
            check(v["card_text"].index(v["code"]) < v["card_text"].index(v["advice"]), "the advice comes before the code")
        self.check_not_applicable(v, "invoice-cn-tampered.p7s in HK")
        self.screenshot("verdict-tampered.png")
        href = self.by_id("link-html").get_attribute("href")
        text, _ = self.stored_html_report(href)
        check("Recognition: not applicable" in text, "the stored HTML report does not say recognition is not applicable")
        for phrase in ("Recognised in", "Recognised domestically"):
            check(phrase not in text, f"the stored HTML report of a tampered invoice says {phrase!r}")
        check("HASH_FAILURE" in text, "the stored HTML report does not show HASH_FAILURE")

    def case_broken_files(self):
        """Every deliberately broken file of the demo world: not applicable, never recognised (relied on in HK)."""
        broken = [row for row in self.demo_matrix() if row[2] != "TOTAL_PASSED"]
        check(len(broken) >= 3, f"the matrix lists only {len(broken)} broken files")
        self.open_page("/")
        self.wait_for_pickers()
        kinds = set(self.option_values("document-kind"))
        for file, kind, indication, sub in broken:
            self.submit(self.signed(file), "HK", kind if kind in kinds else None)
            v = self.verdict()
            check(v["indication"] == indication, f"{file}: data-indication is {v['indication']!r}, README {indication}")
            if sub:
                check(sub in v["code"], f"{file}: the code line {v['code']!r} lacks {sub}")
            self.check_not_applicable(v, file)
            if sub and sub.startswith("REVOKED"):
                words = [e.text for e in self.driver.find_elements(By.CSS_SELECTOR, "#signatures .revocation-words")]
                check(any(w.startswith("revoked") for w in words), f"{file}: no chain entry says revoked: {words}")

    def case_sealed_ofd(self):
        """The OFD e-invoice sealed with a GB/T 38540 seal: valid, recognised in HK, the seal's picture drawn on
        the page and in the stored report, which names the seal."""
        self.submit(self.signed("invoice-cn-seal.ofd"), "HK", "invoice")
        v = self.verdict()
        self.check_card_revealed()
        check(v["indication"] == "TOTAL_PASSED", f"data-indication is {v['indication']!r}: {v['card_text'][:200]!r}")
        check(v["verdict"] == "recognised", f"data-verdict is {v['verdict']!r}")
        check("gdhk-hk-recognises-cn" in v["recognition_text"], f"recognition text {v['recognition_text']!r}")
        # The seal's picture (a PNG, sanitised into the report) is drawn: the page's policy lets data: images in.
        drawn = "const i = document.querySelector(arguments[0]); return i ? [i.complete, i.naturalWidth] : null;"
        self.wait.until(lambda d: (d.execute_script(drawn, "#signatures .seal-picture img") or [False])[0])
        picture = self.driver.execute_script(drawn, "#signatures .seal-picture img")
        check(picture == [True, 64], f"the seal's picture on the page is not drawn (complete, width): {picture}")
        href = self.by_id("link-html").get_attribute("href")
        text, _ = self.stored_html_report(href)
        picture = self.driver.execute_script(drawn, "img.seal-picture")
        check(picture == [True, 64], f"the seal's picture in the HTML report is not drawn (complete, width): {picture}")
        # h4 headings are upper-cased by the report's CSS, and .text is what is rendered.
        check("electronic seal" in text.lower() and "invoice seal (demonstration)" in text,
              "the stored HTML report does not describe the seal")
        self.screenshot("verdict-sealed-ofd.png")

    def case_xades_invoice(self):
        """The EU invoice as UBL XML with an enveloped XAdES-B-T signature: valid, domestic in the EU, and the
        signature's format and what it signs in the report."""
        self.submit(self.signed("invoice-eu-xades-bt.xml"), "EU", "invoice")
        v = self.verdict()
        check(v["indication"] == "TOTAL_PASSED", f"data-indication is {v['indication']!r}: {v['card_text'][:200]!r}")
        check(v["verdict"] == "domestic", f"data-verdict is {v['verdict']!r}")
        signatures = self.by_id("signatures").text
        check("XAdES-BASELINE-T" in signatures, f"the signature's format is not shown: {signatures[:300]!r}")
        self.screenshot("verdict-xades-invoice.png")

    def case_unknown_ca(self):
        self.submit(self.signed("invoice-unknown-ca.p7s"), "HK", "invoice")
        v = self.verdict()
        check(v["indication"] == "INDETERMINATE", f"data-indication is {v['indication']!r}")
        check("NO_CERTIFICATE_CHAIN_FOUND" in v["code"], f"the code line is {v['code']!r}")
        self.check_not_applicable(v, "invoice-unknown-ca.p7s")

    def case_origin_eu(self):
        self.submit(self.signed("origin-cn-sm2-bt.p7s"), "EU", "certificate-of-origin")
        v = self.verdict()
        check(v["indication"] == "TOTAL_PASSED", f"data-indication is {v['indication']!r}")
        check(v["verdict"] == "recognised", f"data-verdict is {v['verdict']!r}")
        check("eu-cn-origin" in v["recognition_text"], f"recognition text {v['recognition_text']!r}")

    def case_pickers_from_the_api(self):
        """The jurisdiction and kind lists hold exactly what the API returned."""
        self.open_page("/")
        self.wait_for_pickers()
        check(self.by_id("jurisdiction").get_attribute("data-loaded") == "true",
              "jurisdictions: " + self.by_id("jurisdiction-status").text)
        check(self.by_id("document-kind").get_attribute("data-loaded") == "true",
              "document kinds: " + self.by_id("kind-status").text)
        frameworks = self.api_list("/v1/frameworks", "frameworks")
        agreements = self.api_list("/v1/agreements", "agreements")
        expected = {f["jurisdiction"] for f in frameworks if f.get("jurisdiction")}
        expected |= {a["recognisingJurisdiction"] for a in agreements if a.get("recognisingJurisdiction")}
        shown = [value for value in self.option_values("jurisdiction") if value]
        check(sorted(shown) == sorted(expected), f"jurisdictions shown {shown}, the API's {sorted(expected)}")
        check(len(shown) == len(set(shown)), f"a jurisdiction is listed twice: {shown}")
        kinds = self.api_list("/v1/document-kinds", "documentKinds", "kinds")
        check(kinds, "GET /v1/document-kinds returned no kinds")
        options = [o for o in Select(self.by_id("document-kind")).options if o.get_attribute("value")]
        check([o.get_attribute("value") for o in options] == [k["id"] for k in kinds],
              f"kinds shown {[o.get_attribute('value') for o in options]}, the API's {[k['id'] for k in kinds]}")
        for option, kind in zip(options, kinds):
            check(option.text == (kind.get("title") or kind["id"]), f"kind {kind['id']} is shown as {option.text!r}")
        for agreement in agreements:
            for scope in agreement.get("scope") or []:
                check(scope in ("any", "*") or scope in [k["id"] for k in kinds],
                      f"the scope {scope!r} of {agreement.get('id')} is not among the document kinds")
        check(not self.by_id("jurisdiction-status").is_displayed(), "a jurisdiction status message is shown")

    def case_not_a_signature(self):
        path = os.path.abspath(os.path.join(self.demo, "documents", "invoice-cn.json"))
        check(os.path.isfile(path), f"missing {path}")
        self.submit(path, "HK", "invoice")
        error = self.by_id("error")
        check(error.is_displayed(), "no error is shown")
        check(not self.by_id("verdict-card").is_displayed(), "a verdict card is shown for a non-signature")
        # what the service itself answers for these bytes
        with open(path, "rb") as f:
            answer = self.post_bytes(f.read(), "invoice-cn.json")
        check(400 <= answer["status"] < 500, f"the service answered {answer['status']} for a non-signature")
        check("problem+json" in (answer["type"] or ""), f"the error is {answer['type']!r}, not problem+json")
        problem = json.loads(answer["body"])
        title = problem.get("title") or ""
        check(title and title in self.by_id("error-title").text,
              f"the error shows {self.by_id('error-title').text!r}, the problem title is {title!r}")
        detail = problem.get("detail") or ""
        check(not detail or detail in error.text, f"the problem detail {detail!r} is not shown")
        check(error.get_attribute("role") == "alert", "the error element is not role=alert")

    def case_frameworks_page(self):
        self.open_page("/")
        link = self.driver.find_element(By.CSS_SELECTOR, "nav a[href$='frameworks.html']")
        link.click()
        self.wait.until(lambda d: d.current_url.endswith("/frameworks.html"))
        self.wait.until(lambda d: d.find_element(By.ID, "frameworks-list").get_attribute("data-loaded")
                        and d.find_element(By.ID, "agreements-list").get_attribute("data-loaded"))
        frameworks = self.by_id("frameworks-list")
        agreements = self.by_id("agreements-list")
        check(frameworks.get_attribute("data-loaded") == "true", "frameworks: " + self.by_id("frameworks-status").text)
        check(agreements.get_attribute("data-loaded") == "true", "agreements: " + self.by_id("agreements-status").text)
        ftext, atext = frameworks.text, agreements.text
        for fid in ("cn-esl", "eu-qualified", "hk-eto"):
            check(fid in ftext, f"framework {fid} is not listed")
        for aid in ("gdhk-hk-recognises-cn", "gdhk-cn-recognises-hk", "eu-cn-origin"):
            check(aid in atext, f"agreement {aid} is not listed")
        check("certificate-of-origin" in atext, "the scope of eu-cn-origin is not shown")
        check("licensed" in atext and "qualified" in atext, "the level mapping of eu-cn-origin is not shown")
        check(self.driver.find_elements(By.CSS_SELECTOR, "nav a[href='/']"), "no nav link back to the validation page")
        self.screenshot("frameworks-desktop.png")

    def case_keyboard(self):
        self.open_page("/")
        self.driver.execute_script("if (document.activeElement) document.activeElement.blur(); window.focus();")
        seen = []
        reached = set()
        for _ in range(40):
            ActionChains(self.driver).send_keys(Keys.TAB).perform()
            info = self.driver.execute_script(
                "const e = document.activeElement; return e ? [e.id || '', e.tagName.toLowerCase(), e.type || ''] : null")
            if not info:
                continue
            seen.append(info[0] or info[1])
            if info[0] in ("signature-file", "validate-button"):
                reached.add(info[0])
                if info[0] == "signature-file":
                    # the focus must be visible: the label styled as a button gets an outline
                    outline = self.driver.execute_script(
                        "const l = document.querySelector('label[for=signature-file]');"
                        "const s = getComputedStyle(l); return [s.outlineStyle, s.outlineWidth];")
                    check(outline[0] != "none" and outline[1] not in ("0px", ""),
                          f"no visible focus on the file picker's label: {outline}")
            if len(reached) == 2:
                break
        check("signature-file" in reached, f"TAB never reached the file picker; focus went through {seen}")
        check("validate-button" in reached, f"TAB never reached the validate button; focus went through {seen}")
        check(seen.index("signature-file") < seen.index("validate-button"),
              "the file picker comes after the validate button in the tab order")
        labels = self.driver.execute_script("""
            const missing = [];
            for (const e of document.querySelectorAll('input, select, textarea')) {
              if (!(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
                missing.push(e.id || e.name || e.tagName);
            }
            return missing;""")
        check(not labels, f"controls without a label: {labels}")

    def case_phone_width(self):
        self.submit(self.signed("invoice-cn-sm2-bt.p7s"), "HK", "invoice")
        self.verdict()
        href = self.by_id("link-html").get_attribute("href")
        for width, height in ((390, 844), (360, 740)):
            self.driver.set_window_size(width, height)
            self.wait.until(lambda d: d.execute_script("return window.innerWidth") <= width)
            self.no_horizontal_scroll()
            if width == 390:
                self.driver.execute_script("document.getElementById('verdict-card').scrollIntoView({block: 'start'})")
                self.screenshot("verdict-phone.png")
                self.screenshot("verdict-phone-full.png", full_page=True)
        self.open_page("/frameworks.html")
        self.wait.until(lambda d: d.find_element(By.ID, "agreements-list").get_attribute("data-loaded"))
        self.no_horizontal_scroll()
        self.screenshot("frameworks-phone.png", full_page=True)
        # the stored HTML reports, a valid one and a broken one, at 390 px
        self.driver.set_window_size(1280, 900)
        self.submit(self.signed("invoice-eu-revoked-signer.p7s"), "HK", "invoice")
        self.verdict()
        broken_href = self.by_id("link-html").get_attribute("href")
        for name, link in (("report-phone.png", href), ("report-revoked-phone.png", broken_href)):
            _, (scroll_width, inner_width) = self.stored_html_report(link, width=390)
            check(scroll_width <= 390, f"the stored HTML report {link} is {scroll_width} px wide at 390 px")
            self.no_horizontal_scroll()
            self.screenshot(name, full_page=True)
            self.driver.set_window_size(1280, 900)
        self.driver.set_window_size(1280, 900)

    def case_no_csp_or_script_errors(self):
        """The page runs under `default-src 'self'`: no CSP violations and no uncaught script errors."""
        try:
            entries = self.driver.get_log("browser")
        except WebDriverException:
            entries = []
        bad = [e["message"] for e in entries
               if e.get("level") == "SEVERE"
               and ("Content Security Policy" in e["message"] or "Uncaught" in e["message"])]
        check(not bad, "; ".join(bad[:3]))

    def run_all(self):
        try:
            self.run("a. valid CN invoice relied on in HK: headline first, recognised, revocation, documents",
                     self.case_valid_recognised_hk)
            self.run("b. tampered invoice: TOTAL_FAILED / HASH_FAILURE, recognition not applicable", self.case_tampered)
            self.run("c. unknown CA: INDETERMINATE / NO_CERTIFICATE_CHAIN_FOUND, not applicable", self.case_unknown_ca)
            self.run("d. every broken file of the demo matrix: not applicable, never recognised", self.case_broken_files)
            self.run("e. certificate of origin relied on in the EU: recognised under eu-cn-origin", self.case_origin_eu)
            self.run("e2. OFD e-invoice with a GB/T 38540 seal: valid, recognised in HK, the seal in the report",
                     self.case_sealed_ofd)
            self.run("e3. XML invoice with an enveloped XAdES-B-T signature: valid, domestic in the EU",
                     self.case_xades_invoice)
            self.run("f. the jurisdiction and kind lists are the API's", self.case_pickers_from_the_api)
            self.run("g. not a signature: the problem is shown", self.case_not_a_signature)
            self.run("h. frameworks page lists frameworks and agreements", self.case_frameworks_page)
            self.run("i. keyboard reaches the file picker and the validate button", self.case_keyboard)
            self.run("j. phone width: no horizontal scroll on the page or the stored HTML report",
                     self.case_phone_width)
            self.run("k. no CSP violations or uncaught script errors", self.case_no_csp_or_script_errors)
        finally:
            self.driver.quit()
        print(f"browser tests: {self.passed} passed, {self.failed} failed", flush=True)
        return self.failed == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--demo-dir", required=True)
    parser.add_argument("--screenshots", required=True)
    args = parser.parse_args()
    ok = PageTest(args.base_url, args.demo_dir, args.screenshots).run_all()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
