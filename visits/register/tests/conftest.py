import pytest
from django.contrib.auth.models import Group, Permission

from visits.register.tests.factories import make_user


@pytest.fixture
def secretary(db):
    """Keeps the register in the admin: admin access and every permission of visits."""
    group = Group.objects.create(name="Registerskötare")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="visits"),
    )
    user = make_user("nils")
    user.groups.add(group)
    return user
