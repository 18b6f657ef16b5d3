"""Demo content for training: the 2027–2030 programme at /utbildning/ following the seeds'
pattern over four years, plus the past 2023–2026 programme with recordings and recorded
attendance. Runs after the register's demo; idempotent.

Who is responsible and who is invited, year by year (seed 003): in year 1 the council gives the
basics in February (for every elected official, and the heads of administration and committee
secretaries too), each committee trains its own members in March, and in the autumn the council
trains the presidiums in chairing and everyone in citizen dialogue while the executive board
covers management and finance, the employer role and discrimination; the executive board gives
the vision and goals in year 2, the world around in year 3 and follow-up in year 4."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms import roles
from cms.translations import originals
from visits.register.models import Committee, MandatePeriod, Politician

from .models import Audience, SignUp, TrainingProgrammePage, TrainingSession

ZONE = ZoneInfo("Europe/Stockholm")
S = TrainingSession.Status

CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:05.000
Välkomna till utbildningen för förtroendevalda i Ådala kommun.

00:00:05.000 --> 00:00:10.000
I dag går vi igenom hur kommunen styrs och vilka roller vi har.
"""


def at(day, start, end):
    return (
        datetime.datetime.combine(day, datetime.time(*start), ZONE),
        datetime.datetime.combine(day, datetime.time(*end), ZONE),
    )


# title, year, day, (start), (end), body, audience, committees, description, extra fields
CURRENT = [
    ("Introduktion för förvaltningschefer och nämndsekreterare", 1, datetime.date(2027, 1, 27), (13, 0), (16, 0), "KS",
     Audience.STAFF, [], "Hur förvaltningarna stödjer de nya nämnderna: ärendeberedning, sammanträdesplaner och "
     "grundprogrammet för de förtroendevalda.", {"location": "Kommunhuset, sammanträdesrum Forsen", "capacity": 20}),
    ("Grundutbildning för alla förtroendevalda", 1, datetime.date(2027, 2, 4), (9, 0), (16, 0), "KF", Audience.ALL, [],
     "Kommunallagen, förvaltningslagen och offentlighetsprincipen i praktiken.\nHur Ådala kommun styrs, "
     "vem som gör vad och vilka regler som gäller för arvoden och ersättningar.\n\nEfter lunch: kom igång "
     "med surfplattan och mötessystemet. Förvaltningschefer och nämndsekreterare är med hela dagen. "
     "Dagen filmas för den som inte kan komma.",
     {"location": "Kommunhuset, sessionssalen", "capacity": 60, "with_staff": True}),
    ("Introduktionsdag för nya förtroendevalda", 1, datetime.date(2027, 2, 13), None, None, "KS", Audience.NEW_MEMBERS, [],
     "En heldag för dig som är ny i politiken: rundvandring i kommunhuset, träff med kommundirektören "
     "och frågestund med erfarna förtroendevalda.", {"location": "Kommunhuset, entréplan"}),
    ("Nämndutbildning: Barn- och utbildningsnämnden", 1, datetime.date(2027, 3, 10), (17, 0), (20, 0), "BUN",
     Audience.COMMITTEES, ["BUN"], "Skollagen, nämndens ansvar som huvudman och hur det systematiska "
     "kvalitetsarbetet går till. Förvaltningen presenterar verksamheterna.",
     {"location": "Utbildningsförvaltningen, konferensrum Ån", "capacity": 30}),
    ("Nämndutbildning: Kultur- och fritidsnämnden", 1, datetime.date(2027, 3, 17), (17, 0), (20, 0), "KFN",
     Audience.COMMITTEES, ["KFN"], "Nämndens uppdrag, biblioteksplanen och föreningsbidragen.",
     {"location": "Kulturhuset Valvet", "online_url": "https://moten.adala.example.se/kfn-utbildning"}),
    ("Nämndutbildning: Kommunstyrelsen", 1, datetime.date(2027, 3, 31), (13, 0), (17, 0), "KS",
     Audience.COMMITTEES, ["KS"], "Styrelsens uppsiktsplikt, budgetprocessen och ekonomistyrning.",
     {"location": "Kommunhuset, sammanträdesrum Forsen"}),
    ("Ordförandeutbildning för presidier", 1, datetime.date(2027, 9, 22), (9, 0), (15, 0), "KF", Audience.PRESIDIUMS, [],
     "Att leda sammanträden, jäv, sekretess och presidiets roll i dialogen med förvaltningen.",
     {"location": "Kommunhuset, sammanträdesrum Forsen", "capacity": 12}),
    ("Verksamhets- och ekonomistyrning", 1, datetime.date(2027, 9, 29), (17, 0), (20, 0), "KS", Audience.ALL, [],
     "Mål, budget och uppföljning: hur fullmäktiges mål blir nämndernas planer och hur resultaten följs upp.",
     {"location": "Kommunhuset, sessionssalen", "with_staff": True}),
    ("Medborgardialog i praktiken", 1, datetime.date(2027, 10, 6), (18, 0), (20, 30), "KF", Audience.ALL, [],
     "Metoder för dialog med invånare, unga och föreningar, och hur resultatet tas om hand.",
     {"location": "Norrby bibliotek, hörsalen", "move_to": datetime.date(2027, 10, 20),
      "status_reason": "Flyttad två veckor eftersom lokalen behövdes för en krisövning."}),
    ("Arbetsgivarrollen och diskriminering", 1, datetime.date(2027, 11, 10), (13, 0), (16, 0), "KS", Audience.ALL, [],
     "Kommunen som arbetsgivare och diskrimineringslagens krav på förtroendevalda.",
     {"location": "Kommunhuset, sessionssalen",
      "cancel": "Inställd på grund av för få anmälda. Utbildningen ges i stället våren 2028."}),
    ("Visionen Ådala 2040 och fullmäktiges mål", 2, datetime.date(2028, 2, 16), (17, 30), (20, 30), "KS", Audience.ALL, [],
     "Genomgång av visionen och fullmäktiges mål, och hur nämnderna bryter ned dem i sina planer.",
     {"location": "Kommunhuset, sessionssalen"}),
    ("Omvärldsanalys: komplexa samhällsfrågor", 3, datetime.date(2029, 3, 14), (9, 0), (12, 0), "KS", Audience.ALL, [],
     "Befolkningsutveckling, klimatanpassning och kompetensförsörjning: vad betyder trenderna för Ådala?",
     {"online_url": "https://moten.adala.example.se/omvarldsanalys"}),
    ("Uppföljning och analys av mandatperioden", 4, datetime.date(2030, 4, 10), (17, 0), (20, 0), "KS", Audience.ALL, [],
     "Vad nådde vi, vad lärde vi oss och vad lämnar vi över till nästa mandatperiod?",
     {"location": "Kommunhuset, sessionssalen"}),
]

