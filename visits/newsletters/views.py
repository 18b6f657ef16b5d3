"""Newsletters on Mina sidor: a manager writes and sends one, reads what was sent and to
whom; a politician reads those sent to them. The PDF is served only to those who may read it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cms.private_files import private_file_response
from visits.register.models import Unit

from .forms import NewsletterForm
from .models import Newsletter


def _newsletter_for(request, pk):
    newsletter = Newsletter.objects.visible_to(request.user).filter(pk=pk).first()
    if newsletter is None:
        raise Http404
    return newsletter


@login_required
def newsletter_create(request):
    if not Unit.objects.managed_by(request.user).active().exists():
        raise Http404
    if request.method == "POST":
        form = NewsletterForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            newsletter = form.send(author=request.user)
            messages.success(
                request,
                _("Nyhetsbrevet är skickat till %(count)d mottagare.") % {"count": newsletter.recipients.count()},
            )
            return redirect(newsletter)
    else:
        preselected = {"unit": request.GET["enhet"]} if request.GET.get("enhet") else {}
        form = NewsletterForm(initial=preselected, user=request.user)
    return render(
        request, "visits/newsletters/form.html", {"form": form, "page_title": _("Skriv nyhetsbrev")},
        status=400 if form.is_bound else 200,
    )


@login_required
def newsletter_list(request):
    """A manager's newsletters (the units they lead) and a politician's received ones."""
    is_manager = Unit.objects.managed_by(request.user).exists()
    sent = list(Newsletter.objects.managed_by(request.user).for_listing()) if is_manager else []
    received = list(Newsletter.objects.sent_to(request.user).select_related("unit"))
    return render(
        request,
        "visits/newsletters/list.html",
        {"sent": sent, "received": received, "is_manager": is_manager, "page_title": _("Nyhetsbrev")},
    )


@login_required
def newsletter_detail(request, pk):
    newsletter = _newsletter_for(request, pk)
    is_manager = newsletter.unit.manager_id == request.user.pk
    recipients = list(newsletter.recipients.select_related("politician__party")) if is_manager else []
    return render(
        request,
        "visits/newsletters/detail.html",
        {"newsletter": newsletter, "recipients": recipients, "is_manager": is_manager,
         "page_title": newsletter.title},
    )


@login_required
def newsletter_pdf(request, pk):
    newsletter = _newsletter_for(request, pk)
    return private_file_response(newsletter.pdf, f"nyhetsbrev-{newsletter.pk}.pdf", "application/pdf")
