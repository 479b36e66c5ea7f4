"""What every admin page of the portal shares: history, optimistic locking, constant queries,
exports and spreadsheet imports. Every admin derives from `PortalAdmin`, every inline of their
pages from `PortalInline` (base.py)."""
