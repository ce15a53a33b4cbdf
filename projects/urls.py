from django.urls import path

from projects.views import figures, funds, partnerships, programmes, projects

app_name = "projects"

urlpatterns = [
    path("", projects.ProjectListView.as_view(), name="list"),
    path("export.xlsx", projects.project_export, name="export"),
    path("nytt/", projects.ProjectCreateView.as_view(), name="create"),
    path("<int:pk>/", projects.ProjectDetailView.as_view(), name="detail"),
    path("<int:pk>/andra/", projects.ProjectUpdateView.as_view(), name="update"),
    path("<int:pk>/partner/", projects.project_partners, name="partners"),
    path("ansokningar/", figures.applications_year, name="applications"),
    path("nyckeltal/", figures.key_figures_page, name="key_figures"),
    path("luckor/", figures.gaps_page, name="gaps"),
    path("program/", programmes.ProgrammeListView.as_view(), name="programme_list"),
    path(
        "program/nytt/",
        programmes.ProgrammeCreateView.as_view(),
        name="programme_create",
    ),
    path(
        "program/<int:pk>/andra/",
        programmes.ProgrammeUpdateView.as_view(),
        name="programme_update",
    ),
    path(
        "samarbeten/",
        partnerships.PartnershipListView.as_view(),
        name="partnership_list",
    ),
    path(
        "samarbeten/export.xlsx",
        partnerships.partnership_export,
        name="partnership_export",
    ),
    path(
        "samarbeten/nytt/",
        partnerships.PartnershipCreateView.as_view(),
        name="partnership_create",
    ),
    path(
        "samarbeten/aktiviteter/",
        partnerships.PartnershipActivityListView.as_view(),
        name="partnership_activity_list",
    ),
    path(
        "samarbeten/aktiviteter/export.xlsx",
        partnerships.partnership_activity_export,
        name="partnership_activity_export",
    ),
    path(
        "samarbeten/<int:pk>/",
        partnerships.PartnershipDetailView.as_view(),
        name="partnership_detail",
    ),
    path(
        "samarbeten/<int:pk>/andra/",
        partnerships.PartnershipUpdateView.as_view(),
        name="partnership_update",
    ),
    path(
        "samarbeten/<int:pk>/aktivitet/",
        partnerships.partnership_activity_add,
        name="partnership_activity_add",
    ),
    path(
        "samarbeten/aktivitet/<int:pk>/andra/",
        partnerships.PartnershipActivityUpdateView.as_view(),
        name="partnership_activity_update",
    ),
    path(
        "samarbeten/aktivitet/<int:pk>/ta-bort/",
        partnerships.partnership_activity_remove,
        name="partnership_activity_remove",
    ),
    path("fond/", funds.FundListView.as_view(), name="fund_list"),
    path("fond/ny/", funds.FundCreateView.as_view(), name="fund_create"),
    path("fond/<int:pk>/", funds.FundDetailView.as_view(), name="fund_detail"),
    path("fond/<int:pk>/andra/", funds.FundUpdateView.as_view(), name="fund_update"),
    path(
        "fond/<int:fund_pk>/oronmarkning/ny/",
        funds.AllocationCreateView.as_view(),
        name="allocation_create",
    ),
    path(
        "fond/oronmarkning/<int:pk>/andra/",
        funds.AllocationUpdateView.as_view(),
        name="allocation_update",
    ),
    path(
        "fond/<int:fund_pk>/utlysning/ny/",
        funds.FundCallCreateView.as_view(),
        name="call_create",
    ),
    path(
        "fond/utlysning/<int:pk>/andra/",
        funds.FundCallUpdateView.as_view(),
        name="call_update",
    ),
    path(
        "fond/<int:fund_pk>/forening/ny/",
        funds.AssociationCreateView.as_view(),
        name="association_create",
    ),
    path(
        "fond/ansokningar/",
        funds.ApplicationListView.as_view(),
        name="application_list",
    ),
    path(
        "fond/ansokningar/export.xlsx",
        funds.application_export,
        name="application_export",
    ),
    path(
        "fond/<int:fund_pk>/ansokan/ny/",
        funds.ApplicationCreateView.as_view(),
        name="application_create",
    ),
    path(
        "fond/ansokan/<int:pk>/",
        funds.ApplicationDetailView.as_view(),
        name="application_detail",
    ),
    path(
        "fond/ansokan/<int:pk>/andra/",
        funds.ApplicationUpdateView.as_view(),
        name="application_update",
    ),
    path(
        "fond/ansokan/<int:pk>/beslut/",
        funds.application_decide,
        name="application_decide",
    ),
    path(
        "fond/ansokan/<int:pk>/anvant/",
        funds.application_usage,
        name="application_usage",
    ),
    path(
        "fond/ansokan/<int:pk>/aterkalla/",
        funds.application_withdraw,
        name="application_withdraw",
    ),
]
