"""Writes blind-2: own invented prose about fictional vendors and chips (real catalogue names only as baselines,
and no figure about a real product is claimed as fact), labelled by hand in the shared gold schema before any
extractor run on it."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, for eval.gold.labelling
from eval.gold.labelling import F, P, Split  # noqa: E402

SPLIT = Split()
doc = SPLIT.doc



doc("c01-univ-analog", "news", None, "2026-02-11",
    "Engineers at Halloway University have demonstrated an analog in-memory chip named Cobalt-7. "
    "According to the group, Cobalt-7 is 12 times more energy efficient than Nvidia's H100 when running Mistral 7B. "
    "The prototype draws 9 watts.",
    [P(12, "x", "efficiency", "higher", "Cobalt-7", "H100", "Mistral 7B", "claims",
       "Cobalt-7 is 12 times more energy efficient than Nvidia's H100 when running Mistral 7B"),
     P(9, "W", "power", None, "Cobalt-7", None, None, None, "The prototype draws 9 watts")])

doc("c02-startup-helix", "press_release", "Brightwater Silicon", "2026-02-03",
    "Brightwater Silicon today introduced Helix, its first training accelerator. "
    "In internal tests, Helix trains GPT-class models up to 3.5 times faster than the MI300X. "
    "The accelerator offers 288 GB of HBM3E memory and 6.4 TB/s of memory bandwidth.",
    [P(3.5, "x", "speed", "higher", "Helix", "MI300X", "GPT-class models", "up to",
       "Helix trains GPT-class models up to 3.5 times faster than the MI300X"),
     P(288, "GB", "memory", None, "Helix", None, None, None, "The accelerator offers 288 GB of HBM3E memory"),
     P(6.4, "TB/s", "bandwidth", None, "Helix", None, None, None, "6.4 TB/s of memory bandwidth")])

doc("c03-foundry-k2", "news", "Kestrel Foundry", None,
    "Kestrel Foundry said its K2 process delivers 12% higher performance than K3 at the same power, "
    "and cuts power by 25% at the same speed.",
    [P(12, "%", "speed", "higher", "K2", "K3", None, "claims",
       "its K2 process delivers 12% higher performance than K3"),
     P(25, "%", "power", "lower", "K2", "K3", None, "claims", "cuts power by 25% at the same speed")])

doc("c04-predecessor", "press_release", "Orrery AI", "2026-06-09",
    "Orrery AI has launched the Orrery O3 inference card. Its predecessor, the Orrery O2, shipped last year. "
    "The new card serves 4,800 tokens per second on Llama 3.1 8B. "
    "That is 2.4 times the throughput of its predecessor.",
    [P(4800, "tokens/s", "throughput", None, "Orrery O3", None, "Llama 3.1 8B", None,
       "The new card serves 4,800 tokens per second on Llama 3.1 8B"),
     P(2.4, "x", "throughput", "higher", "Orrery O3", "Orrery O2", None, None,
       "That is 2.4 times the throughput of its predecessor")])

doc("c05-cloud-instance", "news", None, None,
    "The r12n.large instance from Cirrus Cloud delivers 40% better performance than the previous generation "
    "for database workloads. Each instance offers 16 cores.",
    [P(40, "%", "speed", "higher", "r12n.large", "the previous generation", "database workloads", None,
       "The r12n.large instance from Cirrus Cloud delivers 40% better performance than the previous generation"),
     P(16, "cores", "cores", None, "r12n.large", None, None, None, "Each instance offers 16 cores")])

doc("c06-mlperf-mode", "news", "Vantor", None,
    "In MLPerf Inference v5.0 Offline, Vantor's Aurora V1 processed 31,000 samples per second, "
    "22% more than the H200.",
    [P(31000, "samples/s", "throughput", None, "Aurora V1", None, "MLPerf Inference v5.0 Offline", None,
       "Vantor's Aurora V1 processed 31,000 samples per second"),
     P(22, "%", "throughput", "higher", "Aurora V1", "H200", "MLPerf Inference v5.0 Offline", None,
       "22% more than the H200")])

doc("c07-laptop-blender", "news", "Pell Computing", None,
    "Pell Computing says its Quill 14 laptop renders Blender scenes 1.6 times faster than an older laptop "
    "with a five-year-old processor. The laptop's chip has 12 cores.",
    [P(1.6, "x", "speed", "higher", "Quill 14", "an older laptop", "Blender", "claims",
       "its Quill 14 laptop renders Blender scenes 1.6 times faster than an older laptop"),
     P(12, "cores", "cores", None, "Quill 14", None, None, None, "The laptop's chip has 12 cores")])

doc("c08-calendar-early", "press_release", "Lindqvist Semiconductor", "2026-02-12",
    "Lindqvist Semiconductor reported fourth-quarter revenue of $1.9 billion, up 14% from a year earlier. "
    "Full-year revenue was $7.2 billion. Net income for the quarter was $310 million, or $0.84 per diluted share.",
    [F(1900000000, "USD", "revenue", "Q4 2025", "Lindqvist Semiconductor", "fourth-quarter revenue of $1.9 billion",
       change="+14% YoY"),
     F(7200000000, "USD", "revenue", "FY2025", "Lindqvist Semiconductor", "Full-year revenue was $7.2 billion"),
     F(310000000, "USD", "net_income", "Q4 2025", "Lindqvist Semiconductor", "Net income for the quarter was $310 million"),
     F(0.84, "USD/share", "eps", "Q4 2025", "Lindqvist Semiconductor", "or $0.84 per diluted share")])

doc("c09-fiscal-comparative", "filing", "Marrow Devices", "2025-09-20",
    "Revenue for fiscal year 2025 was $640 million, compared with $575 million for fiscal year 2024. "
    "Gross margin was 52.1% in fiscal year 2025.",
    [F(640000000, "USD", "revenue", "FY2025", "Marrow Devices", "Revenue for fiscal year 2025 was $640 million"),
     F(575000000, "USD", "revenue", "FY2024", "Marrow Devices", "compared with $575 million for fiscal year 2024"),
     F(52.1, "%", "gross_margin", "FY2025", "Marrow Devices", "Gross margin was 52.1% in fiscal year 2025")])

doc("c10-wire-six-months", "news", "Castellan Instruments", "1986-08-14",
    "Castellan Instruments Inc said net profit for the six months to June 30 rose to 5.2 mln dlrs, or 41 cts a share, "
    "from 3.9 mln dlrs, or 31 cts, a year earlier. Revenue was 88.6 mln dlrs against 71.0 mln.",
    [F(5200000, "USD", "net_income", "H1 1986", "Castellan Instruments", "net profit for the six months to June 30 rose to 5.2 mln dlrs"),
     F(0.41, "USD/share", "eps", "H1 1986", "Castellan Instruments", "or 41 cts a share"),
     F(3900000, "USD", "net_income", "H1 1985", "Castellan Instruments", "from 3.9 mln dlrs"),
     F(0.31, "USD/share", "eps", "H1 1985", "Castellan Instruments", "or 31 cts, a year earlier"),
     F(88600000, "USD", "revenue", "H1 1986", "Castellan Instruments", "Revenue was 88.6 mln dlrs"),
     F(71000000, "USD", "revenue", "H1 1985", "Castellan Instruments", "against 71.0 mln")])

doc("c11-neuromorphic", "news", None, None,
    "A team at the Ostrava Institute of Computing reports that its Sable neuromorphic chip holds 1.2 million neurons. "
    "The chip performs keyword spotting using 1,000 times less energy than a conventional microcontroller.",
    [P(1200000, "neurons", "capacity", None, "Sable", None, None, "claims", "its Sable neuromorphic chip holds 1.2 million neurons"),
     P(1000, "x", "power", "lower", "Sable", "a conventional microcontroller", "keyword spotting", None,
       "The chip performs keyword spotting using 1,000 times less energy than a conventional microcontroller")])

doc("c12-rival-named", "news", "Tessel Compute", "2026-03-17",
    "Tessel Compute unveiled its T9 accelerator on Tuesday. The T9 is 30% faster than the H100 in LLM training, "
    "Tessel said. Against the A100, the T9 offers 2.5 times the memory bandwidth. It draws 600 watts.",
    [P(30, "%", "speed", "higher", "T9", "H100", "LLM training", "claims", "The T9 is 30% faster than the H100 in LLM training"),
     P(2.5, "x", "bandwidth", "higher", "T9", "A100", None, None, "Against the A100, the T9 offers 2.5 times the memory bandwidth"),
     P(600, "W", "power", None, "T9", None, None, None, "It draws 600 watts")])


if __name__ == "__main__":
    SPLIT.write(Path(__file__).resolve().parent)
