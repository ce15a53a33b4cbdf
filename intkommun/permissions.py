"""The one place that decides who may see and edit what (DESIGN §3).

| role        | sees                      | edits                                             |
|-------------|---------------------------|---------------------------------------------------|
| coordinator | everything in the kommun  | everything in the kommun                          |
| reporter    | everything in the kommun  | objects whose responsible/owner organisation is   |
|             |                           | in the subtree of the reporter's organisation     |
| reader      | everything in the kommun  | nothing                                           |
| superuser   | every kommun              | everything                                        |

A model takes part by declaring ``access = Access(kommun=..., reporter_organisations=...)``
(lookups from the model to its kommun and to the organisations whose reporters may edit
it) and by using ``ScopedQuerySet``. Views fetch through ``visible_to`` / ``editable_by``
or the ``get_*_or_*`` helpers here, and never decide on their own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

if TYPE_CHECKING:
    from intkommun.models import Membership, Organisation

CACHE_ATTRIBUTE = "_intkommun_permission_cache"


@dataclass(frozen=True)
class Access:
    """How a model is scoped: lookups to its kommun and to its editing organisations."""

    kommun: str
    reporter_organisations: tuple[str, ...] = field(default_factory=tuple)
    # Extra condition a reporter's edit must also meet (e.g. a report still in draft).
    reporter_condition: Q | None = None
    # Lookups to the organisation an object belongs to when it is that organisation's
    # own work (an annual report): then a user who is only a reporter in the kommun
    # sees it only for their own organisations; coordinators and readers see all.
    private_to_organisations: tuple[str, ...] = field(default_factory=tuple)
    # What anyone may see of a kommun that publishes (issue 19): a condition on
    # the row (or a function giving one, for a rule that depends on today), or
    # the field to an object whose own rule decides. Neither: nothing is public.
    public: Q | Callable[[], Q] | None = None
    public_through: str = ""


@dataclass
class _UserScope:
    kommun_ids: set[int]
    coordinator_kommun_ids: set[int]
    reader_kommun_ids: set[int]
    reporter_organisation_ids: set[int]
    memberships: list[Membership]
    own_organisation_ids: set[int] | None = None


def _scope(user: Any) -> _UserScope:
    """Everything the rules need about a user, read once per request."""
    cached = getattr(user, CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    from intkommun.models import Membership, Organisation

    memberships = list(
        Membership.objects.filter(user=user, organisation__is_active=True)
        .select_related("organisation", "organisation__kommun")
        .order_by("organisation__kommun__name", "organisation__name")
    )
    reporter_roots = [
        m.organisation for m in memberships if m.role == Membership.Role.REPORTER
    ]
    scope = _UserScope(
        kommun_ids={m.organisation.kommun_id for m in memberships},
        coordinator_kommun_ids={
            m.organisation.kommun_id
            for m in memberships
            if m.role == Membership.Role.COORDINATOR
        },
        reader_kommun_ids={
            m.organisation.kommun_id
            for m in memberships
            if m.role == Membership.Role.READER
        },
        reporter_organisation_ids=subtree_ids(reporter_roots, Organisation),
        memberships=memberships,
    )
    setattr(user, CACHE_ATTRIBUTE, scope)
    return scope


def subtree_ids(roots: list[Organisation], organisation_model: Any = None) -> set[int]:
    """Ids of the given organisations and every organisation below them."""
    if not roots:
        return set()
    if organisation_model is None:
        from intkommun.models import Organisation as organisation_model
    children: dict[int, list[int]] = defaultdict(list)
    rows = organisation_model.objects.filter(
        kommun_id__in={root.kommun_id for root in roots}
    ).values_list("id", "parent_id")
    for organisation_id, parent_id in rows:
        children[parent_id].append(organisation_id)
    found, pending = set(), [root.pk for root in roots]
    while pending:
        current = pending.pop()
        if current not in found:
            found.add(current)
            pending.extend(children[current])
    return found


class KommunReader:
    """Who an API token acts as: a reader of one kommun and nothing more, seen by
    the rules here exactly as a user with that one role (``reader_of``)."""

    is_authenticated = True
    is_active = True
    is_superuser = False
    is_staff = False
    pk = None

    def __init__(self, kommun_id: int, kommun: Organisation | None = None) -> None:
        self.kommun_id = kommun_id
        self.kommun = kommun
        scope = _UserScope(
            kommun_ids={kommun_id},
            coordinator_kommun_ids=set(),
            reader_kommun_ids={kommun_id},
            reporter_organisation_ids=set(),
            memberships=[],
            own_organisation_ids=set(),
        )
        setattr(self, CACHE_ATTRIBUTE, scope)


def reader_of(kommun: Organisation) -> KommunReader:
    """Someone who sees what a reader of ``kommun`` sees, for the read-only API."""
    return KommunReader(kommun.kommun_id, kommun)


class PublicVisitor:
    """Who an API request without a token acts as (issue 19): anyone, reading the
    open data of one kommun that publishes. The rules here see it as not logged
    in, except that ``scope_visible`` gives it the kommun's public rows
    (``scope_public``), exactly what the public pages show."""

    is_authenticated = False
    is_active = True
    is_superuser = False
    is_staff = False
    pk = None

    def __init__(self, kommun: Organisation) -> None:
        self.kommun = kommun
        self.kommun_id = kommun.pk


def public_visitor_of(kommun_pk: int) -> PublicVisitor:
    """Anyone reading ``kommun_pk``'s open data: 404 unless that kommun publishes."""
    return PublicVisitor(publishing_kommun_or_404(kommun_pk))


