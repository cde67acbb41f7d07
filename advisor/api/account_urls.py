from django.urls import path

from advisor.api import account

app_name = "account"
urlpatterns = [
    path("", account.account_home, name="home"),
    path("tokens/<int:token_id>/revoke/", account.token_revoke, name="token_revoke"),
]