PAST = [
    ("Grundutbildning för förtroendevalda 2023", 1, datetime.date(2023, 2, 8), (9, 0), (16, 0), "KF", Audience.ALL, [],
     "Kommunallagen, förvaltningslagen och hur kommunen styrs.", {"location": "Kommunhuset, sessionssalen",
                                                                   "recording": "captions", "with_staff": True}),
    ("Visionen och fullmäktiges mål 2024", 2, datetime.date(2024, 2, 14), (17, 30), (20, 30), "KS", Audience.ALL, [],
     "Visionen och målen för mandatperioden.", {"location": "Kommunhuset, sessionssalen", "recording": "source"}),
    ("Omvärldsanalys 2025", 3, datetime.date(2025, 3, 12), (9, 0), (12, 0), "KS", Audience.ALL, [],
     "Trender som påverkar Ådala.", {"location": "Kommunhuset, sammanträdesrum Forsen", "recording": "source"}),
]


def ensure_programme(home, period, slug, title, show_in_menus, intro):
    page = originals(TrainingProgrammePage.objects.filter(period=period)).first()
    if page is None:
        page = home.add_child(
            instance=TrainingProgrammePage(title=title, slug=slug, period=period, show_in_menus=show_in_menus, intro=intro)
        )
    return page


def captions_document():
    Document = get_document_model()
    document = Document.objects.filter(title="Undertexter: grundutbildning 2023").first()
    if document is None:
        document = Document(title="Undertexter: grundutbildning 2023")
        document.file.save("grundutbildning-2023.vtt", ContentFile(CAPTIONS.encode()), save=False)
        document.save()
    return document


def publish(session, user):
    # Logged as the editor's work; the demo is built by the system, not limited by her role.
    session.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return TrainingSession.objects.get(pk=session.pk)


