# chipwatch: `make run` (crawl, extract, serve) and `make test` work on a fresh machine.
# Every target sets up .venv/ first; apt packages (Chromium for browser tests) are installed when missing.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
PORT   ?= 8001
GOLD   ?= ../shared/gold/dev
export PORT

.DEFAULT_GOAL := help
.PHONY: help install browser redis run demo crawl extract serve export eval eval-crawl bench bench-extract bench-crawl bench-serve cron cron-install cron-remove test lint clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	@touch $@

install: $(STAMP) ## Create .venv/ and install chipwatch with its dependencies

browser: ## Install Debian's Chromium for the browser tests, if missing
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing chromium (apt)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

redis: ## Install Debian's redis-server for the shared-frontier tests, if missing
	@command -v redis-server >/dev/null 2>&1 || { \
	  echo "installing redis-server (apt)"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends redis-server >/dev/null; }

run: install ## Crawl the live sources, extract, then serve Datasette on 127.0.0.1 (PORT, default 8001)
	$(PY) -m chipwatch run

demo: install ## The offline twin of `make run`: replay the bundled demo corpus, extract, serve
	$(PY) -m chipwatch demo

crawl: install ## Fetch what is new from every source into the database
	$(PY) -m chipwatch crawl

extract: install ## Extract claims and figures from documents not yet extracted by this version
	$(PY) -m chipwatch extract

serve: install ## Serve the database with Datasette on 127.0.0.1 (PORT, default 8001)
	$(PY) -m chipwatch serve

export: install ## Write claims and figures to data/exports/ as CSV and JSON
	$(PY) -m chipwatch export

eval: install ## Score extraction on the labelled gold set (GOLD=path/to/split); `make eval-pages` refreshes the home page's figures
	$(PY) -m nlp.evaluate --gold $(GOLD)

.PHONY: eval-pages
eval-pages: install ## Write the evaluation figures the home page shows (data/evaluation/*.json)
	$(PY) -m nlp.evaluate --gold ../shared/gold/dev --json > data/evaluation/dev.json
	$(PY) -m nlp.evaluate --gold eval/gold/blind-1 --scorer ../shared/gold/score.py --json > data/evaluation/blind-1.json
	@echo "wrote data/evaluation/dev.json and data/evaluation/blind-1.json"

eval-crawl: install ## Score publication dates and main text of eval/ pages beside htmldate and trafilatura
	$(PY) -m crawler.article.evaluate

BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,bench]'
	@touch $@

bench: $(BENCH_STAMP) ## Every benchmark: extraction, crawl, Datasette at 100k and 1M claims, growth (data/bench/results.json)
	$(PY) -m bench all

bench-extract: $(BENCH_STAMP) ## Extraction words/s beside spaCy's tokenizer and quantulum3; 1 and 2 processes
	$(PY) -m bench extract

bench-crawl: $(BENCH_STAMP) ## Crawl pages/s on the replay server beside `scrapy bench`; a no-news re-run
	$(PY) -m bench crawl

bench-serve: $(BENCH_STAMP) ## Datasette latency on synthetic databases of 100k and 1M claims (BENCH_SIZES=...)
	$(PY) -m bench serve --sizes $(or $(BENCH_SIZES),100000,1000000)

cron: install ## Print the crontab line for the scheduled, unattended run
	$(PY) -m chipwatch cron

cron-install: install ## Add the scheduled run to your crontab (idempotent; carries CHIPWATCH_* and SEC_USER_AGENT)
	$(PY) -m chipwatch cron --install

cron-remove: install ## Take the scheduled run out of your crontab
	$(PY) -m chipwatch cron --remove

test: install browser redis ## Lint, then run the whole test suite
	$(BIN)/ruff check .
	$(PY) -m pytest

lint: install ## Check the code with ruff
	$(BIN)/ruff check .

clean: ## Remove generated databases, exports and logs (keeps .venv/)
	rm -rf data/*.db data/*.db-wal data/*.db-shm data/exports data/logs

.PHONY: eval-blind
eval-blind: install ## Score extraction on the blind split eval/gold/blind-1 (shared scorer by path)
	$(PY) -m nlp.evaluate --gold eval/gold/blind-1 --scorer ../shared/gold/score.py --errors
