"""/donnees/: the whole public dataset as CSV files described by a data package."""
