"""The REST API's reference page, rendered from the server's own OpenAPI document.

A MkDocs hook (``hooks:`` in ``mkdocs.yml``): at every build it adds the page
``reference/api.md`` made from ``revhyper.web.app.create_app().openapi()`` (every route, its
methods, parameters, request and response schemas and status codes), so the reference cannot
drift from the server. Nothing is written into ``docs/``.

Run on its own to print the page's Markdown:

    PYTHONPATH=src python tools/api_reference.py > /tmp/api.md
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: Where the page appears in the site (``docs_dir``-relative).
PAGE = "reference/api.md"
METHODS = ("get", "post", "put", "patch", "delete")
_SCHEMA_PREFIX = "#/components/schemas/"


def openapi_document() -> dict[str, Any]:
    """The server's OpenAPI document, as ``/openapi.json`` serves it (no database opened)."""
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    from revhyper.settings import Settings
    from revhyper.web.app import create_app

    document: dict[str, Any] = create_app(Settings()).openapi()
    return document


def schema_anchor(name: str) -> str:
    return "schema-" + name.lower()


def route_anchor(method: str, path: str) -> str:
    cleaned = "".join(c if c.isalnum() else "-" for c in path.lower()).strip("-")
    return f"{method}-{cleaned}"


def describe_type(schema: Mapping[str, Any]) -> str:
    """A schema's type in a few words, with a link for a named schema."""
    if "$ref" in schema:
        name = str(schema["$ref"]).removeprefix(_SCHEMA_PREFIX)
        return f"[{name}](#{schema_anchor(name)})"
    for combiner, word in (("anyOf", " or "), ("oneOf", " or "), ("allOf", " and ")):
        if combiner in schema:
            return word.join(describe_type(part) for part in schema[combiner])
    if "enum" in schema:
        return "one of " + ", ".join(f"`{value}`" for value in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    kind = schema.get("type", "any")
    if kind == "array":
        return "array of " + describe_type(schema.get("items", {}))
    if kind == "object" and "additionalProperties" in schema:
        extra = schema["additionalProperties"]
        values = describe_type(extra) if isinstance(extra, Mapping) else "any"
        return f"object of {values}"
    if "format" in schema:
        return f"{kind} ({schema['format']})"
    return str(kind)


#: Constraint keyword -> how it reads.
_CONSTRAINTS = {
    "minimum": "≥ {}",
    "exclusiveMinimum": "> {}",
    "maximum": "≤ {}",
    "exclusiveMaximum": "< {}",
    "minLength": "at least {} characters",
    "maxLength": "at most {} characters",
    "minItems": "at least {} items",
    "maxItems": "at most {} items",
    "pattern": "matches `{}`",
}


def describe_limits(schema: Mapping[str, Any]) -> str:
    """The schema's constraints and default, e.g. ``≥ 1; ≤ 50; default 20``."""
    parts = [text.format(schema[key]) for key, text in _CONSTRAINTS.items() if key in schema]
    for part in schema.get("anyOf", ()):
        parts.extend(text.format(part[key]) for key, text in _CONSTRAINTS.items() if key in part)
    if "default" in schema and schema["default"] is not None:
        parts.append(f"default `{schema['default']}`")
    return "; ".join(parts)


def cell(text: object) -> str:
    """Text made safe for one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def parameter_rows(parameters: Iterable[Mapping[str, Any]]) -> list[str]:
    rows = ["| Name | In | Type | Required | Limits | Description |", "|---|---|---|---|---|---|"]
    for parameter in parameters:
        schema = parameter.get("schema", {})
        description = parameter.get("description") or schema.get("description", "")
        rows.append(
            f"| `{parameter['name']}` | {parameter['in']} | {cell(describe_type(schema))} | "
            f"{'yes' if parameter.get('required') else 'no'} | {cell(describe_limits(schema))} "
            f"| {cell(description)} |"
        )
    return rows


def body_lines(body: Mapping[str, Any]) -> list[str]:
    lines = []
    for media, content in body.get("content", {}).items():
        kind = describe_type(content.get("schema", {}))
        lines.append(f"- `{media}`: {kind}")
    required = "required" if body.get("required") else "optional"
    return [f"**Request body** ({required}):", "", *lines]


def response_rows(responses: Mapping[str, Any]) -> list[str]:
    rows = ["| Status | Meaning | Body |", "|---|---|---|"]
    for status in sorted(responses):
        answer = responses[status]
        bodies = [
            f"`{media}` {describe_type(content.get('schema', {}))}"
            for media, content in answer.get("content", {}).items()
        ]
        rows.append(
            f"| {status} | {cell(answer.get('description', ''))} | "
            f"{cell(', '.join(bodies) or 'none')} |"
        )
    return rows


def operation_section(path: str, method: str, operation: Mapping[str, Any]) -> list[str]:
    """One route's section: heading, description, parameters, body, responses."""
    signed_in = "signed in" if operation.get("security") else "public"
    lines = [
        f"### `{method.upper()} {path}` {{#{route_anchor(method, path)}}}",
        "",
        f"*{operation.get('summary', '')}* ({signed_in})",
        "",
    ]
    if operation.get("description"):
        lines += [operation["description"].replace("``", "`"), ""]
    if operation.get("parameters"):
        lines += ["**Parameters**", "", *parameter_rows(operation["parameters"]), ""]
    if operation.get("requestBody"):
        lines += [*body_lines(operation["requestBody"]), ""]
    lines += ["**Responses**", "", *response_rows(operation.get("responses", {})), ""]
    return lines


def schema_section(name: str, schema: Mapping[str, Any]) -> list[str]:
    """One schema's section: its description and a row per property."""
    lines = [f"### {name} {{#{schema_anchor(name)}}}", ""]
    if schema.get("description"):
        lines += [schema["description"].replace("``", "`"), ""]
    properties = schema.get("properties", {})
    if not properties:
        return [*lines, f"Type: {describe_type(schema)}", ""]
    required = set(schema.get("required", ()))
    lines += ["| Field | Type | Required | Limits | Description |", "|---|---|---|---|---|"]
    for field, spec in properties.items():
        lines.append(
            f"| `{field}` | {cell(describe_type(spec))} | "
            f"{'yes' if field in required else 'no'} | {cell(describe_limits(spec))} | "
            f"{cell(spec.get('description', ''))} |"
        )
    return [*lines, ""]


def operations_by_tag(document: Mapping[str, Any]) -> dict[str, list[tuple[str, str, Any]]]:
    """(path, method, operation) grouped by the operation's first tag, in document order."""
    grouped: dict[str, list[tuple[str, str, Any]]] = {}
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                tag = (item[method].get("tags") or ["other"])[0]
                grouped.setdefault(tag, []).append((path, method, item[method]))
    return grouped


def render(document: Mapping[str, Any]) -> str:
    """The reference page's Markdown for an OpenAPI document."""
    info = document.get("info", {})
    grouped = operations_by_tag(document)
    lines = [
        "# REST API reference",
        "",
        f"{info.get('description', '')} Version {info.get('version', '')}, OpenAPI "
        f"{document.get('openapi', '')}.",
        "",
        "This page is generated from the server's own OpenAPI document at every build of the",
        "site (`tools/api_reference.py`); a running server serves the same document at",
        "`/openapi.json`. Routes marked *signed in* take a bearer token",
        "(`POST /api/v1/auth/token`) or the browser's session cookie.",
        "",
        "## Routes",
        "",
        "| Method | Path | What it does |",
        "|---|---|---|",
    ]
    for operations in grouped.values():
        for path, method, operation in operations:
            lines.append(
                f"| {method.upper()} | [`{path}`](#{route_anchor(method, path)}) | "
                f"{cell(operation.get('summary', ''))} |"
            )
    lines.append("")
    for tag, operations in grouped.items():
        lines += [f"## {tag.capitalize()}", ""]
        for path, method, operation in operations:
            lines += operation_section(path, method, operation)
    lines += ["## Schemas", ""]
    for name, schema in sorted(document.get("components", {}).get("schemas", {}).items()):
        lines += schema_section(name, schema)
    return "\n".join(lines)


def on_files(files: Any, config: Any) -> Any:
    """MkDocs hook: add the generated page to the site's files."""
    from mkdocs.structure.files import File

    page = File.generated(config, PAGE, content=render(openapi_document()))
    files.append(page)
    return files


if __name__ == "__main__":
    sys.stdout.write(render(openapi_document()))
