from django.urls import path

from advisor.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("signup/", views.sign_up, name="sign_up"),
    path("signup/sent/", views.sign_up_sent, name="sign_up_sent"),
    path("signup/confirm/<str:uidb64>/<str:token>/", views.sign_up_confirm, name="sign_up_confirm"),
    path("join/<str:token>/", views.membership_invitation, name="membership_invitation"),
    path("firms/<slug:slug>/clients/", views.firm_add_client, name="firm_add_client"),
    path("firms/<slug:slug>/consultants/", views.firm_add_consultant, name="firm_add_consultant"),
    path("firms/<slug:slug>/branding/", views.firm_branding, name="firm_branding"),
    path("firms/<slug:slug>/logo.png", views.firm_logo, name="firm_logo"),
]
