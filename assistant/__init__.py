"""Everything that reads the store: embeddings, store, retrieval, answers, CLI."""
