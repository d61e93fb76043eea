"""The bundled demo corpus: fictional AI-chip vendors in the exact formats of EDGAR, newsrooms and a wire.

``demo/corpus/*.yml`` holds the prose and the facts; ``python -m demo.build``
renders them into ``demo/site/<host>/<path>``, which ``chipwatch.replay``
serves for ``make demo``. See ``demo/README.md``.
"""
