"""Plain text and Markdown: front matter read as fields, templating tags and hidden HTML removed.

What a reader of the rendered page sees is the text; everything else is either a field or nothing:

- **Front matter** (YAML between ``---`` lines, TOML between ``+++`` lines, or a site generator's
  header closed by a ``%%%`` line) is taken out of the text, always. Its fields that describe the
  job become *facts* in ``Loaded.data["facts"]`` (see :func:`front_matter_facts` for the shape,
  shared with the HTML reader's schema.org facts); the other keys (``layout``, ``name``,
  ``weight``, a ``[design]`` table ...) are site configuration and go nowhere.
- **Templating tags** (Liquid/Jinja ``{% ... %}`` and ``{{ ... }}``, Hugo shortcodes
  ``{{< ... >}}`` / ``{{% ... %}}``, kramdown attribute lists ``{: ...}``) are not content; a paired
  shortcode's inner text stays ("{{< hl >}}10/12/2021{{< /hl >}}" reads "10/12/2021").
- **Raw HTML**: a body that is an HTML fragment is rendered by the HTML reader (hidden-text rules
  included); stray tags in Markdown prose are dropped. Images are not text. HTML comments and
  inline hidden HTML are removed and reported, as before.
- **Character references** (``&amp;``, ``&#x27;``, ``&#x2F;``) are decoded as a Markdown renderer
  decodes them, so a comment copied from a web page ("We&#x27;re", ``https:&#x2F;&#x2F;...``) reads
  as it is shown: its links and ids can be found.
"""

from __future__ import annotations

import datetime as _dt
import html
import importlib
import json
import re
from typing import TYPE_CHECKING, Any

from referral_ai.inputs.hidden import _hidden, _style_hidden
from referral_ai.inputs.loaded import Kind, Loaded, _finish

if TYPE_CHECKING:
    from referral_ai.models import InputWarning  # pydantic: imported where a warning is made

# --------------------------------------------------------------------------- front matter

_MAX_FRONT_MATTER = 64 * 1024
"""Front matter longer than this is not parsed (it is still removed from the text)."""

_FENCES = {"---": "yaml", "+++": "toml"}
_GENERATOR_FENCE = re.compile(r"(?<![ \t%])[ \t]*(?<!%)%{3,}[ \t]*")


def split_front_matter(text: str) -> tuple[str | None, str, str]:
    """(front matter kind or None, front matter text, body).

    Kinds: ``yaml`` (``---``), ``toml`` (``+++``), ``json`` (an object opening the text, as Hugo
    writes it) and ``header`` (a few lines closed by ``%%%``).
    The fence must open the text; an unclosed fence is not front matter.
    """
    stripped = text.lstrip("\ufeff")
    lead = len(text) - len(stripped)
    if stripped.startswith("{"):  # JSON front matter (Hugo): one object, then the body
        try:
            obj, end = json.JSONDecoder().raw_decode(stripped)
        except (ValueError, RecursionError):
            obj, end = None, 0
        if isinstance(obj, dict):
            return "json", stripped[:end], stripped[end:]
    first_end = stripped.find("\n")
    first = (stripped if first_end < 0 else stripped[:first_end]).strip()
    kind = _FENCES.get(first)
    if kind is not None:
        fence = first
        pos = first_end + 1
        while 0 < pos <= len(stripped):
            end = stripped.find("\n", pos)
            line = stripped[pos:] if end < 0 else stripped[pos:end]
            if line.strip() == fence or (kind == "yaml" and line.strip() == "..."):
                body = "" if end < 0 else stripped[end + 1 :]
                return kind, stripped[first_end + 1 : pos], body
            if end < 0:
                break
            pos = end + 1
        return None, "", text
    # A site generator's header: at most five short lines, then a line of '%%%'.
    lines = stripped.split("\n", 6)
    for i, line in enumerate(lines[1:6], start=1):
        if _GENERATOR_FENCE.fullmatch(line):
            head = lines[:i]
            if all(len(h) <= 200 for h in head):
                offset = lead + sum(len(h) + 1 for h in lines[: i + 1])
                return "header", "\n".join(head), text[offset:]
            break
    return None, "", text


