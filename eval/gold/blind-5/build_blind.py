"""Writes blind-5: own invented prose about fictional vendors and chips (demo data: real catalogue names only as
baselines, and no figure about a real product is claimed as fact), labelled by hand in the shared gold schema before
any extractor run on it. It mixes ordinary claims with the classes issue 7 is about: subjects in no catalogue
(research chip, a startup's first part, a cloud instance, a process node) against a real baseline, subjects named
once and then called "the chip" / "it" / "the processor" / "the new system", long baseline phrases, "its
predecessor" with and without a name, "the previous generation", "an older laptop", workloads of every kind (and
many claims with none), fiscal years that do not end in December, comparative columns, "respectively", "last
quarter" with a publication date, old wire style, per-share amounts and an amount restated in brackets."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, for eval.gold.labelling
from eval.gold.labelling import F, P, Split  # noqa: E402

SPLIT = Split()
doc = SPLIT.doc


doc("f01-institute-optical", "news", None, "2026-05-12",
    "Researchers at the Ashby Institute of Technology have built an optical inference chip they call Glimmer. "
    "In tests described in a preprint posted this week, Glimmer delivered 11 times the energy efficiency of an "
    "H100 on Llama 3.1 8B, the team said. The chip draws 14 watts, and the group plans a second version with more optical "
    "channels next year.",
    [P(11, "x", "efficiency", "higher", "Glimmer", "H100", "Llama 3.1 8B", "claims",
       "Glimmer delivered 11 times the energy efficiency of an H100 on Llama 3.1 8B"),
     P(14, "W", "power", None, "Glimmer", None, None, None, "The chip draws 14 watts")])

doc("f02-startup-first-part", "press_release", "Petrel Silicon", "2026-03-24",
    "Petrel Silicon today introduced the Petrel P1, the company's first product and an inference accelerator aimed "
    "at cloud providers. The P1 generates 2,600 tokens per second when running Mistral 7B, and delivers 1.9 times "
    "the throughput of the rival's flagship H100 SXM in an eight-GPU server configuration. It carries 144 GB of "
    "HBM3E memory. Sampling begins in the second quarter.",
    [P(2600, "tokens/s", "throughput", None, "Petrel P1", None, "Mistral 7B", None,
       "The P1 generates 2,600 tokens per second when running Mistral 7B"),
     P(1.9, "x", "throughput", "higher", "Petrel P1", "H100 SXM", "Mistral 7B", None,
       "delivers 1.9 times the throughput of the rival's flagship H100 SXM"),
     P(144, "GB", "memory", None, "Petrel P1", None, None, None, "It carries 144 GB of HBM3E memory")])

doc("f03-cloud-instance", "news", "Gullwing Cloud", None,
    "Gullwing Cloud has made its g9e.2xlarge instance generally available in three regions. Built on the provider's "
    "own Skerry processors, the g9e.2xlarge offers 45% better price performance for video transcoding than "
    "comparable instances based on Xeon 6, the company said. Each instance has 8 cores.",
    [P(45, "%", "price_performance", "higher", "g9e.2xlarge", "Xeon 6", "video transcoding", "claims",
       "the g9e.2xlarge offers 45% better price performance for video transcoding than comparable instances based "
       "on Xeon 6"),
     P(8, "cores", "cores", None, "g9e.2xlarge", None, None, None, "Each instance has 8 cores")])

doc("f04-foundry-node", "news", "Rookwood Foundry", None,
    "Rookwood Foundry said its RF2 process delivers 11% higher performance than N3E at the same power. Against N3E "
    "at the same speed, RF2 cuts power by up to 26%, the foundry said. Risk production is scheduled for 2027.",
    [P(11, "%", "speed", "higher", "RF2", "N3E", None, "claims",
       "its RF2 process delivers 11% higher performance than N3E"),
     P(26, "%", "power", "lower", "RF2", "N3E", None, "up to", "RF2 cuts power by up to 26%")])

doc("f05-named-then-processor", "press_release", "Brackley Semiconductor", "2026-09-15",
    "Brackley Semiconductor today announced the Thistle T7 laptop processor, the successor to the Thistle T5. "
    "In Geekbench 6 multi-core the processor scores 28% higher than its predecessor, and it exports video in "
    "DaVinci Resolve 1.5 times faster than Apple's M3. Laptops based on the chip are expected in time for the "
    "holidays.",
    [P(28, "%", "speed", "higher", "Thistle T7", "Thistle T5", "Geekbench 6 multi-core", None,
       "In Geekbench 6 multi-core the processor scores 28% higher than its predecessor"),
     P(1.5, "x", "speed", "higher", "Thistle T7", "M3", "DaVinci Resolve", None,
       "it exports video in DaVinci Resolve 1.5 times faster than Apple's M3")])

doc("f06-unnamed-predecessor", "news", "Minster Devices", None,
    "Minster Devices says its Calyx C3 neural processing unit brings a 2x improvement in performance per watt over "
    "its predecessor for on-device speech recognition. The NPU is rated at 45 TOPS and will appear first in "
    "mid-range phones.",
    [P(2, "x", "efficiency", "higher", "Calyx C3", "its predecessor", "on-device speech recognition", "claims",
       "its Calyx C3 neural processing unit brings a 2x improvement in performance per watt over its predecessor",
       note="predecessor not named in the text"),
     P(45, "TOPS", "compute", None, "Calyx C3", None, None, None, "The NPU is rated at 45 TOPS")])

doc("f07-laptop-older", "news", "Oriel Computing", "2026-10-02",
    "Oriel Computing's Sola 13 laptop renders the Blender Classroom scene 2.3 times faster than an older laptop "
    "from 2020, the company claims. Compared with the previous generation, the Sola 13 is 30% faster in code "
    "compilation. Oriel did not say which processor the machine uses.",
    [P(2.3, "x", "speed", "higher", "Sola 13", "an older laptop", "Blender", "claims",
       "Oriel Computing's Sola 13 laptop renders the Blender Classroom scene 2.3 times faster than an older laptop"),
     P(30, "%", "speed", "higher", "Sola 13", "the previous generation", "code compilation", None,
       "Compared with the previous generation, the Sola 13 is 30% faster in code compilation")])

doc("f08-handheld-game", "news", "Fieldfare Semiconductor", "2026-11-20",
    "Fieldfare Semiconductor's Lark G2 handheld gaming chip runs Cyberpunk 2077 at 40% higher frame rates versus "
    "the Ryzen Z1 Extreme, according to Fieldfare's own testing. The chip is designed to run at 17 watts.",
    [P(40, "%", "speed", "higher", "Lark G2", "Ryzen Z1 Extreme", "Cyberpunk 2077", "claims",
       "Fieldfare Semiconductor's Lark G2 handheld gaming chip runs Cyberpunk 2077 at 40% higher frame rates",
       note="frame rate"),
     P(17, "W", "power", None, "Lark G2", None, None, None, "The chip is designed to run at 17 watts")])

doc("f09-mlperf-offline", "news", None, "2026-04-08",
    "Results from the latest benchmark round include a first entry from the startup Ravelin Compute. In MLPerf "
    "Inference v5.0 Offline, an eight-accelerator Ravelin R8 server processed 61,000 samples per second. Ravelin "
    "says that is 18% more than the best-scoring H200 system.",
    [P(61000, "samples/s", "throughput", None, "Ravelin R8", None, "MLPerf Inference v5.0 Offline", None,
       "an eight-accelerator Ravelin R8 server processed 61,000 samples per second"),
     P(18, "%", "throughput", "higher", "Ravelin R8", "H200", "MLPerf Inference v5.0 Offline", "claims",
       "Ravelin says that is 18% more than the best-scoring H200 system")])

doc("f10-training-relative", "news", "Moorhen Compute", "2026-06-30",
    "Moorhen Compute says its MH-400 accelerator trains Llama 3.1 405B 1.7 times faster relative to the H200. "
    "In LLM training on a cluster of 2,048 chips, the chip needs 35% less energy than the MI300X, the company "
    "added.",
    [P(1.7, "x", "speed", "higher", "MH-400", "H200", "Llama 3.1 405B", "claims",
       "its MH-400 accelerator trains Llama 3.1 405B 1.7 times faster relative to the H200"),
     P(35, "%", "power", "lower", "MH-400", "MI300X", "LLM training", "claims",
       "the chip needs 35% less energy than the MI300X")])

doc("f11-blog-devboard", "news", None, None,
    "Weekend bench notes: I finally got my hands on a Wicket W1 developer board. With Mistral 7B loaded in 4-bit "
    "weights, it generated about 24 tokens per second, roughly three times what my older laptop managed. Setup "
    "took an afternoon, mostly spent fighting drivers.",
    [P(24, "tokens/s", "throughput", None, "Wicket W1", None, "Mistral 7B", "about",
       "it generated about 24 tokens per second"),
     P(3, "x", "throughput", "higher", "Wicket W1", "my older laptop", "Mistral 7B", "roughly",
       "roughly three times what my older laptop managed")])

doc("f12-8k-fiscal-june", "filing", "Ferrand Microdevices", "2026-08-06",
    "EXHIBIT 99.1\n"
    "Ferrand Microdevices Reports Results for the Fourth Quarter and Fiscal Year 2026\n"
    "Ferrand Microdevices, whose fiscal year ends on the last Saturday of June, today reported revenue of "
    "$1.32 billion for the fourth quarter of fiscal 2026, compared with $1.05 billion for the fourth quarter of "
    "fiscal 2025. The board of directors declared a quarterly cash dividend of $0.10 per share, payable on "
    "September 3, 2026, to shareholders of record on August 20, 2026.",
    [F(1320000000, "USD", "revenue", "Q4 FY2026", "Ferrand Microdevices",
       "revenue of $1.32 billion for the fourth quarter of fiscal 2026"),
     F(1050000000, "USD", "revenue", "Q4 FY2025", "Ferrand Microdevices",
       "compared with $1.05 billion for the fourth quarter of fiscal 2025"),
     F(0.10, "USD/share", "dividend", None, "Ferrand Microdevices", "a quarterly cash dividend of $0.10 per share")])

doc("f13-10q-respectively", "filing", "Ostler Semiconductor", "2026-05-06",
    "ITEM 2. MANAGEMENT'S DISCUSSION AND ANALYSIS OF FINANCIAL CONDITION AND RESULTS OF OPERATIONS\n"
    "Our fiscal year is the 52- or 53-week period ending on the last Sunday of September. Net revenue for the three "
    "and six months ended March 29, 2026 was $612 million and $1.19 billion, respectively, compared with "
    "$540 million and $1.03 billion for the three and six months ended March 30, 2025.",
    [F(612000000, "USD", "revenue", "Q2 FY2026", "Ostler Semiconductor", "was $612 million"),
     F(1190000000, "USD", "revenue", "H1 FY2026", "Ostler Semiconductor", "$1.19 billion, respectively"),
     F(540000000, "USD", "revenue", "Q2 FY2025", "Ostler Semiconductor", "compared with $540 million"),
     F(1030000000, "USD", "revenue", "H1 FY2025", "Ostler Semiconductor",
       "$1.03 billion for the three and six months ended March 30, 2025")])

doc("f14-last-quarter", "news", "Cobbold Semiconductor", "2026-07-22",
    "Cobbold Semiconductor said revenue last quarter rose 18% from a year earlier to $275 million, helped by demand "
    "for its power-management chips. Its net loss narrowed to $41 million. Shares rose in after-hours trading.",
    [F(275000000, "USD", "revenue", "Q2 2026", "Cobbold Semiconductor",
       "revenue last quarter rose 18% from a year earlier to $275 million", change="+18% YoY",
       note="period from \"last quarter\" and the publication date"),
     F(-41000000, "USD", "net_income", "Q2 2026", "Cobbold Semiconductor", "Its net loss narrowed to $41 million",
       note="loss; period from \"last quarter\" and the publication date")])

doc("f15-fiscal-january", "news", "Harker Graphics", "2026-05-28",
    "Harker Graphics, whose fiscal year ends in late January, said revenue for the first quarter of fiscal 2027 was "
    "$3.4 billion, up 31% from a year ago. The company guided second-quarter revenue to about $3.7 billion.",
    [F(3400000000, "USD", "revenue", "Q1 FY2027", "Harker Graphics",
       "revenue for the first quarter of fiscal 2027 was $3.4 billion, up 31% from a year ago", change="+31% YoY"),
     F(3700000000, "USD", "guidance_revenue", "Q2 FY2027", "Harker Graphics",
       "guided second-quarter revenue to about $3.7 billion", note="about")])

doc("f16-wire-qtr-dec31", "news", "Bramble Electronics", "1987-01-29",
    "BRAMBLE ELECTRONICS INC <BRML> 2ND QTR DEC 31 LOSS\n\n"
    "SUNNYVALE, Calif., Jan 29 - Qtr to Dec 31\n"
    "Shr loss 12 cts vs profit eight cts\n"
    "Net loss 1,420,000 vs profit 960,000\n"
    "Revs 27.3 mln vs 24.8 mln\n"
    "NOTE: Company's fiscal year ends June 30.",
    [F(-0.12, "USD/share", "eps", "Q2 FY1987", "Bramble Electronics", "Shr loss 12 cts vs profit eight cts",
       note="loss"),
     F(0.08, "USD/share", "eps", "Q2 FY1986", "Bramble Electronics", "Shr loss 12 cts vs profit eight cts"),
     F(-1420000, "USD", "net_income", "Q2 FY1987", "Bramble Electronics", "Net loss 1,420,000 vs profit 960,000",
       note="loss"),
     F(960000, "USD", "net_income", "Q2 FY1986", "Bramble Electronics", "Net loss 1,420,000 vs profit 960,000"),
     F(27300000, "USD", "revenue", "Q2 FY1987", "Bramble Electronics", "Revs 27.3 mln vs 24.8 mln"),
     F(24800000, "USD", "revenue", "Q2 FY1986", "Bramble Electronics", "Revs 27.3 mln vs 24.8 mln")])

doc("f17-wire-six-months", "news", "Marchbank Instruments", "1993-08-11",
    "Marchbank Instruments Inc said net profit for the six months to June 30 rose 25 pct to 7.4 mln dlrs, or 38 cts "
    "a share, on higher sales of test equipment to chipmakers.",
    [F(7400000, "USD", "net_income", "H1 1993", "Marchbank Instruments",
       "net profit for the six months to June 30 rose 25 pct to 7.4 mln dlrs", change="+25% YoY"),
     F(0.38, "USD/share", "eps", "H1 1993", "Marchbank Instruments", "or 38 cts a share")])

doc("f18-funding-bracket", "news", "Verdelle Systems", "2026-10-14",
    "Paris-based chip startup Verdelle Systems has raised US$420 million (about 385 million euros) to bring its "
    "first inference processor, the Verdelle V1, to market. The company says the V1 delivers 3 times the "
    "performance per watt of an H100 running inference.",
    [F(420000000, "USD", "funding", None, "Verdelle Systems", "has raised US$420 million"),
     F(385000000, "EUR", "funding", None, "Verdelle Systems", "about 385 million euros",
       note="EUR conversion of the USD figure; about"),
     P(3, "x", "efficiency", "higher", "Verdelle V1", "H100", "inference", "claims",
       "the V1 delivers 3 times the performance per watt of an H100 running inference")])

doc("f19-8k-net-loss", "filing", "Ambrel Semiconductor", "2026-03-03",
    "Item 2.02 Results of Operations and Financial Condition.\n"
    "On March 3, 2026, Ambrel Semiconductor announced its results for fiscal 2026, which ended January 31, 2026. "
    "Revenue was $388 million, up 29% from fiscal 2025. Net loss was $86 million, or $0.41 per share.",
    [F(388000000, "USD", "revenue", "FY2026", "Ambrel Semiconductor", "Revenue was $388 million, up 29% from fiscal 2025",
       change="+29% YoY"),
     F(-86000000, "USD", "net_income", "FY2026", "Ambrel Semiconductor", "Net loss was $86 million", note="loss"),
     F(-0.41, "USD/share", "eps", "FY2026", "Ambrel Semiconductor", "or $0.41 per share", note="loss")])

doc("f20-new-system", "press_release", "Harrowgate Systems", "2026-11-10",
    "Harrowgate Systems today unveiled the Bastion B8, a liquid-cooled rack for AI inference. The new system "
    "delivers 1.6 EFLOPS of FP8 compute and uses 30% less power vs. a rack of Gaudi 3 accelerators when running "
    "Llama 3.1 405B. It will be available in the first quarter of 2027.",
    [P(1.6, "EFLOPS", "compute", None, "Bastion B8", None, None, None,
       "The new system delivers 1.6 EFLOPS of FP8 compute", note="FP8"),
     P(30, "%", "power", "lower", "Bastion B8", "Gaudi 3", "Llama 3.1 405B", None,
       "uses 30% less power vs. a rack of Gaudi 3 accelerators when running Llama 3.1 405B")])


if __name__ == "__main__":
    SPLIT.write(Path(__file__).resolve().parent)
