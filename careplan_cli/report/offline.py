"""Does an HTML page load anything from the network when opened? (A copy must not.)

A template from a plan repository can be changed by a pull request; a page that fetches
``https://example.net/x.png?name=...`` when a copy is opened would send personal data away.
Only ``data:`` and same-page ``#`` references are allowed for anything a browser loads by
itself; links (``<a href>``) are followed only when clicked, so they may point anywhere.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements that load or run something, or change where relative URLs point.
FORBIDDEN_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link",
    "portal", "form",
}  # fmt: skip
LOADING_ATTRIBUTES = {
    "src", "srcset", "href", "poster", "data", "background", "action", "formaction",
    "xlink:href", "ping", "manifest", "codebase", "cite", "longdesc", "lowsrc", "dynsrc",
}  # fmt: skip
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!data:|#)([^)'\"]*)|@import", re.IGNORECASE)
_LOCAL = ("data:", "#")


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.remote: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.remote.append(f"a <{tag}> element")
        if tag == "meta" and any(k == "http-equiv" for k, _ in attrs):
            self.remote.append("a <meta http-equiv> element")
        self._in_style = tag == "style"
        for key, value in attrs:
            value = (value or "").strip()
            if key == "href" and tag == "a":
                continue
            if key in LOADING_ATTRIBUTES and value and not value.lower().startswith(_LOCAL):
                self.remote.append(f"{key}={value[:40]!r} on <{tag}>")
            if key == "style" and _CSS_URL.search(value):
                self.remote.append(f"a CSS url() in a style attribute on <{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style and _CSS_URL.search(data):
            self.remote.append("a CSS url() or @import in a <style> element")


def remote_references(page: str) -> list[str]:
    """What in ``page`` a browser would fetch from outside the page (empty: nothing)."""
    checker = _Checker()
    checker.feed(page)
    checker.close()
    return checker.remote
