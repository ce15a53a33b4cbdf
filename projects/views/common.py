"""What several screens share: the kommun and year a page is about, list context."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest
from django.utils import timezone

from intkommun import permissions
from intkommun.models import Organisation
from intkommun.years import is_plausible_year
from projects.forms import KommunYearForm


@dataclass(frozen=True)
class KommunYear:
    kommun: Organisation
    year: int
    form: KommunYearForm
    several_kommuner: bool


def chosen_kommun_and_year(request: HttpRequest) -> KommunYear:
    """The kommun (?kommun=, else the user's first) and year (?year=, else this
    year) of a page of figures; another kommun's id is a 404 like everywhere."""
    kommuner = Organisation.objects.visible_to(request.user).kommuner().order_by("name")
    kommun_pk = request.GET.get("kommun", "")
    if kommun_pk:
        if not kommun_pk.isdigit():
            raise Http404
        kommun = permissions.get_visible_or_404(
            request.user, Organisation.objects.kommuner(), pk=int(kommun_pk)
        )
    else:
        kommun = kommuner.first()
        if kommun is None:
            raise Http404
    year = _year(request.GET.get("year", ""))
    form = KommunYearForm(initial={"kommun": kommun, "year": year}, kommuner=kommuner)
    return KommunYear(kommun, year, form, several_kommuner=len(kommuner) > 1)


def _year(text: str) -> int:
    if text.isdigit() and is_plausible_year(int(text)):
        return int(text)
    return timezone.localdate().year


def query_string_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()
