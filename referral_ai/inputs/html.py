"""HTML pages and fragments: visible text only, main content only, and the page's structured facts.

Reading a page goes in this order, so nothing hidden survives into any later step:

1. parse once (lxml, linear in the input);
2. remove hidden elements (``display:none``, near-white text, tiny fonts, off-screen, clip patterns,
   ``<style>`` selectors, ...; the rules are :func:`referral_ai.inputs.hidden._style_hidden`) and
   comments, scripts, templates; each removal is an ``InputWarning(code="hidden-text")``;
3. read the structured facts (schema.org ``JobPosting`` in JSON-LD or microdata, page metadata);
4. drop page furniture (navigation, banners, menus, breadcrumbs, cookie notices, footers) and keep
   the main content as text (headings and list items on their own lines).

What the parser gets (``Loaded.data``; the shape is a contract with :mod:`referral_ai.inputs.posting`)::

    Loaded.data = {
        "title": "Senior Data Engineer",      # best title hint (kept for older callers), may be absent
        "facts": {                             # only the fields actually found; every entry the same shape
            "<field>": {"value": <value>, "source": "<where>", "confidence": <0.0 .. 1.0>},
            ...
        },
    }

Fields in ``facts`` (value type) and the sources they come from:

========================  =================================  ==========================================
field                     value                              source (confidence)
========================  =================================  ==========================================
``title``                 str                                "JSON-LD JobPosting" (0.95), "microdata" (0.9)
``company``               str: hiringOrganization name       "JSON-LD JobPosting" (0.95), "microdata" (0.9)
``identifiers``           list[{"label": str, "value": str}] "JSON-LD JobPosting" / "microdata" (0.9);
                                                             label from identifier.name/propertyID,
                                                             else "Job ID"
``location``              str "Locality, Region, Country"    "JSON-LD JobPosting" / "microdata" (0.9);
                                                             "Remote" for jobLocationType TELECOMMUTE
``date_posted``           str ISO date "YYYY-MM-DD"          "JSON-LD JobPosting" / "microdata" (0.9)
``deadline``              str ISO date "YYYY-MM-DD"          validThrough, same sources (0.9)
``url``                   str absolute URL                   JobPosting url (0.9), else
                                                             '<link rel="canonical">' / "og:url" (0.6)
``employment_type``       str, e.g. "FULL_TIME"              "JSON-LD JobPosting" / "microdata" (0.9)
``department``            str                                JobPosting hiringOrganization.department
                                                             or a nested department name (0.7)
``title_heading``         str: first <h1> (else first        "first heading in main content" (0.7)
                          heading) of the main content
``title_page``            str: <title> with " | Site" and    "<title> without site name" (0.4)
                          " - Site" suffixes removed
``site_name``             str                                "og:site_name" (0.2: a weak hint, often the
                                                             site, not the employer)
``copyright_holder``      str: "© 2021 Lab, University X"    "footer copyright" (0.3: a weak hint)
                          holder, from the page footer
========================  =================================  ==========================================

``Loaded.data["title"]`` is ``facts["title"]`` if present, else ``title_heading``, else ``title_page``.
For a URL (:mod:`referral_ai.inputs.url`) ``facts["url"]`` falls back to the final fetched address
(source "fetched URL", 0.8).
"""

from __future__ import annotations

import re
from typing import Any

from referral_ai.errors import InputError
from referral_ai.inputs.hidden import _hidden, _html_dark_background, _style_hidden
from referral_ai.inputs.loaded import Kind, Loaded, _finish
from referral_ai.models import InputWarning

# --------------------------------------------------------------------------- HTML

_HIDDEN_CLASSES = {
    "hidden",
    "d-none",
    "invisible",
    "sr-only",
    "visually-hidden",
    "screen-reader-text",
}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "ul", "ol", "dl",
    "dt", "dd", "table", "thead", "tbody", "tr", "blockquote", "pre", "form", "fieldset", "figure",
    "figcaption", "address", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "body", "html",
}  # fmt: skip
_DROP_TAGS = {
    "script",
    "style",
    "template",
    "noscript",
    "head",
    "iframe",
    "object",
    "svg",
    "canvas",
}


def _css_hidden_selectors(css: str) -> dict[str, str]:
    """Map simple selectors (``.cls``, ``#id``) in a stylesheet to why their rules hide text."""
    out: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        why = _style_hidden(body)
        if not why:
            continue
        for sel in selectors.split(","):
            m = re.fullmatch(r"[a-z0-9]*([.#][\w-]+)", sel.strip(), re.I)
            if m:
                out[m.group(1)] = why
    return out


def _finish_html(text: str, *, name: str, kind: Kind, warnings: list[InputWarning]) -> Loaded:
    try:
        return _read_html(text, name=name, kind=kind, warnings=warnings)
    except RecursionError as exc:
        raise InputError("the HTML is nested too deeply to read", source=name) from exc


