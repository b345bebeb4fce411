"""Prompt templates: one Markdown file per prompt, with a small front-matter header.

File format (``prompts/<name>.md``)::

    ---
    name: follow_up
    description: Follow-up email to the contact the candidate was introduced to.
    variables: [role_reference, contact, posting, resume]
    ---
    Write a follow-up email to ${contact} about ${role_reference}.
    <posting>
    ${posting}
    </posting>

* The header sits between two lines that are exactly ``---``. Each header line is ``key: value``;
  ``variables`` is a list written ``[a, b, c]`` or ``a, b, c`` (an empty list is ``[]``). Optional
  keys: ``model`` (the model this prompt is sent to, overriding the writer's), ``temperature`` (a
  number from 0 to 2) and ``defaults``, followed by indented ``variable: value`` lines giving a
  value to a declared variable the caller does not supply::

      defaults:
        tone: warm and direct

  Any other key is an error naming the allowed ones, and so is a value of the wrong type or a line
  without ``:``. Lines starting with ``#`` are comments.
* The body uses :class:`string.Template` syntax: ``$variable`` or ``${variable}``; a literal dollar
  sign is ``$$``. Every variable the body uses must be declared in the header and every declared
  variable must be used, so a typo is caught when the file is loaded, not when a prompt is sent.
* :meth:`PromptTemplate.render` reports every missing and every unknown variable by name before it
  renders anything.

Templates ship inside the package ``referral_ai.prompts`` (read with :mod:`importlib.resources`,
so they work from a wheel or a zip). A user folder (``folder=`` / CLI ``--prompts-dir``) overrides
them file by file: a prompt that is not in the user folder falls back to the shipped default.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from referral_ai.errors import TemplateError

__all__ = [
    "DEFAULT_PACKAGE",
    "PromptTemplate",
    "delimit",
    "list_templates",
    "load_template",
    "neutralize_tags",
    "parse_template",
]

DEFAULT_PACKAGE = "referral_ai.prompts"
"""The package whose ``*.md`` files are the default prompts."""

_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_HEADER_KEYS = ("name", "description", "variables", "model", "temperature", "defaults")
_MAX_TEMPERATURE = 2.0


class PromptTemplate(BaseModel):
    """One prompt: its name, description, declared variables and ``string.Template`` body."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str = ""
    variables: tuple[str, ...] = Field(
        default=(), description="Variables the body uses, declared in the header."
    )
    body: str
    source: str = Field(
        default="", description="Where the template was read from (for error messages)."
    )
    defaults: tuple[tuple[str, str], ...] = Field(
        default=(), description="Values of declared variables the caller may leave out."
    )
    model: str | None = Field(
        default=None, description="The model this prompt is sent to (overrides the writer's)."
    )
    temperature: float | None = Field(
        default=None, ge=0, le=_MAX_TEMPERATURE, description="Sampling temperature for this prompt."
    )

    @property
    def default_values(self) -> dict[str, str]:
        """``defaults`` as a dict."""
        return dict(self.defaults)

    def render(self, **values: object) -> str:
        """Fill the body with ``values`` (each converted with ``str``).

        A declared variable not in ``values`` takes its front-matter default. Raises
        :class:`TemplateError` naming every missing and every unknown variable (all of them, not just
        the first, and the variables the template has) before anything is rendered. Values are inserted verbatim: a ``$`` in a
        value is not expanded again.
        """
        declared = set(self.variables)
        filled = {**self.default_values, **{k: str(v) for k, v in values.items()}}
        missing = [v for v in self.variables if v not in filled]
        unknown = sorted(set(values) - declared)
        problems = []
        if missing:
            problems.append("missing variable(s): " + ", ".join(missing))
        if unknown:
            problems.append("unknown variable(s): " + ", ".join(unknown))
        if problems:
            problems.append("its variables: " + (", ".join(self.variables) or "none"))
            raise TemplateError(f"template {self.name!r} ({self.source}): " + "; ".join(problems))
        try:
            return string.Template(self.body).substitute(filled)
        except (
            KeyError,
            ValueError,
        ) as exc:  # pragma: no cover - parse_template validated the body
            raise TemplateError(f"template {self.name!r} ({self.source}): {exc}") from exc


def _body_identifiers(body: str, source: str) -> list[str]:
    """Names a ``string.Template`` body uses, in order of first use; invalid ``$`` is an error."""
    names: list[str] = []
    for m in string.Template.pattern.finditer(body):
        if m.group("invalid") is not None:
            line = body.count("\n", 0, m.start()) + 1
            raise TemplateError(
                f"{source}: invalid '$' placeholder at body line {line} "
                "(use $name or ${name}; write $$ for a literal dollar sign)"
            )
        name = m.group("named") or m.group("braced")
        if name and name not in names:
            names.append(name)
    return names


