"""Any parameter and any address below /oparl/ is answered without a server error: an OParl
list, an object, or an error object with a Swedish message."""

import json

from hypothesis import given
from hypothesis import strategies as st

from cms.tests.strategies import assert_no_server_error, form_data, fuzz, is_swedish, odd_numbers, odd_text

from .oparl_client import OPARL

PARAMETERS = ("created_since", "created_until", "modified_since", "modified_until", "omit_internal", "limit", "page")
ADDRESSES = ["", "body/", "body/1/", "person/", "organization/", "meeting/", "paper/", "membership/", "file/",
             "legislativeterm/", "location/enhet/1/", "dcat.ttl"]


def check(response):
    assert_no_server_error(response)
    if response["Content-Type"].startswith("application/json"):
        answer = json.loads(response.content)
        if response.status_code >= 400:
            assert answer["type"] == OPARL + "Error" and is_swedish(answer["message"]), answer
        assert response["Access-Control-Allow-Origin"] == "*"


@fuzz(40)
@given(address=st.sampled_from(ADDRESSES), query=form_data(*PARAMETERS))
def test_any_parameters_give_a_list_or_a_swedish_error(oparl_demo, client, address, query):
    url = ("/oparl/" if address.startswith("dcat") else "/oparl/v1.1/") + address
    check(client.get(url, query))


@fuzz(40)
@given(collection=st.one_of(st.sampled_from(["person", "organization", "meeting", "paper", "location", "file"]),
                            odd_text), kind=st.one_of(st.sampled_from(["namnd", "enhet", "utbildning", "rapport"]),
                                                      odd_text), pk=odd_numbers)
def test_any_address_below_the_endpoint_is_an_object_or_a_404(oparl_demo, client, collection, kind, pk):
    for path in (f"{collection}/{pk}/", f"{collection}/{kind}/{pk}/"):
        check(client.get("/oparl/v1.1/" + path.replace("?", "%3F").replace("#", "%23")))