def forget(user: Any) -> None:
    """Drop what was read about a user, after their memberships changed."""
    if hasattr(user, CACHE_ATTRIBUTE):
        delattr(user, CACHE_ATTRIBUTE)


def memberships(user: Any) -> list[Membership]:
    if not user.is_authenticated:
        return []
    return _scope(user).memberships


def own_organisation_ids(user: Any) -> set[int]:
    """The organisations a user belongs to, and every organisation below them."""
    if not user.is_authenticated:
        return set()
    scope = _scope(user)
    if scope.own_organisation_ids is None:
        roots = [m.organisation for m in scope.memberships]
        scope.own_organisation_ids = subtree_ids(roots)
    return scope.own_organisation_ids


def visible_kommun_ids(user: Any) -> set[int]:
    return set() if not user.is_authenticated else _scope(user).kommun_ids


def visible_kommun_ids_by_name(user: Any) -> list[int]:
    """The kommuner a user sees (``Organisation.objects.visible_to(user).kommuner()``)
    in the order of their names; from the memberships read for the request, but
    for a superuser, who sees every kommun."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        from intkommun.models import Organisation

        kommuner = Organisation.objects.kommuner().order_by("name")
        return list(kommuner.values_list("pk", flat=True))
    # The memberships are in the order of their kommuner's names.
    return list(
        dict.fromkeys(m.organisation.kommun_id for m in _scope(user).memberships)
    )


def is_coordinator(user: Any, kommun: Organisation) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or kommun.kommun_id in _scope(user).coordinator_kommun_ids


def is_coordinator_anywhere(user: Any) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(_scope(user).coordinator_kommun_ids)


def scope_visible(user: Any, queryset: models.QuerySet) -> models.QuerySet:
    if isinstance(user, PublicVisitor):
        return scope_public(queryset, user.kommun)
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    access: Access = queryset.model.access
    scope = _scope(user)
    visible = queryset.filter(**{f"{access.kommun}__in": scope.kommun_ids})
    if not access.private_to_organisations:
        return visible
    whole_kommun = scope.coordinator_kommun_ids | scope.reader_kommun_ids
    rule = Q(**{f"{access.kommun}__in": whole_kommun})
    own = own_organisation_ids(user)
    for lookup in access.private_to_organisations:
        rule |= Q(**{f"{lookup}__in": own})
    return visible.filter(rule)


def scope_editable(user: Any, queryset: models.QuerySet) -> models.QuerySet:
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    access: Access = queryset.model.access
    scope = _scope(user)
    rule = Q(**{f"{access.kommun}__in": scope.coordinator_kommun_ids})
    reporter_rule = Q()
    for lookup in access.reporter_organisations:
        reporter_rule |= Q(**{f"{lookup}__in": scope.reporter_organisation_ids})
    if access.reporter_organisations and scope.reporter_organisation_ids:
        if access.reporter_condition is not None:
            reporter_rule &= access.reporter_condition
        rule |= Q(**{f"{access.kommun}__in": scope.kommun_ids}) & reporter_rule
    # A subquery, so that lookups across many-to-many relations never repeat rows.
    # The base manager, so that removed rows can still be scoped (to be restored).
    matching = queryset.model._base_manager.filter(rule).values("pk")
    return queryset.filter(pk__in=matching)


def scope_removable(user: Any, queryset: models.QuerySet) -> models.QuerySet:
    """What a user may remove and restore: the coordinators' (and superusers')."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if user.is_superuser:
        return queryset
    access: Access = queryset.model.access
    kommuner = _scope(user).coordinator_kommun_ids
    return queryset.filter(**{f"{access.kommun}__in": kommuner})


