"""Claims checked against independent evidence: quoted figures against filed XBRL, results from MLPerf.

``evidence/`` reads what ``data/`` stored and writes its own tables; it knows nothing of HTTP
(a loader takes bytes) and nothing of ``nlp/`` beyond reading the product catalogue as data.
"""
