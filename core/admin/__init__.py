"""What every admin page of the portal shares: history, optimistic locking, constant queries,
exports and spreadsheet imports."""
