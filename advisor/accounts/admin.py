from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from advisor.accounts.models import (
    Firm,
    FirmMembership,
    MembershipInvitation,
    Organization,
    OrganizationMembership,
    PendingSignUp,
    User,
)


class FirmMembershipInline(admin.TabularInline):
    model = FirmMembership
    extra = 0
    autocomplete_fields = ["user"]


class OrganizationMembershipInline(admin.TabularInline):
    model = OrganizationMembership
    extra = 0
    autocomplete_fields = ["user"]


admin.site.register(User, UserAdmin)


@admin.register(Firm)
class FirmAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [FirmMembershipInline]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "firm", "created_at"]
    list_filter = ["firm"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganizationMembershipInline]


@admin.register(MembershipInvitation)
class MembershipInvitationAdmin(admin.ModelAdmin):
    """Who was asked to join which firm or organization, and what they answered."""

    list_display = [
        "user",
        "firm",
        "organization",
        "role",
        "invited_by",
        "created_at",
        "accepted_at",
        "declined_at",
    ]
    list_select_related = ["user", "firm", "organization", "invited_by"]
    search_fields = ["user__username"]
    readonly_fields = ["token"]


@admin.register(PendingSignUp)
class PendingSignUpAdmin(admin.ModelAdmin):
    """Sign-ups whose address is not confirmed yet (their accounts are inactive)."""

    list_display = ["user", "kind", "name", "created_at"]
    list_select_related = ["user"]
    search_fields = ["user__username", "name"]
