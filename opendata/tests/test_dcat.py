"""The DCAT-AP-SE catalogue parses with rdflib in every syntax and has every property the
profile marks mandatory, with its own IRI for each thing Sweden's data portal harvests."""

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from opendata.dcat import VCARD

CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
LOCAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
SYNTAX = {"rdf": "xml", "ttl": "turtle", "jsonld": "json-ld"}
# DCAT-AP-SE 3.0: what a catalogue, dataset, distribution, data service, publisher and contact point must have.
MANDATORY = {
    DCAT.Catalog: (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCTERMS.license, DCAT.dataset),
    DCAT.Dataset: (DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.contactPoint, DCAT.distribution),
    DCAT.Distribution: (DCAT.accessURL, DCTERMS.format, DCTERMS.license),
    DCAT.DataService: (DCTERMS.title, DCAT.endpointURL),
    FOAF.Organization: (FOAF.name, DCTERMS.type),
    VCARD.Organization: (VCARD.fn, VCARD.hasEmail),
}


def catalogue(client, fmt="rdf"):
    response = client.get(f"/oparl/dcat.{fmt}")
    assert response.status_code == 200
    graph = Graph()
    graph.parse(data=response.content, format=SYNTAX[fmt])
    return graph, response


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")  # inside rdflib's own JSON-LD parser
def test_every_syntax_parses_to_the_same_graph(oparl_demo, client):
    graphs = {fmt: catalogue(client, fmt) for fmt in SYNTAX}
    assert graphs["rdf"][1]["Content-Type"] == "application/rdf+xml; charset=utf-8"
    assert graphs["ttl"][1]["Content-Type"] == "text/turtle; charset=utf-8"
    assert graphs["jsonld"][1]["Content-Type"] == "application/ld+json"
    assert isomorphic(graphs["rdf"][0], graphs["ttl"][0]) and isomorphic(graphs["rdf"][0], graphs["jsonld"][0])


def test_every_mandatory_property_of_dcat_ap_se_is_there(oparl_demo, client):
    graph, _response = catalogue(client)
    missing = []
    for kind, properties in MANDATORY.items():
        things = set(graph.subjects(RDF.type, kind))
        assert things, f"no {kind}"
        for thing in things:
            assert not isinstance(thing, BNode), f"{kind} must have an IRI, not a blank node"
            missing += [f"{thing} {prop}" for prop in properties if graph.value(thing, prop) is None]
    assert not missing, "\n".join(missing)
    catalog = graph.value(None, RDF.type, DCAT.Catalog)
    assert graph.value(catalog, DCTERMS.license) == CC0  # metadata: CC0, as the profile requires
    datasets = set(graph.objects(catalog, DCAT.dataset))
    titles = {str(graph.value(dataset, DCTERMS.title)) for dataset in datasets}
    assert titles == {"Kontaktpolitiker, nämnder och enheter", "Utbildningsprogram för förtroendevalda",
                      "Styrdokument", "Diarieförda besöksrapporter"}
    for dataset in datasets:
        publisher = graph.value(dataset, DCTERMS.publisher)
        assert graph.value(publisher, DCTERMS.type) == LOCAL_AUTHORITY
        assert str(graph.value(publisher, FOAF.name)) == "Ådala kommun"
        assert graph.value(dataset, DCTERMS.title).language == "sv"
    for contact in graph.subjects(RDF.type, VCARD.Organization):
        assert str(graph.value(contact, VCARD.hasEmail)).startswith("mailto:")


def test_every_address_is_absolute_and_every_access_url_answers(oparl_demo, client):
    graph, _response = catalogue(client)
    for node in graph.all_nodes():
        if isinstance(node, URIRef):
            assert str(node).startswith(("http://", "https://", "mailto:")), node
    for url in set(graph.objects(None, DCAT.accessURL)) | set(graph.objects(None, DCAT.endpointURL)):
        assert client.get(str(url)).status_code == 200, url


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")
def test_the_iris_of_the_catalogue_answer_in_the_syntax_asked_for(oparl_demo, client):
    graph, _response = catalogue(client)
    address = str(graph.value(None, RDF.type, DCAT.Catalog)).split("#")[0]
    for accept, syntax in (("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("*/*", "xml")):
        response = client.get(address, HTTP_ACCEPT=accept)
        assert response.status_code == 200
        assert isomorphic(Graph().parse(data=response.content, format=syntax), graph), accept


def test_the_data_licence_and_the_publisher_follow_the_settings(oparl_demo, client, settings):
    settings.INSYN_OPENDATA_LICENSE = "http://creativecommons.org/licenses/by/4.0/"
    settings.INSYN_ORGANISATION_NUMBER = "212000-0000"
    graph, _response = catalogue(client, "ttl")
    licences = set(graph.objects(None, DCTERMS.license))
    assert licences == {CC0, URIRef("http://creativecommons.org/licenses/by/4.0/")}
    for distribution in graph.subjects(RDF.type, DCAT.Distribution):
        assert graph.value(distribution, DCTERMS.license) == URIRef("http://creativecommons.org/licenses/by/4.0/")
    assert set(graph.subjects(RDF.type, FOAF.Organization)) == {URIRef("http://dataportal.se/organisation/SE2120000000")}


def test_datasets_say_when_their_data_last_changed(oparl_demo, client):
    graph, _response = catalogue(client, "ttl")
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        modified = graph.value(dataset, DCTERMS.modified)
        assert isinstance(modified, Literal) and modified.datatype is not None


@pytest.mark.parametrize("url", ["/oparl/dcat.xml", "/oparl/dcat.", "/oparl/dcat.ttl2"])
def test_an_unknown_syntax_is_a_404(oparl_demo, client, url):
    assert client.get(url).status_code == 404
