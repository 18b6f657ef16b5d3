from .programme import TrainingProgrammePage
from .served_feeds import ServedFeed
from .sessions import Audience, SignUpError, TrainingSession
from .signups import CalendarToken, SignUp

__all__ = ["Audience", "CalendarToken", "SignUp", "ServedFeed", "SignUpError", "TrainingProgrammePage", "TrainingSession"]