def parse_front_matter(kind: str, raw: str) -> dict[str, Any]:
    """The front matter's fields (``{}`` when it does not parse as a mapping)."""
    if len(raw) > _MAX_FRONT_MATTER:
        return {}
    if kind == "header":
        first = next((ln.strip() for ln in raw.splitlines() if ln.strip()), "")
        return {"title": first} if first else {}
    value: Any = None
    if kind == "json":
        try:
            value = json.loads(raw)
        except (ValueError, RecursionError):
            value = None
    elif kind == "toml":
        try:
            toml: Any = importlib.import_module("tomllib")  # Python 3.11+
        except ImportError:  # Python 3.10: "key = value" lines are what postings use
            toml = None
        try:
            value = toml.loads(raw) if toml is not None else _loose_fields(raw, "=")
        except ValueError:  # tomllib.TOMLDecodeError is a ValueError
            value = _loose_fields(raw, "=")
    else:
        from frontmatter.default_handlers import YAMLHandler

        try:
            value = YAMLHandler().load(raw)
        except Exception:  # malformed YAML: still a list of "key: value" lines
            value = _loose_fields(raw, ":")
    return value if isinstance(value, dict) else {}


def _loose_fields(raw: str, sep: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for line in raw.splitlines():
        if not line[:1].isalpha() or sep not in line:
            continue
        key, _, value = line.partition(sep)
        value = value.split(" #", 1)[0].strip().strip("'\"")
        if key.strip() and value:
            out.setdefault(key.strip(), value)
    return out


# Front-matter keys that describe the job, by fact (the key is compared lowercased, with '-', ' '
# and camelCase humps read as '_').
_FACT_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "job_title", "position", "position_title", "role", "jobtitle"),
    "company": (
        "organization", "organisation", "company", "employer", "hiring_organization",
        "hiring_organisation", "institution", "university", "company_name", "org",
    ),
    "department": (
        "department", "institute", "faculty", "school", "lab", "laboratory", "team", "unit",
        "division", "centre", "center", "group",
    ),
    "location": ("location", "city", "place", "job_location", "work_location", "locations"),
    # "source_url": where a job scraper or reposting site took the posting from (its own page)
    "url": (
        "link", "url", "apply_url", "application_url", "job_url", "posting_url", "apply_link",
        "source_url", "original_url", "job_link",
    ),
    "deadline": (
        "closing_date", "deadline", "application_deadline", "apply_by", "closes", "close_date",
        "valid_through", "closing",
    ),
    "date_posted": ("date", "date_posted", "posted", "published", "publish_date"),
    "description": ("description", "summary", "excerpt", "subtitle"),
    # A page's subtitle ("subtitle: Monash University"): the parser uses it for the employer only
    # when it names an organisation and nothing stronger does.
    "subtitle": ("subtitle",),
    # A job board's template keeps the role apart from a headline title ("title: Designer to
    # improve our app", "role: UX designer"): used when the title reads like a sentence.
    "title_role": ("role", "position", "job_title", "position_title"),
}  # fmt: skip
_ID_KEYS: dict[str, str] = {
    "lever_id": "job id",
    "job_id": "job id",
    "jobid": "job id",
    "req_id": "requisition",
    "requisition": "requisition",
    "requisition_id": "requisition",
    "requisition_number": "requisition",
    "reference": "reference",
    "reference_number": "reference",
    "ref_no": "reference",
    "ref": "reference",
    "vacancy_id": "vacancy",
    "vacancy_number": "vacancy",
    "position_number": "position",
    "position_id": "position",
    "announcement_number": "announcement",
    "class_code": "class code",
    "greenhouse_id": "job id",
    "workday_id": "job id",
}
_ID_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_./:-]{0,63}")


def _json_page_text(fields: dict[str, Any]) -> str:
    """The text of a page that lives wholly in its JSON front matter (headings and paragraphs in
    fields): its strings of more than one word, in order; keys, slugs and tags are left out."""
    parts: list[str] = []
    stack: list[Any] = [fields]
    while stack and len(parts) < 5000:
        value = stack.pop()
        if isinstance(value, dict):
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, str) and " " in value.strip():
            parts.append(value.strip())
    return "\n\n".join(parts)


def _key(name: str) -> str:
    name = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name.strip())
    return re.sub(r"[\s-]+", "_", name).lower()


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, (_dt.date, int, float)):
        return str(value)
    if isinstance(value, str):
        text = " ".join(value.split())
        return text[:500] or None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value[:10]):
        return ", ".join(" ".join(v.split()) for v in value[:10]) or None
    return None


_FACT_CONFIDENCE = {
    "title": 0.8, "description": 0.3, "date_posted": 0.8, "subtitle": 0.5, "title_role": 0.7,
}  # fmt: skip


