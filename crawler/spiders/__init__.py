"""One spider per source format, driven by the vendor registry (file stem = spider name)."""
