// iCalendar (RFC 5545) as the "Add to my calendar" file writes it.

// A moment in UTC, as DTSTART and DTSTAMP take it: 20261202T133000Z.
export const stamp = (date) => date.toISOString().replace(/[-:]/g, "").slice(0, 15) + "Z";
// A TEXT value: backslash, semicolon and comma escaped, line breaks as \n.
export const text = (value) => value.replace(/[\\;,]/g, (c) => "\\" + c).replace(/\n/g, "\\n");
// Lines longer than 75 octets are folded: CRLF and a space, never inside a character.
export const fold = (line) => {
  const encoder = new TextEncoder();
  let out = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > 75) {
      out += "\r\n ";
      octets = 1;
    }
    out += char;
    octets += size;
  }
  return out;
};
