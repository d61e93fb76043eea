"""Writes blind-3: own invented prose about fictional vendors and chips (real catalogue names only as baselines,
and no figure about a real product is claimed as fact), labelled by hand in the shared gold schema before any
extractor run on it."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, for eval.gold.labelling
from eval.gold.labelling import F, P, Split  # noqa: E402

SPLIT = Split()
doc = SPLIT.doc



doc("d01-institute-osprey", "news", None, "2026-04-02",
    "A chip designed at the Varn Institute, nicknamed Osprey, can classify images 18 times faster than a Jetson Orin "
    "while drawing 5 watts, its designers wrote.",
    [P(18, "x", "speed", "higher", "Osprey", "Jetson Orin", "image classification", "claims",
       "Osprey, can classify images 18 times faster than a Jetson Orin"),
     P(5, "W", "power", None, "Osprey", None, None, "claims", "while drawing 5 watts")])

doc("d02-second-generation", "press_release", "Marlin Silicon", "2026-03-10",
    "Marlin Silicon today introduced the MX-40, its second-generation inference processor. The MX-40 delivers "
    "2.7 times the throughput of its predecessor, the MX-20, on Llama 3.1 8B. The new processor also offers 96 GB of "
    "memory.",
    [P(2.7, "x", "throughput", "higher", "MX-40", "MX-20", "Llama 3.1 8B", None,
       "The MX-40 delivers 2.7 times the throughput of its predecessor, the MX-20, on Llama 3.1 8B"),
     P(96, "GB", "memory", None, "MX-40", None, None, None, "The new processor also offers 96 GB of memory")])

doc("d03-foundry-c2", "news", "Corran Foundry", None,
    "Corran Foundry expects its C2 node to offer up to 20% lower power than C3 at the same frequency. "
    "The C3 process, by comparison, entered production in 2025.",
    [P(20, "%", "power", "lower", "C2", "C3", None, "up to", "its C2 node to offer up to 20% lower power than C3")])

doc("d04-laptop-geekbench", "news", "Fenwick", "2026-05-20",
    "In Geekbench 6 multi-core, the Fenwick F8 laptop is 12% faster than Apple's M4 Pro, Fenwick said.",
    [P(12, "%", "speed", "higher", "Fenwick F8", "M4 Pro", "Geekbench 6 multi-core", "claims",
       "the Fenwick F8 laptop is 12% faster than Apple's M4 Pro")])

doc("d05-calendar-q4", "press_release", "Pryor Devices", "2026-01-28",
    "Pryor Devices reported revenue of $2.3 billion for the fourth quarter, up 9% year over year, and net income of "
    "$410 million, or $1.12 per share. For the full year, revenue was $8.8 billion, compared with $8.1 billion in 2024.",
    [F(2300000000, "USD", "revenue", "Q4 2025", "Pryor Devices", "revenue of $2.3 billion for the fourth quarter",
       change="+9% YoY"),
     F(410000000, "USD", "net_income", "Q4 2025", "Pryor Devices", "net income of $410 million"),
     F(1.12, "USD/share", "eps", "Q4 2025", "Pryor Devices", "or $1.12 per share"),
     F(8800000000, "USD", "revenue", "FY2025", "Pryor Devices", "For the full year, revenue was $8.8 billion"),
     F(8100000000, "USD", "revenue", "FY2024", "Pryor Devices", "compared with $8.1 billion in 2024")])

doc("d06-wire-nine-months", "news", "Stroud Electronics", "1987-05-14",
    "Stroud Electronics Inc said it earned 2.6 mln dlrs, or 18 cts a share, in the nine months to March 31, up from "
    "1.9 mln dlrs, or 13 cts, a year earlier.",
    [F(2600000, "USD", "net_income", "9M FY1987", "Stroud Electronics", "it earned 2.6 mln dlrs"),
     F(0.18, "USD/share", "eps", "9M FY1987", "Stroud Electronics", "or 18 cts a share"),
     F(1900000, "USD", "net_income", "9M FY1986", "Stroud Electronics", "up from 1.9 mln dlrs"),
     F(0.13, "USD/share", "eps", "9M FY1986", "Stroud Electronics", "or 13 cts, a year earlier")])

doc("d07-server-queries", "news", None, None,
    "Compared with the Xeon 6, the Torr T1 server processor handles 35% more database queries per second.",
    [P(35, "%", "throughput", "higher", "Torr T1", "Xeon 6", "database queries", None,
       "the Torr T1 server processor handles 35% more database queries per second")])


if __name__ == "__main__":
    SPLIT.write(Path(__file__).resolve().parent)
