from .programme import TrainingProgrammePage
from .sessions import Audience, SignUpError, TrainingSession, with_committee_names
from .signups import CalendarToken, SignUp

__all__ = [
    "Audience", "CalendarToken", "SignUp", "SignUpError", "TrainingProgrammePage", "TrainingSession",
    "with_committee_names",
]
