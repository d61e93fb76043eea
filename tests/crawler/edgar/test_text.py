"""``crawler.edgar.text``: EDGAR HTML and inline XBRL -> text and a press release's title."""

from __future__ import annotations

from crawler.edgar.text import extract_text, guess_title
from tests.conftest import SITE

ARCHIVES = SITE / "www.sec.gov" / "Archives" / "edgar" / "data"


def test_inline_xbrl_text_drops_the_hidden_header_and_page_numbers():
    html = (ARCHIVES / "9900001" / "000990000126000005" / "aurs-20260212.htm").read_bytes()
    text = extract_text(html)
    assert text.startswith("UNITED STATES\nSECURITIES AND EXCHANGE COMMISSION")
    assert "FORM 8-K" in text
    assert "0009900001" not in text  # dei:EntityCentralIndexKey lives in the hidden ix:header
    assert "\n1\n" not in f"\n{text}\n"  # the page number


def test_press_release_text_and_title():
    html = (ARCHIVES / "9900001" / "000990000126000005" / "aurs-q4fy25pr.htm").read_bytes()
    text = extract_text(html)
    assert "• Record quarterly revenue of $412.6 million, up 38% from a year ago and up 9% from Q3" in text
    assert "Revenue $ 412.6 $ 299.0" in text  # a table row stays on one line
    assert guess_title(text) == "Aurora Silicon Reports Fourth Quarter and Fiscal 2025 Financial Results"


def test_title_skips_exhibit_labels_and_contact_blocks():
    html = (ARCHIVES / "9900002" / "000990000225000004" / "borc-ex991.htm").read_bytes()
    assert guess_title(extract_text(html)) == "Borealis Compute Closes Initial Public Offering"


def test_empty_or_broken_html_gives_empty_text():
    assert extract_text(b"") == ""
    assert extract_text("<html><head><title>x</title></head></html>") == ""
