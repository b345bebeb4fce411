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
``footer_place``          str: the city of a postal address  "postal address in the page footer" (0.5)
                          in the page footer
``footer_addressee``      str: the line above that address's same source (0.4)
                          street ("X Laboratory")
========================  =================================  ==========================================

``Loaded.data["title"]`` is ``facts["title"]`` if present, else ``title_heading``, else ``title_page``.
For a URL (:mod:`referral_ai.inputs.url`) ``facts["url"]`` falls back to the final fetched address
(source "fetched URL", 0.8).
"""

from __future__ import annotations

import html as html_lib
import json
import re
from typing import Any

from referral_ai.errors import InputError
from referral_ai.inputs.hidden import (
    CssRule,
    _hidden,
    _style_hidden,
    css_background,
    css_rules,
)
from referral_ai.inputs.loaded import Kind, Loaded, _finish
from referral_ai.inputs.place import postal_address
from referral_ai.models import InputWarning

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
    "figcaption", "address", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "body", "html", "li",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CODE_TAGS = {"script", "style"}
_DROP_TAGS = {"head", "iframe", "object", "svg", "canvas", "noscript", "title", "meta", "link"}

# Page furniture, by structure: ARIA landmark roles and class/id words every site kit uses.
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "search", "menu", "menubar"}
_FURNITURE_WORDS = {
    "nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "banner",
    "masthead", "cookie", "cookies", "consent", "gdpr", "skiplink", "skip",
}  # fmt: skip
_HEADER_NAMES = {"header", "site-header", "global-header", "top-bar", "topbar"}
_LANDMARK_NAMES = {"footer", "site-footer", "page-footer", "global-footer"}
_CONTENT_TAGS = {"article", "main"}
_WORD_SPLIT_RE = re.compile(r"[^a-z0-9]+")

_XML_DECL_RE = re.compile(r"\A\ufeff?\s{0,100}<\?xml[^<>]{0,300}\?>")
_MAX_DEPTH = 255  # libxml2's own limit: deeper nesting is cut off, so it is refused, not misread
_GENERATOR_SEPARATOR_RE = re.compile(r"\A([^\n<]{1,300})\n[ \t]*%{3,}[ \t]*\n")
_PLACEHOLDER_TITLES = {
    "no title specified",
    "untitled",
    "untitled document",
    "document",
    "new page",
}
_TITLE_SEPARATORS = (" | ", " - ", " \u2013 ", " \u2014 ", " :: ", " · ", " » ")
_COPYRIGHT_RE = re.compile(
    r"(?:©|\(c\)|copyright)\s{0,3}(?:©\s{0,3})?(?:\d{4}(?:\s{0,3}[-\u2013]\s{0,3}\d{4})?\s{0,3},?\s{0,3})?"
    r"([^\n|.©]{3,120})",
    re.I,
)


def _finish_html(text: str, *, name: str, kind: Kind, warnings: list[InputWarning]) -> Loaded:
    if text.lstrip("\ufeff \t\r\n").startswith(("---", "+++")):
        # a site generator's page saved with its front matter ("---\nlayout: default\n---\n<header>")
        from referral_ai.inputs.plain import _finish_plain, split_front_matter

        if split_front_matter(text)[0] is not None:
            return _finish_plain(text, name=name, fmt="html", kind=kind, warnings=warnings)
    try:
        return _read_html(text, name=name, kind=kind, warnings=warnings)
    except RecursionError as exc:
        raise InputError("the HTML is nested too deeply to read", source=name) from exc


def _words(value: object) -> set[str]:
    return set(_WORD_SPLIT_RE.split(str(value or "").lower())) - {""}


def _classes(el: Any) -> set[str]:
    return set(str(el.get("class") or "").split())


def _flat(text: str | None) -> str:
    return " ".join((text or "").split())


def _parse(text: str, *, name: str) -> Any:
    import lxml.html
    from lxml import etree

    text = _XML_DECL_RE.sub("", text, count=1)  # lxml refuses a str that declares an encoding
    parser = lxml.html.HTMLParser(remove_pis=True, remove_comments=False, default_doctype=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError("no visible text (the HTML is empty)", source=name) from exc
    if any("Excessive depth" in str(e.message) for e in parser.error_log):
        raise InputError(
            f"the HTML nests elements more than {_MAX_DEPTH} deep (unclosed tags?); "
            "save the page again or paste its text",
            source=name,
        )
    return root


def _read_html(text: str, *, name: str, kind: Kind, warnings: list[InputWarning]) -> Loaded:
    warnings = list(warnings)
    facts: dict[str, dict[str, Any]] = {}

    m = _GENERATOR_SEPARATOR_RE.match(text.lstrip("\ufeff"))
    if m:  # a site generator's fragment: a title line, a '%%%' line, then the HTML
        _fact(facts, "title_page", _flat(m.group(1)), "generator title line", 0.4)
        text = text.lstrip("\ufeff")[m.end() :]

    root = _parse(text, name=name)
    # JSON-LD lives in <script>, which the hidden pass drops
    posting_node = _jsonld_facts(root, facts)

    rules: list[CssRule] = []
    for style in root.iter("style"):
        rules.extend(css_rules(style.text_content()))

    page_title = ""
    for t in root.iter("title"):
        page_title = _flat(t.text_content())
        break

    _remove_hidden(root, rules, warnings)
    _page_facts(root, facts)  # microdata and metadata: read after hidden text is gone

    furniture_text = _remove_furniture(root)
    holder = _copyright_holder(furniture_text)
    if holder:
        _fact(facts, "copyright_holder", holder, "footer copyright", 0.3)
    address = postal_address(furniture_text)
    if address:
        _fact(facts, "footer_place", address[0], "postal address in the page footer", 0.5)
        if address[1]:
            _fact(facts, "footer_addressee", address[1], "postal address in the page footer", 0.4)

    body = _main_content(root)
    headings: list[tuple[int, str]] = []
    out_text = _render(body, headings)
    if _empty_body(out_text):
        # a page a script fills in, saved before it ran: its structured data is all there is
        meta = {
            str(m.get("property") or m.get("name") or "").lower(): _flat(m.get("content"))
            for m in root.iter("meta")
        }
        structured, where = _structured_text(posting_node, meta)
        if structured:
            out_text = structured
            _fact(facts, "body_empty", where, "page body", 1.0)

    h1 = next((t for lvl, t in headings if lvl == 1), None)
    first = h1 or (headings[0][1] if headings else None)
    if first:
        _fact(facts, "title_heading", first, "first heading in main content", 0.7)
    if headings:
        _fact(
            facts,
            "headings",
            [{"level": lvl, "text": t} for lvl, t in headings[:12]],
            "main content headings",
            0.5,
        )
    cleaned = _clean_page_title(page_title, facts.get("site_name", {}).get("value"))
    if cleaned and "title_page" not in facts:
        _fact(facts, "title_page", cleaned, "<title> without site name", 0.4)

    data: dict[str, Any] = {}
    for key in ("title", "title_heading", "title_page"):
        if key in facts:
            data["title"] = facts[key]["value"]
            break
    if facts:
        data["facts"] = facts
    return _finish(out_text, name=name, fmt="html", kind=kind, warnings=warnings, data=data or None)


def _fact(
    facts: dict[str, dict[str, Any]], field: str, value: Any, source: str, conf: float
) -> None:
    if value in (None, "", []) or field in facts:
        return
    facts[field] = {"value": value, "source": source, "confidence": conf}


# --------------------------------------------------------------------------- hidden elements


def _hidden_attr_reason(el: Any) -> str | None:
    if el.get("hidden") is not None:
        return "the hidden attribute"
    if str(el.get("aria-hidden", "")).lower() == "true":
        return 'aria-hidden="true"'
    if el.tag == "input" and str(el.get("type", "")).lower() == "hidden":
        return "a hidden input"
    for cls in _classes(el):
        if cls.lower() in _HIDDEN_CLASSES:
            return f"class {cls!r}"
    return None


def _remove_hidden(root: Any, rules: list[CssRule], warnings: list[InputWarning]) -> None:
    """One top-down pass: every element is looked at once, with what its ancestors pass down.

    Passed down: the background colour text is drawn on (inline styles and ``<style>`` rules),
    and the partial matches of descendant selectors, so ``.a .b`` costs no subtree search.
    """
    from lxml import etree

    index = _rule_index(rules)
    dropped_code = 0
    # (element, background, partial matches: set of (rule index, parts matched))
    stack: list[tuple[Any, Any, frozenset[tuple[int, int]]]] = [(root, None, frozenset())]
    to_drop: list[tuple[Any, str]] = []
    comments: list[Any] = []
    while stack:
        el, bg, partial = stack.pop()
        if not isinstance(el.tag, str):
            if el.tag is etree.Comment:
                comments.append(el)
            continue
        tag = el.tag.lower()
        if tag in _CODE_TAGS or tag == "template":
            content = el.text_content()
            if tag == "template" and content.strip():
                warnings.append(
                    _hidden("removed a <template> element (not shown in a browser)", content)
                )
            elif content.strip():
                dropped_code += 1
            to_drop.append((el, ""))
            continue
        classes = _classes(el)
        id_ = el.get("id")
        why = _hidden_attr_reason(el)
        # <style> rules, in document order (a later rule's background wins, as in CSS)
        new_partial: set[tuple[int, int]] = set()
        rule_bg: Any = None
        rule_hides: list[tuple[CssRule, str | None]] = []
        for idx in sorted(_candidates(index, tag, classes, id_)):
            rule = rules[idx]
            if not rule.parts[0].matches(tag, classes, id_):
                continue
            if len(rule.parts) == 1:
                rule_hides.append((rule, rule.hides))
            else:
                new_partial.add((idx, 1))
        for idx, k in partial:
            rule = rules[idx]
            new_partial.add((idx, k))
            if rule.parts[k].matches(tag, classes, id_):
                if k + 1 == len(rule.parts):
                    rule_hides.append((rule, rule.hides))
                else:
                    new_partial.add((idx, k + 1))
        if len(new_partial) > _MAX_PARTIAL:  # bounded work per element, whatever the stylesheet
            new_partial = set(sorted(new_partial)[:_MAX_PARTIAL])
        for rule, _ in rule_hides:
            if rule.background is not None:
                rule_bg = rule.background
        style = el.get("style")
        inline_bg = css_background(style) if isinstance(style, str) else None
        own_bg = inline_bg if inline_bg is not None else rule_bg
        here_bg = own_bg if own_bg is not None else bg
        if why is None and isinstance(style, str):
            why = _style_hidden(style, background=here_bg)
        if why is None:
            for rule, _ in rule_hides:
                rwhy = _style_hidden(rule.body, background=here_bg)
                if rwhy:
                    why = f"CSS {rule.selector} {{{_flat(rule.body)}}}"
                    break
        if why:
            to_drop.append((el, why))
            continue
        frozen = frozenset(new_partial)
        for child in reversed(el):
            stack.append((child, here_bg, frozen))
    for el, why in to_drop:
        if why:
            content = el.text_content()
            if content.strip():
                warnings.append(_hidden(f"removed text hidden with {why}", content))
        _drop(el)
    for c in comments:
        if str(c.text or "").strip():
            warnings.append(_hidden("removed an HTML comment (not shown in a browser)", c.text))
        _drop(c)
    if dropped_code:
        warnings.append(
            InputWarning(
                code="hidden-text",
                message=f"removed {dropped_code} <script>/<style> element(s) (code, not shown as text)",
            )
        )


_MAX_PARTIAL = 256


def _rule_index(rules: list[CssRule]) -> dict[str, list[int]]:
    """Rules by the most specific part of their first compound: ``#id``, ``.class``, tag or ``*``."""
    index: dict[str, list[int]] = {}
    for idx, rule in enumerate(rules):
        first = rule.parts[0]
        if first.id is not None:
            key = "#" + first.id
        elif first.classes:
            key = "." + min(first.classes)
        elif first.tag is not None:
            key = first.tag
        else:
            key = "*"
        index.setdefault(key, []).append(idx)
    return index


