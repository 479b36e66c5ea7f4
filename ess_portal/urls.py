from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from poles.views.documents import download_document
from poles.views.home import home

admin.site.site_header = "Portail des pôles ESS — administration"
admin.site.site_title = "Pôles ESS"
admin.site.index_title = "Données du réseau"

# 503 when the database cannot be reached, the French 500 page otherwise.
handler500 = "ess_portal.errors.server_error"

urlpatterns = [
    path("", home, name="home"),
    path("poles/", include("poles.urls")),
    path("territoires/", include("territories.urls")),
    path("acteurs/", include("poles.actor_urls")),
    path("financements/", include("poles.funding_urls")),
    path("documents/<int:pk>/telecharger/", download_document, name="document_download"),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