def _parse_list(value: str, source: str, lineno: int) -> tuple[str, ...]:
    v = value.strip()
    if v.startswith("[") != v.endswith("]"):
        raise TemplateError(
            f"{source}: header line {lineno}: unbalanced brackets in variables list"
        )
    if v.startswith("["):
        v = v[1:-1]
    items = [i.strip().strip("'\"") for i in v.split(",")]
    items = [i for i in items if i]
    for item in items:
        if not _NAME_RE.match(item):
            raise TemplateError(
                f"{source}: header line {lineno}: {item!r} is not a valid variable name"
            )
    if len(set(items)) != len(items):
        raise TemplateError(f"{source}: header line {lineno}: a variable is declared twice")
    return tuple(items)


def parse_template(text: str, *, source: str = "<text>") -> PromptTemplate:
    """Parse a template file's text (front matter + body) into a :class:`PromptTemplate`.

    Raises :class:`TemplateError` naming ``source`` when the header is missing, unterminated, has an
    unknown key or a malformed line, or when declared and used variables differ.
    """
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise TemplateError(
            f"{source}: missing front matter (the file must start with a '---' line)"
        )
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise TemplateError(f"{source}: front matter is not closed (no second '---' line)")
    header: dict[str, str] = {}
    header_lines: dict[str, int] = {}
    defaults: dict[str, str] = {}
    in_defaults = False
    for lineno, raw in enumerate(lines[1:end], start=2):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep:
            raise TemplateError(
                f"{source}: header line {lineno}: expected 'key: value', got {line!r}"
            )
        if raw[:1] in (" ", "\t"):
            if not in_defaults:
                raise TemplateError(
                    f"{source}: header line {lineno}: an indented line belongs under 'defaults:'"
                )
            if not _NAME_RE.match(key):
                raise TemplateError(
                    f"{source}: header line {lineno}: default {key!r} is not a valid variable name"
                )
            if key in defaults:
                raise TemplateError(f"{source}: header line {lineno}: default {key!r} given twice")
            defaults[key] = _unquote(value)
            continue
        in_defaults = False
        if key not in _HEADER_KEYS:
            raise TemplateError(
                f"{source}: header line {lineno}: unknown key {key!r} "
                f"(allowed: {', '.join(_HEADER_KEYS)})"
            )
        if key in header:
            raise TemplateError(f"{source}: header line {lineno}: key {key!r} given twice")
        header[key] = value.strip()
        header_lines[key] = lineno
        if key == "defaults":
            if value.strip():
                raise TemplateError(
                    f"{source}: header line {lineno}: 'defaults' takes indented "
                    "'variable: value' lines below it, not a value on its line"
                )
            in_defaults = True
    name = _unquote(header.get("name", ""))
    if not name:
        raise TemplateError(f"{source}: front matter has no 'name'")
    variables = (
        _parse_list(header["variables"], source, header_lines["variables"])
        if "variables" in header
        else ()
    )
    body = "".join(lines[end + 1 :]).strip("\n") + "\n"
    used = _body_identifiers(body, source)
    declared = f" (declared: {', '.join(variables) or 'none'})"
    undeclared = [v for v in used if v not in variables]
    unused = [v for v in variables if v not in used]
    if undeclared:
        raise TemplateError(
            f"{source}: body uses undeclared variable(s): {', '.join(undeclared)}{declared}"
        )
    if unused:
        raise TemplateError(
            f"{source}: declared variable(s) not used in the body: {', '.join(unused)}"
        )
    stray = [k for k in defaults if k not in variables]
    if stray:
        raise TemplateError(
            f"{source}: header line {header_lines['defaults']}: default(s) for undeclared "
            f"variable(s): {', '.join(stray)}{declared}"
        )
    model = _unquote(header["model"]) if "model" in header else None
    if model is not None and not model:
        raise TemplateError(f"{source}: header line {header_lines['model']}: 'model' is empty")
    temperature = (
        _temperature(header["temperature"], source, header_lines["temperature"])
        if "temperature" in header
        else None
    )
    return PromptTemplate(
        name=name,
        description=_unquote(header.get("description", "")),
        variables=variables,
        body=body,
        source=source,
        defaults=tuple(defaults.items()),
        model=model,
        temperature=temperature,
    )


