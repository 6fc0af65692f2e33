"""Results storage: Parquet files streamed chunk by chunk, a DuckDB database, summaries."""

from stratagem.store.results import Results

__all__ = ["Results"]
