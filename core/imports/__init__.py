"""Spreadsheet imports (django-import-export): file formats, cell readers, the base resource."""