def front_matter_facts(fields: dict[str, Any], *, source: str = "front matter") -> dict[str, Any]:
    """What front matter says about the job, in the facts shape the posting parser reads.

    The shape is the HTML reader's (:mod:`referral_ai.inputs.html`): ``{"field": {"value": ...,
    "source": "front matter", "confidence": c}}`` for ``title``, ``company``, ``department``,
    ``location``, ``url``, ``deadline``, ``date_posted``, ``description`` and ``identifiers``
    (``[{"label": str, "value": str}]``), only the ones found. Only top-level keys are read (a
    nested ``author: {name: ...}`` is not the job). A value that is a bare lowercase slug
    ("department: jobs") is where the page sits on the site, not a field, and is left out. A title
    is 0.8: front-matter titles are often wrapped ("Umeå University | ...").
    """
    facts: dict[str, Any] = {}
    by_key = {_key(str(k)): v for k, v in list(fields.items())[:200] if isinstance(k, str)}
    for fact, keys in _FACT_KEYS.items():
        for key in keys:
            value = _scalar(by_key.get(key))
            if not value:
                continue
            if fact == "title_role" and value == facts.get("title", {}).get("value"):
                continue
            if fact in {"title", "company", "department", "location"} and re.fullmatch(
                r"[a-z0-9_-]+", value
            ):
                continue
            confidence = _FACT_CONFIDENCE.get(fact, 0.85)
            if source != "front matter":
                confidence = min(confidence, 0.5)
            facts[fact] = {"value": value, "source": source, "confidence": confidence}
            break
    identifiers: list[dict[str, str]] = []
    for key, label in _ID_KEYS.items():
        value = _scalar(by_key.get(key))
        if value and _ID_VALUE.fullmatch(value) and any(c.isdigit() for c in value):
            identifiers.append({"label": label, "value": value})
    if identifiers:
        facts["identifiers"] = {"value": identifiers, "source": source, "confidence": 0.85}
    return facts


# --------------------------------------------------------------------------- templating

_TEMPLATE_RES = [
    re.compile(r"\{\{[<%].{0,400}?[>%]\}\}", re.S),  # Hugo shortcodes {{< x >}} {{% x %}}
    re.compile(r"\{%.{0,400}?%\}", re.S),  # Liquid / Jinja tags
    re.compile(r"\{\{.{0,400}?\}\}", re.S),  # Liquid / Jinja / Handlebars output
    re.compile(r"\{#.{0,400}?#\}", re.S),  # Jinja comments
    re.compile(r"\{:[^{}\n]{0,400}\}"),  # kramdown attribute lists {: .normal width="1200"}
]
_IMAGE_RE = re.compile(r"!\[[^\]\n]{0,400}\]\([^)\n]{0,2000}\)")
_EMPTY_LINK_RE = re.compile(r"\[([^\]\n]{1,400})\]\(\s*\)")


def strip_templating(text: str) -> str:
    """Remove templating tags, kramdown attribute lists and images; keep a shortcode's inner text."""
    for pattern in _TEMPLATE_RES:
        text = pattern.sub("", text)
    text = _IMAGE_RE.sub("", text)
    return _EMPTY_LINK_RE.sub(r"\1", text)


# --------------------------------------------------------------------------- raw HTML in text

_TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9-]{0,20})(?:\s[^<>]{0,2000})?/?>")
_BLOCK_TAG_NAMES = {
    "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "tr", "td", "th", "section", "article", "header", "footer", "blockquote", "pre",
    "iframe", "form", "figure", "figcaption", "main", "aside", "nav",
}  # fmt: skip
_HTML_TAG_NAMES = _BLOCK_TAG_NAMES | {
    "a", "span", "em", "strong", "b", "i", "u", "img", "sup", "sub", "small", "code", "script",
    "style", "link", "meta", "input", "button", "label", "tbody", "thead", "font", "center",
}  # fmt: skip


_MARKDOWN_LINE = re.compile(
    r"(?<!\s)\s*(?:#{1,6}\s|[-*+]\s|\d{1,2}\.\s|(?<!=)={3,}\s*$|(?<!-)-{3,}\s*$)"
)


def _html_body(text: str) -> bool:
    """Whether ``text`` is an HTML fragment (rendered as HTML) rather than Markdown with some HTML.

    Decided by structure: lines carrying HTML tags outnumber Markdown lines (headings, bullets,
    rules) two to one and make up a fair share of the text.
    """
    lines = [ln for ln in text.splitlines() if ln.strip()][:400]
    tagged = sum(
        1
        for ln in lines
        if any(m.group(1).lower() in _HTML_TAG_NAMES for m in _TAG_RE.finditer(ln))
    )
    markdown = sum(1 for ln in lines if _MARKDOWN_LINE.match(ln))
    return tagged >= 5 and tagged >= 2 * markdown and tagged >= 0.3 * len(lines)


def _drop_stray_tags(text: str) -> str:
    """Block and embed tags in Markdown prose (``<hr>``, ``<iframe ...>``, ``<p>``) become line
    breaks; inline formatting (``<b>``, ``<a>``) is kept as written."""

    def repl(m: re.Match[str]) -> str:
        name = m.group(1).lower()
        if name not in _BLOCK_TAG_NAMES:
            return m.group(0)  # "<250 words>", "<b>": prose, or inline formatting kept as written
        return "\n"

    return _TAG_RE.sub(repl, text)


