from django.urls import path

from api import views

app_name = "api"

urlpatterns = [
    path("<int:kommun_pk>/", views.token_list, name="token_list"),
    path("<int:kommun_pk>/ny/", views.token_create, name="token_create"),
    path("nyckel/<int:pk>/aterkalla/", views.token_revoke, name="token_revoke"),
]
