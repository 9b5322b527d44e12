"""The open data: every build publishes it, frictionless accepts it, its CSV matches its JSON.

And the offline edition: one zip of the whole site, the same bytes from two
builds, that unpacks into exactly the site.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import frictionless
import pytest
from test_build import parse

from explainer import opendata
from explainer.load import load_explainer
from explainer.sitebuild import MARKER

from conftest import ROOT, SCHEMAS

EDITIONS = ("", "uk/")


def read_csv(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    """A CSV file as a spreadsheet-like reader gets it: Python's csv module, RFC 4180 quoting."""
    with path.open(encoding=encoding, newline="") as stream:
        return list(csv.DictReader(stream))


def plain(value: str) -> str:
    """A cell without the apostrophe that keeps a spreadsheet from running it as a formula."""
    if value.startswith("'") and value[1:2] in {"=", "+", "-", "@"}:
        return value[1:]
    return value


def as_cell(value: Any, kind: str) -> str:
    """What the JSON's value must look like in a CSV cell of that column type."""
    if value is None or value == [] or value == ():
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "list":
        return ",".join(value)
    if kind == "array":
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def rows_from_json(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Each table's rows, taken from the nested JSON document independently of the engine."""
    dimensions = {d["id"]: d for d in document["comparison"]["dimensions"]}
    events = sorted(
        (e for t in document["timelines"] for e in t["events"]),
        key=lambda e: e["date"][:10],
    )
    guarantee_rows = []
    for g in document["guarantees"]:
        current = g["status_history"][-1]
        since = current["date"]
        for step in reversed(g["status_history"]):
            if step["status"] != current["status"]:
                break
            since = step["date"]
        escalation = g["escalates_to"] or {}
        guarantee_rows.append(
            {
                **g,
                "status": current["status"],
                "binding": current["binding"],
                "status_since": since,
                "escalates_to": escalation.get("guarantee"),
                "escalation_condition": escalation.get("condition"),
            }
        )
    return {
        "guarantees": guarantee_rows,
        "status-steps": [
            {"guarantee": g["id"], "step": n, **step}
            for g in document["guarantees"]
            for n, step in enumerate(g["status_history"], start=1)
        ],
        "actors": document["actors"],
        "memberships": [
            {"actor": a["id"], "group": group}
            for a in document["actors"]
            for group in a["member_of"]
        ],
        "positions": [
            {"actor": a["id"], "position": n, **p}
            for a in document["actors"]
            for n, p in enumerate(a["positions"], start=1)
        ],
        "timelines": document["timelines"],
        "events": events,
        "places": document["places"],
        "sources": document["sources"],
        "quotes": [
            {"source": s["id"], "quote": n, **q, "language": q["language"] or s["language"] or "en"}
            for s in document["sources"]
            for n, q in enumerate(s["quotes"], start=1)
        ],
        "terms": document["terms"],
        "comparison": [
            {
                "framework": f["id"],
                "framework_name": f["name"],
                "question": dimensions[a["dimension"]]["question"],
                **a,
            }
            for f in document["comparison"]["frameworks"]
            for a in f["answers"]
        ],
        "changes": document["changes"],
    }


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_build_publishes_a_data_package_that_frictionless_accepts(
    built_site: Path, edition: str
) -> None:
    folder = built_site / edition / opendata.FOLDER
    package = json.loads((folder / opendata.PACKAGE_FILE).read_text(encoding="utf-8"))
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    names = {resource["path"] for resource in package["resources"]}
    assert names == {opendata.JSON_FILE, *(t.file for t in opendata.TABLES)}
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["version"].count("+") == 1
    report = frictionless.validate(folder / opendata.PACKAGE_FILE)
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "note"])


def test_frictionless_catches_a_broken_table(built_site: Path, tmp_path: Path) -> None:
    """The validation has teeth: a row naming an unknown guarantee, a wrong size, both fail."""
    folder = tmp_path / "data"
    shutil.copytree(built_site / opendata.FOLDER, folder)
    steps = folder / "status-steps.csv"
    text = steps.read_bytes()
    assert b"\r\nfirst-line," in text
    steps.write_bytes(text.replace(b"\r\nfirst-line,", b"\r\nno-such-guarantee,", 1))
    report = frictionless.validate(folder / opendata.PACKAGE_FILE)
    kinds = {error[0] for error in report.flatten(["type"])}
    assert not report.valid
    assert "hash-count" in kinds or "byte-count" in kinds, kinds
    package = json.loads((folder / opendata.PACKAGE_FILE).read_text(encoding="utf-8"))
    for resource in package["resources"]:
        resource.pop("hash")
        resource.pop("bytes")
    (folder / opendata.PACKAGE_FILE).write_text(json.dumps(package), encoding="utf-8")
    report = frictionless.validate(folder / opendata.PACKAGE_FILE)
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_csv_read_back_gives_the_rows_of_the_json(built_site: Path, edition: str) -> None:
    folder = built_site / edition / opendata.FOLDER
    document = json.loads((folder / opendata.JSON_FILE).read_text(encoding="utf-8"))
    expected = rows_from_json(document)
    for table in opendata.TABLES:
        rows = read_csv(folder / table.file)
        # The spreadsheet copy is the same table behind a byte-order mark.
        raw = (folder / opendata.BOM_FOLDER / table.file).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        assert read_csv(folder / opendata.BOM_FOLDER / table.file, "utf-8-sig") == rows
        assert list(rows[0]) == [c.name for c in table.columns], table.file
        assert len(rows) == len(expected[table.name]), table.file
        for row, want in zip(rows, expected[table.name], strict=True):
            for column in table.columns:
                got = plain(row[column.name])
                assert got == as_cell(want[column.name], column.type), (
                    f"{table.file}, {column.name} of {want.get('id', want)}"
                )


