"""Render a demo company's EDGAR presence exactly as SEC serves it (shapes from shared/realdata/edgar).

* ``data.sec.gov/submissions/CIK##########.json``: compact JSON, ``filings.recent``
  as columnar arrays, newest first, ``files: []``.
* ``data.sec.gov/api/xbrl/companyfacts/CIK##########.json``: ``cik`` as an int.
* ``www.sec.gov/Archives/edgar/data/<cik>/<acc no dashes>/``: the documents, the
  complete submission ``<acc>.txt``, ``index.json`` and ``<acc>-index.html``
  (the index page also at ``data/<cik>/<acc>-index.html``, as on EDGAR).
"""

from __future__ import annotations

import html
import json
from typing import Any

from demo.corpus import DEMO_NOTICE, blocks_html, body_blocks

ITEM_NAMES = {
    "2.02": "Results of Operations and Financial Condition",
    "7.01": "Regulation FD Disclosure",
    "8.01": "Other Events",
    "9.01": "Financial Statements and Exhibits",
}
FORM_TITLES = {"8-K": "Current report", "10-Q": "Quarterly report [Sections 13 or 15(d)]",
               "S-1": "General form for registration of securities under the Securities Act of 1933",
               "424B4": "Prospectus [Rule 424(b)(4)]"}
XBRL_FORMS = ("8-K", "10-Q", "10-K")
XBRL_LABELS = {
    "Revenues": ("Revenues", "Amount of revenue recognized from goods sold, services rendered and other activities."),
    "GrossProfit": ("Gross Profit", "Aggregate revenue less cost of goods and services sold."),
    "NetIncomeLoss": ("Net Income (Loss) Attributable to Parent", "Consolidated profit or loss for the period."),
    "EarningsPerShareDiluted": ("Earnings Per Share, Diluted", "Net income or loss per diluted share."),
    "CashAndCashEquivalentsAtCarryingValue": ("Cash and Cash Equivalents, at Carrying Value",
                                              "Cash and short-term, highly liquid investments."),
}


def plain_cik(company: dict) -> str:
    return str(int(company["cik"]))


def folder(company: dict, filing: dict) -> str:
    """``www.sec.gov/Archives/edgar/data/<cik>/<accession without dashes>``."""
    return f"www.sec.gov/Archives/edgar/data/{plain_cik(company)}/{filing['accession'].replace('-', '')}"


def company_files(company: dict, releases: dict[str, dict]) -> dict[str, bytes]:
    """Every EDGAR file of one company, keyed by path under the site root."""
    files: dict[str, bytes] = {}
    sizes: dict[str, int] = {}
    for filing in company["filings"]:
        documents = {doc["file"]: render_document(company, filing, doc, releases) for doc in filing["documents"]}
        base = folder(company, filing)
        for name, body in documents.items():
            files[f"{base}/{name}"] = body
        submission = complete_submission(company, filing, documents)
        files[f"{base}/{filing['accession']}.txt"] = submission
        sizes[filing["accession"]] = len(submission)
        index_page = index_html(company, filing, documents, len(submission))
        files[f"{base}/{filing['accession']}-index.html"] = index_page
        files[f"www.sec.gov/Archives/edgar/data/{plain_cik(company)}/{filing['accession']}-index.html"] = index_page
        files[f"{base}/index.json"] = index_json(company, filing, documents)
    files[f"data.sec.gov/submissions/CIK{company['cik']}.json"] = submissions_json(company, sizes)
    files[f"data.sec.gov/api/xbrl/companyfacts/CIK{company['cik']}.json"] = companyfacts_json(company)
    return files


# --- data.sec.gov ------------------------------------------------------------------------------
def _address(company: dict, *, business: bool) -> dict[str, Any]:
    return {"street1": company["street"], "street2": None, "city": company["city"],
            "stateOrCountry": company["region"], "zipCode": company["zip"],
            "stateOrCountryDescription": company["region"], "isForeignLocation": None if business else 0,
            "foreignStateTerritory": None, "country": None, "countryCode": None}


