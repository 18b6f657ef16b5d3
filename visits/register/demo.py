"""Demo register for the invented municipality Ådala kommun: two mandate periods, four
committees, six parties in two blocs, 30 politicians and 15 units, two of which break
the balance rule so the admin panel has something to show. Idempotent."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from cms import roles
from cms.demo import child_page

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

# slug, name, kind, committee, manager title, address, manages (demo login enhetschef), contacts
U = Unit.Kind
UNITS = [
    ("forskolan-blabaret", "Förskolan Blåbäret", U.PRESCHOOL, "BUN", "förskolechef", "Bärstigen 4, Ådala", True, [0, 1]),
    ("forskolan-myrstacken", "Förskolan Myrstacken", U.PRESCHOOL, "BUN", "förskolechef", "Skogsvägen 12, Ådala", True, [6, 14]),
    ("forskolan-solrosen", "Förskolan Solrosen", U.PRESCHOOL, "BUN", "förskolechef", "Ängsgatan 3, Norrby", False, [10, 17]),
    ("forskolan-lillan", "Förskolan Lillån", U.PRESCHOOL, "BUN", "förskolechef", "Åvägen 7, Lillån", False, [3, 15]),
    ("backaskolan", "Backaskolan F–6", U.SCHOOL, "BUN", "rektor", "Skolbacken 1, Ådala", True, [0, 13, 21]),
    ("norrbyskolan", "Norrbyskolan F–9", U.SCHOOL, "BUN", "rektor", "Norrbyvägen 20, Norrby", False, [2, 1]),
    ("strandskolan", "Strandskolan 7–9", U.SCHOOL, "BUN", "rektor", "Strandvägen 33, Ådala", True, [7, 18]),
    # breaks the rule: only one contact politician
    ("lillans-skola", "Lillåns skola F–3", U.SCHOOL, "BUN", "rektor", "Byvägen 2, Lillån", False, [22]),
    ("adala-gymnasium", "Ådala gymnasium", U.UPPER_SECONDARY, "BUN", "rektor", "Gymnasiegatan 5, Ådala", False, [6, 21]),
    # breaks the rule: two contact politicians, both from the majority
    ("forskolan-ekorren", "Förskolan Ekorren", U.PRESCHOOL, "BUN", "förskolechef", "Granvägen 9, Norrby", False, [3, 10]),
    ("stadsbiblioteket", "Ådala stadsbibliotek", U.LIBRARY, "KFN", "bibliotekschef", "Torget 2, Ådala", False, [4, 16]),
    ("norrby-bibliotek", "Norrby bibliotek", U.LIBRARY, "KFN", "bibliotekschef", "Norrbyvägen 18, Norrby", False, [25, 23]),
    ("fritidsgarden-kompassen", "Fritidsgården Kompassen", U.YOUTH_CENTRE, "KFN", "fritidsledare", "Idrottsvägen 6, Ådala", False, [8, 19]),
    ("fritidsgarden-lyktan", "Fritidsgården Lyktan", U.YOUTH_CENTRE, "KFN", "fritidsledare", "Källvägen 1, Lillån", False, [4, 28]),
    ("kulturhuset-valvet", "Kulturhuset Valvet", U.CULTURE, "KFN", "kulturchef", "Storgatan 15, Ådala", False, [11, 16]),
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
                # Kultur- och fritidsnämnden's presidium visits every unit each year (seed 001): no balance rule.
                "balance_rule": short_name != "KFN",
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

    manager = users.get("enhetschef")
    for slug, name, kind, committee, title, address, managed, contacts in UNITS:
        unit, _ = Unit.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "committee": committees[committee],
                "manager_title": title,
                "address": address,
                "public_email": f"{slug}@adala.example.se",
                "manager": manager if managed else None,
            },
        )
        for index in contacts:
            for period in periods:
                ContactAssignment.objects.get_or_create(politician=politicians[index], unit=unit, period=period)

    ensure_directory_page(home)
    return {"periods": periods, "committees": committees, "politicians": politicians}
