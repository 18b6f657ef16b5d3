"""The permission matrix: every URL of the URL configuration (outside Wagtail's own admin)
asked by every role, each answer compared with the table in permission_matrix.py, and no
report text, draft, calendar key or personal data in an answer to a role that may not see it.

One test per role against one demo municipality built for the module (cms/tests/conftest.py)."""

import io
import zipfile
from contextlib import nullcontext
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import FileField
from django.http import Http404
from django.template.base import Template
from django.test import RequestFactory
from django.views import static

from cms.private_files import PrivateStorage

from .matrix_demo import MARKERS, RESTRICTED_FILES, ROLES
from .permission_matrix import (
    ADMIN_LOGIN,
    ADMIN_URLS,
    ADMINISTRATION,
    DENIED,
    LOGIN,
    M1,
    NOT_REQUESTED,
    OUR_APPS,
    P1,
    P2,
    PUBLIC,
    REDIRECT,
    SECRETARY,
    admin_entry,
    admin_patterns,
    public_patterns,
)

ADMIN_ROLE = "admin"

# Who may see each planted marker anywhere on the site, and who must find it somewhere
# (so a marker that never renders cannot make the leak check pass).
MAY_SEE = {
    "report": {P1, P2, M1, SECRETARY, ADMIN_ROLE},  # the committee's politicians, the unit's manager, the administration
    "draft": {P1},  # its author only
    "feedback_text": {M1, SECRETARY, ADMIN_ROLE},  # the unit's manager and the administration
    "feedback_email": {M1, SECRETARY, ADMIN_ROLE},
    "private_email": {P2, SECRETARY, ADMIN_ROLE},  # no consent: the register's keepers (and Per himself)
    "private_phone": {P2, SECRETARY, ADMIN_ROLE},
    "attachment": {P1, P2, M1},  # the newsletter's recipients and the unit's manager
}
MUST_SEE = {
    "report": MAY_SEE["report"],
    "draft": {P1},
    "feedback_text": MAY_SEE["feedback_text"],
    "feedback_email": MAY_SEE["feedback_email"],
    "private_email": {SECRETARY, ADMIN_ROLE},
    "private_phone": {SECRETARY, ADMIN_ROLE},
    "attachment": MAY_SEE["attachment"],
}


# Answers under these paths, and every answer to a signed-in user, are `private, no-store`.
PRIVATE_PATHS = ("/mina-sidor/", "/rapporter/", "/admin/", "/kalender/")


