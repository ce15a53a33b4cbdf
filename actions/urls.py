from django.urls import path

from actions import views
from actions.views import bulk, importing, status_scale, timeline

app_name = "actions"

urlpatterns = [
    path("", views.ActionListView.as_view(), name="list"),
    path("mina/", views.MyActionListView.as_view(), name="mine"),
    path("export.xlsx", views.action_export, name="export"),
    path("ny/", views.ActionCreateView.as_view(), name="create"),
    path("<int:pk>/", views.ActionDetailView.as_view(), name="detail"),
    path("<int:pk>/andra/", views.ActionUpdateView.as_view(), name="update"),
    path("<int:pk>/logg/", views.action_update_add, name="add_update"),
    path("plan/<int:plan_pk>/tidslinje/", timeline.plan_timeline, name="timeline"),
    path("import/", importing.plan_import_start, name="import"),
    path("import/<int:pk>/", importing.plan_import_preview, name="import_preview"),
    path(
        "import/<int:pk>/importera/",
        importing.plan_import_confirm,
        name="import_confirm",
    ),
    path("import/<int:pk>/angra/", importing.plan_import_undo, name="import_undo"),
    path(
        "import/<int:pk>/kolumner/",
        importing.plan_import_columns,
        name="import_columns",
    ),
    path("import/<int:pk>/rader/", importing.plan_import_rows, name="import_rows"),
    path(
        "plan/<int:plan_pk>/importer/",
        importing.plan_import_list,
        name="import_list",
    ),
    path(
        "import/<int:pk>/kasta/", importing.plan_import_discard, name="import_discard"
    ),
    path(
        "statusskala/<int:kommun_pk>/",
        status_scale.status_scale_edit,
        name="status_scale",
    ),
    path(
        "statusskala/<int:kommun_pk>/exempel/",
        status_scale.status_scale_preset,
        name="status_scale_preset",
    ),
    path("uppdatera/", bulk.bulk_update_start, name="bulk_update"),
    path("uppdatera/<int:pk>/", bulk.bulk_update_preview, name="bulk_preview"),
    path("uppdatera/<int:pk>/spara/", bulk.bulk_update_confirm, name="bulk_confirm"),
    path("uppdatera/<int:pk>/kasta/", bulk.bulk_update_discard, name="bulk_discard"),
]