def _candidates(index: dict[str, list[int]], tag: str, classes: set[str], id_: object) -> set[int]:
    """Rules whose first compound could match this element (each then checked in full)."""
    out: set[int] = set(index.get(tag, ())) | set(index.get("*", ()))
    if isinstance(id_, str):
        out.update(index.get("#" + id_, ()))
    for cls in classes:
        out.update(index.get("." + cls, ()))
    return out


def _drop(el: Any) -> None:
    """Remove an element, keeping the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


# --------------------------------------------------------------------------- page furniture


def _furniture_kind(el: Any, inside_content: bool) -> str | None:
    """``"nav"``, ``"header"`` (a site header or banner), ``"other"`` (footer, cookies, ...) or None."""
    tag = el.tag.lower()
    role = str(el.get("role", "")).lower()
    if tag == "nav" or role in _FURNITURE_ROLES - {"banner", "contentinfo"}:
        return "nav"
    if role == "banner":
        return "header"
    if role == "contentinfo":
        return "other"
    if inside_content or tag in _HEADINGS or tag in _CONTENT_TAGS:
        return None
    if tag == "header":
        return "header"
    if tag == "footer":
        return "other"
    words = _words(el.get("class")) | _words(el.get("id"))
    names = {c.lower() for c in _classes(el)} | {str(el.get("id") or "").lower()}
    if words & {"banner", "masthead"} or names & _HEADER_NAMES:
        return "header"
    if words & _FURNITURE_WORDS or names & _LANDMARK_NAMES:
        return "other"
    return None


def _heading_rank(el: Any, *, skip_links: bool) -> int | None:
    """The highest heading level (1 for ``<h1>``) inside the element, None when it has none; with
    ``skip_links`` a heading that is only a link is not counted (a logo links home; a job's does not)."""
    ranks = []
    for h in el.iter(*_HEADINGS):
        text = _flat(h.text_content())
        links = _flat("".join(a.text_content() for a in h.iter("a")))
        if text and not (skip_links and links == text):
            ranks.append(int(h.tag[1]))
    return min(ranks, default=None)


def _remove_furniture(root: Any) -> str:
    """Drop navigation, banners, menus, breadcrumbs, cookie notices, site headers and footers.

    A header or banner is kept when it holds a heading (not a link) above every heading outside the
    furniture (an applicant-tracking page puts the job's title, company and place in a "header"; a
    career page its title in a "banner" over a body of lower headings, or none).
    Returns the text of what was dropped (the footer may still name the organisation).
    """
    found: list[tuple[Any, str]] = []
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        el, inside = stack.pop()
        if not isinstance(el.tag, str):
            continue
        if el.tag.lower() in {"html", "body"}:
            stack.extend((c, inside) for c in reversed(el))
            continue
        kind = _furniture_kind(el, inside)
        if kind is not None:
            found.append((el, kind))
            continue
        here = inside or el.tag.lower() in _CONTENT_TAGS or str(el.get("role", "")) == "main"
        stack.extend((c, here) for c in reversed(el))
    in_furniture = {h for el, _ in found for h in el.iter(*_HEADINGS)}  # kept alive: lxml proxies
    elsewhere = [
        int(h.tag[1])
        for h in root.iter(*_HEADINGS)
        if h not in in_furniture and _flat(h.text_content())
    ]
    top_elsewhere = min(elsewhere, default=7)
    texts = []
    for el, kind in found:
        rank = _heading_rank(el, skip_links=True) if kind == "header" else None
        # an HTML5 <header> keeps the old rule (its <h1> only): a section's <header class="major">
        # over a misspelt "X Job Descirption" heading would beat the doubted <title>
        if rank is not None and rank < top_elsewhere and (rank == 1 or el.tag.lower() != "header"):
            # the header holds the page's top heading ("job_description_banner" > <h4>Title</h4>)
            for inner in [e for e in el.iter("nav") if e is not el]:
                texts.append(inner.text_content())
                _drop(inner)
            continue
        texts.append(_dropped_text(el))
        _drop(el)
    return "\n".join(texts)


_LINE_TAGS = {"br", "p", "div", "li", "tr", "address", "h1", "h2", "h3", "h4", "h5", "h6"}


def _dropped_text(el: Any) -> str:
    """The text of an element about to be dropped, a line per ``<br>`` and block (a footer's
    postal address is read line by line)."""
    for inner in el.iter():
        if isinstance(inner.tag, str) and inner.tag.lower() in _LINE_TAGS:
            inner.tail = "\n" + (inner.tail or "")
    return str(el.text_content())


def _main_content(root: Any) -> Any:
    """The one ``<main>`` (or role=main) when the page has it and it holds the bulk of the text."""
    body = root.find("body")
    if body is None:
        body = root
    mains = [el for el in root.iter("main")] or [
        el for el in root.iter() if isinstance(el.tag, str) and el.get("role") == "main"
    ]
    if len(mains) == 1:
        total = len(_flat(body.text_content()))
        if total and len(_flat(mains[0].text_content())) >= 0.4 * total:
            return mains[0]
    return body


def _copyright_holder(text: str) -> str | None:
    for m in _COPYRIGHT_RE.finditer(text[-20000:]):
        holder = _flat(m.group(1)).strip(" ,;:-")
        holder = re.sub(r"(?i)(?<!\s)\s*all rights reserved\s*$", "", holder).strip(" ,;:-")
        if len(holder) >= 3 and not holder.isdigit():
            return holder
    return None


def _clean_page_title(title: str, site_name: object) -> str | None:
    """The page ``<title>`` without its site-name part (" | Site", " - Site")."""
    title = _flat(title)
    if not title or title.strip(" -|").lower() in _PLACEHOLDER_TITLES:
        return None
    parts = [title]
    for sep in _TITLE_SEPARATORS:
        if sep in title:
            parts = [p.strip() for p in title.split(sep) if p.strip()]
            break
    if len(parts) > 1 and isinstance(site_name, str):
        kept = [p for p in parts if p.lower() != site_name.lower()]
        parts = kept or parts
    return parts[0] if parts else None


# --------------------------------------------------------------------------- text


def _render(body: Any, headings: list[tuple[int, str]]) -> str:
    """Visible text, one block per line (an explicit stack: deep pages cannot exhaust recursion)."""
    parts: list[str] = []
    stack: list[Any] = [("el", body)]
    while stack:
        kind, node = stack.pop()
        if kind == "text":
            parts.append(node)
            continue
        el = node
        if not isinstance(el.tag, str):
            if el.tail:
                parts.append(_ws(el.tail))
            continue
        tag = el.tag.lower()
        if tag in _DROP_TAGS:
            if el.tail and el is not body:
                parts.append(_ws(el.tail))
            continue
        before, after = _opening(el, tag)
        if tag in _HEADINGS:
            heading = _flat(el.text_content())
            if heading:
                headings.append((int(tag[1]), heading))
        parts.append(before)
        if el.text:
            parts.append(_ws(el.text))
        if el is not body and el.tail:
            stack.append(("text", _ws(el.tail)))
        stack.append(("text", after))
        for child in reversed(el):
            stack.append(("el", child))
    lines: list[str] = []
    for line in "".join(parts).split("\n"):
        line = " ".join(line.split())
        if line.startswith("|"):
            line = line[1:].lstrip()
        if line == "-":
            continue
        lines.append(line)
    return "\n".join(_split_list_intros(lines))


def _split_list_intros(lines: list[str]) -> list[str]:
    """A paragraph ending in the sentence that introduces a list ("... Materials required:") gives
    that sentence its own line, as it reads on the page: a heading for the list below it."""
    out: list[str] = []
    for i, line in enumerate(lines):
        nxt = next((ln for ln in lines[i + 1 : i + 6] if ln), "")
        if line.endswith(":") and nxt.startswith("- ") and len(line) > 80:
            cut = max(line.rfind(". ", 0, len(line) - 1), line.rfind("? ", 0, len(line) - 1))
            if cut > 0 and len(line) - cut < 120:
                out += [line[: cut + 1], line[cut + 2 :]]
                continue
        out.append(line)
    return out


def _ws(text: str) -> str:
    return (
        " ".join(text.split(" "))
        if "\n" not in text and "\t" not in text
        else re.sub(r"\s+", " ", text)
    )


def _opening(el: Any, tag: str) -> tuple[str, str]:
    """Text to emit before an element's children and after them."""
    if tag == "br":
        return "\n", ""
    if tag == "li":
        return "\n- ", ""
    before = " | " if tag in {"td", "th"} else ""
    after = ""
    if tag in _BLOCK_TAGS:
        gap = "\n\n" if tag in {"p", *_HEADINGS} else "\n"
        before, after = before + gap, gap
    if tag == "a":
        href = el.get("href")
        label = _flat(el.text_content())
        if isinstance(href, str) and href.startswith("http") and href not in label and label:
            after = f" ({href})" + after
        elif isinstance(href, str) and href.startswith("mailto:") and "@" not in label and label:
            after = f" ({href.removeprefix('mailto:').split('?')[0]})" + after
    return before, after


# --------------------------------------------------------------------------- structured facts

_JSONLD_MAX_CHARS = 500_000
_MAX_NODES = 5000


def _jsonld_facts(root: Any, facts: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    """schema.org JobPosting from JSON-LD (the first one on the page); that posting's node."""
    for node in _jsonld_postings(root):
        _posting_facts(node, "JSON-LD JobPosting", 0.95, facts)
        return node
    return None


# A page whose body a script fills in: "You need to enable JavaScript to run this app."
_SCRIPT_ONLY = re.compile(
    r"^(?:(?:please\s+)?(?:you\s+need\s+to\s+)?enable\s+javascript\b.*|loading\W*|javascript\s+is\s+"
    r"(?:required|disabled)\b.*)$",
    re.I,
)


def _empty_body(text: str) -> bool:
    return all(not ln.strip() or _SCRIPT_ONLY.match(ln.strip()) for ln in text.splitlines())


def _structured_text(node: dict[str, Any] | None, meta: dict[str, str]) -> tuple[str, str]:
    """The posting as its structured data tells it, for a page whose body shows no text: the
    JSON-LD ``JobPosting`` (title, organisation, place, description), else the ``og:title`` and
    ``og:description`` meta; (text, where it came from), or ("", "") when the page has neither."""
    if node is not None:
        description = node.get("description")
        body = ""
        if isinstance(description, str) and description.strip():
            raw = html_lib.unescape(description) if "&lt;" in description else description
            if "<" in raw:
                import lxml.html

                fragment = lxml.html.fragment_fromstring(raw, create_parent="div")
                body = _render(fragment, [])
            else:
                body = raw
        org = node.get("hiringOrganization")
        head = [
            _text(node.get("title") or node.get("name")),
            _text(org[0] if isinstance(org, list) and org else org),
        ]
        head.append("; ".join(_places(node)))
        text = "\n\n".join(x for x in [*head, body] if x)
        if text.strip():
            return text, "JSON-LD JobPosting"
    text = "\n\n".join(x for x in (meta.get("og:title"), meta.get("og:description")) if x)
    return (text, "og: meta tags") if text.strip() else ("", "")


def _page_facts(root: Any, facts: dict[str, dict[str, Any]]) -> None:
    """schema.org JobPosting from microdata (unless JSON-LD gave one), then page metadata (weaker).

    Read from the page after hidden elements are removed, so hidden text never becomes a fact
    (``<meta itemprop=... content=...>`` is not hidden text and is kept).
    """
    if "title" not in facts:
        for node in _microdata_postings(root):
            _posting_facts(node, "microdata", 0.9, facts)
            break
    for meta in root.iter("meta"):
        prop = str(meta.get("property") or meta.get("name") or "").lower()
        content = _flat(meta.get("content"))
        if prop == "og:site_name":
            _fact(facts, "site_name", content, "og:site_name", 0.2)
        elif prop == "og:url" and content.startswith("http"):
            _fact(facts, "url", content, "og:url", 0.6)
    for link in root.iter("link"):
        if "canonical" in str(link.get("rel", "")).lower():
            href = _flat(link.get("href"))
            if href.startswith("http"):
                _fact(facts, "url", href, '<link rel="canonical">', 0.6)


def _is_posting(node: dict[str, Any]) -> bool:
    t = node.get("@type", node.get("type"))
    types = t if isinstance(t, list) else [t]
    return any(isinstance(x, str) and x.rsplit("/", 1)[-1] == "JobPosting" for x in types)


def _jsonld_postings(root: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if "ld+json" not in str(script.get("type", "")).lower():
            continue
        raw = (script.text or "").strip()
        if not raw or len(raw) > _JSONLD_MAX_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        todo: list[Any] = [data]
        seen = 0
        while todo and seen < _MAX_NODES:
            item = todo.pop()
            seen += 1
            if isinstance(item, list):
                todo.extend(reversed(item))
            elif isinstance(item, dict):
                if _is_posting(item):
                    found.append(item)
                else:
                    todo.extend(
                        v
                        for k, v in item.items()
                        if k in {"@graph", "mainEntity", "itemListElement", "item"}
                    )
    return found


def _microdata_postings(root: Any) -> list[dict[str, Any]]:
    if root.find(".//*[@itemtype]") is None:
        return []
    try:
        from extruct.w3cmicrodata import MicrodataExtractor

        items = MicrodataExtractor().extract_items(root, base_url=None)
    except Exception:  # a malformed page's microdata is a hint we do without
        return []
    out: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, dict) and _is_posting(item):
            out.append(_microdata_to_jsonld(item))
    return out


def _microdata_to_jsonld(item: Any, depth: int = 0) -> Any:
    if depth > 8:
        return None
    if isinstance(item, list):
        return [_microdata_to_jsonld(x, depth + 1) for x in item]
    if isinstance(item, dict) and "properties" in item:
        node: dict[str, Any] = {"@type": item.get("type")}
        for k, v in dict(item["properties"]).items():
            node[k] = _microdata_to_jsonld(v, depth + 1)
        return node
    return item


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or value.get("value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    if "<" in value:
        value = re.sub(r"<[^<>]{0,500}>", " ", value)
    return _flat(html_lib.unescape(value)) or None


def _iso(value: Any) -> str | None:
    s = _text(value)
    m = re.match(r"(\d{4}-\d{2}-\d{2})", s or "")
    return m.group(1) if m else None


def _place(loc: Any) -> str | None:
    if not isinstance(loc, dict):
        return _text(loc)
    address = loc.get("address", loc)
    if isinstance(address, list):
        address = address[0] if address else {}
    if not isinstance(address, dict):
        return _text(address)
    bits: list[str] = []
    for key in ("addressLocality", "addressRegion", "addressCountry"):
        v = _text(address.get(key))
        if v and v.lower() not in {b.lower() for b in bits}:
            bits.append(v)
    return ", ".join(bits) or _text(loc.get("name"))


def _places(node: dict[str, Any]) -> list[str]:
    """The places a JobPosting's ``jobLocation`` names, as "Locality, Region, Country"."""
    locs = node.get("jobLocation")
    return [p for p in (_place(x) for x in (locs if isinstance(locs, list) else [locs])) if p]


def _posting_facts(
    node: dict[str, Any], source: str, conf: float, facts: dict[str, dict[str, Any]]
) -> None:
    _fact(facts, "title", _text(node.get("title") or node.get("name")), source, conf)
    org = node.get("hiringOrganization")
    if isinstance(org, list):
        org = org[0] if org else None
    _fact(facts, "company", _text(org), source, conf)
    if isinstance(org, dict):
        _fact(facts, "department", _text(org.get("department")), source, 0.7)
    ids = node.get("identifier")
    identifiers = []
    for ident in ids if isinstance(ids, list) else [ids]:
        if isinstance(ident, dict):
            value = _text(ident.get("value") or ident.get("@value"))
            label = _text(ident.get("propertyID"))
            name = _text(ident.get("name"))
            if (
                not label
                and name
                and _words(name)
                & {
                    "id",
                    "req",
                    "requisition",
                    "reference",
                    "ref",
                    "number",
                    "no",
                    "job",
                    "position",
                    "code",
                }
            ):
                label = name
            if value:
                identifiers.append({"label": label or "Job ID", "value": value})
        else:
            value = _text(ident)
            if value:
                identifiers.append({"label": "Job ID", "value": value})
    _fact(facts, "identifiers", identifiers, source, 0.9)
    places = _places(node)
    if str(_text(node.get("jobLocationType")) or "").upper() == "TELECOMMUTE":
        places.append("Remote")
    _fact(facts, "location", "; ".join(dict.fromkeys(places)), source, 0.9)
    _fact(facts, "date_posted", _iso(node.get("datePosted")), source, 0.9)
    _fact(facts, "deadline", _iso(node.get("validThrough")), source, 0.9)
    url = _text(node.get("url"))
    if url and url.startswith("http"):
        _fact(facts, "url", url, source, 0.9)
    et = node.get("employmentType")
    et_text = ", ".join(x for x in (_text(v) for v in (et if isinstance(et, list) else [et])) if x)
    _fact(facts, "employment_type", et_text, source, 0.9)
