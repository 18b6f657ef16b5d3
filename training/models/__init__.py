from .programme import TrainingProgrammePage
from .served_feeds import ServedFeed
from .sessions import Audience, SignUpError, TrainingSession, with_committee_names
from .signups import CalendarToken, SignUp

__all__ = [
    "Audience", "CalendarToken", "ServedFeed", "SignUp", "SignUpError", "TrainingProgrammePage", "TrainingSession",
    "with_committee_names",
]
