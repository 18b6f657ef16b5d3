from .programme import TrainingProgrammePage
from .sessions import Audience, TrainingSession
from .signups import CalendarToken, SignUp, SignUpError

__all__ = ["Audience", "CalendarToken", "SignUp", "SignUpError", "TrainingProgrammePage", "TrainingSession"]
