"""Performance at national scale: indexes, constant queries, page cache, benchmark."""
