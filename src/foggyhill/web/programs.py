"""Studio's requests as the server takes them: the limits a page's program runs under, the body's checks and the
first-mistake answer. Free of FastAPI, so the registry (web/tools.py) declares Studio's tools with the rest.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..core import SettingError
from ..lang import _, say
from ..studio import MAX_SOURCE_CHARS, Limits, StudioError, Uploads, check_program
from ..studio.examples import EXAMPLES
from .tools import TOOLS

__all__ = [
    "MAX_BODY_BYTES",
    "STUDIO_LIMITS",
    "checked_export",
    "checked_program",
    "export_body",
    "exported",
    "first_mistake",
    "program_body",
]

STUDIO_LIMITS = Limits(max_rounds=500, max_layer_size=64, max_rows=5_000)
MAX_FILES = 3
MAX_FILE_BYTES = 1_000_000
MAX_NAME_CHARS = 100
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
CSV_NAME = r"[^/\\]*\.[cC][sS][vV]"  # a file's name, without a folder: data.csv
MAX_BODY_BYTES = MAX_FILES * MAX_FILE_BYTES + 4 * MAX_SOURCE_CHARS + 10_000


def program_body() -> dict[str, Any]:
    """The OpenAPI description of the body Studio's check and run take: a program and its CSV files."""
    files = {"type": "string", "description": f"the file's text, at most {MAX_FILE_BYTES:,} bytes"}
    schema = {
        "type": "object",
        "required": ["source"],
        "properties": {
            "source": {"type": "string", "description": "the program", "maxLength": MAX_SOURCE_CHARS},
            "files": {
                "type": "object",
                "description": f"CSV files the program may load, by name (data.csv): at most {MAX_FILES}",
                "maxProperties": MAX_FILES,
                "propertyNames": {"maxLength": MAX_NAME_CHARS, "pattern": f"^{CSV_NAME}$"},
                "additionalProperties": files,
            },
        },
        "example": {"source": EXAMPLES[next(iter(EXAMPLES))].source},
    }
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


def export_body() -> dict[str, Any]:
    """The OpenAPI description of the export's body: a program, its CSV files, and the library to write for."""
    described = program_body()
    schema = described["requestBody"]["content"]["application/json"]["schema"]
    to = TOOLS["studio-export"].fields["to"]
    schema["required"] = ["source", "to"]
    schema["properties"]["to"] = {"type": "string", "enum": list(to.choices), "description": to.help}
    schema["example"] = {**schema["example"], "to": to.choices[0]}
    return described


def json_body(body: bytes) -> Any:
    """The request body read as JSON; ValueError if it is not."""
    try:
        return json.loads(body)
    except (UnicodeDecodeError, RecursionError) as error:  # RecursionError: nested deeper than json can read
        raise ValueError(str(error)) from None


def checked_program(body: bytes) -> dict[str, Any] | str:
    """The program and its files from the request body, or the reason they are refused."""
    try:
        return program_of(json_body(body))
    except ValueError:
        return say("the request must be JSON: {shape}", shape='{"source": "…", "files": {"name.csv": "…"}}')


def checked_export(body: bytes) -> dict[str, Any] | str:
    """The program, its files and the library to write for, or the reason they are refused."""
    try:
        data = json_body(body)
    except ValueError:
        return say(
            "the request must be JSON: {shape}", shape='{"source": "…", "to": "numpy", "files": {"name.csv": "…"}}'
        )
    checked = program_of(data)
    if isinstance(checked, str):
        return checked
    try:
        to = TOOLS["studio-export"].fields["to"].parse(data.get("to"))
    except SettingError as error:
        return str(error)
    if to is None:
        return _("the request needs `to`: numpy or pytorch")
    return {**checked, "to": to}


def program_of(data: Any) -> dict[str, Any] | str:
    """The program and its files from the request's JSON, or the reason they are refused."""
    if not isinstance(data, dict) or not isinstance(data.get("source"), str):
        return _("the request needs `source`, the program as text")
    files = data.get("files", {})  # left out: no files; null or a list is a slip, said as such
    if not isinstance(files, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return say(
            "`files` must map file names to their text, e.g. {example} (got {got})",
            example='{"data.csv": "x,y\\n1,2"}',
            got=shown(files),
        )
    if len(data["source"]) > MAX_SOURCE_CHARS:  # the document's maxLength, said before any work is done
        return say(
            "the program is {length:,} characters long; Studio takes at most {most:,}",
            length=len(data["source"]),
            most=MAX_SOURCE_CHARS,
        )
    texts = [(_("the program"), data["source"]), *((_("a file name"), name) for name in files), *files.items()]
    for where, text in texts:  # names first: a file's name is safe to quote once its own check has passed
        if problem := not_text(where, text):
            return problem
    if len(files) > MAX_FILES:
        return say(
            "at most {most} CSV files can be sent with a program (got {count})", most=MAX_FILES, count=len(files)
        )
    for name, text in files.items():
        if len(name) > MAX_NAME_CHARS:
            return say(
                "a file name can be at most {most} characters (got {length}): rename it, e.g. data.csv",
                most=MAX_NAME_CHARS,
                length=len(name),
            )
        if not re.fullmatch(CSV_NAME, name):
            return say("{name} is not allowed: upload files named like data.csv", name=repr(name))
        if len(text.encode()) > MAX_FILE_BYTES:
            return say(
                "{name} is {size:,} bytes; the most allowed here is {most:,}",
                name=name,
                size=len(text.encode()),
                most=MAX_FILE_BYTES,
            )
    return {"source": data["source"], "files": files}


def shown(value: Any) -> str:
    """What a client sent in place of `files`, in words: null, 3, "x", a list, or an object holding something else."""
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("an object whose names and values are not all text")
    written = json.dumps(value)  # ASCII: a lone surrogate stays escaped, so the answer can be encoded
    return written if len(written) <= 40 else written[:40] + "…"


def not_text(where: str, text: str) -> str | None:
    """Why `text` is not text (a lone UTF-16 surrogate, as JSON's \\ud800 can carry), or None when it is."""
    found = LONE_SURROGATE.search(text)
    if found is None:
        return None
    return say(
        "{where} holds a lone surrogate ({code}) at character {at}, which is not a character: send the text as it "
        "is, in UTF-8",
        where=where,
        code=f"\\u{ord(found.group()):04x}",
        at=found.start() + 1,
    )


def first_mistake(checked: dict[str, Any]) -> dict[str, Any]:
    """{"ok": true} or {"ok": false, "error": {line, column, message, …}}: parse and the checking pass, no training."""
    source = checked["source"]
    try:
        check_program(source, loader=Uploads(checked["files"]), limits=STUDIO_LIMITS)
    except StudioError as error:
        return {"ok": False, "error": error.to_dict(source)}
    return {"ok": True, "error": None}


def exported(checked: dict[str, Any]) -> dict[str, Any]:
    """{"ok": true, "to": …, "code": "…"}, or {"ok": false, "error": {…}} as first_mistake gives it."""
    from ..studio.export import export_program  # the exporter loads only when a page asks for a script

    source = checked["source"]
    try:
        code = export_program(source, checked["to"], Uploads(checked["files"]), STUDIO_LIMITS)
    except StudioError as error:
        return {"ok": False, "error": error.to_dict(source)}
    return {"ok": True, "to": checked["to"], "code": code}
