import pytest
from django.core.cache import cache

from .provider_server import Browserless, LoopbackProvider, free_port


@pytest.fixture(scope="session")
def oidc_provider():
    """One real OpenID Connect provider for the session; it knows the test client's site and the
    browser tests' single-sign-on server (whose port is chosen here)."""
    sso_port = free_port()
    provider = LoopbackProvider(["http://testserver", f"http://127.0.0.1:{sso_port}"])
    provider.sso_port = sso_port
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture
def sso(oidc_provider, settings):
    """Insyn with login through the test provider switched on."""
    for name, value in oidc_provider.settings().items():
        setattr(settings, name, value)
    cache.clear()
    return oidc_provider


@pytest.fixture
def browserless():
    return Browserless()
