import { describe, expect, it } from "vitest";
import { parseJsonExact, quoteUnsafeIntegers, stringifyWithIntegers } from "../src/json.js";

describe("exact integers", () => {
  it("quotes only integers a double cannot hold", () => {
    expect(parseJsonExact('{"a":9007199254740993,"b":9007199254740991,"c":1.5e300,"d":-12345678901234567890}')).toEqual({
      a: "9007199254740993",
      b: 9007199254740991,
      c: 1.5e300,
      d: "-12345678901234567890",
    });
  });
  it("leaves digits inside strings alone, escapes included", () => {
    const text = '{"s":"id 12345678901234567890 \\" 99999999999999999999","n":[1,12345678901234567890]}';
    expect(parseJsonExact(text)).toEqual({ s: 'id 12345678901234567890 " 99999999999999999999', n: [1, "12345678901234567890"] });
  });
  it("is a no-op without long digit runs", () => {
    const text = '{"a":1,"b":"x"}';
    expect(quoteUnsafeIntegers(text)).toBe(text);
  });
  it("writes decimal strings back as bare numbers", () => {
    expect(stringifyWithIntegers({ file_id: "1234567890123456789", purpose: "x" }, ["file_id"])).toBe('{"file_id":1234567890123456789,"purpose":"x"}');
    expect(stringifyWithIntegers({ file_id: 12n }, ["file_id"])).toBe('{"file_id":12}');
  });
});