def submissions_json(company: dict, sizes: dict[str, int]) -> bytes:
    """The submissions document, newest filing first, in the real key order."""
    filings = sorted(company["filings"], key=lambda f: (f["filing_date"], f["accepted"]), reverse=True)
    columns: dict[str, list] = {k: [] for k in (
        "accessionNumber", "filingDate", "reportDate", "acceptanceDateTime", "act", "form", "fileNumber",
        "filmNumber", "items", "core_type", "size", "isXBRL", "isInlineXBRL", "primaryDocument",
        "primaryDocDescription")}
    for f in filings:
        xbrl = int(f["form"] in XBRL_FORMS)
        primary = f["documents"][0]
        row = {"accessionNumber": f["accession"], "filingDate": f["filing_date"], "reportDate": f["report_date"],
               "acceptanceDateTime": f["accepted"] + ".000Z", "act": f["act"], "form": f["form"],
               "fileNumber": f.get("file_number") or company["file_number"], "filmNumber": f["film_number"],
               "items": f.get("items", ""), "core_type": "XBRL" if xbrl else f["form"],
               "size": sizes[f["accession"]], "isXBRL": xbrl, "isInlineXBRL": xbrl,
               "primaryDocument": primary["file"], "primaryDocDescription": primary["description"]}
        for key, value in row.items():
            columns[key].append(value)
    document = {
        "cik": company["cik"], "entityType": "operating", "sic": company["sic"],
        "sicDescription": company["sic_description"], "ownerOrg": company["owner_org"],
        "insiderTransactionForOwnerExists": 0, "insiderTransactionForIssuerExists": 1,
        "name": company["conformed_name"], "tickers": [company["ticker"]], "exchanges": [company["exchange"]],
        "ein": company["ein"], "lei": None, "description": "", "website": "", "investorWebsite": "",
        "category": company["category"], "fiscalYearEnd": company["fiscal_year_end"],
        "stateOfIncorporation": company["state"], "stateOfIncorporationDescription": company["state"],
        "addresses": {"mailing": _address(company, business=False), "business": _address(company, business=True)},
        "phone": company["phone"], "flags": "", "formerNames": [],
        "filings": {"recent": columns, "files": []},
    }
    return json.dumps(document, separators=(",", ":")).encode("utf-8")


def companyfacts_json(company: dict) -> bytes:
    """companyfacts: dei shares outstanding plus the us-gaap facts of the company's last 10-Q."""
    xbrl = company["xbrl"]
    stamp = {"accn": xbrl["accession"], "fy": xbrl["fy"], "fp": xbrl["fp"], "form": xbrl["form"],
             "filed": xbrl["filed"]}
    shares = dict(xbrl["shares_outstanding"])
    facts: dict[str, dict] = {"dei": {"EntityCommonStockSharesOutstanding": {
        "label": "Entity Common Stock, Shares Outstanding",
        "description": "Number of shares of common stock outstanding, as stated on the cover of the report.",
        "units": {"shares": [{"end": shares["end"], "val": shares["val"], **stamp}]}}}, "us-gaap": {}}
    for tag, spec in xbrl["facts"].items():
        label, description = XBRL_LABELS[tag]
        values = [_fact(value, stamp) for value in spec["values"]]
        facts["us-gaap"][tag] = {"label": label, "description": description, "units": {spec["unit"]: values}}
    document = {"cik": int(company["cik"]), "entityName": company["conformed_name"], "facts": facts}
    return json.dumps(document, separators=(",", ":")).encode("utf-8")


def _fact(value: dict, stamp: dict) -> dict:
    fact = {k: value[k] for k in ("start", "end") if k in value}
    fact.update({"val": value["val"], **stamp})
    if value.get("frame"):
        fact["frame"] = value["frame"]
    return fact


# --- documents ---------------------------------------------------------------------------------
def render_document(company: dict, filing: dict, doc: dict, releases: dict[str, dict]) -> bytes:
    if doc.get("release"):
        return exhibit_html(doc, releases[doc["release"]])
    if filing["form"] == "8-K" and doc["type"] == "8-K":
        return cover_8k(company, filing)
    return filing_body(company, filing, doc)


