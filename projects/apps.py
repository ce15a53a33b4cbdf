from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects and international cooperation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from intkommun import registry
        from intkommun import search as global_search
        from projects import key_figures_cache
        from projects.demo import load_demo
        from projects.search import (
            ACTIVITIES,
            APPLICATIONS,
            PARTNERS,
            PARTNERSHIPS,
            PROJECTS,
            TOWNS,
        )

        registry.register_navigation(
            registry.NavigationEntry(
                label=_("Projects"), url_name="projects:list", order=30
            )
        )
        registry.register_demo_loader(
            registry.DemoLoader(name="projekt", order=30, load=load_demo)
        )
        global_search.register(PROJECTS)
        global_search.register(PARTNERSHIPS)
        global_search.register(PARTNERS)
        global_search.register(TOWNS)
        global_search.register(ACTIVITIES)
        global_search.register(APPLICATIONS)
        key_figures_cache.connect()
