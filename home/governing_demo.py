"""Demo styrdokument for Ådala kommun: the contact politician guidelines (replacing an older
version), the training programme decision, the policy on roles and visits (whose yearly follow-up
links to the evaluation page), the moderation workflow and the editors' rights.
Idempotent: existing pages, tasks and permissions are left as they are."""

import datetime

from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from cms import roles
from cms.demo import child_page

from .models import GoverningDocumentDecision, GoverningDocumentIndexPage, GoverningDocumentPage, GoverningDocumentType

WORKFLOW_NAME = "Styrdokument: nämndsekreteraren granskar"
TASK_NAME = "Granskning av nämndsekreterare"


def committee(short_name):
    from visits.register.models import Committee

    try:
        return Committee.objects.get(short_name=short_name)
    except Committee.DoesNotExist:
        raise LookupError(
            f"Nämnden {short_name} saknas i registret: visits.demo.build måste skapa den före styrdokumenten."
        ) from None


def ensure_index(home):
    return child_page(
        home,
        GoverningDocumentIndexPage,
        "styrdokument",
        title="Styrdokument",
        show_in_menus=True,
        search_description="Policyer, riktlinjer, reglementen och program som gäller i Ådala kommun.",
        intro="Här finns de styrdokument som styr kontaktpolitikernas uppdrag och utbildningen av "
        "förtroendevalda. Du ser vilket organ som antog dem, när de gäller och vad som ersatt vad.",
    )


def ensure_moderation(index):
    """A communicator (Redaktörer) submits; the committee secretary (Nämndsekreterare) approves."""
    editors = Group.objects.get(name=roles.EDITORS)
    secretaries = Group.objects.get(name=roles.SECRETARIES)
    page_permission = {
        codename: Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        for codename in ("add_page", "change_page", "publish_page")
    }
    for group, codenames in ((editors, ["add_page", "change_page"]), (secretaries, ["add_page", "change_page", "publish_page"])):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(group=group, page=index, permission=page_permission[codename])

    task, _ = GroupApprovalTask.objects.get_or_create(name=TASK_NAME)
    task.groups.set([secretaries])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def publish(index, page, decisions, users):
    for decision in decisions:
        page.decisions.add(GoverningDocumentDecision(**decision))
    index.add_child(instance=page)
    revision = page.save_revision(user=users.get("redaktor"))
    revision.publish(user=users.get("namndsekreterare"))
    return page


def document(index, slug):
    return GoverningDocumentPage.objects.child_of(index).filter(slug=slug).first()


GUIDELINES_BODY = [
    {"type": "heading", "value": {"text": "Syfte", "level": "h2"}},
    {
        "type": "paragraph",
        "value": "<p>Barn- och utbildningsnämnden vill veta hur det är att gå i förskola och skola i Ådala. "
        "Kontaktpolitikerna ger nämnden en egen bild av verksamheten, som komplement till rapporter och "
        "uppföljningar från förvaltningen.</p>",
    },
    {"type": "heading", "value": {"text": "Uppdraget", "level": "h2"}},
    {
        "type": "paragraph",
        "value": "<ul><li>Varje enhet har minst två kontaktpolitiker, en från majoriteten och en från oppositionen.</li>"
        "<li>Kontaktpolitikern besöker enheten en eller två gånger per år, ungefär tre timmar per besök.</li>"
        "<li>Kontaktpolitikern företräder hela nämnden, fattar inga beslut och lovar ingenting.</li></ul>",
    },
    {"type": "heading", "value": {"text": "Besöket", "level": "h2"}},
    {
        "type": "paragraph",
        "value": "<p>Kontaktpolitikern bokar besöket med enhetschefen, som planerar det så att den ordinarie "
        "verksamheten går först. Frågor kan skickas i förväg.<sup>1</sup></p>",
    },
    {
        "type": "table",
        "value": {
            "caption": "Vem gör vad vid ett besök",
            "header": ["Steg", "Ansvarig"],
            "rows": [
                {"cells": ["Förfrågan om besök", "Kontaktpolitikern"]},
                {"cells": ["Beslut om tid och upplägg", "Enhetschefen"]},
                {"cells": ["Rapport till nämnden och enhetschefen", "Kontaktpolitikern"]},
                {"cells": ["Sammanställning i det systematiska kvalitetsarbetet", "Förvaltningen"]},
            ],
        },
    },
    {"type": "heading", "value": {"text": "Ersättning", "level": "h2"}},
    {
        "type": "paragraph",
        "value": "<p>Arvode betalas för högst två besök om högst tre timmar per enhet och kalenderår.</p>",
    },
    {"type": "footnotes", "value": {"notes": ["<p>Frågorna skickas via Mina sidor och når enhetschefen direkt.</p>"]}},
]

