"""Writes blind-1: own prose, labelled by hand in the shared gold schema (written before any extractor run)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository, for eval.gold.labelling
from eval.gold.labelling import F, P, Split  # noqa: E402

SPLIT = Split()
doc = SPLIT.doc



doc("b01-univ-photonic", "news", None, "2026-03-02",
    "Researchers at the University of Eastmoor have built a photonic processor they call Lumen-1. "
    "The team says Lumen-1 is 40 times more energy efficient than Nvidia's A100 when running image classification. "
    "The chip draws 3 watts in operation, according to the paper.",
    [P(40, "x", "efficiency", "higher", "Lumen-1", "A100", "image classification", "claims",
       "Lumen-1 is 40 times more energy efficient than Nvidia's A100"),
     P(3, "W", "power", None, "Lumen-1", None, None, None, "The chip draws 3 watts")])

doc("b02-startup-first-part", "press_release", "Quarrel Systems", "2026-01-20",
    "Quarrel Systems today unveiled the QS-1, its first inference accelerator. "
    "The QS-1 delivers 2.1 times the throughput of the H100 SXM on Llama 3.1 70B. "
    "It consumes 350 watts, compared with 700 watts for the H100 SXM.",
    [P(2.1, "x", "throughput", "higher", "QS-1", "H100 SXM", "Llama 3.1 70B", None,
       "The QS-1 delivers 2.1 times the throughput of the H100 SXM on Llama 3.1 70B"),
     P(350, "W", "power", None, "QS-1", None, None, None, "It consumes 350 watts"),
     P(700, "W", "power", None, "H100 SXM", None, None, None, "700 watts for the H100 SXM", note="comparator spec")])

doc("b03-foundry-n2", "news", "TSMC", None,
    "TSMC said its N2 process offers a 15% speed improvement over N3E at the same power. "
    "N2 also cuts power by up to 30% compared with N3E at the same speed, the foundry said.",
    [P(15, "%", "speed", "higher", "N2", "N3E", None, "claims", "its N2 process offers a 15% speed improvement over N3E"),
     P(30, "%", "power", "lower", "N2", "N3E", None, "up to", "N2 also cuts power by up to 30% compared with N3E")])

doc("b04-intel-18a", "news", "Intel", None,
    "Intel expects its 18A node to deliver up to 15% better performance per watt than Intel 3. "
    "Intel 3 itself brought an 18% gain relative to Intel 4, the company said.",
    [P(15, "%", "efficiency", "higher", "18A", "Intel 3", None, "up to",
       "its 18A node to deliver up to 15% better performance per watt than Intel 3"),
     P(18, "%", "efficiency", "higher", "Intel 3", "Intel 4", None, "claims", "Intel 3 itself brought an 18% gain relative to Intel 4")])

doc("b05-cloud-instance", "news", None, None,
    "A new cloud instance type, the m9x.metal, offers 25% better price-performance than the previous generation "
    "for video transcoding, the provider said. The instance has 192 cores.",
    [P(25, "%", "price_performance", "higher", "m9x.metal", "the previous generation", "video transcoding", "claims",
       "offers 25% better price-performance than the previous generation"),
     P(192, "cores", "cores", None, "m9x.metal", None, None, None, "The instance has 192 cores")])

doc("b06-metric-phrase-baseline", "news", "Veloxa", None,
    "Veloxa's Strata X2 reaches 1,000 TFLOPS of dense FP8 compute. That is more than three times the quoted 312 TFLOPS "
    "of the rival's flagship A100 SXM. Veloxa says the Strata X2 will ship in the autumn.",
    [P(1000, "TFLOPS", "compute", None, "Strata X2", None, None, None, "Strata X2 reaches 1,000 TFLOPS of dense FP8 compute"),
     P(3, "x", "compute", "higher", "Strata X2", "A100 SXM", None, "more than",
       "That is more than three times the quoted 312 TFLOPS of the rival's flagship A100 SXM"),
     P(312, "TFLOPS", "compute", None, "A100 SXM", None, None, None, "312 TFLOPS of the rival's flagship A100 SXM",
       note="comparator spec")])

doc("b07-predecessor", "press_release", "Corvid Semiconductor", "2025-11-04",
    "Corvid Semiconductor introduced the Kestrel 9 processor on Tuesday. Its predecessor, the Kestrel 8, "
    "shipped last year. The processor is 35% faster than its predecessor in Geekbench 6 multi-core, "
    "and it runs Blender renders 1.6 times faster than the Kestrel 8.",
    [P(35, "%", "speed", "higher", "Kestrel 9", "Kestrel 8", "Geekbench 6 multi-core", None,
       "The processor is 35% faster than its predecessor in Geekbench 6 multi-core"),
     P(1.6, "x", "speed", "higher", "Kestrel 9", "Kestrel 8", "Blender", None,
       "it runs Blender renders 1.6 times faster than the Kestrel 8")])

doc("b08-mlperf-offline", "news", None, None,
    "In MLPerf Inference v5.0 Offline results published Wednesday, an eight-chip Halcyon H4 system processed "
    "24,000 tokens per second on Llama 2 70B. That was 1.4 times the result of an eight-GPU H200 system.",
    [P(24000, "tokens/s", "throughput", None, "Halcyon H4", None, "Llama 2 70B", None,
       "processed 24,000 tokens per second on Llama 2 70B"),
     P(1.4, "x", "throughput", "higher", "Halcyon H4", "H200", None, None,
       "That was 1.4 times the result of an eight-GPU H200 system")])

doc("b09-laptop-chip", "news", "Apple", None,
    "Apple said the M5 Max is up to 4 times faster at LLM inference than the M4 Max. "
    "The company also claims the chip is 2.5 times faster than an older laptop with an Intel Core i9 when running Mistral 7B.",
    [P(4, "x", "speed", "higher", "M5 Max", "M4 Max", "LLM inference", "up to",
       "the M5 Max is up to 4 times faster at LLM inference than the M4 Max"),
     P(2.5, "x", "speed", "higher", "M5 Max", "an older laptop with an Intel Core i9", "Mistral 7B", "claims",
       "the chip is 2.5 times faster than an older laptop with an Intel Core i9 when running Mistral 7B")])

doc("b10-versus-training", "news", "AMD", None,
    "AMD's MI355X trains Llama 3.1 405B up to 1.3 times faster versus Nvidia's B200, AMD said. "
    "The accelerator carries 288 GB of HBM3E memory.",
    [P(1.3, "x", "speed", "higher", "MI355X", "B200", "Llama 3.1 405B", "up to",
       "AMD's MI355X trains Llama 3.1 405B up to 1.3 times faster versus Nvidia's B200"),
     P(288, "GB", "memory", None, "MI355X", None, None, None, "The accelerator carries 288 GB of HBM3E memory")])

doc("b11-fy-results", "press_release", "Ardent Microsystems", "2026-02-25",
    "Ardent Microsystems reported revenue of $4.2 billion for fiscal year 2026, compared with $3.1 billion for fiscal "
    "year 2025. Net loss was $120 million, or 12 cents per share. The board declared a quarterly dividend of "
    "$0.10 per share.",
    [F(4200000000, "USD", "revenue", "FY2026", "Ardent Microsystems", "revenue of $4.2 billion for fiscal year 2026"),
     F(3100000000, "USD", "revenue", "FY2025", "Ardent Microsystems", "compared with $3.1 billion for fiscal year 2025"),
     F(-120000000, "USD", "net_income", "FY2026", "Ardent Microsystems", "Net loss was $120 million", note="loss"),
     F(-0.12, "USD/share", "eps", "FY2026", "Ardent Microsystems", "or 12 cents per share", note="loss"),
     F(0.10, "USD/share", "dividend", None, "Ardent Microsystems", "a quarterly dividend of $0.10 per share")])

doc("b12-respectively", "press_release", "Corvid Semiconductor", "2025-08-06",
    "Corvid Semiconductor's revenue for the second quarter of 2025 and the second quarter of 2024 was $812 million "
    "and $640 million, respectively. Gross margin was 48.5% in the second quarter of 2025.",
    [F(812000000, "USD", "revenue", "Q2 2025", "Corvid Semiconductor", "was $812 million"),
     F(640000000, "USD", "revenue", "Q2 2024", "Corvid Semiconductor", "$640 million, respectively"),
     F(48.5, "%", "gross_margin", "Q2 2025", "Corvid Semiconductor", "Gross margin was 48.5% in the second quarter of 2025")])

doc("b13-wire-cts", "news", "Halvard Electronics", "1987-03-12",
    "Halvard Electronics Corp said it had a net loss of 3.4 mln dlrs, or 12 cts a share, in the six months to "
    "December 31, against a profit of 1.1 mln dlrs a year earlier. Sales rose to 41.2 mln dlrs.",
    [F(-3400000, "USD", "net_income", "H2 1986", "Halvard Electronics", "a net loss of 3.4 mln dlrs", note="loss"),
     F(-0.12, "USD/share", "eps", "H2 1986", "Halvard Electronics", "or 12 cts a share", note="loss"),
     F(1100000, "USD", "net_income", "H2 1985", "Halvard Electronics", "a profit of 1.1 mln dlrs a year earlier"),
     F(41200000, "USD", "revenue", "H2 1986", "Halvard Electronics", "Sales rose to 41.2 mln dlrs")])

doc("b14-currency-bracket", "news", "Nordlys Semi", "2026-04-10",
    "Nordlys Semi raised US$500 million (about 460 million euros) in a funding round led by pension funds. "
    "The company said its NX-3 chip is 20% more efficient than its predecessor, the NX-2.",
    [F(500000000, "USD", "funding", None, "Nordlys Semi", "raised US$500 million"),
     F(460000000, "EUR", "funding", None, "Nordlys Semi", "about 460 million euros", note="conversion; about"),
     P(20, "%", "efficiency", "higher", "NX-3", "NX-2", None, "claims", "its NX-3 chip is 20% more efficient than its predecessor, the NX-2")])

doc("b15-doc-subject", "press_release", "Veloxa", "2026-05-14",
    "Veloxa today announced the Strata M1 edge processor. The processor delivers 60 TOPS at 8 watts. "
    "Compared with the Jetson Orin NX, it offers 1.8 times the performance per watt for object detection.",
    [P(60, "TOPS", "compute", None, "Strata M1", None, None, None, "The processor delivers 60 TOPS"),
     P(8, "W", "power", None, "Strata M1", None, None, None, "60 TOPS at 8 watts"),
     P(1.8, "x", "efficiency", "higher", "Strata M1", "Jetson Orin NX", "object detection", None,
       "it offers 1.8 times the performance per watt for object detection")])

doc("b16-gpt-class", "news", None, None,
    "A wafer-scale system from Tessellate, the T-2, generated 1,800 tokens per second for a GPT-class model with "
    "70 billion parameters, roughly 20 times faster than a GPU cloud instance, the startup said.",
    [P(1800, "tokens/s", "throughput", None, "T-2", None, "GPT-class model", None,
       "generated 1,800 tokens per second for a GPT-class model"),
     P(20, "x", "speed", "higher", "T-2", "a GPU cloud instance", None, "roughly",
       "roughly 20 times faster than a GPU cloud instance")])


SPLIT.write(Path(__file__).resolve().parent)
