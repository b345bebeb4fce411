"""Plain text and Markdown: HTML comments and inline hidden HTML removed."""

from __future__ import annotations

import re

from referral_ai.inputs.hidden import _hidden, _style_hidden
from referral_ai.inputs.loaded import Kind, Loaded, _finish
from referral_ai.models import InputWarning

# --------------------------------------------------------------------------- plain text / markdown

_HTML_COMMENT_RE = re.compile(r"<!--(.*?)-->", re.S)


def _finish_plain(
    text: str, *, name: str, fmt: str, kind: Kind, warnings: list[InputWarning]
) -> Loaded:
    warnings = list(warnings)
    if fmt == "markdown" or name == "<text>":
        # HTML comments are not rendered in Markdown: a classic place to hide instructions.
        for m in _HTML_COMMENT_RE.finditer(text):
            if m.group(1).strip():
                warnings.append(
                    _hidden("removed an HTML comment (not shown when rendered)", m.group(1))
                )
        text = _HTML_COMMENT_RE.sub("", text)
        text = _strip_inline_hidden_html(text, warnings)
    return _finish(text, name=name, fmt=fmt, kind=kind, warnings=warnings)


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
                _hidden(f"removed inline HTML hidden with {why}", re.sub(r"<[^>]+>", " ", body))
            )
        return "\x00"

    previous = None
    while previous != text:  # nested hidden elements
        previous = text
        text = _INLINE_ELEMENT_RE.sub(replace, text)
    return re.sub(r"[ \t]*\x00(?:[ \t]*\x00)*[ \t]*", " ", text)
