"""Papers: governing documents (styrdokument) with their metadata and decision history, and
submitted visit reports with their registration data (the text is not published here: it
is a public record to ask the registry for, where it is checked for secrecy first)."""

from django.utils import timezone

from cms.translations import originals
from home.models import DocumentStatus, GoverningDocumentPage

from .. import kinds, visibility
from ..stamps import day_boundaries, iso_date, midnight
from .base import Source, vendor
from .files import FILES, document_stamps
from .register import CommitteeSource, UnitSource, body_url

REPORT_TYPE = "Besöksrapport"


class GoverningDocumentSource(Source):
    kind, path, oparl_type, order = kinds.GOVERNING_DOCUMENT, ("paper", "styrdokument"), "Paper", 0

    def read_rows(self, ctx):
        public = set(visibility.public_governing_documents().values_list("pk", flat=True))
        successors = {}
        # A document is replaced on the day a live successor comes into force.
        for replaces, valid_from in originals(GoverningDocumentPage.objects.live()).filter(
                replaces__isnull=False).values_list("replaces_id", "valid_from"):
            if valid_from <= ctx.today:
                successors.setdefault(replaces, []).append(midnight(valid_from))
        stamps = document_stamps(ctx)
        rows = {}
        for pk, created, published, valid_from, valid_until, original in originals(GoverningDocumentPage.objects).filter(
                first_published_at__isnull=False).values_list(
                "pk", "first_published_at", "last_published_at", "valid_from", "valid_until", "signed_original_id"):
            rows[pk] = self.row(ctx, pk, created, pk in public, published, stamps.get(original),
                                *day_boundaries(ctx.today, valid_from, valid_until), *successors.get(pk, []))
        return rows

    def build(self, ctx, pks):
        rows = self.rows(ctx)
        pages = list(GoverningDocumentPage.objects.filter(pk__in=pks).with_status(ctx.today).select_related(
            "document_type", "adopted_by").prefetch_related("decisions"))
        successors = {}
        for pk, replaces in originals(GoverningDocumentPage.objects).filter(replaces_id__in=pks).values_list("pk", "replaces_id"):
            if pk in rows and rows[pk].visible:
                successors.setdefault(replaces, []).append(pk)
        files = FILES.published_documents(ctx, {page.signed_original_id for page in pages if page.signed_original_id})
        built = {}
        for page in pages:
            replaces = page.replaces_id if page.replaces_id in rows and rows[page.replaces_id].visible else None
            decisions = sorted(page.decisions.all(), key=lambda decision: (decision.decided_on, decision.pk))
            original = files.get(page.signed_original_id)
            built[page.pk] = self.obj(ctx, rows[page.pk], {
                "body": body_url(ctx), "name": page.title, "reference": page.diary_number,
                "date": iso_date(page.adopted_on), "paperType": page.document_type.name,
                "underDirectionOf": [CommitteeSource().url(ctx, page.adopted_by_id)],
                "mainFile": FILES.embedded(ctx, original) if original else None,
                "relatedPaper": [self.url(ctx, pk) for pk in [replaces, *successors.get(page.pk, [])] if pk],
                "web": ctx.web(page.get_url()),
                vendor("summary"): page.summary,
                vendor("status"): str(DocumentStatus(page.status).label),
                vendor("validFrom"): iso_date(page.valid_from),
                vendor("validUntil"): iso_date(page.valid_until),
                vendor("nextReviewOn"): iso_date(page.next_review_on),
                vendor("createdBy"): {"name": page.created_by_name, "title": page.created_by_title,
                                      "date": iso_date(page.created_on)},
                vendor("decisions"): [
                    {"date": iso_date(page.adopted_on), "organization": CommitteeSource().url(ctx, page.adopted_by_id),
                     "paragraph": page.adopted_paragraph, "decision": "Antaget"},
                    *({"date": iso_date(d.decided_on), "organization": CommitteeSource().url(ctx, d.decided_by_id),
                       "paragraph": d.paragraph, "decision": d.change} for d in decisions),
                ],
                vendor("documentOwner"): {"role": page.owner_role, "email": page.owner_email},
                vendor("keptAt"): page.kept_at,
                vendor("replaces"): self.url(ctx, replaces) if replaces else None,
                vendor("replacedBy"): [self.url(ctx, pk) for pk in successors.get(page.pk, [])],
            })
        return built


class ReportSource(Source):
    kind, path, oparl_type, order = kinds.REPORT, ("paper", "rapport"), "Paper", 1

    def read_rows(self, ctx):
        reports = list(visibility.submitted_reports().values_list("pk", "submitted_at", "supersedes_id"))
        corrected = {}
        for _pk, submitted, supersedes in reports:
            if supersedes:  # a correction shows on the report it corrects
                corrected[supersedes] = max(submitted, corrected.get(supersedes, submitted))
        return {pk: self.row(ctx, pk, submitted, True, corrected.get(pk)) for pk, submitted, _s in reports}

    def build(self, ctx, pks):
        rows = self.rows(ctx)
        corrections = {}
        for pk, supersedes in visibility.submitted_reports().filter(supersedes_id__in=pks).values_list(
                "pk", "supersedes_id"):
            corrections.setdefault(supersedes, []).append(pk)
        built = {}
        for report in visibility.submitted_reports().filter(pk__in=pks).select_related("visit__unit"):
            supersedes = report.supersedes_id if report.supersedes_id in rows else None
            built[report.pk] = self.obj(ctx, rows[report.pk], {
                "body": body_url(ctx), "name": f"{REPORT_TYPE} {report.registration_number}",
                "reference": report.registration_number,
                "date": iso_date(timezone.localtime(report.submitted_at).date()),
                "paperType": REPORT_TYPE,
                "underDirectionOf": [CommitteeSource().url(ctx, report.committee_id)],
                "relatedPaper": [self.url(ctx, pk) for pk in [supersedes, *corrections.get(report.pk, [])] if pk],
                vendor("unit"): UnitSource().url(ctx, report.visit.unit_id),
                vendor("visitKind"): report.visit.get_kind_display(),
                vendor("supersedes"): self.url(ctx, supersedes) if supersedes else None,
                vendor("supersededBy"): [self.url(ctx, pk) for pk in corrections.get(report.pk, [])],
            })
        return built