def _ixbrl_page(company: dict, filing: dict, title: str, body: str) -> bytes:
    """An inline-XBRL XHTML document with the hidden ``ix:header`` real filings carry."""
    period = filing["report_date"] or filing["filing_date"]
    header = (
        '<div style="display:none"><ix:header><ix:hidden>'
        f'<ix:nonNumeric contextRef="c-1" name="dei:EntityCentralIndexKey" id="f-1">{company["cik"]}</ix:nonNumeric>'
        '<ix:nonNumeric contextRef="c-1" name="dei:AmendmentFlag" id="f-2">false</ix:nonNumeric>'
        f'</ix:hidden><ix:resources><xbrli:context id="c-1"><xbrli:entity><xbrli:identifier '
        f'scheme="http://www.sec.gov/CIK">{company["cik"]}</xbrli:identifier></xbrli:entity><xbrli:period>'
        f'<xbrli:endDate>{period}</xbrli:endDate></xbrli:period></xbrli:context></ix:resources>'
        '</ix:header></div>')
    page = (
        "<?xml version='1.0' encoding='ASCII'?>\n"
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:ix="http://www.xbrl.org/2013/inlineXBRL" '
        'xmlns:xbrli="http://www.xbrl.org/2003/instance" xmlns:dei="http://xbrl.sec.gov/dei/2024" '
        f'xml:lang="en-US"><head><meta http-equiv="Content-Type" content="text/html"/><title>{title}</title>'
        f'</head><body>{header}{body}</body></html>\n')
    return page.encode("ascii", errors="xmlcharrefreplace")


def _cover(company: dict, form_line: str, extra: str = "", *, ixbrl: bool = True) -> str:
    name = html.escape(company["conformed_name"])
    if ixbrl:
        name = f'<ix:nonNumeric contextRef="c-1" name="dei:EntityRegistrantName" id="f-3">{name}</ix:nonNumeric>'
    return (
        '<div style="text-align:center;font-weight:700">UNITED STATES</div>'
        '<div style="text-align:center;font-weight:700">SECURITIES AND EXCHANGE COMMISSION</div>'
        '<div style="text-align:center;font-weight:700">Washington, D.C. 20549</div>'
        f'<div style="text-align:center;font-weight:700;margin-top:12pt">{form_line}</div>{extra}'
        f'<div style="text-align:center;font-weight:700;margin-top:12pt">{name}</div>'
        '<div style="text-align:center">(Exact name of registrant as specified in its charter)</div>'
        f'<div style="text-align:center">Commission File Number: {company["file_number"]} &#183; '
        f'IRS Employer Identification No. {company["ein"][:2]}-{company["ein"][2:]}</div>'
        f'<div style="text-align:center">{html.escape(company["street"].title())}, '
        f'{html.escape(company["city"].title())}, {company["region"]} {company["zip"]}</div>')


def cover_8k(company: dict, filing: dict) -> bytes:
    """The 8-K primary document: cover page, one paragraph per item, signature."""
    event = _long_date(filing["report_date"])
    exhibit = next(d for d in filing["documents"] if d.get("release"))  # every demo 8-K furnishes one
    name = company["name"]
    paragraphs = []
    for item in filing["items"].split(","):
        paragraphs.append(f'<div style="font-weight:700;margin-top:12pt">Item {item} {ITEM_NAMES[item]}.</div>')
        if item == "9.01":
            text = f"(d) Exhibits. Exhibit 99.1: Press release of {name} dated {event} ({exhibit['file']})."
        elif item == "2.02":
            text = (f"On {event}, {name} issued a press release reporting its financial results. The press "
                    "release is furnished as Exhibit 99.1 to this report and is not deemed filed for purposes "
                    "of Section 18 of the Securities Exchange Act of 1934.")
        else:
            text = (f"On {event}, {name} issued a press release, furnished as Exhibit 99.1 to this report. "
                    "The information in this item is furnished, not filed.")
        paragraphs.append(f"<div>{html.escape(text)}</div>")
    body = (_cover(company, "FORM 8-K", f'<div style="text-align:center">CURRENT REPORT. Date of report '
                   f'(date of earliest event reported): {event}</div>')
            + "".join(paragraphs)
            + '<div style="margin-top:12pt">Pursuant to the requirements of the Securities Exchange Act of 1934, '
              f"the registrant has duly caused this report to be signed on its behalf on {event}.</div>"
            + f"<div>{html.escape(DEMO_NOTICE)}</div>")
    return _ixbrl_page(company, filing, f"{company['prefix']}-{filing['report_date'].replace('-', '')}", body)


