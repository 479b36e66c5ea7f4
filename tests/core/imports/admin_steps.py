"""The admin's import and export, step by step, through their real URLs."""

from django.urls import reverse

from core.imports.formats import FORMATS

FORMAT_INDEX = {fmt().get_extension(): str(index) for index, fmt in enumerate(FORMATS)}


def admin_url(model, view):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


def preview(client, model, uploaded):
    """Send a file to « Importer » (its format is told by its extension): the page with the
    preview or the errors."""
    return client.post(admin_url(model, "import"), {"resource": "0", "import_file": uploaded})


def confirm(client, model, preview_response):
    """« Confirmer l'import » of a preview."""
    return client.post(
        admin_url(model, "process_import"), preview_response.context["confirm_form"].initial
    )


def confirm_uploaded(client, model, preview_response):
    """The confirmation a person could forge for a preview that offered none: the file that
    was uploaded, by its name in the storage."""
    form = preview_response.context["form"]
    uploaded = form.cleaned_data["import_file"]
    return client.post(
        admin_url(model, "process_import"),
        {
            "import_file_name": uploaded.tmp_storage_name,
            "original_file_name": uploaded.name,
            "format": form.cleaned_data["format"],
            "resource": "0",
        },
    )


def import_file(client, model, uploaded):
    """Preview then confirm: the response after the confirmation (a redirect)."""
    response = preview(client, model, uploaded)
    assert response.status_code == 200
    assert "confirm_form" in response.context, response.content.decode()
    return confirm(client, model, response)


def export(client, model, file_format, query=""):
    """« Exporter » from the changelist (with its filters, `query`): the file's bytes."""
    response = client.post(
        f"{admin_url(model, 'export')}{query}", {"format": FORMAT_INDEX[file_format]}
    )
    assert response.status_code == 200, response.content[:500]
    return response
