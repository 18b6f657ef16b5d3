"""The two steps every OParl list and object goes through.

1. `rows`: for every object of a source that clients may hold, its id, `created`,
   `modified` and whether it is published now (or is kept as `deleted: true`), read with a
   fixed number of plain value queries. Filters, order, pages and the ETag are decided on
   these rows alone, so a 304 never builds an object.
2. `build`: the published objects of one page, read with select/prefetch_related and
   turned into OParl dicts.

`modified` is the latest of the object's own change time, the touches other changes left
on it (opendata.signals) and the dates on which what it shows changed by itself (a
membership beginning or ending, a document coming into force, a session being over)."""

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.utils import timezone

from .. import visibility
from ..models import Tombstone, Touch
from ..stamps import iso, latest, midnight, second

OPARL = "https://schema.oparl.org/1.1/"
VENDOR = "insyn"  # the prefix of our own properties ("insyn:contactPoliticians"), as OParl 1.1 allows


def vendor(name):
    return f"{VENDOR}:{name}"


@dataclass(frozen=True)
class Row:
    source: "Source"
    pk: int
    created: object
    modified: object
    visible: bool

    @property
    def order(self):
        return (self.source.order, self.pk)


class Context:
    """One request's view of the data: the base address, today, and what several sources
    read (touches, tombstones, the current period), read once."""

    def __init__(self, omit_internal=False, now=None):
        self.base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.now = now or timezone.now()
        self.today = timezone.localdate()
        self.omit_internal = omit_internal
        self.rows_cache = {}
        self.shared_cache = {}

    def shared(self, key, factory):
        """A value several sources need, read once per request."""
        if key not in self.shared_cache:
            self.shared_cache[key] = factory(self)
        return self.shared_cache[key]

    def url(self, *parts):
        return f"{self.base}/oparl/v1.1/" + "".join(f"{part}/" for part in parts)

    def web(self, page_url):
        """A page's address on the public site, absolute."""
        if not page_url:
            return None
        return page_url if "://" in page_url else self.base + page_url

    @cached_property
    def touches(self):
        return {(kind, pk): at for kind, pk, at in Touch.objects.values_list("kind", "object_id", "at")}

    def touch(self, kind, pk):
        return self.touches.get((kind, pk))

    def latest_touch(self, kind):
        return max((at for (k, _pk), at in self.touches.items() if k == kind), default=None)

    @cached_property
    def tombstones(self):
        found = {}
        for kind, pk, created, deleted_at in Tombstone.objects.values_list("kind", "object_id", "created", "deleted_at"):
            found.setdefault(kind, {})[pk] = (created, deleted_at)
        return found

    @cached_property
    def period(self):
        from visits.register.models import MandatePeriod

        return MandatePeriod.objects.current(self.today)

    @cached_property
    def period_started(self):
        return midnight(self.period.starts_on) if self.period else None

    @cached_property
    def directory(self):
        return visibility.public_directory()

    @cached_property
    def directory_changed(self):
        return self.latest_touch("directory")

    @cached_property
    def license(self):
        return settings.INSYN_OPENDATA_LICENSE


class Source:
    """One kind of object behind an OParl type (an Organization is a committee, a party or a unit)."""

    kind = ""  # opendata.kinds: tombstones and touches
    path = ()  # the address below /oparl/v1.1/
    oparl_type = ""
    order = 0  # the place of this source in a list that joins several
    # Every source class by its kind, filled as the classes are defined: a source that needs
    # another's rows (files need the papers and sessions using them) looks it up here.
    by_kind = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        Source.by_kind[cls.kind] = cls

    def url(self, ctx, pk):
        return ctx.url(*self.path, pk)

    def type_url(self):
        return OPARL + self.oparl_type

    def rows(self, ctx):
        """{pk: Row} for every object clients may hold, tombstones included; cached per request."""
        if self.kind not in ctx.rows_cache:
            rows = {pk: Row(self, pk, second(created), second(modified), False)
                    for pk, (created, modified) in ctx.tombstones.get(self.kind, {}).items()}
            rows.update(self.read_rows(ctx))
            ctx.rows_cache[self.kind] = rows
        return ctx.rows_cache[self.kind]

    def row(self, ctx, pk, created, visible, *moments):
        """A row whose `modified` is the latest of `moments` and the object's touch."""
        return Row(self, pk, second(created), latest(created, *moments, ctx.touch(self.kind, pk)), visible)

    def read_rows(self, ctx):
        raise NotImplementedError

    def build(self, ctx, pks):
        """{pk: dict} for the published objects `pks`."""
        raise NotImplementedError

    def stub(self, ctx, row):
        return {"id": self.url(ctx, row.pk), "type": self.type_url(), "created": iso(row.created),
                "modified": iso(row.modified), "deleted": True}

    def obj(self, ctx, row, properties):
        """A published object: id and type first, then its properties without the empty ones."""
        return {"id": self.url(ctx, row.pk), "type": self.type_url(), **compact(properties),
                "created": iso(row.created), "modified": iso(row.modified)}


def compact(values):
    """A dict without the empty properties OParl asks servers to leave out."""
    return {key: value for key, value in values.items() if value not in (None, "", [], {})}