def test_ids_and_pages_of_the_rows_are_the_sites(built_site: Path) -> None:
    folder = built_site / opendata.FOLDER
    checked = 0
    for table in opendata.TABLES:
        if "page" not in [c.name for c in table.columns]:
            continue
        for row in read_csv(folder / table.file):
            page, _, fragment = row["page"].partition("#")
            assert (built_site / page).is_file(), row["page"]
            assert row["id"] in row["page"]
            if fragment:
                assert fragment in parse(built_site / page).ids, row["page"]
            checked += 1
    explainer = load_explainer(ROOT / "data", SCHEMAS)
    assert checked >= len(explainer.guarantees) + len(explainer.actors) + len(explainer.sources)


def test_a_formula_in_the_data_reaches_a_spreadsheet_as_text() -> None:
    explainer = load_explainer(ROOT / "data", SCHEMAS)
    first = next(iter(explainer.guarantees))
    hostile = '=HYPERLINK("https://example.invalid","click")'
    changed = dataclasses.replace(
        explainer,
        guarantees={
            **explainer.guarantees,
            first: dataclasses.replace(explainer.guarantees[first], summary=hostile, title="-1+1"),
        },
    )
    rows = list(
        csv.DictReader(io.StringIO(opendata.csv_text(opendata.TABLE["guarantees"], changed)))
    )
    row = next(r for r in rows if r["id"] == first)
    assert row["summary"] == "'" + hostile
    assert row["title"] == "'-1+1"
    places = list(csv.DictReader(io.StringIO(opendata.csv_text(opendata.TABLE["places"], changed))))
    # A number stays a number, minus sign and all.
    assert any(r["longitude"].startswith("-") for r in places) or all(
        float(r["longitude"]) >= 0 for r in places
    )
    document = opendata.json_document(changed, "en")
    assert next(g for g in document["guarantees"] if g["id"] == first)["summary"] == hostile


def test_the_data_page_links_every_file_and_entity_pages_link_their_row(built_site: Path) -> None:
    for edition in EDITIONS:
        page = parse(built_site / edition / opendata.FOLDER / "index.html")
        hrefs = {link["href"] for link in page.links}
        files = {opendata.JSON_FILE, opendata.PACKAGE_FILE, *(t.file for t in opendata.TABLES)}
        files |= {f"{opendata.BOM_FOLDER}/{t.file}" for t in opendata.TABLES}
        assert files <= hrefs, sorted(files - hrefs)
        assert {f"table-{t.name}" for t in opendata.TABLES} <= page.ids
        zip_href = "../" * (1 + edition.count("/")) + opendata.ZIP_FILE
        assert zip_href in hrefs
    explainer = load_explainer(ROOT / "data", SCHEMAS)
    for kind, ids in (("guarantees", explainer.guarantees), ("actors", explainer.actors)):
        for entity_id in ids:
            hrefs = {link["href"] for link in parse(built_site / kind / f"{entity_id}.html").links}
            assert f"../data/{kind}.csv" in hrefs, f"{kind}/{entity_id}.html"
            assert f"../data/index.html#table-{kind}" in hrefs


def test_the_offline_zip_unpacks_into_exactly_the_site(built_site: Path, tmp_path: Path) -> None:
    archive = built_site / opendata.ZIP_FILE
    with zipfile.ZipFile(archive) as zipped:
        entries = zipped.infolist()
        names = [entry.filename for entry in entries]
        assert names == sorted(names)
        assert {entry.date_time for entry in entries} == {entries[0].date_time}
        assert {entry.external_attr >> 16 for entry in entries} == {0o100644}
        zipped.extractall(tmp_path)
    unpacked = tmp_path / opendata.NAME
    site_files = {
        p.relative_to(built_site).as_posix(): p.read_bytes()
        for p in built_site.rglob("*")
        if p.is_file() and p.name not in {opendata.ZIP_FILE, MARKER}
    }
    zip_files = {
        p.relative_to(unpacked).as_posix(): p.read_bytes()
        for p in unpacked.rglob("*")
        if p.is_file()
    }
    assert sorted(zip_files) == sorted(site_files)
    assert zip_files == site_files
    assert "uk/data/explainer.json" in zip_files and "search/search_index.js" in zip_files


def test_the_published_schemas_name_themselves(built_site: Path) -> None:
    """Each schema's $id is its published name, so tools that cache by $id find it again,
    and the references between schemas resolve wherever the site is hosted."""
    published = sorted((built_site / "schema").glob("*.schema.json"))
    assert len(published) == len(list(SCHEMAS.glob("*.schema.json")))
    for path in published:
        assert json.loads(path.read_text(encoding="utf-8"))["$id"] == path.name
