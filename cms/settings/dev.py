from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "django-insecure-insyn-dev-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INSYN_ALLOW_DEMO_USERS = True
# The task worker prints each mail to the terminal instead of sending it.
INSYN_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
INSYN_MUNICIPALITY_NAME = "Ådala kommun"
