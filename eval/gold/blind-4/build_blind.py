"""Writes blind-4: own invented prose about fictional vendors and chips (real catalogue names only as baselines,
and no figure about a real product is claimed as fact), labelled by hand in the shared gold schema before any
extractor run on it. It leans on the error classes still open in issue 7: descriptive subjects, baselines named
after the claim or in the next sentence, lower-case instance names, workload paraphrases, percentages against a
process node, and periods with and without a publication date."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, for eval.gold.labelling
from eval.gold.labelling import F, P, Split  # noqa: E402

SPLIT = Split()
doc = SPLIT.doc


doc("e01-edge-system", "news", None, "2026-05-06",
    "In the latest benchmark round, a Tarrow edge system built around two Lumen L2 accelerators managed "
    "41 queries per second on ResNet-50 while drawing 120 watts.",
    [P(41, "queries/s", "throughput", None, "Tarrow edge system", None, "ResNet-50", None,
       "a Tarrow edge system built around two Lumen L2 accelerators managed 41 queries per second on ResNet-50"),
     P(120, "W", "power", None, "Tarrow edge system", None, "ResNet-50", None, "while drawing 120 watts")])

doc("e02-unnamed-server", "press_release", "Dunmore Systems", "2026-06-17",
    "Dunmore Systems has not yet named its next rack product. The new inference server handles 3,200 tokens per "
    "second on Llama 3.1 70B, the company said, and carries 768 GB of memory.",
    [P(3200, "tokens/s", "throughput", None, "new inference server", None, "Llama 3.1 70B", "claims",
       "The new inference server handles 3,200 tokens per second on Llama 3.1 70B"),
     P(768, "GB", "memory", None, "new inference server", None, None, None, "carries 768 GB of memory")])

doc("e03-says-vendor", "news", "Veyra", None,
    "The Veyra V5 cuts inference latency by 40% over an A100, says Veyra.",
    [P(40, "%", "latency", "lower", "Veyra V5", "A100", "inference", "claims",
       "The Veyra V5 cuts inference latency by 40% over an A100")])

doc("e04-compared-with-after", "press_release", "Pemberton Labs", "2026-02-24",
    "Pemberton Labs said its Kite X2 accelerator delivers 2.2 times the training throughput, compared with "
    "Nvidia's H100.",
    [P(2.2, "x", "throughput", "higher", "Kite X2", "H100", "training", "claims",
       "its Kite X2 accelerator delivers 2.2 times the training throughput, compared with Nvidia's H100")])

doc("e05-baseline-next-sentence", "news", "Sorrel Compute", None,
    "Sorrel Compute says its S1 chip runs recommendation models 4 times faster. The comparison was made against "
    "AMD's MI250X.",
    [P(4, "x", "speed", "higher", "S1", "MI250X", "recommendation models", "claims",
       "its S1 chip runs recommendation models 4 times faster")])

doc("e06-lowercase-instance", "news", "Nimbus Cloud", None,
    "Nimbus Cloud's new q7g.xlarge instance delivers 30% better price performance than the q6g.xlarge for web "
    "serving. Each q7g.xlarge instance has 8 cores.",
    [P(30, "%", "price_performance", "higher", "q7g.xlarge", "q6g.xlarge", "web serving", None,
       "Nimbus Cloud's new q7g.xlarge instance delivers 30% better price performance than the q6g.xlarge"),
     P(8, "cores", "cores", None, "q7g.xlarge", None, None, None, "Each q7g.xlarge instance has 8 cores")])

doc("e07-transcode-generate", "news", "Tansy", "2026-03-30",
    "Tansy claims its Wren W1 chip can transcode video 5 times faster than a Xeon 6 processor. "
    "The same part can generate images twice as fast as the L40S.",
    [P(5, "x", "speed", "higher", "Wren W1", "Xeon 6", "video transcoding", "claims",
       "its Wren W1 chip can transcode video 5 times faster than a Xeon 6 processor"),
     P(2, "x", "speed", "higher", "Wren W1", "L40S", "image generation", None,
       "The same part can generate images twice as fast as the L40S")])

doc("e08-node-gain", "news", "Tollan Foundry", None,
    "Tollan Foundry says Tollan 3 delivers an 18% gain relative to Tollan 4 in performance per watt.",
    [P(18, "%", "efficiency", "higher", "Tollan 3", "Tollan 4", None, "claims",
       "Tollan 3 delivers an 18% gain relative to Tollan 4 in performance per watt")])

doc("e09-node-density", "press_release", "Halvard Foundry", "2026-04-14",
    "Halvard Foundry said its H3 process offers 15% higher speed than H5 at the same power, "
    "and a 1.3 times density improvement.",
    [P(15, "%", "speed", "higher", "H3", "H5", None, "claims", "its H3 process offers 15% higher speed than H5"),
     P(1.3, "x", "other", "higher", "H3", "H5", None, "claims", "a 1.3 times density improvement")])

doc("e10-last-year-unanchored", "news", "Fenmore Devices", None,
    "Fenmore Devices said revenue was $420 million last year. Its net loss last year was $35 million.",
    [F(420000000, "USD", "revenue", "last year", "Fenmore Devices", "revenue was $420 million last year"),
     F(-35000000, "USD", "net_income", "last year", "Fenmore Devices", "Its net loss last year was $35 million",
       note="loss")])

doc("e11-last-year-anchored", "news", "Quarry Micro", "2026-03-04",
    "Quarry Micro said revenue last year was $1.1 billion, and it expects first-quarter revenue of about "
    "$300 million.",
    [F(1100000000, "USD", "revenue", "FY2025", "Quarry Micro", "revenue last year was $1.1 billion"),
     F(300000000, "USD", "guidance_revenue", "Q1 2026", "Quarry Micro", "first-quarter revenue of about $300 million",
       note="about")])

doc("e12-new-system", "press_release", "Larchmont Computing", "2026-07-01",
    "Larchmont Computing today introduced the Fathom F9 supercomputer. The new system delivers 1.2 EFLOPS of AI "
    "compute and is 3 times more energy efficient than its predecessor, the Fathom F7.",
    [P(1.2, "EFLOPS", "compute", None, "Fathom F9", None, None, None, "The new system delivers 1.2 EFLOPS of AI compute"),
     P(3, "x", "efficiency", "higher", "Fathom F9", "Fathom F7", None, None,
       "is 3 times more energy efficient than its predecessor, the Fathom F7")])

doc("e13-says-after-hedge", "news", "Pixley", "2026-01-15",
    "The Pixley P4 is up to 60% faster than the RTX 4090 in Blender, says Pixley.",
    [P(60, "%", "speed", "higher", "Pixley P4", "RTX 4090", "Blender", "up to",
       "The Pixley P4 is up to 60% faster than the RTX 4090 in Blender")])

doc("e14-detect-objects", "news", None, "2026-08-19",
    "A research chip called Ember can detect objects in video 2.5 times faster than an H200, according to "
    "researchers at Brannock University.",
    [P(2.5, "x", "speed", "higher", "Ember", "H200", "object detection", "claims",
       "Ember can detect objects in video 2.5 times faster than an H200")])

doc("e15-recognise-speech", "press_release", "Ottery", "2026-09-09",
    "Ottery's Reed R2 neural processor can recognise speech with 35% lower latency than its predecessor, the Reed R1, "
    "while using 2 watts.",
    [P(35, "%", "latency", "lower", "Reed R2", "Reed R1", "speech recognition", None,
       "Ottery's Reed R2 neural processor can recognise speech with 35% lower latency than its predecessor"),
     P(2, "W", "power", None, "Reed R2", None, "speech recognition", None, "while using 2 watts")])

doc("e16-quarter", "press_release", "Sallow Semiconductor", "2026-04-28",
    "Sallow Semiconductor reported first-quarter revenue of $510 million, up 12% from a year earlier. "
    "Gross margin was 48%.",
    [F(510000000, "USD", "revenue", "Q1 2026", "Sallow Semiconductor", "first-quarter revenue of $510 million",
       change="+12% YoY"),
     F(48, "%", "gross_margin", "Q1 2026", "Sallow Semiconductor", "Gross margin was 48%")])


if __name__ == "__main__":
    SPLIT.write(Path(__file__).resolve().parent)
