from django.urls import path

from public import views

app_name = "public"

urlpatterns = [
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("<int:kommun_pk>/", views.kommun, name="kommun"),
    path("<int:kommun_pk>/styrdokument/", views.documents, name="documents"),
    path("<int:kommun_pk>/handlingsplaner/", views.action_plans, name="action_plans"),
    path("<int:kommun_pk>/eu-projekt/", views.projects, name="projects"),
    path(
        "<int:kommun_pk>/vanorter-och-natverk/",
        views.partnerships,
        name="partnerships",
    ),
    path("<int:kommun_pk>/ks-rapporter/", views.year_end_reports, name="year_end_list"),
    path(
        "<int:kommun_pk>/ks-rapporter/<year:year>/pdf/",
        views.year_end_download,
        name="year_end_download",
    ),
]
