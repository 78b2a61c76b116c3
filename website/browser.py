"""Open pages in headless Chromium and report what went wrong on them.

Chromium (Debian's `chromium` package) is driven through the DevTools protocol
over a pipe (`--remote-debugging-pipe`: messages are JSON ended by a NUL byte,
commands on the child's fd 3, replies and events on its fd 4), so no port and
no extra Python package are needed.

For each page, `Browser.inspect(path)` returns a PageReport: the console errors
and uncaught exceptions, every URL the page requested, images that did not load,
links, the number of typeset formulas, raw `$$` left in the text, and a
screenshot.

    python -m website.browser outputs/site     # inspect every page, screenshots in outputs/site-shots/
    python -m website.browser --shot outputs/site/zh/02_neural_basics.html website/self-study-zh.png \\
        'check("sigmoid"'                     # the README's picture: 1000 x 600, that cell's output last
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["find_chromium", "Browser", "PageReport", "BrowserError", "CJK_FONT_NAME", "cjk_font_problems"]

# Family names of fonts that hold the hanzi (Noto Sans CJK SC from Debian's fonts-noto-cjk, ...).
CJK_FONT_NAME = re.compile(
    r"CJK|Han Sans|Han Serif|Hei|Song|Ming|Kai|WenQuanYi|YaHei|PingFang|Droid Sans Fallback"
)


def cjk_font_problems(probes: list[dict[str, Any]]) -> list[str]:
    """What is wrong with the fonts Chinese text was drawn with (Browser.fonts_of_chinese_text).

    Every hanzi of a drawn element must come from a CJK font: a hanzi drawn by any other font
    (DejaVu Sans, a Last Resort font) is a box ("tofu"). Elements that were not drawn (inside
    a closed answer) have no fonts and are left out; a page whose Chinese text was drawn
    nowhere is a problem too.
    """
    drawn = [probe for probe in probes if probe["fonts"]]
    if not drawn:
        return ["no Chinese text was drawn on the page"]
    problems = []
    for probe in drawn:
        cjk = sum(font["glyphCount"] for font in probe["fonts"] if CJK_FONT_NAME.search(font["familyName"]))
        if cjk < probe["hanzi"]:
            names = ", ".join(f"{font['familyName']} ({font['glyphCount']})" for font in probe["fonts"])
            problems.append(
                f"{probe['text']!r}: {probe['hanzi']} hanzi, {cjk} drawn by a CJK font; fonts: {names}"
            )
    return problems


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
TYPESET_TIMEOUT = 60.0  # seconds for MathJax to finish a long page on a busy machine

# Run in the page after MathJax is done: everything the checks need, as one JSON value.
_PAGE_FACTS = r"""
(() => {
  const skip = new Set(["SCRIPT", "STYLE", "PRE", "CODE", "TEXTAREA", "NOSCRIPT"]);
  const raw = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      for (let el = node.parentElement; el; el = el.parentElement) {
        if (skip.has(el.tagName) || el.classList.contains("highlight")) return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    }
  });
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent;
    if (text.includes("$$") || text.includes("\\begin{")) raw.push(text.trim().slice(0, 120));
  }
  const images = Array.from(document.images).map(img => ({
    src: img.currentSrc.slice(0, 80), complete: img.complete, width: img.naturalWidth
  }));
  return {
    mathjax_loaded: typeof window.MathJax !== "undefined" && !!window.MathJax.Hub,
    typeset: document.querySelectorAll(".MathJax, .MathJax_Display, .MathJax_CHTML, mjx-container").length,
    math_errors: document.querySelectorAll(".MathJax_Error, merror, .mjx-merror").length,
    raw_math: raw,
    images: images,
    links: Array.from(document.querySelectorAll("a[href]")).map(a => a.getAttribute("href")),
    ids: Array.from(document.querySelectorAll("[id]")).map(el => el.id),
    details: document.querySelectorAll("details.answer").length,
    open_details: document.querySelectorAll("details.answer[open]").length,
    title: document.title
  };
})()
"""


# Marks (data-cjk-probe) the first elements whose own text nodes hold hanzi, and returns them.
_MARK_CHINESE = r"""
(() => {
  const han = /\p{Script=Han}/gu;
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (found.length >= %(limit)d) break;
    if (["SCRIPT", "STYLE", "NOSCRIPT"].includes(el.tagName)) continue;
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join("");
    const hanzi = (own.match(han) || []).length;
    if (hanzi === 0 || el.getClientRects().length === 0) continue;  // no hanzi, or not drawn
    el.setAttribute("data-cjk-probe", String(found.length));
    found.push({probe: String(found.length), text: own.trim().slice(0, 40), hanzi: hanzi});
  }
  return found;
})()
"""


def _high_fd(fd: int) -> int:
    """fd moved to a number of 10 or more (close-on-exec, like every fd Python opens)."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class BrowserError(RuntimeError):
    """Chromium could not be started or stopped answering."""


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) executable, or None. CS224N_CHROMIUM overrides."""
    if os.environ.get("CS224N_CHROMIUM"):
        return os.environ["CS224N_CHROMIUM"]
    for name in CHROMIUM_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class PageReport:
    """What one page did in the browser."""

    path: Path
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    typeset_done: bool = False
    screenshot: Path | None = None

    def outside_requests(self, site_dir: Path) -> list[str]:
        """Requests for anything that is not a file of the site (web URLs, other folders)."""
        site = site_dir.resolve().as_uri()
        return [
            url
            for url in self.requests
            if not (url.startswith("data:") or url.startswith("about:") or url.startswith(site + "/"))
        ]

    def broken_images(self) -> list[str]:
        return [
            img["src"] for img in self.facts.get("images", []) if not img["complete"] or img["width"] == 0
        ]


class Browser:
    """One headless Chromium, one tab reused for every page. Use as a context manager."""

    def __init__(self, executable: str | None = None, *, width: int = 1280, height: int = 1400) -> None:
        executable = executable or find_chromium()
        if executable is None:
            raise BrowserError("Chromium is not installed (Debian: apt-get install chromium)")
        self._profile = tempfile.TemporaryDirectory(prefix="cs224n-chromium-")
        # Every pipe end at fd 10 or above, so that putting them at 3 and 4 cannot overwrite one.
        to_child_read, self._to_child = (_high_fd(fd) for fd in os.pipe())
        self._from_child, from_child_write = (_high_fd(fd) for fd in os.pipe())

        def _wire_pipes() -> None:  # in the child: the protocol's fds 3 (commands) and 4 (replies)
            os.dup2(to_child_read, 3)
            os.dup2(from_child_write, 4)

        arguments = [
            executable,
            "--headless=new",
            "--remote-debugging-pipe",
            f"--user-data-dir={self._profile.name}",
            f"--window-size={width},{height}",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-gpu",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--mute-audio",
            "about:blank",
        ]
        if os.geteuid() == 0:
            arguments.insert(1, "--no-sandbox")  # Chromium refuses to run as root with its sandbox
        self._process = subprocess.Popen(
            arguments,
            preexec_fn=_wire_pipes,
            close_fds=False,  # our fds are close-on-exec; only the dup2 copies at 3 and 4 reach Chromium
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child_read)
        os.close(from_child_write)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict] = []
        self.size = (width, height)
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self._session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.call(f"{domain}.enable", session=True)
        # The page's viewport (and so every screenshot) exactly width x height CSS pixels.
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
            session=True,
        )

    # -- the protocol ------------------------------------------------------------------------
    def _send(self, message: dict) -> None:
        os.write(self._to_child, json.dumps(message).encode() + b"\0")

    def _receive(self, timeout: float) -> dict:
        import select

        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_child], [], [], timeout)
            if not ready:
                raise BrowserError("Chromium did not answer in time")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed the DevTools pipe (did it crash?)")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(
        self, method: str, params: dict | None = None, *, session: bool = False, timeout: float = 60
    ) -> dict:
        """Send one command and wait for its reply; events that arrive meanwhile are kept."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self._session
        self._send(message)
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(max(0.1, deadline - time.monotonic()))
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._events.append(reply)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the current page."""
        return self._evaluate(expression)

    def _evaluate(self, expression: str) -> Any:
        result = self.call(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True
        )
        if "exceptionDetails" in result:
            raise BrowserError(f"evaluating in the page failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def _drain(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                self._events.append(self._receive(max(0.05, deadline - time.monotonic())))
            except BrowserError:
                return

    # -- pages -------------------------------------------------------------------------------
    def inspect(self, page: Path, screenshot: Path | None = None) -> PageReport:
        """Load page (a file), wait for it and its formulas, and report; optionally save a screenshot."""
        report = PageReport(page)
        self._events.clear()
        self.call("Page.navigate", {"url": page.resolve().as_uri()}, session=True)
        deadline = time.monotonic() + TYPESET_TIMEOUT
        loaded = False
        while not loaded and time.monotonic() < deadline:
            self._drain(0.2)
            loaded = any(e.get("method") == "Page.loadEventFired" for e in self._events)
        # MathJax sets data-typeset="done" on <html> when its first typesetting pass has ended.
        while time.monotonic() < deadline:
            state = self._evaluate(
                "typeof window.MathJax === 'undefined' ? 'none' : "
                "(document.documentElement.getAttribute('data-typeset') || 'pending')"
            )
            if state in ("none", "done"):
                report.typeset_done = state == "done"
                break
            self._drain(0.25)
        self._drain(0.3)
        report.facts = self._evaluate(_PAGE_FACTS)
        for event in self._events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Network.requestWillBeSent":
                report.requests.append(params["request"]["url"])
            elif method == "Network.loadingFailed":
                report.failed_requests.append(f"{params.get('errorText')} ({params.get('type')})")
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
                report.console_errors.append(text)
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                report.console_errors.append(
                    details.get("exception", {}).get("description", details.get("text", ""))
                )
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                entry = params["entry"]
                report.console_errors.append(f"{entry.get('text')} {entry.get('url', '')}".strip())
        if screenshot is not None:
            data = self.call("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            screenshot.write_bytes(base64.b64decode(data))
            report.screenshot = screenshot
        return report

    def screenshot(self, page: Path, path: Path, near: str) -> PageReport:
        """Load page and save the view whose bottom is the output of the first code cell holding `near`.

        The README's pictures are taken so: the cell's code and what it printed (the checker's lines
        for a `check("name", name)` cell) at the bottom of the picture, what leads to it above.
        """
        report = self.inspect(page)
        found = self._evaluate(
            "(() => { for (const cell of document.querySelectorAll('div.jp-CodeCell')) {"
            f"  if (cell.querySelector('.jp-InputArea').textContent.includes({json.dumps(near)})) {{"
            "    cell.scrollIntoView({block: 'end'}); return true; } } return false; })()"
        )
        if not found:
            raise BrowserError(f"no code cell of {page} holds {near!r}")
        self._drain(0.5)
        data = self.call("Page.captureScreenshot", {"format": "png"}, session=True)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        report.screenshot = path
        return report

    def fonts_of_chinese_text(self, limit: int = 12) -> list[dict[str, Any]]:
        """The fonts Chromium really drew the current page's Chinese text with.

        For up to `limit` elements whose own text holds Chinese characters (hanzi), the
        platform fonts the renderer used for that text (DevTools' CSS.getPlatformFontsForNode:
        family names and glyph counts, after every fallback), with the number of hanzi:
        [{"text": ..., "hanzi": n, "fonts": [{"familyName": ..., "glyphCount": ...}, ...]}].
        """
        marked = self._evaluate(_MARK_CHINESE % {"limit": int(limit)})
        if not marked:
            return []
        for domain in ("DOM", "CSS"):
            self.call(f"{domain}.enable", session=True)
        root = self.call("DOM.getDocument", {"depth": 0}, session=True)["root"]["nodeId"]
        found = []
        for item in marked:
            node = self.call(
                "DOM.querySelector",
                {"nodeId": root, "selector": f'[data-cjk-probe="{item["probe"]}"]'},
                session=True,
            )["nodeId"]
            fonts = self.call("CSS.getPlatformFontsForNode", {"nodeId": node}, session=True)["fonts"]
            found.append({"text": item["text"], "hanzi": item["hanzi"], "fonts": fonts})
        return found

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (BrowserError, OSError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        self._profile.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--shot"]:
        if len(argv) != 4:
            print("usage: python -m website.browser --shot PAGE.html PICTURE.png TEXT-OF-A-CODE-CELL")
            return 2
        with Browser(width=1000, height=600) as browser:
            report = browser.screenshot(Path(argv[1]), Path(argv[2]), argv[3])
        print(f"{report.screenshot}: {len(report.console_errors)} console errors")
        return 1 if report.console_errors else 0
    site = Path(argv[0] if argv else "outputs/site")
    shots = site.parent / f"{site.name}-shots"
    problems = 0
    with Browser() as browser:
        for page in sorted(site.glob("*.html")) + sorted(site.glob("zh/*.html")):
            relative = page.relative_to(site).with_suffix("")
            report = browser.inspect(page, shots / f"{relative}.png")
            outside = report.outside_requests(site)
            broken = report.broken_images()
            print(
                f"{relative}: {report.facts['typeset']} formulas typeset, "
                f"{report.facts['details']} folded answers, "
                f"{len(report.console_errors)} console errors, {len(outside)} outside requests, "
                f"{len(broken)} broken images"
            )
            for line in report.console_errors + outside + broken + report.facts["raw_math"]:
                print(f"    {line}")
            problems += (
                len(report.console_errors) + len(outside) + len(broken) + len(report.facts["raw_math"])
            )
    print(f"screenshots in {shots}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
