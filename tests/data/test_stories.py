"""Story grouping: the same announcement from a newsroom, a wire and an 8-K exhibit is one story."""

from __future__ import annotations

import json

import pytest

from data import store
from data.db import open_db
from data.stories import group_stories

ABOUT = ("About Voltara: Voltara Corporation designs processors and software for accelerated computing. "
         "Certain statements in this press release are forward-looking statements that are subject to risks "
         "and uncertainties, including demand for our products, competition, manufacturing capacity and the "
         "other risks described in our most recent reports filed with the Securities and Exchange Commission.")
HELIX = (
    "Voltara Corporation (NASDAQ: VLTA) today introduced the Helix H300, an inference accelerator built for "
    "serving large language models in data centers where power, not floor space, sets the limit. The H300 "
    "pairs 192 GB of stacked memory with a new low-precision math engine. In internal testing on a "
    "70-billion-parameter model, a single card delivered up to 4.2x the tokens per second of the previous "
    "generation while drawing about the same 600 watts. Customers told us that the cost of answering a "
    "question matters more to them than the cost of training a model, said the chief executive. The "
    "accelerator supports the open VoltaRT runtime, so existing deployments can move to the new card "
    "without rewriting their serving code. Early-access systems are shipping to three cloud partners.")
FAB = (
    "Voltara Corporation (NASDAQ: VLTA) today said it will build a packaging plant in Arizona with two "
    "partners, adding advanced packaging capacity for its accelerators from 2028. The plant will employ "
    "about 900 people when complete and will assemble stacked-memory modules for the company's data center "
    "products. Construction starts next spring after permits are granted by the county.")
TABLES = ("Condensed Consolidated Statements of Income | Three Months Ended | Revenue | $ 2,310 | $ 1,674 | "
          "Cost of revenue | 892 | 688 | Gross profit | 1,418 | 986 | Operating expenses | 640 | 512 | ") * 20


def monthly(month: str, revenue: str, change: str) -> str:
    return (f"Voltara Corporation (NASDAQ: VLTA) today reported net revenue for {month} 2026 of approximately "
            f"${revenue} million, an increase of {change} percent from the same month last year. Revenue for "
            f"January through {month} 2026 totaled approximately $19.8 billion. The company publishes monthly "
            f"revenue on the tenth day of each month; figures are unaudited and may be revised.")


def add(db, url: str, text: str, published: str, source: str, kind: str = "press_release") -> str:
    doc_id, _ = store.save_document(db, {"url": url, "vendor": None, "source": source, "kind": kind,
                                         "title": url.rsplit("/", 1)[-1], "published": published, "text": text})
    return doc_id


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "stories.db")
    yield database
    database.close()


def story_of(db, doc_id: str) -> str:
    return db.execute("select story from documents where id = ?", [doc_id]).fetchone()[0]


def test_newsroom_wire_and_exhibit_copies_are_one_story(db):
    newsroom = add(db, "https://newsroom.voltara.test/news/helix",
                   "SUNNYVALE, Calif., March 3, 2026 -- " + HELIX + " " + ABOUT, "2026-03-03T13:05:00+00:00",
                   "voltara-feed")
    wire = add(db, "https://www.prnewswire.com/news-releases/helix-302405518.html",
               "SUNNYVALE, Calif., March 3, 2026 /PRNewswire/ -- " + HELIX + " SOURCE Voltara Corporation",
               "2026-03-03T13:00:00+00:00", "prnewswire")
    exhibit = add(db, "https://www.sec.gov/Archives/edgar/data/1/000000000026000001/ex991.htm",
                  "Exhibit 99.1 " + HELIX + " " + ABOUT + " " + TABLES, "2026-03-05", "voltara-edgar", "exhibit")
    other = add(db, "https://newsroom.voltara.test/news/fab", "PHOENIX, March 4, 2026 -- " + FAB + " " + ABOUT,
                "2026-03-04", "voltara-feed")

    assert group_stories(db) == 2
    assert story_of(db, newsroom) == story_of(db, wire) == story_of(db, exhibit) != story_of(db, other)
    story = db["stories"].get(story_of(db, wire))
    assert story["origin_document"] == wire  # published five minutes before the newsroom copy
    assert story["first_published"] == "2026-03-03T13:00:00+00:00"
    assert story["documents"] == 3
    assert json.loads(story["sources"]) == ["prnewswire", "voltara-edgar", "voltara-feed"]


def test_templated_releases_a_month_apart_stay_apart(db):
    september = add(db, "https://v.test/revenue-september", monthly("September", "812", "31"), "2026-10-09",
                     "voltara-feed")
    october = add(db, "https://v.test/revenue-october", monthly("October", "845", "29"), "2026-11-10",
                  "voltara-feed")
    assert group_stories(db) == 2
    assert story_of(db, september) != story_of(db, october)


def test_regrouping_is_idempotent_and_drops_orphan_stories(db):
    first = add(db, "https://v.test/helix", HELIX, "2026-03-03", "voltara-feed")
    add(db, "https://w.test/helix", HELIX, "2026-03-04", "prnewswire")
    assert group_stories(db) == 1
    stories = list(db.query("select * from stories"))
    assert group_stories(db) == 1
    assert list(db.query("select * from stories")) == stories
    # An earlier copy turns up: it becomes the origin, and the old story row goes.
    earlier = add(db, "https://x.test/helix", HELIX, "2026-03-02", "globenewswire")
    assert group_stories(db) == 1
    [story] = db.query("select * from stories")
    assert story["origin_document"] == earlier and story["documents"] == 3
    assert story_of(db, first) == story["id"]


def test_short_documents_are_their_own_story(db):
    one = add(db, "https://v.test/a", "Voltara to present at a conference.", "2026-03-03", "voltara-feed")
    two = add(db, "https://v.test/b", "Voltara to present at a conference.", "2026-03-04", "voltara-feed")
    assert group_stories(db) == 2
    assert story_of(db, one) != story_of(db, two)
