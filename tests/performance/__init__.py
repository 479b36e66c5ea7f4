"""Performance at national scale: demo data, indexes, constant queries, page cache, benchmark."""
