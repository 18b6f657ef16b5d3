"""The password policy: besides length and Django's common passwords, no keyboard runs and not
the municipality's own name (INSYN_MUNICIPALITY_NAME; the demo's is Ådala kommun)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("password", [
    "qwertyuiop12", "Qwertyuiopå!", "123456789012", "1234567890ab", "asdfghjklöä1", "zxcvbnm,.-12",
    "0987654321qq", "abcdefghijkl", "asdfasdfasdf", "poiuytrewq99",
])
def test_a_keyboard_run_is_refused(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)

    assert "tangenter" in " ".join(refused.value.messages)


@pytest.mark.parametrize("password", ["Ådala-kommun-2027", "adala2027!!xyz", "minaADALAsidor9", "ÅDALA är bäst i länet"])
def test_the_municipalitys_name_is_refused_in_any_case_and_without_accents(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)

    assert "kommunens namn" in " ".join(refused.value.messages)


@pytest.mark.parametrize("password", ["tomat-cykel-solsken", "Hästen springer över 7 ängar", "qwerty-hus-båt-sol-2027"])
def test_a_long_password_with_at_most_a_short_run_is_accepted(password):
    validate_password(password)


def test_the_name_rule_follows_the_setting(settings):
    settings.INSYN_MUNICIPALITY_NAME = "Norrvik stad"
    validate_password("adala-är-en-annan-kommun")
    with pytest.raises(ValidationError):
        validate_password("norrvik-är-min-stad")


def test_changing_a_password_in_the_admin_to_a_keyboard_run_gets_a_swedish_error(client):
    from django.contrib.auth.models import User

    user = User.objects.create_superuser("nils", "nils@adala.example.se", "ett-riktigt-bra-lösenord")
    client.force_login(user)

    response = client.post("/admin/account/", {
        "password-old_password": "ett-riktigt-bra-lösenord",
        "password-new_password1": "qwertyuiopå1", "password-new_password2": "qwertyuiopå1",
    })

    user.refresh_from_db()
    assert user.check_password("ett-riktigt-bra-lösenord")
    assert "tangenter" in response.content.decode()