TRAINING_BODY = [
    {"type": "heading", "value": {"text": "Beslut", "level": "h2"}},
    {
        "type": "paragraph",
        "value": "<p>Kommunfullmäktige beslutar att alla förtroendevalda erbjuds ett grundprogram som sträcker sig "
        "över hela mandatperioden.</p>",
    },
    {"type": "heading", "value": {"text": "Programmets delar", "level": "h2"}},
    {
        "type": "table",
        "value": {
            "caption": "Grundprogrammet år för år",
            "header": ["År", "Innehåll", "Ansvarig", "För vem"],
            "rows": [
                {"cells": ["1, februari", "Kommunallagen, förvaltningsrätt, roller och arvoden", "Kommunfullmäktige",
                           "Alla förtroendevalda, förvaltningschefer och nämndsekreterare"]},
                {"cells": ["1, mars", "Utbildning inom nämndens område", "Varje nämnd", "Nämndens ledamöter"]},
                {"cells": ["1, hösten", "Ordförandeskapet och medborgardialog", "Kommunfullmäktige",
                           "Presidierna, och alla för medborgardialogen"]},
                {"cells": ["1, hösten", "Styrning och ekonomi, arbetsgivarrollen, diskriminering", "Kommunstyrelsen",
                           "Alla förtroendevalda"]},
                {"cells": ["2", "Visionen och fullmäktiges mål", "Kommunstyrelsen", "Alla förtroendevalda"]},
                {"cells": ["3", "Omvärldsanalys", "Kommunstyrelsen", "Alla förtroendevalda"]},
                {"cells": ["4", "Uppföljning och analys", "Kommunstyrelsen", "Alla förtroendevalda"]},
            ],
        },
    },
    {
        "type": "paragraph",
        "value": "<p>Utbildningarna spelas in och publiceras för förtroendevalda, så att den som missat ett tillfälle "
        "eller tillträder senare kan ta del av dem.</p>",
    },
]


