"""A document's file in the admin's forms: shown by the name it was uploaded under."""

from django.contrib.admin.widgets import AdminFileWidget
from django.urls import reverse

from poles.models.content import DocumentFileField


class StoredFile:
    """What the widget shows of a saved document's file: its name, linked to its download
    (the storage's generated name and address mean nothing to staff)."""

    def __init__(self, document):
        self.url = reverse("document_download", args=[document.pk])
        self.name = document.file_name

    def __str__(self):
        return self.name


class DocumentFileWidget(AdminFileWidget):
    def format_value(self, value):
        value = super().format_value(value)
        document = getattr(value, "instance", None)
        if self.is_initial(value) and document is not None and document.pk:
            return StoredFile(document)
        return value


DOCUMENT_FILE = {DocumentFileField: {"widget": DocumentFileWidget}}
