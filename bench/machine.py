"""The machine the figures were measured on, printed beside them."""

from __future__ import annotations

import os
import platform
import sqlite3
from importlib.metadata import version


def machine() -> dict:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cores": cores,
        "memory_gb": _memory_gb(),
        "cpu": _cpu_model() or platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        **{name: version(name) for name in ("spacy", "scrapy", "datasette", "sqlite-utils")},
    }


def describe(info: dict) -> str:
    return (f"{info['cores']} cores ({info['cpu']}), {info['memory_gb']} GB; Python {info['python']}, "
            f"SQLite {info['sqlite']}, spaCy {info['spacy']}, Scrapy {info['scrapy']}, "
            f"Datasette {info['datasette']}")


def _memory_gb() -> float | None:
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def _cpu_model() -> str | None:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None
