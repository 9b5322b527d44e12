"""A corpus of hostile text for every kind of text field, and a data folder that holds it.

Used by tests/test_injection.py (the built HTML, parsed) and by the browser
tests (the same pages loaded in Chromium with a dialog listener).
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href='javascript:alert(1)'>x</math>",
    "<svg><a xlink:href='javascript:alert(1)'><text>x</text></a></svg>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;&#x61;vascript:alert(1))",
    "[click](java&#9;script:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "[click](VBScript:msgbox(1))",
    "[click](&#x64;ata:text/html,<script>alert(1)</script>)",
    "![img](javascript:alert(1))",
    "![tracker](https://tracker.example/pixel.png)",
    "<a href='javascript:alert(1)'>x</a>",
    "<a href='&#x6A;avascript:alert(1)'>x</a>",
    "<iframe src='javascript:alert(1)'></iframe>",
    "<object data='javascript:alert(1)'></object>",
    "<embed src='data:text/html,<script>alert(1)</script>'>",
    "<form action='javascript:alert(1)'><button>x</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>x</details>",
    "<div onclick='alert(1)'>x</div>",
    "<base href='javascript:alert(1)//'>",
    "<meta http-equiv='refresh' content='0;url=javascript:alert(1)'>",
    "<style>body{display:none}</style>",
    "text {: onclick='alert(1)' }",
    "text\n{: onmouseover=alert(1) }",
    "# heading {: onclick=alert(1) #x }",
    "<!-- a comment --><script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</script>",
    "<b>unclosed <i>tags",
    '"><script>alert(1)</script>',
    "' onmouseover='alert(1)",
    "{{ 7*7 }}",
    "{% for x in range(3) %}loop{% endfor %}",
    "{{ ''.__class__.__mro__ }}",
    "{# hidden #}visible",
)

DANGEROUS_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
# Browsers ignore these inside a URL's scheme, so "java\tscript:" is "javascript:".
URL_NOISE = re.compile(r"[\x00-\x20]")


def dangerous_url(value: str) -> bool:
    cleaned = URL_NOISE.sub("", html.unescape(value))
    return bool(DANGEROUS_SCHEME.match(cleaned))


# A Markdown link target that is neither https:// nor kind:id, inline or as a
# reference definition: another scheme, or the address of a page.
_REFUSED_LINK = re.compile(
    r"(?:\]\(\s*<?|^\s*\[[^\]]+\]:\s*<?)(?!https://|(?:actor|guarantee|source|event|term|timeline):)",
    re.MULTILINE,
)


def rejected_by_check(payload: str) -> bool:
    """Payloads the check refuses at their place: links not to kind:id or https, and images."""
    return bool(_REFUSED_LINK.search(payload) or "![" in payload)


def one_line(payload: str) -> str:
    """The payload as a one-line field holds it (a line break there is refused by the check)."""
    return " ".join(payload.splitlines())


def _dump(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)

    # Anchors and aliases are refused by the loader, so shared lists are not allowed.
    class NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    text = yaml.dump(data, Dumper=NoAliases, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def write_injected_data(source: Path, target: Path, payloads: tuple[str, ...]) -> None:
    """Copy source to target and add entities whose every text field holds a payload."""
    shutil.copytree(source, target)
    cite = ["bloomberg-2025-12-18"]
    events = []
    for index, payload in enumerate(payloads):
        n = f"{index:02d}"
        _dump(
            target / "actors" / f"hostile-{n}.yaml",
            {
                "name": f"Actor {n} {one_line(payload)}",
                "short_name": f"A{n} {one_line(payload)}",
                "kind": "state",
                "summary": payload,
                "positions": [{"date": "2025-12-18", "text": payload, "sources": cite}],
            },
        )
        _dump(
            target / "guarantees" / f"hostile-{n}.yaml",
            {
                "title": f"Guarantee {n} {one_line(payload)}",
                "summary": payload,
                "kind": "political",
                "phase": "deterrence",
                "layer": 50 + index,
                "providers": [f"hostile-{n}"],
                "beneficiaries": ["ukraine"],
                "status_history": [
                    {
                        "date": "2025-12-18",
                        "status": "rumoured",
                        "binding": "none",
                        "sources": [f"hostile-{n}"],
                        "note": payload,
                    }
                ],
                "sources": [f"hostile-{n}"],
                "as_of": "2025-12-18",
                "trigger": f"When {one_line(payload)}",
                "details": payload,
                "conditions": [payload],
                "open_questions": [payload],
            },
        )
        _dump(
            target / "sources" / f"hostile-{n}.yaml",
            {
                "publisher": f"Publisher {n} {one_line(payload)}",
                "title": f"Title {n} {one_line(payload)}",
                "date": "2025-12-18",
                "kind": "news-report",
                "url": f"https://example.org/{n}'\"><script>alert(1)</script>",
                "notes": payload,
            },
        )
        _dump(
            target / "glossary" / f"hostile-{n}.yaml",
            {
                "term": f"Hostile term {n} {one_line(payload)}",
                "definition": payload,
                "aliases": [f"hostile alias {n} {one_line(payload)}"],
            },
        )
        events.append(
            {
                "id": f"hostile-{n}",
                "date": "2025-12-18",
                "title": f"Event {n} {one_line(payload)}",
                "summary": payload,
                "sources": cite,
                "actors": [f"hostile-{n}"],
                "guarantees": [f"hostile-{n}"],
            }
        )
    _dump(
        target / "timelines" / "hostile.yaml",
        {"title": "Hostile events", "description": "Injected.", "events": events},
    )
    comparison = yaml.safe_load((target / "comparison.yaml").read_text(encoding="utf-8"))
    dimensions = [d["id"] for d in comparison["dimensions"]]
    for index, payload in enumerate(payloads):
        comparison["frameworks"].append(
            {
                "id": f"hostile-{index:02d}",
                "name": f"Framework {index:02d} {one_line(payload)}",
                "summary": payload,
                "sources": cite,
                "answers": {
                    d: {"answer": "unclear", "note": payload, "sources": cite} for d in dimensions
                },
            }
        )
    _dump(target / "comparison.yaml", comparison)
