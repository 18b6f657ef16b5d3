"""Group names for the roles in DESIGN.md. The register links (politician, unit manager)
say which objects a user may act on; the groups say which parts of the site they use."""

from django.utils.translation import gettext_lazy as _

POLITICIANS = "Politiker"
UNIT_MANAGERS = "Enhetschefer"
HEADS_OF_ADMINISTRATION = "Förvaltningschefer"
SECRETARIES = "Nämndsekreterare"
EDITORS = "Redaktörer"

ROLE_LABELS = {
    POLITICIANS: _("förtroendevald"),
    UNIT_MANAGERS: _("enhetschef"),
    HEADS_OF_ADMINISTRATION: _("förvaltningschef"),
    SECRETARIES: _("nämndsekreterare"),
    EDITORS: _("redaktör"),
}


def group_names(user):
    """The names of the user's groups: read once per request (cms.memo fills them in with the
    user's permissions, under the auth generation), else from the database."""
    names = getattr(user, "_insyn_group_names", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
    return names


def is_administration(user):
    """The administration in DESIGN.md's sense: the committee secretaries (and superusers)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    # Cached on the user: the admin asks once per listed row.
    if not hasattr(user, "_insyn_is_administration"):
        if hasattr(user, "_insyn_group_names"):
            user._insyn_is_administration = user.is_superuser or SECRETARIES in user._insyn_group_names
        else:
            user._insyn_is_administration = user.is_superuser or user.groups.filter(name=SECRETARIES).exists()
    return user._insyn_is_administration


def role_labels(user):
    """The Swedish role names of a user, in a stable order, for greetings."""
    names = group_names(user)
    labels = [label for group, label in ROLE_LABELS.items() if group in names]
    if user.is_superuser:
        labels.append(_("administratör"))
    return labels