def _unquote(value: str) -> str:
    return value.strip().strip("'\"")


def _temperature(value: str, source: str, lineno: int) -> float:
    try:
        number = float(_unquote(value))
    except ValueError:
        number = -1.0
    if not 0 <= number <= _MAX_TEMPERATURE:  # also false for nan
        raise TemplateError(
            f"{source}: header line {lineno}: 'temperature' must be a number from 0 to "
            f"{_MAX_TEMPERATURE:g}, got {_unquote(value)!r}"
        )
    return number


@functools.lru_cache(maxsize=64)
def _read_default(name: str) -> tuple[str, str] | None:
    # The shipped prompts do not change while the process runs: read each one once.
    res = resources.files(DEFAULT_PACKAGE).joinpath(f"{name}.md")
    if not res.is_file():
        return None
    return res.read_text(encoding="utf-8"), f"{DEFAULT_PACKAGE}/{name}.md"


def load_template(name: str, folder: Path | str | None = None) -> PromptTemplate:
    """Load the prompt ``name`` (file ``<name>.md``).

    With ``folder``, ``folder/<name>.md`` wins when it exists; otherwise the template shipped in
    :data:`DEFAULT_PACKAGE` is used. Raises :class:`TemplateError` when no such prompt exists, when
    ``folder`` is not a directory, or when the file is malformed (the message names the file).
    """
    if not _NAME_RE.match(name):
        raise TemplateError(f"{name!r} is not a valid template name")
    if folder is not None:
        base = Path(folder)
        if not base.is_dir():
            raise TemplateError(
                f"prompts folder {str(base)!r} does not exist or is not a directory"
            )
        path = base / f"{name}.md"
        if path.is_file():
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise TemplateError(
                    f"{path}: cannot be read as UTF-8 text ({exc.__class__.__name__})"
                ) from exc
            return _parsed(text, str(path), name)
    found = _read_default(name)
    if found is None:
        where = f" in {str(folder)!r} or" if folder is not None else ""
        raise TemplateError(f"no prompt template named {name!r}{where} in the shipped prompts")
    text, source = found
    return _parsed(text, source, name)


@functools.lru_cache(maxsize=256)
def _parsed(text: str, source: str, name: str) -> PromptTemplate:
    """Parse and check a template file's text; memoised by the text itself (templates are frozen),
    so a user folder is still read on every load and an edited file takes effect at once."""
    return _checked(parse_template(text, source=source), name)


def _checked(tpl: PromptTemplate, name: str) -> PromptTemplate:
    if tpl.name != name:
        raise TemplateError(
            f"{tpl.source}: header name {tpl.name!r} does not match the file name {name!r}"
        )
    return tpl


def list_templates(folder: Path | str | None = None) -> list[str]:
    """Names of the available prompts: the shipped ones plus any ``*.md`` in ``folder``."""
    names = {
        Path(entry.name).stem
        for entry in resources.files(DEFAULT_PACKAGE).iterdir()
        if entry.name.endswith(".md") and entry.is_file()
    }
    if folder is not None and Path(folder).is_dir():
        names.update(p.stem for p in Path(folder).glob("*.md"))
    return sorted(names)


_DELIMITER_TAGS: tuple[str, ...] = (
    "posting",
    "resume",
    "fit",
    "materials",
    "referral",
    "feedback",
    "role",
    "style",
    "voice",
)
_TAG_RE = re.compile(r"<\s*(/?)\s*(" + "|".join(_DELIMITER_TAGS) + r")\b[^>]*>", re.IGNORECASE)


def neutralize_tags(text: str, tags: Iterable[str] = _DELIMITER_TAGS) -> str:
    """Defang anything in ``text`` that looks like one of our delimiter tags (``<posting>``...).

    Input documents are untrusted: a posting containing ``</posting>`` must not be able to close
    the data block and smuggle text out of it. Tags become ``[posting]`` / ``[/posting]``.
    """
    wanted = {t.lower() for t in tags}

    def repl(m: re.Match[str]) -> str:
        if m.group(2).lower() not in wanted:
            return m.group(0)
        return f"[{m.group(1)}{m.group(2).lower()}]"

    return _TAG_RE.sub(repl, text)


def delimit(tag: str, text: str) -> str:
    """Wrap untrusted ``text`` in ``<tag>…</tag>`` after defanging any delimiter tags inside it."""
    if tag not in _DELIMITER_TAGS:
        raise ValueError(f"unknown delimiter tag {tag!r}")
    return f"<{tag}>\n{neutralize_tags(text).strip()}\n</{tag}>"