# --------------------------------------------------------------------------- plain text / markdown


def _remove_comments(text: str, warnings: list[InputWarning]) -> str:
    """Remove ``<!-- ... -->`` comments (reported when not empty); linear in the text."""
    out: list[str] = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        if start < 0:
            break
        end = text.find("-->", start + 4)
        if end < 0:
            break  # an unclosed comment is shown as written
        body = text[start + 4 : end]
        if body.strip():
            warnings.append(_hidden("removed an HTML comment (not shown when rendered)", body))
        out.append(text[pos:start])
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def _finish_plain(
    text: str, *, name: str, fmt: str, kind: Kind, warnings: list[InputWarning]
) -> Loaded:
    warnings = list(warnings)
    fm_kind, fm_raw, body = split_front_matter(text)
    facts: dict[str, Any] | None = None
    if fm_kind is not None:
        fields = parse_front_matter(fm_kind, fm_raw)
        if fields or fm_kind == "header" or not fm_raw.strip():
            source = "site-generator header" if fm_kind == "header" else "front matter"
            facts = front_matter_facts(fields, source=source)
            text = body
            if fm_kind == "json" and not body.strip():
                text = _json_page_text(fields)
        else:
            fm_kind = None  # "---" rules around prose, not front matter
    if fmt == "markdown" or name == "<text>" or fm_kind is not None:
        text = strip_templating(text)
    # an .html page's body is HTML whatever its tag density (a generator does not read Markdown
    # there): "<p>Position: <a href=...>posting</a></p>" under front matter is rendered as a page
    if _html_body(text) or (fmt == "html" and _TAG_RE.search(text)):
        from referral_ai.inputs.html import _finish_html

        loaded = _finish_html(text, name=name, kind=kind, warnings=warnings)
        data = dict(loaded.data or {})
        if facts:
            data["front_matter"] = facts
        return Loaded(
            text=loaded.text, source=loaded.source, fmt=loaded.fmt, warnings=loaded.warnings,
            data=data or None,
        )  # fmt: skip
    if fmt == "markdown" or name == "<text>" or fm_kind is not None:
        # HTML comments are not rendered in Markdown: a classic place to hide instructions.
        text = _remove_comments(text, warnings)
        text = _strip_inline_hidden_html(text, warnings)
        text = _drop_stray_tags(text)
        # after the tags are read: a decoded "&lt;b&gt;" is text a reader sees, not markup
        text = html.unescape(text)
    return _finish(
        text,
        name=name,
        fmt=fmt,
        kind=kind,
        warnings=warnings,
        data={"front_matter": facts} if facts else None,
    )


_INLINE_ELEMENT_RE = re.compile(
    # Only elements that can hide text are candidates: <script>/<style>/<template>, or a tag whose
    # attributes mention "hidden" or set a style. Bodies are bounded so unclosed tags stay cheap.
    r"<(?P<tag>script|style|template|[a-zA-Z][\w-]*(?=[^<>]*(?:hidden|style\s*=)))\b"
    r"(?P<attrs>[^<>]*)>(?P<body>.{0,20000}?)</(?P=tag)\s*>",
    re.S | re.I,
)
_STYLE_ATTR_RE = re.compile(r"\bstyle\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)


def _strip_inline_hidden_html(text: str, warnings: list[InputWarning]) -> str:
    """Remove inline HTML that Markdown renders invisibly (display:none, hidden, <script>...)."""

    def replace(m: re.Match[str]) -> str:
        tag, attrs, body = m.group("tag").lower(), m.group("attrs"), m.group("body")
        why: str | None = None
        if tag in {"script", "style", "template"}:
            why = f"a <{tag}> element"
        elif re.search(r"(?:^|\s)hidden(?:\s|=|$)", attrs, re.I):
            why = "the hidden attribute"
        elif re.search(r"aria-hidden\s*=\s*[\"']?true", attrs, re.I):
            why = 'aria-hidden="true"'
        else:
            style = _STYLE_ATTR_RE.search(attrs)
            if style:
                why = _style_hidden(style.group(1) or style.group(2) or "")
        if why is None:
            return m.group(0)
        if body.strip():
            warnings.append(
                _hidden(f"removed inline HTML hidden with {why}", re.sub(r"<[^<>]+>", " ", body))
            )
        return "\x00"

    previous = None
    while previous != text:  # nested hidden elements
        previous = text
        text = _INLINE_ELEMENT_RE.sub(replace, text)
    # anchored at a run's start (not every space of it): linear in a long run of spaces
    return re.sub(r"(?<![ \t])[ \t]*\x00(?:[ \t]*\x00)*[ \t]*", " ", text)