def ensure_session(programme, committees, row, editor=None):
    title, year, day, start, end, body, audience, audience_committees, description, extra = row
    existing = TrainingSession.objects.filter(programme=programme, title=title).first()
    if existing:
        return existing
    extra = dict(extra)
    move_to, cancel, recording = extra.pop("move_to", None), extra.pop("cancel", None), extra.pop("recording", None)
    reason = extra.pop("status_reason", "")
    if start is None:
        starts_at, ends_at = at(day, (0, 0), (0, 0))
    else:
        starts_at, ends_at = at(day, start, end)
    session = TrainingSession(
        programme=programme, title=title, programme_year=year, all_day=start is None, starts_at=starts_at,
        ends_at=ends_at, responsible_body=committees[body], audience=audience, description=description,
        signup_deadline=starts_at - datetime.timedelta(days=7), **extra,
    )
    if recording == "captions":
        session.recording_url = "https://video.adala.example.se/utbildning/grundutbildning-2023"
        session.recording_captions = captions_document()
    elif recording == "source":
        session.recording_url = f"https://video.adala.example.se/utbildning/{day:%Y-%m}"
        session.recording_captioned_at_source = True
    session.full_clean()
    session.save()
    session.audience_committees.set([committees[name] for name in audience_committees])
    session = publish(session, editor)
    if move_to:
        session.starts_at, session.ends_at = at(move_to, start, end)
        session.signup_deadline = session.starts_at - datetime.timedelta(days=7)
        session.status, session.status_reason = S.MOVED, reason
        session = publish(session, editor)
    if cancel:
        session.status, session.status_reason = S.CANCELLED, cancel
        session = publish(session, editor)
    return session


def ensure_permissions():
    codenames = ["add_trainingsession", "change_trainingsession", "delete_trainingsession", "publish_trainingsession"]
    session_perms = Permission.objects.filter(content_type__app_label="training", codename__in=codenames)
    signup_perms = Permission.objects.filter(content_type__app_label="training", codename__in=["view_signup", "change_signup"])
    for name in (roles.EDITORS, roles.SECRETARIES):
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.add(*session_perms)
            if name == roles.SECRETARIES:
                group.permissions.add(*signup_perms)


def build(home, users):
    ensure_permissions()
    committees = {c.short_name: c for c in Committee.objects.filter(short_name__in=["KF", "KS", "BUN", "KFN"])}
    current = MandatePeriod.objects.filter(starts_on=datetime.date(2027, 1, 1)).first()
    previous = MandatePeriod.objects.filter(starts_on=datetime.date(2023, 1, 1)).first()
    if current is None or len(committees) < 4:
        return None
    programme = ensure_programme(
        home, current, "utbildning", "Utbildning för förtroendevalda 2027–2030", True,
        "<p>Grundprogrammet för mandatperioden: gemensamma utbildningar för alla förtroendevalda, "
        "utbildningar i varje nämnd och för presidierna. Tillfällen som filmas finns att se i efterhand.</p>",
    )
    editor = users.get("redaktor")
    sessions = {row[0]: ensure_session(programme, committees, row, editor) for row in CURRENT}
    politician = Politician.objects.for_user(users.get("politiker"))
    politician2 = Politician.objects.for_user(users.get("politiker2"))
    for person, titles in (
        (politician, ["Grundutbildning för alla förtroendevalda", "Nämndutbildning: Barn- och utbildningsnämnden"]),
        (politician2, ["Grundutbildning för alla förtroendevalda", "Medborgardialog i praktiken"]),
    ):
        for title in titles if person else []:
            SignUp.objects.get_or_create(session=sessions[title], politician=person)
    for username, title in (("forvaltningschef", "Grundutbildning för alla förtroendevalda"),
                            ("namndsekreterare", "Introduktion för förvaltningschefer och nämndsekreterare")):
        if users.get(username):
            SignUp.objects.get_or_create(session=sessions[title], staff=users[username], politician=None)
    if previous is not None:
        old = ensure_programme(
            home, previous, "utbildning-2023-2026", "Utbildning för förtroendevalda 2023–2026", False,
            "<p>Förra mandatperiodens utbildningar. Inspelningarna finns kvar att se.</p>",
        )
        past = [ensure_session(old, committees, row, editor) for row in PAST]
        if users.get("forvaltningschef"):
            SignUp.objects.get_or_create(session=past[0], staff=users["forvaltningschef"], politician=None,
                                         defaults={"attended": True,
                                                   "queued_at": past[0].starts_at - datetime.timedelta(days=20)})
        for index, session in enumerate(past):
            for person in (politician, politician2):
                if person:
                    SignUp.objects.get_or_create(
                        session=session, politician=person,
                        defaults={"attended": index != 1 or person == politician2,
                                  "queued_at": session.starts_at - datetime.timedelta(days=20)},
                    )
    return programme
