from django.urls import path

from reports import views
from reports.year_end import views as year_end

app_name = "reports"

urlpatterns = [
    path("", views.RoundListView.as_view(), name="round_list"),
    path("ny/", views.round_create, name="round_create"),
    path("mina/", views.my_reports, name="mine"),
    path("export/", views.round_export, name="round_export"),
    path("redovisningar/", views.ReportListView.as_view(), name="report_list"),
    path("redovisningar/export/", views.report_export, name="report_export"),
    path("<int:pk>/", views.RoundDetailView.as_view(), name="round_detail"),
    path("<int:pk>/andra/", views.RoundUpdateView.as_view(), name="round_update"),
    path("<int:pk>/stang/", views.round_close, name="round_close"),
    path("<int:pk>/oppna/", views.round_reopen, name="round_reopen"),
    path("redovisning/<int:pk>/", views.report_detail, name="report_detail"),
    path("redovisning/<int:pk>/spara/", views.report_save, name="report_save"),
    path("redovisning/<int:pk>/skicka-in/", views.report_submit, name="report_submit"),
    path("redovisning/<int:pk>/returnera/", views.report_return, name="report_return"),
    path("redovisning/<int:pk>/godkann/", views.report_approve, name="report_approve"),
    path("ks-rapport/", year_end.year_end_list, name="year_end_list"),
    path("ks-rapport/export/", year_end.year_end_export, name="year_end_export"),
    path(
        "ks-rapport/<int:kommun_pk>/<year:year>/",
        year_end.year_end_preview,
        name="year_end_preview",
    ),
    path(
        "ks-rapport/<int:kommun_pk>/<year:year>/generera/",
        year_end.year_end_generate,
        name="year_end_generate",
    ),
    path(
        "ks-rapport/<int:kommun_pk>/<year:year>/forsok-igen/",
        year_end.year_end_retry,
        name="year_end_retry",
    ),
    path(
        "ks-rapport/<int:kommun_pk>/<year:year>/faststall/",
        year_end.year_end_adopt,
        name="year_end_adopt",
    ),
    path(
        "ks-rapport/<int:kommun_pk>/<year:year>/status/",
        year_end.year_end_status,
        name="year_end_status",
    ),
    path(
        "ks-rapport/<int:kommun_pk>/<year:year>/kommunens-bedomning/",
        views.kommun_assessment,
        name="kommun_assessment",
    ),
    path(
        "ks-rapport/<int:kommun_pk>/<year:year>/pdf/",
        year_end.year_end_download,
        name="year_end_download",
    ),
    path(
        "ks-rapport/<int:kommun_pk>/<year:year>/nyckeltal.xlsx",
        year_end.year_end_figures,
        name="year_end_figures",
    ),
    path(
        "ks-rapport/<int:kommun_pk>/<year:year>/arkivpaket/",
        year_end.year_end_archive,
        name="year_end_archive",
    ),
]
