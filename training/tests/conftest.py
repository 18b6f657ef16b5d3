import pytest

from .factories import make_programme


@pytest.fixture
def programme(site_home):
    return make_programme(site_home)
