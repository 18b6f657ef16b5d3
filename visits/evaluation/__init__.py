"""The yearly evaluation of the contact politician programme (seeds 002 and 004): a questionnaire
the secretary sends to every contact politician and unit manager of a committee, one answer each."""
