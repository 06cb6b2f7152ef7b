"""Extraction: dates, named entities and events from article text."""

import os

# One BLAS thread per process: natasha's NER multiplies small matrices, which run 2-3x slower when
# OpenBLAS spreads them over threads, and `timeline import --jobs N` parallelizes across processes.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