def _read_html(text: str, *, name: str, kind: Kind, warnings: list[InputWarning]) -> Loaded:
    from bs4 import BeautifulSoup, Comment, Tag
    from bs4.element import NavigableString

    soup = BeautifulSoup(text, "html.parser")
    warnings = list(warnings)
    css_rules: dict[str, str] = {}
    for style in soup.find_all("style"):
        css_rules.update(_css_hidden_selectors(style.get_text()))

    page_title = ""
    if soup.title is not None:
        page_title = " ".join(soup.title.get_text().split())

    dropped_code = 0
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        if str(comment).strip():
            warnings.append(
                _hidden("removed an HTML comment (not shown in a browser)", str(comment))
            )
        comment.extract()
    for tag in soup.find_all(["script", "style", "template"]):
        content = tag.get_text()
        if tag.name == "template" and content.strip():
            warnings.append(
                _hidden("removed a <template> element (not shown in a browser)", content)
            )
        elif content.strip():
            dropped_code += 1
        tag.decompose()
    if dropped_code:
        warnings.append(
            InputWarning(
                code="hidden-text",
                message=f"removed {dropped_code} <script>/<style> element(s) (code, not shown as text)",
            )
        )

    def hidden_reason(tag: Tag) -> str | None:
        if tag.has_attr("hidden"):
            return "the hidden attribute"
        if str(tag.get("aria-hidden", "")).lower() == "true":
            return 'aria-hidden="true"'
        if tag.name == "input" and str(tag.get("type", "")).lower() == "hidden":
            return "a hidden input"
        style = tag.get("style")
        if isinstance(style, str):
            why = _style_hidden(style)
            if why == "white text" and _html_dark_background(tag):
                why = None  # white on a dark background is visible
            if why:
                return why
        raw_classes: Any = tag.get("class") or []
        classes: list[str] = (
            raw_classes.split() if isinstance(raw_classes, str) else [str(c) for c in raw_classes]
        )
        for cls in classes:
            if f".{cls}" in css_rules:
                return f"CSS .{cls} {{{css_rules[f'.{cls}']}}}"
            if cls.lower() in _HIDDEN_CLASSES:
                return f"class {cls!r}"
        tag_id = tag.get("id")
        if isinstance(tag_id, str) and f"#{tag_id}" in css_rules:
            return f"CSS #{tag_id} {{{css_rules[f'#{tag_id}']}}}"
        return None

    for tag in list(soup.find_all(True)):
        if tag.decomposed or tag.parent is None:
            continue
        why = hidden_reason(tag)
        if why:
            content = tag.get_text(" ")
            if content.strip():
                warnings.append(_hidden(f"removed text hidden with {why}", content))
            tag.decompose()

    h1 = soup.find("h1")
    title = " ".join(h1.get_text(" ").split()) if isinstance(h1, Tag) else page_title

    parts: list[str] = []

    def opening(node: Any) -> tuple[str, str]:
        """Text to emit before a tag's children and after them."""
        name_ = node.name
        if name_ == "br":
            return "\n", ""
        if name_ == "li":
            return "\n- ", ""
        before = " | " if name_ in {"td", "th"} else ""
        after = ""
        if name_ in _BLOCK_TAGS:
            gap = "\n\n" if name_ in {"p", "h1", "h2", "h3", "h4", "h5", "h6"} else "\n"
            before, after = before + gap, gap
        if name_ == "a":
            href = node.get("href")
            label = node.get_text(" ").strip()
            if isinstance(href, str) and href.startswith("http") and href not in label and label:
                after = f" ({href})" + after
            elif (
                isinstance(href, str) and href.startswith("mailto:") and "@" not in label and label
            ):
                after = f" ({href.removeprefix('mailto:').split('?')[0]})" + after
        return before, after

    # An explicit stack, not recursion: deeply nested pages must not hit the recursion limit.
    body = soup.body if soup.body is not None else soup
    stack: list[Any] = list(reversed(list(body.children)))
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            parts.append(node)  # a closing marker pushed below
            continue
        if isinstance(node, NavigableString):
            parts.append(re.sub(r"\s+", " ", str(node)))
            continue
        if not isinstance(node, Tag) or node.name in _DROP_TAGS:
            continue
        before, after = opening(node)
        parts.append(before)
        stack.append(after)
        stack.extend(reversed(list(node.children)))
    raw = "".join(parts)
    lines = []
    for line in raw.split("\n"):
        line = re.sub(r"[ \t]+", " ", line).strip()
        line = re.sub(r"^\|\s*", "", line)
        if line == "-":
            continue
        lines.append(line)
    data = {"title": title} if title else None
    return _finish("\n".join(lines), name=name, fmt="html", kind=kind, warnings=warnings, data=data)
