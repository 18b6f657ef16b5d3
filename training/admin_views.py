"""Admin views: record attendance per session and export it per session or per politician."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cms import roles
from visits.register.models import Politician

from .exports import FORMATS, politician_rows, session_rows, spreadsheet_response
from .forms import AttendanceForm
from .models import SignUp, TrainingSession


def may_record_attendance(user):
    return user.is_active and (
        user.is_superuser
        or user.has_perm("training.change_signup")
        or user.groups.filter(name=roles.SECRETARIES).exists()
    )


def attendance_order(signups):
    """Politicians by name, then staff by name."""
    return sorted(signups, key=lambda signup: (
        signup.is_staff_member,
        (signup.staff.last_name, signup.staff.first_name, signup.staff.username) if signup.is_staff_member
        else (signup.politician.last_name, signup.politician.first_name, ""),
    ))


def _check(request):
    if not may_record_attendance(request.user):
        raise PermissionDenied


def session_index(request):
    _check(request)
    sessions = (
        TrainingSession.objects.published()
        .select_related("responsible_body")
        .annotate(
            confirmed=Count("signups", filter=Q(signups__status=SignUp.Status.CONFIRMED)),
            attended_count=Count("signups", filter=Q(signups__attended=True)),
        )
        .order_by("-starts_at")
    )
    return TemplateResponse(
        request, "training/admin/attendance_index.html", {"sessions": sessions, "now": timezone.now()}
    )


def session_attendance(request, pk):
    _check(request)
    session = get_object_or_404(TrainingSession.objects.select_related("responsible_body"), pk=pk)
    signups = attendance_order(session.signups.exclude(status=SignUp.Status.CANCELLED).for_attendance())
    form = AttendanceForm(request.POST or None, signups=signups)
    if request.method == "POST":
        if not session.is_past():
            messages.error(request, _("Närvaro kan registreras först när tillfället har ägt rum."))
        elif form.is_valid():
            now = timezone.now()
            with transaction.atomic():
                for signup, attended in form.attendance().items():
                    SignUp.objects.filter(pk=signup.pk).update(attended=attended, attendance_recorded_at=now)
            messages.success(request, _("Närvaron är sparad."))
            return redirect("training_attendance", pk=session.pk)
    rows = [(signup, form[f"narvaro-{signup.pk}"]) for signup in form.signups]
    # Staff are listed apart from the politicians: they are not counted as elected officials.
    return TemplateResponse(
        request,
        "training/admin/attendance.html",
        {"session": session, "form": form, "rows": rows,
         "politician_rows": [row for row in rows if not row[0].is_staff_member],
         "staff_rows": [row for row in rows if row[0].is_staff_member]},
    )


def export_session(request, pk, fmt):
    _check(request)
    if fmt not in FORMATS:
        raise Http404
    session = get_object_or_404(TrainingSession, pk=pk)
    header, rows = session_rows(session, attendance_order(session.signups.for_attendance()))
    filename = f"narvaro-{session.local_start:%Y-%m-%d}-{slugify(session.title)[:40]}"
    return spreadsheet_response(fmt, filename, _("Närvaro"), header, rows)


def politician_index(request):
    _check(request)
    politicians = (
        Politician.objects.select_related("party")
        .annotate(
            signed_up=Count("training_signups", filter=~Q(training_signups__status=SignUp.Status.CANCELLED)),
            attended_count=Count("training_signups", filter=Q(training_signups__attended=True)),
        )
        .order_by("last_name", "first_name")
    )
    return TemplateResponse(request, "training/admin/politician_index.html", {"politicians": politicians})


def export_politician(request, pk, fmt):
    _check(request)
    if fmt not in FORMATS:
        raise Http404
    politician = get_object_or_404(Politician.objects.select_related("party"), pk=pk)
    signups = politician.training_signups.for_attendance().order_by("session__starts_at")
    header, rows = politician_rows(politician, signups)
    return spreadsheet_response(fmt, f"utbildningar-{politician.slug}", _("Utbildningar"), header, rows)
