from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.http import Http404
from django.urls import include, path
from django.views.static import serve

admin.site.site_header = "Portail des pôles ESS — administration"
admin.site.site_title = "Pôles ESS"
admin.site.index_title = "Données du réseau"

# 503 when the database cannot be reached, the French 500 page otherwise.
handler500 = "ess_portal.errors.server_error"

urlpatterns = [
    path("", include("www.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]


def serve_media(request, path, document_root):
    """Django's debug file server, where a name the system refuses (longer than 255 bytes)
    is a missing file, not a 500."""
    try:
        return serve(request, path, document_root=document_root)
    except OSError as error:
        raise Http404("Ce fichier n'existe pas.") from error


if settings.DEBUG:  # production serves documents through document_download only
    urlpatterns += static(settings.MEDIA_URL, serve_media, document_root=settings.MEDIA_ROOT)
