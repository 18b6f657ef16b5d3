"""Every OParl list and the sources behind it."""

from .files import FILES
from .meetings import PresidiumVisitSource, SessionSource
from .papers import GoverningDocumentSource, ReportSource
from .register import (
    CommitteeSource,
    MembershipSource,
    PartySource,
    PeriodSource,
    PersonSource,
    UnitSource,
)

# The lists of the Body, by their address below /oparl/v1.1/, each with its sources in order.
LISTS = {
    "organization": [CommitteeSource(), PartySource(), UnitSource()],
    "person": [PersonSource()],
    "membership": [MembershipSource()],
    "meeting": [SessionSource(), PresidiumVisitSource()],
    "paper": [GoverningDocumentSource(), ReportSource()],
    "file": [FILES],
    "legislativeterm": [PeriodSource()],
}
# Every source by the address of its objects (without the id).
BY_PATH = {source.path: source for sources in LISTS.values() for source in sources}
# Places (oparl:Location) belong to the object they describe: /location/<its path's last part>/<id>/.
LOCATED = {source.path[-1]: source for source in (UnitSource(), SessionSource(), PresidiumVisitSource())}
# Every source by its kind (opendata.kinds).
BY_KIND = {source.kind: source for sources in LISTS.values() for source in sources}
