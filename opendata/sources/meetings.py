"""Meetings: published training sessions and presidium visits announced to the public."""

from datetime import timedelta

from training.models import TrainingSession
from visits.requests.models import VisitRequest

from .. import kinds, visibility
from ..stamps import iso, midnight
from .base import Source, vendor
from .files import FILES, document_stamps, session_documents
from .register import CommitteeSource, UnitSource

LOCATION = "https://schema.oparl.org/1.1/Location"


def location(ctx, source_path, pk, row, description):
    if not description:
        return None
    return {"id": ctx.url("location", source_path, pk), "type": LOCATION, "description": description,
            "created": iso(row.created), "modified": iso(row.modified)}


class SessionSource(Source):
    kind, path, oparl_type, order = kinds.SESSION, ("meeting", "utbildning"), "Meeting", 0

    def read_rows(self, ctx):
        public = set(visibility.public_sessions().values_list("pk", flat=True))
        documents = session_documents(ctx)
        stamps = document_stamps(ctx)
        rows = {}
        for pk, created, modified, ends_at, programme in TrainingSession.objects.filter(
                first_published_at__isnull=False).values_list("pk", "created_at", "modified_at", "ends_at", "programme_id"):
            rows[pk] = self.row(
                ctx, pk, created, pk in public, modified, ctx.touch(kinds.PROGRAMME, programme),
                ends_at if ends_at <= ctx.now else None,  # over: held, and its recording may show
                *(stamps.get(document) for document in documents.get(pk, ())),
            )
        return rows

    def state(self, ctx, session):
        if session.is_cancelled:
            return "inställd"
        if session.is_past(ctx.now):
            return "genomförd"
        return "flyttad" if session.status == TrainingSession.Status.MOVED else "planerad"

    def build(self, ctx, pks):
        rows = self.rows(ctx)
        sessions = list(TrainingSession.objects.filter(pk__in=pks).for_page())
        documents = FILES.published_documents(ctx, {d for s in sessions for d in session_documents(ctx).get(s.pk, ())})
        built = {}
        for session in sessions:
            row = rows[session.pk]
            start, end = session.starts_at, session.ends_at
            if session.all_day:
                start, end = midnight(session.local_start.date()), midnight(session.local_end.date() + timedelta(days=1))
            files = [block["value"] for block in session.materials.raw_data if block.get("type") == "document"]
            recording = session.is_past(ctx.now) and session.has_published_recording
            if recording and session.recording_captions_id:
                files.append(session.recording_captions_id)
            built[session.pk] = self.obj(ctx, row, {
                "name": session.title, "meetingState": self.state(ctx, session), "cancelled": session.is_cancelled,
                "start": iso(start), "end": iso(end),
                "location": location(ctx, "utbildning", session.pk, row, session.location),
                "organization": [CommitteeSource().url(ctx, session.responsible_body_id)],
                "auxiliaryFile": [] if ctx.omit_internal else [
                    FILES.embedded(ctx, documents[pk]) for pk in dict.fromkeys(files) if pk in documents],
                "web": ctx.web(session.get_url()),
                vendor("allDay"): session.all_day or None,
                vendor("description"): session.description,
                vendor("statusReason"): session.status_reason if session.status != TrainingSession.Status.PLANNED else "",
                vendor("onlineUrl"): session.online_url,
                vendor("programmeYear"): session.programme_year,
                vendor("audience"): session.get_audience_display(),
                vendor("audienceCommittees"): [CommitteeSource().url(ctx, c.pk) for c in session.audience_committees.all()],
                vendor("signupDeadline"): None if session.is_cancelled else iso(session.effective_deadline),
                vendor("recording"): session.recording_url if recording else None,
            })
        return built


class PresidiumVisitSource(Source):
    kind, path, oparl_type, order = kinds.PRESIDIUM_VISIT, ("meeting", "presidiebesok"), "Meeting", 1

    def read_rows(self, ctx):
        return {pk: self.row(ctx, pk, created, True, modified, ctx.directory_changed,
                             ends_at if ends_at and ends_at <= ctx.now else None)
                for pk, created, modified, ends_at in visibility.announced_presidium_visits().values_list(
                    "pk", "created_at", "updated_at", "ends_at")}

    def build(self, ctx, pks):
        rows, S = self.rows(ctx), VisitRequest.State
        built = {}
        for visit in VisitRequest.objects.filter(pk__in=pks).select_related("unit"):
            row, cancelled = rows[visit.pk], visit.state == S.CANCELLED
            held = visit.state in (S.HELD, S.REPORTED) or visit.ends_at <= ctx.now
            place = ", ".join(part for part in (visit.invitation_place, visit.unit.address) if part)
            built[visit.pk] = self.obj(ctx, row, {
                "name": visit.invitation_topic or f"Presidiebesök på {visit.unit.name}",
                "meetingState": "inställd" if cancelled else "genomförd" if held else "planerad",
                "cancelled": cancelled,
                "start": iso(visit.starts_at), "end": iso(visit.ends_at),
                "location": location(ctx, "presidiebesok", visit.pk, row, place),
                "organization": [CommitteeSource().url(ctx, visit.unit.committee_id), UnitSource().url(ctx, visit.unit_id)],
                "web": ctx.web(ctx.directory.unit_url(visit.unit)) if ctx.directory and not held and not cancelled else None,
                vendor("publicInvitation"): True,
            })
        return built
