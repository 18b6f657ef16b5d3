"""The catalogue of Insyn's open data in DCAT-AP-SE (Sweden's profile of DCAT-AP), so that
Sweden's data portal can harvest it: built as an RDF graph with rdflib and written as
RDF/XML (what the portal harvests), Turtle or JSON-LD.

Every thing has its own IRI (the portal refuses blank nodes for the catalogue, datasets,
distributions, publisher and contact point). The catalogue's own licence is CC0, as the
profile requires of metadata; the data carries INSYN_OPENDATA_LICENSE."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from . import kinds
from .publisher import contact_email, site_settings
from .sources import BY_KIND
from .sources.base import OPARL, Context

EU = "http://publications.europa.eu/resource/authority/"
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
LOCAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
GOVERNMENT = URIRef(EU + "data-theme/GOVE")
EDUCATION = URIRef(EU + "data-theme/EDUC")
SWEDISH = URIRef(EU + "language/SWE")
PUBLIC = URIRef(EU + "access-right/PUBLIC")
DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


@dataclass(frozen=True)
class Distribution:
    key: str
    title: str
    url: str
    media_type: str
    download: bool = False  # a file to fetch, rather than an API to page through
    oparl: bool = True


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    keywords: tuple
    kinds: tuple  # the sources whose objects make the dataset (for its `modified`)
    landing_page: str
    distributions: tuple
    theme: URIRef = GOVERNMENT


def datasets(ctx):
    def oparl(key, title, address):
        return Distribution(key, title, ctx.url(address), "application/json")

    return (
        Dataset(
            "register", "Kontaktpolitiker, nämnder och enheter",
            "Förtroendevalda med parti och uppdrag i nämnder, vilka enheter (förskolor, skolor, bibliotek, "
            "äldreboenden med flera) som har vilka kontaktpolitiker, och om varje enhet har kontaktpolitiker "
            "från både majoritet och opposition. Kontaktuppgifter bara för dem som samtyckt.",
            ("kontaktpolitiker", "förtroendevalda", "nämnder", "partier", "enheter"),
            (kinds.PERSON, kinds.MEMBERSHIP, kinds.COMMITTEE, kinds.PARTY, kinds.UNIT), "/enheter/",
            (oparl("register-personer", "Förtroendevalda (OParl Person)", "person"),
             oparl("register-uppdrag", "Uppdrag i nämnder (OParl Membership)", "membership"),
             oparl("register-organisationer", "Nämnder, partier och enheter (OParl Organization)", "organization"),
             Distribution("register-csv", "Enheter och kontaktpolitiker (CSV)",
                          ctx.base + reverse("opendata:register_csv"), "text/csv", download=True, oparl=False)),
        ),
        Dataset(
            "utbildning", "Utbildningsprogram för förtroendevalda",
            "Utbildningstillfällen under mandatperioden med tid, plats, ansvarig nämnd, målgrupp och om "
            "tillfället är inställt, samt presidiernas öppna möten med allmänheten på enheterna.",
            ("utbildning", "förtroendevalda", "presidiebesök", "möten"), (kinds.SESSION, kinds.PRESIDIUM_VISIT),
            "/utbildning/",
            (oparl("utbildning-moten", "Utbildningstillfällen och öppna möten (OParl Meeting)", "meeting"),
             Distribution("utbildning-ical", "Utbildningstillfällen (iCalendar)",
                          ctx.base + reverse("training:feed_all"), "text/calendar", download=True, oparl=False)),
            EDUCATION,
        ),
        Dataset(
            "styrdokument", "Styrdokument",
            "Kommunens styrdokument för kontaktpolitiker och förtroendevalda: policyer, riktlinjer, reglementen "
            "med diarienummer, beslut och revideringar, giltighetstid och status.",
            ("styrdokument", "riktlinjer", "beslut"), (kinds.GOVERNING_DOCUMENT,), "/styrdokument/",
            (oparl("styrdokument-handlingar", "Styrdokument (OParl Paper, paperType ej Besöksrapport)", "paper"),),
        ),
        Dataset(
            "besoksrapporter", "Diarieförda besöksrapporter",
            "Kontaktpolitikernas och presidiernas rapporter efter besök på enheterna: diarienummer, datum, "
            "nämnd, enhet och typ av besök. Rapporternas text är allmänna handlingar som lämnas ut av "
            "registraturen efter sekretessprövning.",
            ("besöksrapporter", "kontaktpolitiker", "diarium"), (kinds.REPORT,), "/enheter/",
            (oparl("besoksrapporter-handlingar", "Besöksrapporter (OParl Paper, paperType Besöksrapport)", "paper"),),
        ),
    )


def modified(ctx, source_kinds):
    moments = [row.modified for kind in source_kinds for row in BY_KIND[kind].rows(ctx).values()]
    return max(moments, default=None)


def catalogue(ctx=None):
    """The whole catalogue as an rdflib Graph."""
    ctx = ctx or Context()
    values = site_settings()
    name = values.municipality_name
    here = ctx.base + reverse("opendata:catalogue")  # every IRI below is this address and a fragment
    graph = Graph()
    for prefix, namespace in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("vcard", VCARD), ("dcatap", DCATAP)):
        graph.bind(prefix, namespace)

    catalog = URIRef(here + "#katalog")
    number = settings.INSYN_ORGANISATION_NUMBER.replace("-", "").replace(" ", "")
    publisher = URIRef(f"http://dataportal.se/organisation/SE{number}" if number else here + "#utgivare")
    contact = URIRef(here + "#kontakt")
    service = URIRef(here + "#oparl")
    license_ = URIRef(ctx.license)

    def sv(text):
        return Literal(text, lang="sv")

    graph.add((publisher, RDF.type, FOAF.Organization))
    graph.add((publisher, FOAF.name, sv(name)))
    graph.add((publisher, DCTERMS.type, LOCAL_AUTHORITY))

    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, sv(name)))
    graph.add((contact, VCARD.hasEmail, URIRef("mailto:" + contact_email(values))))

    graph.add((catalog, RDF.type, DCAT.Catalog))
    graph.add((catalog, DCTERMS.title, sv(f"Öppna data från Insyn, {name}")))
    graph.add((catalog, DCTERMS.description, sv(
        "Förtroendevalda, kontaktpolitiker, utbildningsprogram, styrdokument och diarieförda besöksrapporter "
        f"från {name}, som data enligt OParl 1.1 och CSV.")))
    graph.add((catalog, DCTERMS.publisher, publisher))
    graph.add((catalog, DCTERMS.license, CC0))
    graph.add((catalog, DCTERMS.language, SWEDISH))
    graph.add((catalog, FOAF.homepage, URIRef(ctx.base + "/")))
    graph.add((catalog, DCAT.service, service))

    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCTERMS.title, sv("OParl 1.1-gränssnitt")))
    graph.add((service, DCAT.endpointURL, URIRef(ctx.url())))
    graph.add((service, DCTERMS.conformsTo, URIRef(OPARL)))
    graph.add((service, DCTERMS.format, Literal("application/json")))
    graph.add((service, DCTERMS.license, license_))
    graph.add((service, DCTERMS.publisher, publisher))
    graph.add((service, DCAT.contactPoint, contact))

    for dataset in datasets(ctx):
        node = URIRef(f"{here}#{dataset.key}")
        graph.add((catalog, DCAT.dataset, node))
        graph.add((service, DCAT.servesDataset, node))
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((node, DCTERMS.identifier, Literal(str(uuid.uuid5(uuid.NAMESPACE_URL, str(node))))))
        graph.add((node, DCTERMS.title, sv(dataset.title)))
        graph.add((node, DCTERMS.description, sv(dataset.description)))
        graph.add((node, DCTERMS.publisher, publisher))
        graph.add((node, DCAT.contactPoint, contact))
        graph.add((node, DCAT.theme, dataset.theme))
        graph.add((node, DCTERMS.language, SWEDISH))
        graph.add((node, DCTERMS.accessRights, PUBLIC))
        graph.add((node, DCAT.landingPage, URIRef(ctx.base + dataset.landing_page)))
        for keyword in dataset.keywords:
            graph.add((node, DCAT.keyword, sv(keyword)))
        changed = modified(ctx, dataset.kinds)
        if changed:
            graph.add((node, DCTERMS.modified, Literal(changed, datatype=XSD.dateTime)))
        for distribution in dataset.distributions:
            item = URIRef(f"{here}#{distribution.key}")
            graph.add((node, DCAT.distribution, item))
            graph.add((item, RDF.type, DCAT.Distribution))
            graph.add((item, DCTERMS.title, sv(distribution.title)))
            graph.add((item, DCAT.accessURL, URIRef(distribution.url)))
            if distribution.download:
                graph.add((item, DCAT.downloadURL, URIRef(distribution.url)))
            graph.add((item, DCTERMS.format, Literal(distribution.media_type)))
            graph.add((item, DCTERMS.license, license_))
            if distribution.oparl:
                graph.add((item, DCAT.accessService, service))
                graph.add((item, DCTERMS.conformsTo, URIRef(OPARL)))
    return graph


FORMATS = {
    "rdf": ("xml", "application/rdf+xml; charset=utf-8"),
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json"),
}


def serialise(graph, fmt):
    syntax, content_type = FORMATS[fmt]
    return graph.serialize(format=syntax, encoding="utf-8"), content_type
