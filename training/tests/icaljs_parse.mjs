// Parses an iCalendar feed from stdin with ical.js (independent of Python's icalendar)
// and prints the events as JSON with UTC start and end.
import ICAL from "ical.js";

// ical.js leaves properties it does not know unescaped. RFC 7986 makes NAME a TEXT property
// and RFC 5545 (3.8.8.2) makes TEXT the value type of X- properties: read them as a client
// that follows the RFCs does.
for (const name of ["name", "x-wr-calname", "x-wr-caldesc"]) {
  ICAL.design.icalendar.property[name] = { defaultType: "text" };
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const calendar = new ICAL.Component(ICAL.parse(input));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const utc = (time) => (time.isDate ? time.toString() : new Date(time.toUnixTime() * 1000).toISOString());
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      description: event.description,
      status: component.getFirstPropertyValue("status"),
      url: component.getFirstPropertyValue("url"),
      start: utc(event.startDate),
      end: utc(event.endDate),
      isDate: event.startDate.isDate,
      zone: event.startDate.zone ? event.startDate.zone.tzid : null,
    };
  });
  process.stdout.write(JSON.stringify({
    name: calendar.getFirstPropertyValue("name"),
    calname: calendar.getFirstPropertyValue("x-wr-calname"),
    timezones: calendar.getAllSubcomponents("vtimezone").map((zone) => zone.getFirstPropertyValue("tzid")),
    events,
  }));
});
