from .programme import TrainingProgrammePage
from .sessions import Audience, SignUpError, TrainingSession
from .signups import CalendarToken, SignUp

__all__ = ["Audience", "CalendarToken", "SignUp", "SignUpError", "TrainingProgrammePage", "TrainingSession"]
