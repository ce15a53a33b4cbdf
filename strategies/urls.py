from django.urls import path

from strategies.views import document_types, documents, goals, indicators

app_name = "strategies"

urlpatterns = [
    path("", documents.StrategyListView.as_view(), name="list"),
    path("export/", documents.strategy_export, name="export"),
    path("mal/", goals.GoalListView.as_view(), name="goal_list"),
    path("mal/export/", goals.goal_export, name="goal_export"),
    path(
        "omprovning/", documents.StrategyReviewListView.as_view(), name="due_for_review"
    ),
    path("ny/", documents.StrategyCreateView.as_view(), name="create"),
    path("<int:pk>/", documents.StrategyDetailView.as_view(), name="detail"),
    path("<int:pk>/andra/", documents.StrategyUpdateView.as_view(), name="update"),
    path("<int:pk>/ta-bort/", documents.StrategyDeleteView.as_view(), name="delete"),
    path("<int:pk>/dokument/", documents.strategy_document, name="document"),
    path(
        "mal/<int:goal_pk>/indikatorer/ny/",
        indicators.IndicatorCreateView.as_view(),
        name="indicator_create",
    ),
    path(
        "indikatorer/<int:pk>/",
        indicators.IndicatorDetailView.as_view(),
        name="indicator_detail",
    ),
    path(
        "indikatorer/<int:pk>/andra/",
        indicators.IndicatorUpdateView.as_view(),
        name="indicator_update",
    ),
    path(
        "indikatorer/<int:pk>/ta-bort/",
        indicators.IndicatorDeleteView.as_view(),
        name="indicator_delete",
    ),
    path(
        "indikatorer/<int:pk>/varden/",
        indicators.indicator_values,
        name="indicator_values",
    ),
    path(
        "dokumenttyper/", document_types.document_type_list, name="document_type_list"
    ),
    path(
        "dokumenttyper/ny/",
        document_types.DocumentTypeCreateView.as_view(),
        name="document_type_create",
    ),
    path(
        "dokumenttyper/egen-lista/",
        document_types.document_types_customise,
        name="document_types_customise",
    ),
    path(
        "dokumenttyper/<int:pk>/andra/",
        document_types.DocumentTypeUpdateView.as_view(),
        name="document_type_update",
    ),
    path(
        "dokumenttyper/<int:pk>/flytta/",
        document_types.document_type_move,
        name="document_type_move",
    ),
]