def filing_body(company: dict, filing: dict, doc: dict) -> bytes:
    """A 10-Q, S-1 or 424B4 primary document: cover, heading and the paragraphs written for it."""
    form_line = {"10-Q": "FORM 10-Q", "S-1": "FORM S-1 REGISTRATION STATEMENT UNDER THE SECURITIES ACT OF 1933",
                 "424B4": "Filed pursuant to Rule 424(b)(4)"}[filing["form"]]
    extra = ""
    if filing["form"] == "10-Q":
        extra = (f'<div style="text-align:center">QUARTERLY REPORT PURSUANT TO SECTION 13 OR 15(d) OF THE '
                 f'SECURITIES EXCHANGE ACT OF 1934 for the quarterly period ended {_long_date(filing["report_date"])}'
                 "</div>")
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in doc["paragraphs"])
    ixbrl = filing["form"] in XBRL_FORMS
    body = (_cover(company, form_line, extra, ixbrl=ixbrl) + f'<div style="font-weight:700;margin-top:18pt">'
            f'{html.escape(doc["heading"])}</div>{paragraphs}<p>{html.escape(DEMO_NOTICE)}</p>')
    if ixbrl:
        return _ixbrl_page(company, filing, doc["file"].rsplit(".", 1)[0], body)
    page = f"<html><head><title>{html.escape(doc['description'])}</title></head><body>{body}</body></html>\n"
    return page.encode("utf-8")


def exhibit_html(doc: dict, release: dict) -> bytes:
    """An EX-99.1 press release as filing agents format it: styled divs, bullets, the release text."""
    bullets = "".join(
        '<div style="margin-bottom:6pt;padding-left:36pt;text-indent:-18pt"><font>&#8226;</font>'
        f'<font style="padding-left:12pt">{html.escape(text)}</font></div>'
        for kind, text in body_blocks(release) if kind == "bullet")
    rest = blocks_html([b for b in body_blocks(release) if b[0] != "bullet"])
    page = (
        "<html><head>\n<title>Document</title></head><body>"
        '<div style="text-align:right;font-weight:700">Exhibit 99.1</div>'
        '<div style="margin-bottom:12pt;font-weight:700;text-decoration:underline">FOR IMMEDIATE RELEASE</div>'
        f'<div style="text-align:center;font-size:14pt;font-weight:700">{html.escape(release["title"])}</div>'
        f"{bullets}{rest}</body></html>\n")
    return page.encode("utf-8")


def _long_date(iso: str) -> str:
    year, month, day = iso.split("-")
    months = ("January February March April May June July August September October November December").split()
    return f"{months[int(month) - 1]} {int(day)}, {year}"


