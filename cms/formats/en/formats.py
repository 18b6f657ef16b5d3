from ..common import *  # noqa: F403

# English writes the decimal point; dates and times stay as the municipality writes them.
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
