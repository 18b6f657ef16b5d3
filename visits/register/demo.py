"""Demo register for the invented municipality Ådala kommun: two mandate periods, four
committees, six parties in two blocs, 30 politicians and 15 units, two of which break
the balance rule so the admin panel has something to show. Idempotent."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Page, Site

from cms import roles
from cms.demo import child_page

from .guide import ManagerGuideSettings
from .models import (
    Committee,
    ContactAssignment,
    MandatePeriod,
    Membership,
    Party,
    PartyBloc,
    Politician,
    Unit,
)
from .pages import UnitIndexPage

PERIODS = [
    ("2023–2026", datetime.date(2023, 1, 1), datetime.date(2026, 12, 31)),
    ("2027–2030", datetime.date(2027, 1, 1), datetime.date(2030, 12, 31)),
]

# abbreviation, name, bloc
PARTIES = [
    ("FÅ", "Framtid Ådala", PartyBloc.Bloc.MAJORITY),
    ("GD", "Gröna dalen", PartyBloc.Bloc.MAJORITY),
    ("LÅ", "Liberala Ådalingar", PartyBloc.Bloc.MAJORITY),
    ("SA", "Socialt ansvar", PartyBloc.Bloc.OPPOSITION),
    ("LL", "Landsbygdslistan", PartyBloc.Bloc.OPPOSITION),
    ("ÅV", "Ådalas väl", PartyBloc.Bloc.OPPOSITION),
]

# short name, slug, name, kind, routing
COMMITTEES = [
    ("KF", "kf", "Kommunfullmäktige", Committee.Kind.COUNCIL, Committee.Routing.DIRECT),
    ("KS", "ks", "Kommunstyrelsen", Committee.Kind.BOARD, Committee.Routing.DIRECT),
    ("BUN", "bun", "Barn- och utbildningsnämnden", Committee.Kind.COMMITTEE, Committee.Routing.DIRECT),
    ("KFN", "kfn", "Kultur- och fritidsnämnden", Committee.Kind.COMMITTEE, Committee.Routing.VIA_ADMINISTRATION),
]

# first name, last name, party; the two demo logins come first and get their user's names
POLITICIANS = [
    ("Paula", "Politiker", "FÅ"),
    ("Per", "Politiker", "SA"),
    ("Agneta", "Strömberg", "FÅ"),
    ("Bengt", "Åkerlund", "FÅ"),
    ("Cecilia", "Norrby", "FÅ"),
    ("Dragan", "Petrović", "FÅ"),
    ("Elin", "Forsmark", "GD"),
    ("Fredrik", "Hällström", "GD"),
    ("Gunilla", "Björkvall", "GD"),
    ("Hassan", "Yusuf", "GD"),
    ("Ingrid", "Lövgren", "LÅ"),
    ("Jonas", "Edvinsson", "LÅ"),
    ("Karin", "Sjödal", "LÅ"),
    ("Leila", "Karimi", "SA"),
    ("Magnus", "Östergren", "SA"),
    ("Nora", "Wikström", "SA"),
    ("Oskar", "Lindahl", "SA"),
    ("Pia", "Granqvist", "LL"),
    ("Rasmus", "Dalén", "LL"),
    ("Sofia", "Ekholm", "LL"),
    ("Tomas", "Bergsten", "LL"),
    ("Ulla", "Hedberg", "ÅV"),
    ("Viktor", "Nyström", "ÅV"),
    ("Yasmin", "Haddad", "ÅV"),
    ("Åsa", "Fältskog", "ÅV"),
    ("Anders", "Backman", "GD"),
    ("Birgitta", "Sandell", "LÅ"),
    ("Carl", "Ulfsson", "SA"),
    ("Daniela", "Rossi", "LL"),
    ("Emil", "Westerlund", "FÅ"),
]

# committee -> [(politician index, role)]
M = Membership.Role
MEMBERSHIPS = {
    "BUN": [
        (2, M.CHAIR), (0, M.FIRST_VICE_CHAIR), (13, M.SECOND_VICE_CHAIR), (1, M.MEMBER), (6, M.MEMBER),
        (10, M.MEMBER), (14, M.MEMBER), (17, M.MEMBER), (21, M.MEMBER), (3, M.SUBSTITUTE), (7, M.SUBSTITUTE),
        (15, M.SUBSTITUTE), (18, M.SUBSTITUTE), (22, M.SUBSTITUTE),
    ],
    "KFN": [
        (11, M.CHAIR), (19, M.FIRST_VICE_CHAIR), (8, M.SECOND_VICE_CHAIR), (4, M.MEMBER), (16, M.MEMBER),
        (23, M.MEMBER), (25, M.MEMBER), (28, M.MEMBER), (26, M.SUBSTITUTE), (27, M.SUBSTITUTE),
    ],
    "KS": [
        (5, M.CHAIR), (12, M.FIRST_VICE_CHAIR), (20, M.SECOND_VICE_CHAIR), (2, M.MEMBER), (14, M.MEMBER),
        (9, M.MEMBER), (24, M.MEMBER), (29, M.SUBSTITUTE),
    ],
    "KF": [
        (9, M.CHAIR), (24, M.FIRST_VICE_CHAIR), (29, M.SECOND_VICE_CHAIR), (5, M.MEMBER), (11, M.MEMBER),
        (12, M.MEMBER), (20, M.MEMBER), (16, M.MEMBER), (0, M.MEMBER), (1, M.MEMBER), (23, M.MEMBER),
        (27, M.SUBSTITUTE), (26, M.SUBSTITUTE),
    ],
}

# The demo login `enhetschef` manages four units (and a youth centre, see visits/requests/demo.py);
# two more managers have no login; six units have no manager, so their requests show the way
# through the head of administration or the committee secretaries.
DEMO_MANAGER = "enhetschef"
OTHER_MANAGERS = [("lena.lindqvist", "Lena", "Lindqvist"), ("sara.nilsson", "Sara", "Nilsson")]
GUIDE_SLUG = "sa-tar-du-emot-kontaktpolitiker"
# BUN's chair and second vice chair (Paula, the first vice chair, is the demo login `politiker`).
PRESIDIUM_WITH_ACCOUNTS = (2, 13)

# slug, name, kind, committee, manager title, address, manager (username), contacts
U = Unit.Kind
UNITS = [
    ("forskolan-blabaret", "Förskolan Blåbäret", U.PRESCHOOL, "BUN", "förskolechef", "Bärstigen 4, Ådala", DEMO_MANAGER, [0, 1]),
    ("forskolan-myrstacken", "Förskolan Myrstacken", U.PRESCHOOL, "BUN", "förskolechef", "Skogsvägen 12, Ådala", DEMO_MANAGER, [6, 14]),
    ("forskolan-solrosen", "Förskolan Solrosen", U.PRESCHOOL, "BUN", "förskolechef", "Ängsgatan 3, Norrby", "sara.nilsson", [10, 17]),
    ("forskolan-lillan", "Förskolan Lillån", U.PRESCHOOL, "BUN", "förskolechef", "Åvägen 7, Lillån", None, [3, 15]),
    ("backaskolan", "Backaskolan F–6", U.SCHOOL, "BUN", "rektor", "Skolbacken 1, Ådala", DEMO_MANAGER, [0, 13, 21]),
    ("norrbyskolan", "Norrbyskolan F–9", U.SCHOOL, "BUN", "rektor", "Norrbyvägen 20, Norrby", "lena.lindqvist", [2, 1]),
    ("strandskolan", "Strandskolan 7–9", U.SCHOOL, "BUN", "rektor", "Strandvägen 33, Ådala", DEMO_MANAGER, [7, 18]),
    # breaks the rule: only one contact politician
    ("lillans-skola", "Lillåns skola F–3", U.SCHOOL, "BUN", "rektor", "Byvägen 2, Lillån", None, [22]),
    ("adala-gymnasium", "Ådala gymnasium", U.UPPER_SECONDARY, "BUN", "rektor", "Gymnasiegatan 5, Ådala", "lena.lindqvist", [6, 21]),
    # breaks the rule: two contact politicians, both from the majority
    ("forskolan-ekorren", "Förskolan Ekorren", U.PRESCHOOL, "BUN", "förskolechef", "Granvägen 9, Norrby", "sara.nilsson", [3, 10]),
    ("stadsbiblioteket", "Ådala stadsbibliotek", U.LIBRARY, "KFN", "bibliotekschef", "Torget 2, Ådala", None, [4, 16]),
    ("norrby-bibliotek", "Norrby bibliotek", U.LIBRARY, "KFN", "bibliotekschef", "Norrbyvägen 18, Norrby", None, [25, 23]),
    ("fritidsgarden-kompassen", "Fritidsgården Kompassen", U.YOUTH_CENTRE, "KFN", "fritidsledare", "Idrottsvägen 6, Ådala", None, [8, 19]),
    ("fritidsgarden-lyktan", "Fritidsgården Lyktan", U.YOUTH_CENTRE, "KFN", "fritidsledare", "Källvägen 1, Lillån", None, [4, 28]),
    ("kulturhuset-valvet", "Kulturhuset Valvet", U.CULTURE, "KFN", "kulturchef", "Storgatan 15, Ådala", None, [11, 16]),
]

CONSENT_DAY = datetime.date(2023, 2, 1)


def slugify_name(first, last):
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ć": "c", "Å": "a", "Ä": "a", "Ö": "o"})
    return f"{first}-{last}".lower().translate(table)


def ensure_directory_page(home):
    return child_page(
        home,
        UnitIndexPage,
        "enheter",
        title="Enheter och kontaktpolitiker",
        show_in_menus=True,
        search_description="Hitta din förskola, skola, fritidsgård eller ditt bibliotek och se "
        "vilka politiker som är kontaktpolitiker där.",
        intro="<p>Varje enhet har kontaktpolitiker från nämnden som ansvarar för den, "
        "helst en från majoriteten och en från oppositionen.</p>",
    )


def grant_register_permissions():
    """Committee secretaries keep the register in the admin."""
    group, _ = Group.objects.get_or_create(name=roles.SECRETARIES)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="visits"))


@transaction.atomic
def build(home, users):
    grant_register_permissions()
    periods = []
    for name, starts_on, ends_on in PERIODS:
        period, _ = MandatePeriod.objects.get_or_create(name=name, defaults={"starts_on": starts_on, "ends_on": ends_on})
        periods.append(period)

    parties = {}
    for abbreviation, name, bloc in PARTIES:
        party, _ = Party.objects.get_or_create(abbreviation=abbreviation, defaults={"name": name})
        parties[abbreviation] = party
        for period in periods:
            PartyBloc.objects.get_or_create(party=party, period=period, defaults={"bloc": bloc})

    committees = {}
    for short_name, slug, name, kind, routing in COMMITTEES:
        committee, _ = Committee.objects.get_or_create(
            slug=slug,
            defaults={
                "short_name": short_name,
                "name": name,
                "kind": kind,
                "visit_routing": routing,
                "registry_email": f"registrator.{slug}@adala.example.se",
                "head_of_administration": users.get("forvaltningschef")
                if routing == Committee.Routing.VIA_ADMINISTRATION
                else None,
            },
        )
        committees[short_name] = committee

    politicians = []
    for index, (first, last, party) in enumerate(POLITICIANS):
        slug = slugify_name(first, last)
        defaults = {"first_name": first, "last_name": last, "party": parties[party]}
        if index % 3 == 0 and index != 1:
            # Some have consented to publishing their work e-mail and phone; the demo
            # login `politiker2` (index 1) has not, so the page shows that case too.
            defaults.update(
                email=f"{slug}@politik.adala.example.se",
                phone=f"0123-45 {61 + index:02d} 00",
                email_consent_on=CONSENT_DAY,
                phone_consent_on=CONSENT_DAY,
            )
        elif index == 1:
            defaults.update(email=f"{slug}@politik.adala.example.se", phone="0123-45 62 10")
        politician, _ = Politician.objects.get_or_create(slug=slug, defaults=defaults)
        politicians.append(politician)
    for index, username in ((0, "politiker"), (1, "politiker2")):
        user = users.get(username)
        if user is not None and politicians[index].user_id is None:
            politicians[index].user = user
            politicians[index].save(update_fields=["user"])
    presidium_accounts(politicians)

    # The demo's politicians were re-elected in 2026: the register carries both periods, so the
    # live demo keeps its contact politicians when 2027 begins.
    for period in periods:
        for short_name, rows in MEMBERSHIPS.items():
            for index, role in rows:
                Membership.objects.get_or_create(
                    politician=politicians[index],
                    committee=committees[short_name],
                    period=period,
                    defaults={"role": role, "starts_on": period.starts_on, "ends_on": period.ends_on},
                )

    managers = {DEMO_MANAGER: users.get(DEMO_MANAGER), **ensure_other_managers()}
    for slug, name, kind, committee, title, address, manager, contacts in UNITS:
        unit, _ = Unit.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "committee": committees[committee],
                "manager_title": title,
                "address": address,
                "public_email": f"{slug}@adala.example.se",
                "manager": managers.get(manager),
            },
        )
        for index in contacts:
            for period in periods:
                ContactAssignment.objects.get_or_create(politician=politicians[index], unit=unit, period=period)

    ensure_directory_page(home)
    link_manager_guide()
    return {"periods": periods, "committees": committees, "politicians": politicians}


def presidium_accounts(politicians):
    """Accounts without a demo login for the rest of BUN's presidium, so the demo's history of
    their presidium visits names who acted."""
    User = get_user_model()
    group = Group.objects.filter(name=roles.POLITICIANS).first()
    for index in PRESIDIUM_WITH_ACCOUNTS:
        politician = politicians[index]
        if politician.user_id is not None:
            continue
        username = slugify_name(politician.first_name, politician.last_name).replace("-", ".")
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": politician.first_name, "last_name": politician.last_name,
                      "email": f"{username}@politik.adala.example.se"},
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if group is not None:
            user.groups.add(group)
        politician.user = user
        politician.save(update_fields=["user"])


def ensure_other_managers():
    """Managers without a demo login (no usable password): they exist to be named and mailed."""
    User = get_user_model()
    group = Group.objects.filter(name=roles.UNIT_MANAGERS).first()
    managers = {}
    for username, first, last in OTHER_MANAGERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last, "email": f"{username}@adala.example.se"}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if group is not None:
            user.groups.add(group)
        managers[username] = user
    return managers


def link_manager_guide():
    """The editors' guide for managers (a standard page the site's demo writes) in the setting
    that mails and Mina sidor read; found by its address, as visits never imports home."""
    site = Site.objects.filter(is_default_site=True).first()
    page = Page.objects.filter(slug=GUIDE_SLUG).first()
    if site is None or page is None:
        return
    guide = ManagerGuideSettings.for_site(site)
    if guide.manager_guide_id is None:
        guide.manager_guide = page
        guide.save()
