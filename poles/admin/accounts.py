"""Accounts, as the CRES manages them: it creates the pole coordinators' accounts, puts them in
their group and links them to their poles — without the superuser's powers.

A CRES member (not superuser) cannot make anyone superuser, give permissions one by one, nor
change a superuser's account or password; the roles are the groups (poles/roles.py)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from poles.models import Pole

User = get_user_model()


class CoordinatedPolesInline(admin.TabularInline):
    model = Pole.coordinators.through
    add_label = "Ajouter un pôle coordonné"
    extra = 0
    autocomplete_fields = ["pole"]
    verbose_name = "pôle coordonné"
    verbose_name_plural = "pôles coordonnés (pour le groupe « Coordinateur de pôle »)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("pole")


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    inlines = [CoordinatedPolesInline]
    superuser_only_fields = ["is_superuser", "user_permissions"]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return readonly
        return readonly + self.superuser_only_fields

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)