# --- filing folder -----------------------------------------------------------------------------
def complete_submission(company: dict, filing: dict, documents: dict[str, bytes]) -> bytes:
    """``<accession>.txt``: the SGML header, then every document between ``<TEXT>`` tags."""
    day = filing["filing_date"].replace("-", "")
    accepted = filing["accepted"].replace("-", "").replace("T", "").replace(":", "")
    lines = [f"<SEC-DOCUMENT>{filing['accession']}.txt : {day}",
             f"<SEC-HEADER>{filing['accession']}.hdr.sgml : {day}", f"<ACCEPTANCE-DATETIME>{accepted}",
             f"ACCESSION NUMBER:\t\t{filing['accession']}", f"CONFORMED SUBMISSION TYPE:\t{filing['form']}",
             f"PUBLIC DOCUMENT COUNT:\t\t{len(documents)}"]
    if filing["report_date"]:
        lines.append(f"CONFORMED PERIOD OF REPORT:\t{filing['report_date'].replace('-', '')}")
    for item in filter(None, filing.get("items", "").split(",")):
        lines.append(f"ITEM INFORMATION:\t\t{ITEM_NAMES[item]}")
    lines += [f"FILED AS OF DATE:\t\t{day}", f"DATE AS OF CHANGE:\t\t{day}", "", "FILER:", "",
              "\tCOMPANY DATA:\t", f"\t\tCOMPANY CONFORMED NAME:\t\t\t{company['conformed_name']}",
              f"\t\tCENTRAL INDEX KEY:\t\t\t{company['cik']}",
              f"\t\tSTANDARD INDUSTRIAL CLASSIFICATION:\t{company['sic_description'].upper()} [{company['sic']}]",
              f"\t\tORGANIZATION NAME:           \t{company['owner_org']}",
              f"\t\tIRS NUMBER:\t\t\t\t{company['ein']}", f"\t\tSTATE OF INCORPORATION:\t\t\t{company['state']}",
              f"\t\tFISCAL YEAR END:\t\t\t{company['fiscal_year_end']}", "", "\tFILING VALUES:",
              f"\t\tFORM TYPE:\t\t{filing['form']}", f"\t\tSEC ACT:\t\t19{filing['act']} Act",
              f"\t\tSEC FILE NUMBER:\t{filing.get('file_number') or company['file_number']}",
              f"\t\tFILM NUMBER:\t\t{filing['film_number']}", "", "\tBUSINESS ADDRESS:\t",
              f"\t\tSTREET 1:\t\t{company['street']}", f"\t\tCITY:\t\t\t{company['city']}",
              f"\t\tSTATE:\t\t\t{company['region']}", f"\t\tZIP:\t\t\t{company['zip']}",
              f"\t\tBUSINESS PHONE:\t\t{company['phone']}", "</SEC-HEADER>"]
    text = "\n".join(lines) + "\n"
    for sequence, doc in enumerate(filing["documents"], start=1):
        text += (f"<DOCUMENT>\n<TYPE>{doc['type']}\n<SEQUENCE>{sequence}\n<FILENAME>{doc['file']}\n"
                 f"<DESCRIPTION>{doc['description']}\n<TEXT>\n")
        text += documents[doc["file"]].decode("utf-8") + "</TEXT>\n</DOCUMENT>\n"
    return (text + "</SEC-DOCUMENT>\n").encode("utf-8")


def index_json(company: dict, filing: dict, documents: dict[str, bytes]) -> bytes:
    """The folder listing: generated index files (size ``""``) first, then the documents."""
    modified = filing["accepted"].replace("T", " ")
    acc = filing["accession"]
    items = [{"last-modified": modified, "name": f"{acc}-index.html", "type": "text.gif", "size": ""},
             {"last-modified": modified, "name": f"{acc}.txt", "type": "text.gif", "size": ""}]
    items += [{"last-modified": modified, "name": name, "type": "text.gif", "size": str(len(body))}
              for name, body in documents.items()]
    base = f"/Archives/edgar/data/{plain_cik(company)}"
    listing = {"directory": {"item": items, "name": f"{base}/{acc.replace('-', '')}", "parent-dir": base}}
    return (json.dumps(listing, indent=2) + "\n").encode("utf-8")


def index_html(company: dict, filing: dict, documents: dict[str, bytes], submission_size: int) -> bytes:
    """``<accession>-index.html`` in EDGAR's layout: form header, info groups, the document table, filer."""
    acc, cik = filing["accession"], plain_cik(company)
    base = f"/Archives/edgar/data/{cik}/{acc.replace('-', '')}"
    groups = [("Filing Date", filing["filing_date"]), ("Accepted", filing["accepted"].replace("T", " ")),
              ("Documents", str(len(documents)))]
    info = "".join(f'\n         <div class="infoHead">{h}</div>\n         <div class="info">{v}</div>'
                   for h, v in groups)
    period = (f'\n      <div class="formGrouping">\n         <div class="infoHead">Period of Report</div>\n'
              f'         <div class="info">{filing["report_date"]}</div>\n      </div>') if filing["report_date"] else ""
    items = ""
    if filing.get("items"):
        lines = "".join(f"Item {i}: {ITEM_NAMES[i]}<br />" for i in filing["items"].split(","))
        items = (f'\n      <div class="formGrouping">\n         <div class="infoHead">Items</div>\n'
                 f'         <div class="info">{lines}</div>\n      </div>')
    rows = []
    for sequence, doc in enumerate(filing["documents"], start=1):
        href = f"{base}/{doc['file']}"
        link = (f'<a href="/ix?doc={href}">{doc["file"]}</a> &nbsp;&nbsp;<span style="color: green">iXBRL</span>'
                if sequence == 1 and filing["form"] in XBRL_FORMS else f'<a href="{href}">{doc["file"]}</a>')
        row_class = ' class="evenRow"' if sequence % 2 == 0 else ""
        rows.append(f'         <tr{row_class}>\n            <td scope="row">{sequence}</td>\n'
                    f'            <td scope="row">{html.escape(doc["description"])}</td>\n'
                    f'            <td scope="row">{link}</td>\n            <td scope="row">{doc["type"]}</td>\n'
                    f'            <td scope="row">{len(documents[doc["file"]])}</td>\n         </tr>')
    rows.append(f'         <tr>\n            <td scope="row">&nbsp;</td>\n            <td scope="row">Complete '
                f'submission text file</td>\n            <td scope="row"><a href="{base}/{acc}.txt">{acc}.txt</a>'
                f'</td>\n            <td scope="row">&nbsp;</td>\n            <td scope="row">{submission_size}</td>'
                "\n         </tr>")
    name = html.escape(company["conformed_name"])
    page = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>EDGAR Filing Documents for {acc}</title>
