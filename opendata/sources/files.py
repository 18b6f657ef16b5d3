"""Files: the documents that published styrdokument (the signed original) and training
sessions (materials, and the captions of a published recording) show, from collections
the public may open."""

import mimetypes
import os

from wagtail.documents import get_document_model

from cms.translations import originals
from home.models import GoverningDocumentPage
from training.models import TrainingSession

from .. import kinds, visibility
from ..stamps import iso_date, latest
from .base import Source

Document = get_document_model()


def session_documents(ctx):
    """{session id: {document id, …}} for every session that was ever published."""
    def read(ctx):
        by_session = {}
        candidates = TrainingSession.objects.filter(first_published_at__isnull=False)
        for document, sessions in visibility.documents_in_sessions(candidates).items():
            for session in sessions:
                by_session.setdefault(session, set()).add(document)
        return by_session
    return ctx.shared("session_documents", read)


def signed_originals(ctx):
    """{page id: document id} for every styrdokument that was ever published with a signed original."""
    return ctx.shared("signed_originals", lambda ctx: dict(originals(GoverningDocumentPage.objects).filter(
        first_published_at__isnull=False, signed_original__isnull=False).values_list("pk", "signed_original_id")))


def document_stamps(ctx):
    """{document id: when it was uploaded or last changed} for every document a published object uses."""
    def read(ctx):
        ids = set(signed_originals(ctx).values()) | {d for docs in session_documents(ctx).values() for d in docs}
        return {pk: latest(created, ctx.touch(kinds.FILE, pk))
                for pk, created in Document.objects.filter(pk__in=ids).values_list("pk", "created_at")}
    return ctx.shared("document_stamps", read)


class FileSource(Source):
    kind, path, oparl_type = kinds.FILE, ("file",), "File"

    def users(self, ctx):
        """{document id: [(source, object id, shown now)]}: the objects that use each document."""
        def read(ctx):
            found = {}
            papers, sessions = Source.by_kind[kinds.GOVERNING_DOCUMENT](), Source.by_kind[kinds.SESSION]()
            paper_rows, session_rows = papers.rows(ctx), sessions.rows(ctx)
            for page, document in signed_originals(ctx).items():
                found.setdefault(document, []).append((papers, page, paper_rows[page].visible))
            recordings = {pk: (url, ends_at) for pk, url, ends_at in TrainingSession.objects.filter(
                recording_captions__isnull=False).values_list("pk", "recording_url", "ends_at")}
            captions = dict(TrainingSession.objects.filter(recording_captions__isnull=False).values_list(
                "pk", "recording_captions_id"))
            for session, documents in session_documents(ctx).items():
                row = session_rows.get(session)
                for document in documents:
                    shown = bool(row and row.visible)
                    if captions.get(session) == document:
                        # Captions show with the recording: a published one, once the session is over.
                        url, ends_at = recordings[session]
                        shown = shown and bool(url) and ends_at <= ctx.now
                    found.setdefault(document, []).append((sessions, session, shown))
            return found
        return ctx.shared("document_users", read)

    def read_rows(self, ctx):
        users, restricted = self.users(ctx), ctx.shared("restricted", lambda ctx: visibility.restricted_collection_ids())
        rows = {}
        for pk, created, collection in Document.objects.filter(pk__in=users).values_list("pk", "created_at", "collection_id"):
            uses = users[pk]
            shown = collection not in restricted and any(visible for _source, _pk, visible in uses)
            rows[pk] = self.row(ctx, pk, created, shown,
                                *(source.rows(ctx)[parent].modified for source, parent, _visible in uses))
        return rows

    def properties(self, ctx, document):
        name = os.path.basename(document.file.name)
        url = ctx.web(document.url)
        return {
            "name": document.title, "fileName": name,
            "mimeType": mimetypes.guess_type(name)[0] or "application/octet-stream",
            "date": iso_date(document.created_at.date()),
            "size": document.file_size, "sha1Checksum": document.file_hash,
            "accessUrl": url, "downloadUrl": url,
        }

    def published_documents(self, ctx, pks):
        """{pk: document} for the documents among `pks` that may be shown."""
        rows = self.rows(ctx)
        # Never an empty IN (which Django answers without asking): one query for any page.
        wanted = [0, *(pk for pk in pks if pk in rows and rows[pk].visible)]
        return {document.pk: document for document in Document.objects.filter(pk__in=wanted)}

    def embedded(self, ctx, document):
        """Inside a Paper or Meeting: without the references back to it."""
        return self.obj(ctx, self.rows(ctx)[document.pk], self.properties(ctx, document))

    def build(self, ctx, pks):
        rows, users = self.rows(ctx), self.users(ctx)
        built = {}
        for document in Document.objects.filter(pk__in=pks):
            shown = [(source, parent) for source, parent, visible in users[document.pk] if visible]
            built[document.pk] = self.obj(ctx, rows[document.pk], {
                **self.properties(ctx, document),
                "paper": [source.url(ctx, parent) for source, parent in shown if source.oparl_type == "Paper"],
                "meeting": [source.url(ctx, parent) for source, parent in shown if source.oparl_type == "Meeting"],
            })
        return built


FILES = FileSource()
