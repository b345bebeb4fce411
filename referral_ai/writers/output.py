"""What a model writer is asked to return, stated once: the pydantic model :class:`DraftOutput`.

Everything else is derived from it, so the three can never disagree:

* :data:`DRAFT_JSON_SCHEMA`, the strict JSON schema sent as ``response_format`` (OpenAI strict-mode
  rules: every property required, optional values nullable, no extra properties, ``$ref`` inlined,
  only the keywords strict mode accepts);
* :func:`describe_output`, the prose the system prompt shows the model (the ``${output_schema}``
  variable of ``prompts/system.md``): the object's shape and one line per field, from the fields'
  descriptions.

A field added to :class:`DraftOutput` (with its ``description``) appears in both at once. The same
holds for :class:`RewordOutput`, the answer to a request to reword the tailored resume's lines
(:data:`REWORD_JSON_SCHEMA`, and ``${output_schema}`` of ``prompts/reword.md``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from referral_ai.models import Material

__all__ = [
    "DRAFT_JSON_SCHEMA",
    "REWORD_JSON_SCHEMA",
    "DraftOutput",
    "OutputAttachment",
    "RewordOutput",
    "RewordedLine",
    "describe_output",
    "strict_schema",
]


class OutputAttachment(BaseModel):
    """One attachment as the model reports it (the material name is matched leniently)."""

    model_config = ConfigDict(extra="ignore")

    material: str = Field(
        description="the material",
        json_schema_extra={"enum": [m.value for m in Material]},
    )
    filename: str | None = Field(default=None, description="its file name, or null")
    note: str | None = Field(default=None, description="a short note (such as a link), or null")


class DraftOutput(BaseModel):
    """What the model is asked to return: subject, body, blurb and attachments."""

    model_config = ConfigDict(extra="ignore")

    subject: str | None = Field(
        default=None, description="the email subject, naming the role (null for a cover letter)"
    )
    body: str = Field(
        min_length=1,
        description="the whole letter or email, greeting and sign-off included",
    )
    blurb: str | None = Field(
        default=None,
        description="for a follow-up, 2-3 sentences in the third person the contact can paste "
        "when forwarding the referral; otherwise null",
    )
    attachments: list[OutputAttachment] = Field(
        default_factory=list, description="one entry per material sent"
    )

    @field_validator("attachments", mode="before")
    @classmethod
    def _coerce_attachments(cls, value: object) -> object:
        if value is None:
            return []
        if isinstance(value, list):
            return [{"material": v} if isinstance(v, str) else v for v in value]
        return value


class RewordedLine(BaseModel):
    """One resume line as the model rewords it."""

    model_config = ConfigDict(extra="ignore")

    index: int = Field(description="the line's number, as given in <resume> ([0], [1], ...)")
    text: str = Field(
        description="the line reworded for the role, one line of plain text; the line as it is "
        "when no rewording keeps every fact"
    )


class RewordOutput(BaseModel):
    """What the model is asked to return when rewording resume lines: one entry per line."""

    model_config = ConfigDict(extra="ignore")

    lines: list[RewordedLine] = Field(description="one entry per line of <resume>, in order")


# Keywords OpenAI's strict mode accepts and llama.cpp's schema-to-grammar understands; the rest
# (title, default, minLength...) are dropped. ``required`` / ``additionalProperties`` are set here.
_KEPT = ("type", "description", "enum")


def _strict(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        # a model's own description is its docstring, for Python readers: not sent
        target = {
            k: v for k, v in defs[node["$ref"].rsplit("/", 1)[-1]].items() if k != "description"
        }
        merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return _strict(merged, defs)
    if "anyOf" in node:
        options = [_strict(o, defs) for o in node["anyOf"]]
        if not all(set(o) <= {"type"} and isinstance(o.get("type"), str) for o in options):
            raise TypeError("only unions of simple types (such as str | None) have a strict form")
        out: dict[str, Any] = {"type": [o["type"] for o in options]}
        if "description" in node:
            out["description"] = node["description"]
        return out
    out = {k: node[k] for k in _KEPT if k in node}
    if node.get("type") == "object":
        props = node.get("properties", {})
        out["properties"] = {name: _strict(sub, defs) for name, sub in props.items()}
        out["required"] = list(props)
        out["additionalProperties"] = False
    elif node.get("type") == "array":
        out["items"] = _strict(node["items"], defs)
    return out


def strict_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON schema in OpenAI strict form (every property required, ``$ref`` inlined)."""
    raw = model.model_json_schema()
    schema = _strict(raw, raw.get("$defs", {}))
    schema.pop("description", None)  # the model's docstring is for Python readers
    return schema


DRAFT_JSON_SCHEMA: dict[str, Any] = strict_schema(DraftOutput)
"""The strict JSON schema sent with ``response_format: json_schema``, derived from :class:`DraftOutput`."""


REWORD_JSON_SCHEMA: dict[str, Any] = strict_schema(RewordOutput)
"""The strict JSON schema of a rewording answer, derived from :class:`RewordOutput`."""


def _shape(node: dict[str, Any]) -> str:
    """A compact picture of a schema node: ``{"a": string or null, "b": [{...}]}``."""
    if "properties" in node:
        inner = ", ".join(f'"{k}": {_shape(v)}' for k, v in node["properties"].items())
        return "{" + inner + "}"
    if "items" in node:
        return "[" + _shape(node["items"]) + "]"
    kinds = node["type"] if isinstance(node["type"], list) else [node["type"]]
    return " or ".join(kinds)


def _field_lines(node: dict[str, Any], indent: str) -> list[str]:
    lines: list[str] = []
    for name, sub in node.get("properties", {}).items():
        text = sub.get("description", "")
        if "enum" in sub:
            text += ("; " if text else "") + "one of: " + ", ".join(str(v) for v in sub["enum"])
        lines.append(f'{indent}- "{name}": {text}'.rstrip())
        inner = sub.get("items", sub)
        lines += _field_lines(inner, indent + "  ")
    return lines


def describe_output(schema: dict[str, Any] = DRAFT_JSON_SCHEMA) -> str:
    """The answer format in words, from ``schema``: its shape on one line, then one line per field."""
    return "\n".join([_shape(schema), *_field_lines(schema, "")])