def never_kept(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def answer_code(response):
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith("/logga-in/"):
            return LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        if location == "/admin/":
            return DENIED
        return REDIRECT
    return response.status_code


def body_text(response):
    """The text of any answer: HTML, CSV, iCalendar, a streamed file or the XML inside an XLSX."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            raw = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".xml"))
    return raw.decode("utf-8", errors="replace")


def all_cases(demo):
    """(pattern key, case) for every URL pattern; GETs first, since some POSTs change state."""
    cases = []
    for key in public_patterns():
        cases += [(key, case) for case in PUBLIC[key](demo)]
    for key in admin_patterns():
        entry = admin_entry(key)
        if entry is not NOT_REQUESTED:
            cases += [(key, case) for case in entry(demo)]
    return sorted(cases, key=lambda item: item[1].method != "get")


def test_every_url_pattern_has_a_decided_answer_for_every_role():
    """A new URL cannot be added without deciding who may use it."""
    missing = sorted(set(public_patterns()) - set(PUBLIC))
    undecided_admin = sorted(key for key in admin_patterns() if admin_entry(key) is None)
    stale = sorted((set(PUBLIC) - set(public_patterns())) | (set(ADMIN_URLS) - set(admin_patterns())))
    assert not missing, f"URL patterns without an entry in cms/tests/permission_matrix.py PUBLIC: {missing}"
    assert not undecided_admin, f"Admin URL patterns without an entry in permission_matrix.py: {undecided_admin}"
    assert not stale, f"Entries in permission_matrix.py for URL patterns that no longer exist: {stale}"


def test_every_case_names_every_role(demo):
    incomplete = [f"{key} {case.label}" for key, case in all_cases(demo) if set(case.expected) != set(ROLES)]
    assert not incomplete


@pytest.fixture
def uninstrumented_templates(monkeypatch):
    """Django's test setup copies the context of every template rendered, which makes the
    admin's many small templates slow; the matrix reads only the search page's context."""
    instrumented = Template._render

    def plain(self, context):  # Template._render before setup_test_environment()
        return self.nodelist.render(context)

    def render(case_key):
        monkeypatch.setattr(Template, "_render", instrumented if case_key == "search" else plain)

    return render


@pytest.mark.parametrize("role", ROLES)
def test_role_gets_the_expected_answer_and_nothing_it_may_not_see(role, demo, client, uninstrumented_templates):
    users = demo["users"]
    # Calendar keys and personal evaluation links: each only to its owner (and in the URL asked with it).
    tokens = {**{(owner, "calendar"): key for owner, key in demo["tokens"].items()},
              **{(owner, "evaluation"): key for owner, key in demo["evaluation_keys"].items()}}
    if role != "anonymous":
        client.force_login(users[role])
    may_see = {MARKERS[name] for name, roles in MAY_SEE.items() if role in roles}
    may_see |= {key for (owner, _kind), key in tokens.items() if owner == role}
    secrets_ = {MARKERS[name] for name in MAY_SEE} | set(tokens.values())
    wrong, leaks, kept, seen = [], [], [], set()
    for key, case in all_cases(demo):
        uninstrumented_templates(key)
        # A refused delete happens inside Django's atomic(savepoint=False): in production the
        # request's own outermost block rolls back; in the test's transaction a savepoint does.
        with transaction.atomic() if case.method == "post" else nullcontext():
            response = getattr(client, case.method)(case.url, case.data)
        got = answer_code(response)
        if got != case.expected[role]:
            wrong.append(f"{key} [{case.label}] {case.method.upper()} {case.url}: "
                         f"expected {case.expected[role]}, got {got}")
        if (role != "anonymous" or case.url.startswith(PRIVATE_PATHS)) and not never_kept(response):
            kept.append(f"{key} [{case.label}] {case.url}: Cache-Control {response.get('Cache-Control')!r}")
        text = body_text(response)
        if key == "search":
            # The search box repeats the query: a secret must find no page, and the echo is not a leak.
            query = case.url.partition("q=")[2]
            if query in secrets_ and response.context["results"]:
                leaks.append(f"search for {query!r} finds {[str(page) for page in response.context['results']]}")
            text = text.replace(query, "")
        for secret in secrets_:
            if secret in text:
                if secret in may_see:
                    seen.add(secret)
                else:
                    leaks.append(f"{key} [{case.label}] {case.url} shows {secret!r}")
    must = {MARKERS[name] for name, roles in MUST_SEE.items() if role in roles}
    must |= {key for (owner, _kind), key in tokens.items() if owner == role}
    assert not wrong, f"{role}: {len(wrong)} unexpected answers:\n" + "\n".join(wrong)
    assert not leaks, f"{role} sees what it may not:\n" + "\n".join(leaks)
    assert not kept, f"{role}: answers a browser or proxy may keep:\n" + "\n".join(kept)
    assert must <= seen, f"{role} never saw {sorted(must - seen)}: the leak check would prove nothing"


def test_sitemap_lists_live_public_pages_and_leaves_out_login_only_ones(demo, client):
    body = client.get("/sitemap.xml").content.decode()
    assert demo["public_page"].full_url in body
    assert "/enheter/" in body
    for hidden in (demo["restricted_page"], demo["report_form_page"], demo["questions_page"]):
        assert hidden.full_url not in body
    assert MARKERS["restricted_page"] not in body


def test_search_finds_public_pages_and_never_login_only_ones(demo, client):
    client.force_login(demo["users"][ADMINISTRATION[1]])
    found = client.get("/sok/", {"q": MARKERS["public_page"]}).context["results"]
    assert [page.pk for page in found] == [demo["public_page"].pk]
    assert not client.get("/sok/", {"q": MARKERS["restricted_page"]}).context["results"]


def test_files_of_restricted_records_lie_outside_the_public_media_folder(demo):
    """Every file field of our models is a restricted record's: its files are in PrivateStorage,
    outside MEDIA_ROOT under names nobody can guess, so nothing that serves media/ (Django's static
    view in development, a proxy's alias) can hand them out; only the checked views above do."""
    fields = {f"{model._meta.app_label}.{model.__name__}.{field.name}": field
              for model in apps.get_models() if model.__module__.startswith(OUR_APPS)
              for field in model._meta.get_fields() if isinstance(field, FileField)}
    assert set(fields) == set(RESTRICTED_FILES), "a new file field needs a decision in RESTRICTED_FILES"
    for key, obj_key in RESTRICTED_FILES.items():
        assert isinstance(fields[key].storage, PrivateStorage), key
        stored = getattr(demo[obj_key], fields[key].name)
        path = Path(stored.path).resolve()
        assert path.is_file() and Path(settings.MEDIA_ROOT).resolve() not in path.parents
        assert "brev" not in path.name  # the uploaded name (brev.pdf) is not kept
        for name in (stored.name, path.name, f"nyhetsbrev/{path.name}"):
            with pytest.raises(Http404):
                static.serve(RequestFactory().get("/"), name, document_root=settings.MEDIA_ROOT)
