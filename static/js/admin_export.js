// The export page's « Tout sélectionner » box (templates/admin/import_export/export.html):
// django-import-export wires it with an inline onchange attribute, which the
// Content-Security-Policy forbids; the same behaviour, bound here.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", () => {
      document
        .querySelectorAll('.selectable-field-export-row input[type="checkbox"]')
        .forEach((checkbox) => {
          checkbox.checked = toggle.checked;
        });
    });
  });
});
