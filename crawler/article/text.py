"""The main text of an article page without its boilerplate (HTML -> text itself is :mod:`crawler.text`).

Known press-release layouts are read with their own selectors (documented in
``shared/formats.md`` §3–4); any other page goes through trafilatura; a page
neither understands falls back to the text of ``<body>`` minus navigation.
"""

from __future__ import annotations

import trafilatura
from lxml import html

from crawler.text import element_text, normalise_text, parse_html

# Body containers of the layouts we know, best first.
KNOWN_BODIES = (
    "div.article-body",  # NVIDIA newsroom (iPressroom)
    "article.full-news-article",  # Q4 / Equisolve IR sites (AMD, Intel, Marvell)
    "section.release-body",  # PR Newswire
    "div.bw-release-story", "div.bwNewRelease",  # Business Wire
    "#main-body-container", "div.main-body-container",  # GlobeNewswire
    "div.entry-content",  # WordPress (NVIDIA blog, many newsrooms)
    "[itemprop=articleBody]",
)
# Inside a body container: headings and dates repeated from the page chrome, and non-text.
DROP_INSIDE = ("script", "style", "noscript", "template", "form", "nav", "aside", "button", "svg",
               "iframe", "h1.article-heading", "p.spr-ir-news-article-date", "div.article-date",
               "div.related-documents-line", ".share", ".social-share", ".sharing")
DROP_PAGE = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
             "svg", "iframe", "button")
MIN_BODY_WORDS = 40  # fewer words in a known container means it is not the article (a teaser, a shell)


def known_layout_text(tree: html.HtmlElement) -> str | None:
    """Main text from the first known body container holding a real article, else ``None``."""
    for selector in KNOWN_BODIES:
        for element in tree.cssselect(selector):
            element = _clean_copy(element, DROP_INSIDE)
            text = element_text(element)
            if len(text.split()) >= MIN_BODY_WORDS:
                return text
    return None


def main_text(markup: str, tree: html.HtmlElement | None = None, url: str | None = None) -> str:
    """The article's main text: a known layout, else trafilatura, else ``<body>`` minus chrome.

    trafilatura runs twice: in its precision mode, which keeps teasers, cards and
    newsletter boxes out but also drops paragraphs inside the article (a list, a pull
    quote, a subheading), and in its balanced mode; see :func:`merge_extractions`.
    Whatever it finds is kept, however short: the page's chrome is the fallback only
    when trafilatura finds nothing at all.
    """
    tree = tree if tree is not None else parse_html(markup)
    if tree is None:
        return ""
    text = known_layout_text(tree)
    if text:
        return text
    options = {"url": url, "include_comments": False, "include_tables": True, "deduplicate": False}
    precise = normalise_text(trafilatura.extract(markup, favor_precision=True, **options) or "")
    balanced = normalise_text(trafilatura.extract(markup, **options) or "")
    if precise or balanced:
        return merge_extractions(precise, balanced)
    body = tree.find("body")
    return element_text(_clean_copy(body, DROP_PAGE)) if body is not None else ""


def merge_extractions(precise: str, balanced: str) -> str:
    """The precision-mode text with the lines balanced mode found *between* its first and last line.

    What precision mode leaves out inside the article is article (dropped paragraphs);
    what it leaves out before or after it is the page's chrome.

    >>> merge_extractions("Intro.\\nEnd.", "Menu\\nIntro.\\n- a point\\nEnd.\\nMore news")
    'Intro.\\n- a point\\nEnd.'
    """
    if not precise:
        return balanced
    kept, lines = set(precise.split("\n")), balanced.split("\n")
    found = [i for i, line in enumerate(lines) if line in kept]
    if not found or len({lines[i] for i in found}) < len(kept):  # balanced mode lost lines: do not guess
        return precise
    return "\n".join(lines[found[0]:found[-1] + 1])


def _clean_copy(element: html.HtmlElement, drop: tuple[str, ...]) -> html.HtmlElement:
    """A copy of ``element`` without the elements matching ``drop`` (the page tree stays intact)."""
    copy = html.fromstring(html.tostring(element, encoding="unicode"))
    for selector in drop:
        for junk in copy.cssselect(selector):
            junk.drop_tree()
    return copy