</head>
<body style="margin: 0; font-size: 16px; ">
<div id="contentDiv">
<!-- START FILING DIV -->
<div class="formDiv">
   <div id="formHeader">
      <div id="formName">
         <strong>Form {filing["form"]}</strong> - {FORM_TITLES[filing["form"]]}:
      </div>
      <div id="secNum">
         <strong><acronym title="Securities and Exchange Commission">SEC</acronym> Accession <acronym title="Number">No.</acronym></strong> {acc}
      </div>
   </div>
   <div class="formContent">
      <div class="formGrouping">{info}
      </div>{period}{items}
      <div style="clear:both"></div>
<!-- END FILING DIV -->
  </div>
</div>
<div class="formDiv">
   <div style="padding: 0px 0px 4px 0px; font-size: 12px; margin: 0px 2px 0px 5px; width: 100%; overflow:hidden">
      <p>Document Format Files</p>
      <table class="tableFile" summary="Document Format Files">
         <tr>
            <th scope="col" style="width: 5%;"><acronym title="Sequence Number">Seq</acronym></th>
            <th scope="col" style="width: 40%;">Description</th>
            <th scope="col" style="width: 20%;">Document</th>
            <th scope="col" style="width: 10%;">Type</th>
            <th scope="col">Size</th>
         </tr>
{chr(10).join(rows)}
      </table>
   </div>
</div>
<!-- START FILER DIV -->
<div class="filerDiv">
   <div class="mailer">Business Address
      <span class="mailerAddress">{company["street"]}</span>
      <span class="mailerAddress">{company["city"]} <span class="mailerAddress">{company["region"]}</span> {company["zip"]}</span>
      <span class="mailerAddress">{company["phone"]}</span>
   </div>
<div class="companyInfo">
  <span class="companyName">{name} (Filer)
 <acronym title="Central Index Key">CIK</acronym>: <a href="/cgi-bin/browse-edgar?CIK={company["cik"]}&amp;action=getcompany">{company["cik"]} (see all company filings)</a></span>
<p class="identInfo"><acronym title="Internal Revenue Service Number">EIN.</acronym>: <strong>{company["ein"]}</strong> | State of Incorp.: <strong>{company["state"]}</strong> | Fiscal Year End: <strong>{company["fiscal_year_end"]}</strong><br />Type: <strong>{filing["form"]}</strong> | Act: <strong>{filing["act"]}</strong> | File No.: <strong>{filing.get("file_number") or company["file_number"]}</strong> | Film No.: <strong>{filing["film_number"]}</strong><br /><acronym title="Standard Industrial Code">SIC</acronym>: <b>{company["sic"]}</b> {html.escape(company["sic_description"])}<br />(CF Office: {company["owner_org"]})</p>
</div>
<div class="clear"></div>
</div>
<!-- END FILER DIV -->
</div>
<!-- Demo data: fictional company (chipwatch demo corpus). -->
</body>
</html>
"""
    return page.encode("utf-8")