def can_view(user: Any, obj: models.Model) -> bool:
    return scope_visible(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def can_edit(user: Any, obj: models.Model) -> bool:
    return scope_editable(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def kommun_id_of(obj: models.Model, known: dict | None = None) -> int | None:
    """The id of the kommun ``obj`` belongs to, by its model's ``access`` rule;
    None for a model without one, or an object that reaches no kommun.

    An object that reaches its kommun through another (an action through its
    plan) costs a query for that other object, read even if it was removed;
    ``known`` keeps the answers for objects asked about again."""
    access: Access | None = getattr(type(obj), "access", None)
    if access is None:
        return None
    first, _, rest = access.kommun.partition("__")
    field_ = obj._meta.get_field(first)
    value = getattr(obj, field_.attname)
    if not rest or value is None:
        return value
    parent = field_.related_model
    if known is not None and (parent, value) in known:
        return known[(parent, value)]
    kommun_id = (
        parent._base_manager.filter(pk=value).values_list(rest, flat=True).first()
    )
    if known is not None:
        known[(parent, value)] = kommun_id
    return kommun_id


def get_visible_or_404(user: Any, queryset: models.QuerySet, **lookup: Any) -> Any:
    """The object if the user may see it. Another kommun's object does not exist
    (404); another organisation's private object in the user's own kommun is
    forbidden (403)."""
    try:
        return scope_visible(user, queryset).get(**lookup)
    except queryset.model.DoesNotExist as error:
        if _in_own_kommun(user, queryset, lookup):
            raise PermissionDenied from error
        raise Http404 from error


def _in_own_kommun(user: Any, queryset: models.QuerySet, lookup: dict) -> bool:
    access: Access = queryset.model.access
    if not access.private_to_organisations or not user.is_authenticated:
        return False
    kommuner = {f"{access.kommun}__in": _scope(user).kommun_ids}
    return queryset.filter(**lookup, **kommuner).exists()


def get_editable_or_403(user: Any, queryset: models.QuerySet, **lookup: Any) -> Any:
    """The object if the user may edit it: 404 when unseen, 403 when only seen."""
    obj = get_visible_or_404(user, queryset, **lookup)
    if not can_edit(user, obj):
        raise PermissionDenied
    return obj


def get_removable_or_403(user: Any, queryset: models.QuerySet, **lookup: Any) -> Any:
    """The object if the user may remove or restore it: 404 when unseen, 403 when
    only seen."""
    obj = get_visible_or_404(user, queryset, **lookup)
    if not scope_removable(user, queryset.filter(pk=obj.pk)).exists():
        raise PermissionDenied
    return obj


def can_remove(user: Any, obj: models.Model) -> bool:
    return scope_removable(user, type(obj)._base_manager.filter(pk=obj.pk)).exists()


def require_coordinator(user: Any, kommun: Organisation) -> None:
    if not is_coordinator(user, kommun):
        raise PermissionDenied


def registrable_organisations(user: Any) -> models.QuerySet:
    """Organisations a user may register something new for (a project, an
    application): a coordinator every organisation of their kommun, a reporter
    their own organisation and those below it, a reader none."""
    from intkommun.models import Organisation

    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    candidates = Organisation.objects.filter(is_active=True).exclude(
        kind=Organisation.Kind.EXTERN
    )
    if not user.is_superuser:
        scope = _scope(user)
        candidates = candidates.filter(
            Q(kommun__in=scope.coordinator_kommun_ids)
            | Q(pk__in=scope.reporter_organisation_ids)
        )
    return candidates.order_by("kommun__name", "name")


def may_register(user: Any) -> bool:
    return registrable_organisations(user).exists()


def may_register_association(user: Any, kommun: Organisation) -> bool:
    """Associations (föreningar: external organisations) that apply to a kommun's
    fund are registered by its coordinator, never by a reporter."""
    return is_coordinator(user, kommun)


def fund_applicants(user: Any, kommun: Organisation) -> models.QuerySet:
    """Organisations a user may apply to a kommun's fund for: a reporter their own
    organisation and those below it; a coordinator every organisation of the
    kommun and the associations registered in it."""
    from intkommun.models import Organisation

    own = registrable_organisations(user).filter(kommun=kommun.kommun_id)
    rule = Q(pk__in=own.values("pk"))
    if may_register_association(user, kommun):
        rule |= Q(
            kommun=kommun.kommun_id, kind=Organisation.Kind.EXTERN, is_active=True
        )
    return Organisation.objects.filter(rule).order_by("name")


def coordinator_kommuner(user: Any) -> models.QuerySet:
    """The kommuner whose coordinator the user is (every kommun for a superuser)."""
    from intkommun.models import Organisation

    return Organisation.objects.editable_by(user).kommuner().order_by("name")


def coordinated_kommuner(user: Any) -> list[Organisation]:
    """``coordinator_kommuner`` as a list, from the memberships read for the
    request (a query only for a superuser, who coordinates every kommun)."""
    if not user.is_authenticated:
        return []
    if user.is_superuser:
        return list(coordinator_kommuner(user))
    from intkommun.models import Membership

    kommuner = {
        m.organisation.kommun_id: m.organisation.kommun
        for m in _scope(user).memberships
        if m.role == Membership.Role.COORDINATOR
    }
    return sorted(kommuner.values(), key=lambda kommun: (kommun.name, kommun.pk))


def require_coordinator_anywhere(user: Any) -> None:
    if not is_coordinator_anywhere(user):
        raise PermissionDenied


def scope_lockouts(user: Any, attempts: models.QuerySet) -> models.QuerySet:
    """The failed-login records a user may see and lift: a coordinator those of
    their kommuner's users, a superuser every one (unknown user names too)."""
    from intkommun.models import Membership

    if not user.is_authenticated or not user.is_active:
        return attempts.none()
    if user.is_superuser:
        return attempts
    members = Membership.objects.filter(
        organisation__kommun__in=_scope(user).coordinator_kommun_ids
    ).values("user__username")
    return attempts.filter(username__in=members)


# -- public pages: what a kommun that publishes shows anyone (issue 19) -------------


def publishing_kommuner() -> models.QuerySet:
    """The kommuner whose coordinator has published their public pages."""
    from intkommun.models import Organisation

    return Organisation.objects.kommuner().filter(
        publishes_publicly=True, is_active=True
    )


def publishing_kommun_or_404(kommun_pk: int) -> Organisation:
    """A kommun that publishes; any other (or none) does not exist for the public."""
    kommun = publishing_kommuner().filter(pk=kommun_pk).first()
    if kommun is None:
        raise Http404
    return kommun


def public_shows_names(kommun: Organisation) -> bool:
    """Whether the public pages may name people (who wrote progress, contacts)."""
    return kommun.publishes_publicly and kommun.public_shows_names


def scope_public(queryset: models.QuerySet, kommun: Organisation) -> models.QuerySet:
    """The rows of ``kommun`` its model declares public (``Access.public``), and
    only while the kommun publishes."""
    access: Access = queryset.model.access
    if not kommun.publishes_publicly:
        return queryset.none()
    if access.public_through:
        parent = queryset.model._meta.get_field(access.public_through).related_model
        public_parents = scope_public(parent._default_manager.all(), kommun)
        return queryset.filter(**{f"{access.public_through}__in": public_parents})
    if access.public is None:
        return queryset.none()
    rule = access.public() if callable(access.public) else access.public
    return queryset.filter(rule, **{access.kommun: kommun.pk})


class ScopedQuerySet(models.QuerySet):
    """QuerySet of a model with an ``access`` rule."""

    def public_in(self, kommun: Organisation) -> ScopedQuerySet:
        return scope_public(self, kommun)

    def visible_to(self, user: Any) -> ScopedQuerySet:
        return scope_visible(user, self)

    def editable_by(self, user: Any) -> ScopedQuerySet:
        return scope_editable(user, self)

    def removable_by(self, user: Any) -> ScopedQuerySet:
        return scope_removable(user, self)


# -- people: the users of a kommun, managed by its coordinator ------------------------


def people_kommun_ids(user: Any) -> set[int]:
    """The kommuner whose people (users and roles) ``user`` manages."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(coordinator_kommuner(user).values_list("pk", flat=True))


def people_in(user: Any, kommun: Organisation) -> models.QuerySet:
    """The users with a role in ``kommun``, for its coordinator (403 otherwise)."""
    from django.contrib.auth import get_user_model

    require_coordinator(user, kommun)
    members = get_user_model().objects.filter(memberships__organisation__kommun=kommun)
    return get_user_model().objects.filter(pk__in=members.values("pk"))


def get_person_or_404(user: Any, pk: int) -> Any:
    """A user with a role in a kommun ``user`` coordinates. A user of the kommun
    seen by someone who is not its coordinator is 403; anyone else does not
    exist (404)."""
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(
        memberships__organisation__kommun__in=people_kommun_ids(user)
    )
    person = get_user_model().objects.filter(pk__in=people.values("pk"), pk=pk).first()
    if person is not None:
        return person
    seen = get_user_model().objects.filter(
        pk=pk, memberships__organisation__kommun__in=visible_kommun_ids(user)
    )
    if seen.exists():
        raise PermissionDenied
    raise Http404


def managed_memberships(user: Any, person: Any) -> models.QuerySet:
    """``person``'s roles in the kommuner ``user`` coordinates."""
    return person.memberships.filter(
        organisation__kommun__in=people_kommun_ids(user)
    ).select_related("organisation", "organisation__kommun")


def may_manage_account(user: Any, person: Any) -> bool:
    """Whether ``user`` may change ``person``'s name, e-mail and whether they may
    log in: only when every role the person has is in a kommun ``user``
    coordinates, so that one kommun never locks out another's colleague."""
    if user.is_superuser:
        return True
    if person.is_superuser:
        return False
    kommuner = people_kommun_ids(user)
    roles = person.memberships.values_list("organisation__kommun_id", flat=True)
    return bool(kommuner) and set(roles) <= kommuner


def role_organisations(user: Any) -> models.QuerySet:
    """The organisations ``user`` may give roles in: the active organisations of the
    kommuner they coordinate (external parties have no users)."""
    from intkommun.models import Organisation

    return (
        Organisation.objects.filter(kommun__in=people_kommun_ids(user), is_active=True)
        .exclude(kind=Organisation.Kind.EXTERN)
        .select_related("kommun")
        .order_by("kommun__name", "name")
    )


def get_membership_or_404(user: Any, pk: int) -> Membership:
    """A role in a kommun ``user`` coordinates; one of the user's own kommun but
    not theirs to manage is 403, any other 404."""
    from intkommun.models import Membership

    memberships = Membership.objects.select_related("user", "organisation__kommun")
    found = memberships.filter(
        pk=pk, organisation__kommun__in=people_kommun_ids(user)
    ).first()
    if found is not None:
        return found
    if memberships.filter(
        pk=pk, organisation__kommun__in=visible_kommun_ids(user)
    ).exists():
        raise PermissionDenied
    raise Http404