def policy_body(evaluation_page_id):
    """The policy on roles and visits; its yearly follow-up links to the evaluation page when there is one."""
    evaluation = (f'<a linktype="page" id="{evaluation_page_id}">den årliga utvärderingen av kontaktpolitikerna</a>'
                  if evaluation_page_id else "den årliga utvärderingen av kontaktpolitikerna")
    return [
        {"type": "heading", "value": {"text": "Roller", "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>De förtroendevalda styr genom mål och ekonomiska ramar och genom att följa upp resultaten. "
            "De arbetar genom kommundirektören och förvaltningscheferna och leder inte verksamheterna i vardagen. "
            "Tjänstepersonerna ger underlag, genomför besluten och redovisar hur det går.</p>",
        },
        {"type": "heading", "value": {"text": "Besök i verksamheterna", "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<ul><li>Den förtroendevalda anmäler önskemål om besök till kommundirektören eller "
            "förvaltningschefen, som tar kontakt med den ansvariga chefen.</li>"
            "<li>Chefen bestämmer om och när besöket kan göras, sätter det ordinarie arbetet först och kan säga nej.</li>"
            "<li>Besöket får inte inkräkta på integriteten för dem som bor, vistas eller arbetar där, och alla "
            "önskemål behandlas lika.</li>"
            "<li>Frågor kan gärna skickas i förväg så att verksamheten kan förbereda svar.</li></ul>",
        },
        {"type": "heading", "value": {"text": "Uppföljning", "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>Nämnderna och kommunstyrelsen följer upp policyn varje år, och kommunstyrelsen redovisar "
            f"uppföljningen för fullmäktige. Kontaktpolitikernas och enhetschefernas svar i {evaluation} är en del "
            "av underlaget.</p>",
        },
    ]


def build(home, users):
    kf, ks, bun = committee("KF"), committee("KS"), committee("BUN")
    committee("KFN")  # the register's fourth committee; its absence means the register demo broke
    index = ensure_index(home)
    ensure_moderation(index)
    guideline = GoverningDocumentType.objects.get(slug="riktlinje")
    programme = GoverningDocumentType.objects.get(slug="program")
    owner = {"owner_role": "Nämndsekreterare, barn- och utbildningsförvaltningen", "owner_email": "bun.kansli@adala.example.se"}

    old = document(index, "riktlinjer-for-kontaktpolitiker-2019") or publish(
        index,
        GoverningDocumentPage(
            title="Riktlinjer för kontaktpolitiker 2019",
            slug="riktlinjer-for-kontaktpolitiker-2019",
            document_type=guideline,
            summary="Den tidigare versionen av riktlinjerna, med en kontaktpolitiker per enhet.",
            diary_number="BUN 2019/64",
            created_by_name="Maria Holm",
            created_by_title="nämndsekreterare",
            created_on=datetime.date(2019, 2, 4),
            adopted_by=bun,
            adopted_on=datetime.date(2019, 3, 21),
            adopted_paragraph="§ 18",
            valid_from=datetime.date(2019, 4, 1),
            kept_at="Barn- och utbildningsförvaltningens arkiv",
            body=[{"type": "paragraph", "value": "<p>Varje enhet har en kontaktpolitiker som besöker den en gång per år.</p>"}],
            **owner,
        ),
        [],
        users,
    )
    guidelines = document(index, "riktlinjer-for-kontaktpolitiker") or publish(
        index,
        GoverningDocumentPage(
            title="Riktlinjer för kontaktpolitiker",
            slug="riktlinjer-for-kontaktpolitiker",
            document_type=guideline,
            summary="Hur nämndens kontaktpolitiker besöker förskolor och skolor, rapporterar och får ersättning.",
            diary_number="BUN 2024/112",
            created_by_name="Maria Holm",
            created_by_title="nämndsekreterare",
            created_on=datetime.date(2024, 4, 2),
            adopted_by=bun,
            adopted_on=datetime.date(2024, 5, 16),
            adopted_paragraph="§ 47",
            valid_from=datetime.date(2024, 7, 1),
            # Due soon, so the review reminder has something to show in the demo.
            next_review_on=timezone.localdate() + datetime.timedelta(days=30),
            kept_at="Barn- och utbildningsförvaltningens arkiv",
            replaces=old,
            body=GUIDELINES_BODY,
            **owner,
        ),
        [
            {
                "decided_on": datetime.date(2025, 9, 18),
                "decided_by": bun,
                "paragraph": "§ 63",
                "change": "Förtydligat att ersättning betalas för högst två besök per enhet och år.",
            }
        ],
        users,
    )
    document(index, "utbildningsprogram-for-fortroendevalda") or publish(
        index,
        GoverningDocumentPage(
            title="Utbildningsprogram för förtroendevalda",
            slug="utbildningsprogram-for-fortroendevalda",
            document_type=programme,
            summary="Fullmäktiges beslut om ett grundprogram för alla förtroendevalda under mandatperioden.",
            diary_number="KS 2022/301",
            created_by_name="Jonas Berg",
            created_by_title="kanslichef",
            created_on=datetime.date(2022, 10, 3),
            adopted_by=kf,
            adopted_on=datetime.date(2022, 11, 28),
            adopted_paragraph="§ 112",
            valid_from=datetime.date(2023, 1, 1),
            next_review_on=datetime.date(2027, 10, 31),
            owner_role="Kanslichef, kommunledningskontoret",
            owner_email="kansliet@adala.example.se",
            kept_at="Kommunarkivet",
            body=[
                *TRAINING_BODY,
                {"type": "document_link", "value": {"document": guidelines.pk, "text": "Riktlinjer för kontaktpolitiker"}},
            ],
        ),
        [
            {
                "decided_on": datetime.date(2024, 4, 8),
                "decided_by": ks,
                "paragraph": "§ 88",
                "change": "Ordförandeutbildningen flyttad från våren till hösten år 1.",
            }
        ],
        users,
    )
    policy = GoverningDocumentType.objects.get(slug="policy")
    # The evaluation page belongs to visits; home finds it as a page by its address, importing nothing.
    evaluation_page = Page.objects.filter(depth=home.depth + 1, path__startswith=home.path, slug="utvardering").first()
    document(index, "policy-for-mal-roller-och-verksamhetsbesok") or publish(
        index,
        GoverningDocumentPage(
            title="Policy för mål, roller och verksamhetsbesök",
            slug="policy-for-mal-roller-och-verksamhetsbesok",
            document_type=policy,
            summary="Hur förtroendevalda och tjänstepersoner delar ansvaret, hur besök i verksamheterna går till "
            "och hur policyn följs upp varje år.",
            diary_number="KS.2025.061",
            created_by_name="Lena Ek",
            created_by_title="kommundirektör",
            created_on=datetime.date(2013, 1, 14),
            adopted_by=kf,
            adopted_on=datetime.date(2013, 2, 20),
            adopted_paragraph="§ 9",
            valid_from=datetime.date(2013, 3, 1),
            next_review_on=datetime.date(timezone.localdate().year + 1, 2, 28),
            owner_role="Kommundirektör, kommunledningskontoret",
            owner_email="kansliet@adala.example.se",
            kept_at="Kommunarkivet",
            body=policy_body(evaluation_page.pk if evaluation_page else None),
        ),
        [
            {"decided_on": datetime.date(2019, 4, 10), "decided_by": kf, "paragraph": "§ 31",
             "change": "Avsnittet om besök i verksamheterna lagt till."},
            # A decision taken on delegation has no paragraph of its own.
            {"decided_on": datetime.date(2025, 3, 3), "decided_by": ks, "paragraph": "",
             "change": "Uppföljningen knuten till den årliga utvärderingen av kontaktpolitikerna."},
        ],
        users,
    )
    return index
