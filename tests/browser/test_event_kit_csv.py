"""Bad registrant files in the matcher: each gets a message naming the row and column, or is
handled, and nothing the organiser typed is lost (the downloaded CSV holds every cell)."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path
from typing import Any

import pytest

HEADER = ["Name", "Organisation", "Role", "I can help with", "I'm looking for", "First time"]


def open_matcher(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}event-kit/matcher/")


def load(page: Any, path: Path) -> str:
    page.set_input_files("#pb-kit-file", str(path))
    page.locator("#pb-kit-messages li").first.wait_for()
    return " ".join(page.locator("#pb-kit-messages").inner_text().split())


def downloaded(page: Any, name: str = "Download the registrants (CSV)") -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name=name).click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with a byte order mark, which Excel reads as UTF-8"
    return data.decode("utf-8-sig")


def rows_of(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def table_names(page: Any) -> list[str]:
    return page.locator(".pb-kit-table tbody th").all_inner_texts()


def test_windows_1252_with_semicolons_as_european_excel_writes_it(page: Any, site_url: str, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["José Müller", "Café Société", "Trésorier", "budgets; comptabilité", "bénévoles", "oui"],
        ["Zoë Ångström", "Øresund Forum", "Leiterin", "bénévoles", "budgets", "non"],
    ]
    path = tmp_path / "excel.csv"
    path.write_bytes(csv_text(rows, ";").encode("cp1252"))
    open_matcher(page, site_url)
    messages = load(page, path)
    assert "read as Windows-1252" in messages
    assert table_names(page) == ["José Müller", "Zoë Ångström"]
    assert "Café Société" in page.locator(".pb-kit-table").inner_text()
    assert rows_of(downloaded(page), ";") == rows, "the same cells, the same separator, now in UTF-8"


def test_utf8_with_byte_order_mark_and_renamed_columns(page: Any, site_url: str, tmp_path: Path) -> None:
    rows = [
        ["Full name", "Company", "Job title", "Ask me about", "Looking for", "New member?", "Dietary needs"],
        ["Ana Lopez", "Riverside Trust", "Finance lead", "grant writing", "volunteer recruitment", "yes", "vegetarian"],
        ["Ben Osei", "Northgate Clinic", "Practice lead", "volunteer recruitment", "grant writing", "no", ""],
    ]
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_text(rows).encode("utf-8"))
    open_matcher(page, site_url)
    messages = load(page, path)
    assert "No column" not in messages, messages
    for field, column in {"name": "Full name", "offers": "Ask me about", "first_time": "New member?"}.items():
        chosen = page.locator(f"#pb-kit-column-{field} option:checked").inner_text()
        assert chosen == column, field
    assert table_names(page) == ["Ana Lopez", "Ben Osei"]
    page.get_by_role("button", name="Suggest introductions").click()
    assert "Ana can help Ben with “grant writing”" in page.locator(".pb-kit-suggestion__why").first.inner_text()
    assert rows_of(downloaded(page)) == rows, "the column nobody mapped (Dietary needs) is kept"


def test_missing_column_is_named_and_can_be_chosen(page: Any, site_url: str, tmp_path: Path) -> None:
    rows = [["Name", "Organisation", "Offers", "Wishes"], ["Ana Lopez", "Riverside", "grant writing", "mentoring"]]
    path = tmp_path / "missing.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    open_matcher(page, site_url)
    messages = load(page, path)
    assert (
        "No column for “I'm looking for” was found (columns in the file: Name, Organisation, Offers, Wishes)"
        in messages
    )
    page.select_option("#pb-kit-column-needs", label="Wishes")
    assert "I'm looking for" not in " ".join(page.locator("#pb-kit-messages").inner_text().split())
    assert "mentoring" in page.locator(".pb-kit-table").inner_text()
    assert rows_of(downloaded(page)) == rows


def test_empty_rows_are_skipped_and_named(page: Any, site_url: str, tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text(
        "Name,Organisation,Role,I can help with,I'm looking for\r\n\r\nAna Lopez,Riverside,,grants,\r\n,,,,\r\n"
        "Ben Osei,Northgate,,,grants\r\n\r\n",
        encoding="utf-8",
    )
    open_matcher(page, site_url)
    messages = load(page, path)
    assert "Read 2 registrants" in messages
    assert "3 empty rows were skipped (row 2, 4, 6)" in messages
    assert table_names(page) == ["Ana Lopez", "Ben Osei"]


def test_formula_cells_are_named_kept_as_text_and_written_back_safely(page: Any, site_url: str, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ['=HYPERLINK("http://example.invalid","click")', "Acme", "Lead", "+44 20 7946 0000", "@everyone", "no"],
        ["Ben Osei", "-1+1", "Lead", "grants", "\tbudgets", "no"],
    ]
    path = tmp_path / "formulas.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    open_matcher(page, site_url)
    messages = load(page, path)
    assert "5 cells start with =, +, - or @" in messages
    assert "row 2, column “Name”" in messages and "row 3, column “Organisation”" in messages
    assert page.locator(".pb-kit-table tbody th").first.inner_text().startswith("=HYPERLINK(")
    written = rows_of(downloaded(page))
    assert written[1][0] == "'" + rows[1][0] and written[1][3] == "'+44 20 7946 0000" and written[1][4] == "'@everyone"
    assert written[2][1] == "'-1+1" and written[2][4] == "'\tbudgets" and written[2][0] == "Ben Osei"


def test_rows_with_too_many_or_too_few_cells_and_an_unclosed_quote(page: Any, site_url: str, tmp_path: Path) -> None:
    path = tmp_path / "ragged.csv"
    path.write_text(
        'Name,Organisation,Role\r\nAna Lopez,Riverside,Lead,stray,cells\r\nBen Osei\r\nCleo Ray,"Open quote,Lead\r\n',
        encoding="utf-8",
    )
    open_matcher(page, site_url)
    messages = load(page, path)
    assert "Row 2 has 5 cells but the heading has 3" in messages
    assert "Row 3 has 1 cell where the heading has 5: “Organisation”" in messages
    assert "Row 4: a quote mark" in messages
    written = rows_of(downloaded(page))
    assert written[0] == ["Name", "Organisation", "Role", "Extra column 1", "Extra column 2"]
    assert written[1] == ["Ana Lopez", "Riverside", "Lead", "stray", "cells"]


def test_five_thousand_rows(page: Any, site_url: str, tmp_path: Path) -> None:
    topics = [f"topic{n}" for n in range(400)]
    rows = [HEADER] + [
        [
            f"Person {n}",
            f"Org {n % 97}",
            "Member",
            f"{topics[n % 400]}; {topics[(n * 7) % 400]}",
            topics[(n * 13 + 5) % 400],
            "yes" if n % 9 == 0 else "no",
        ]
        for n in range(5000)
    ]
    path = tmp_path / "big.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    open_matcher(page, site_url)
    started = time.monotonic()
    messages = load(page, path)
    assert "Read 5,000 registrants" in messages
    assert "5,000 registrants (1 to 50 shown)" in page.locator(".pb-kit-table caption").inner_text()
    page.get_by_role("button", name="Suggest introductions").click()
    summary = page.locator("#pb-kit-summary")
    summary.wait_for()
    assert "for 5000 of 5000 people" in summary.inner_text()
    assert time.monotonic() - started < 60
    assert page.locator(".pb-kit-suggestion").count() == 100, "shown a hundred at a time"
    assert rows_of(downloaded(page)) == rows


def test_typed_rows_are_kept_downloaded_and_saved_only_when_asked(page: Any, site_url: str) -> None:
    open_matcher(page, site_url)
    page.fill("#pb-kit-name", "Priya Shah")
    page.fill("#pb-kit-organisation", "=cmd|' /C calc'!A0")
    page.fill("#pb-kit-offers", "board governance")
    page.get_by_label("First time at one of our events").check()
    page.get_by_role("button", name="Add to the list").click()
    assert table_names(page) == ["Priya Shah"]
    written = rows_of(downloaded(page))
    assert written[0] == HEADER
    assert written[1] == ["Priya Shah", "'=cmd|' /C calc'!A0", "", "board governance", "", "yes"]
    assert page.evaluate("localStorage.getItem('networking-playbook.event-kit')") is None, "nothing kept unasked"
    page.get_by_label("Keep my list on this computer").check()
    page.reload()
    assert table_names(page) == ["Priya Shah"]
    assert "Restored the list you kept on this computer" in page.locator("#pb-kit-storage").inner_text()
    page.get_by_role("button", name="Clear the saved list").click()
    assert page.evaluate("localStorage.getItem('networking-playbook.event-kit')") is None
    page.reload()
    assert page.locator(".pb-kit-table").count() == 0


@pytest.mark.parametrize("content", [b"", b"\r\n\r\n"], ids=["empty", "only-blank-lines"])
def test_an_empty_file_says_so(page: Any, site_url: str, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    open_matcher(page, site_url)
    assert "The file is empty" in load(page, path)
