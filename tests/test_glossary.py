"""The glossary: both languages carry the same table, and every row links to an existing page."""

import re

from tests.conftest import DOCS

LINK = re.compile(r"^\[[^\]]+\]\(([\w-]+\.md)\)$")


def rows(lang: str) -> list[list[str]]:
    text = (DOCS / f"glossary.{lang}.md").read_text(encoding="utf-8")
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert table[1].startswith("| ---"), "the table's second line is its rule"
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in table[2:]]


def test_korean_and_english_glossaries_hold_the_same_terms_and_meanings():
    ko, en = rows("ko"), rows("en")
    assert len(ko) >= 20
    assert [row[:4] for row in ko] == [row[:4] for row in en]


def test_each_term_links_to_the_same_existing_page_in_both_languages():
    for ko, en in zip(rows("ko"), rows("en"), strict=True):
        target = LINK.match(ko[4]).group(1)
        assert LINK.match(en[4]).group(1) == target, ko[0]
        page = target.removesuffix(".md")
        assert (DOCS / f"{page}.ko.md").is_file() and (DOCS / f"{page}.en.md").is_file()


def test_rows_follow_the_korean_order():
    terms = [row[0] for row in rows("ko")]
    assert terms == sorted(terms)
