// The proto reader (scripts/specs/lib/proto.mjs): a proto3 file with google.api.http
// annotations as an OpenAPI fragment, on a small file that holds every construct it reads
// (resource-name paths, body "*" and body "field", query parameters, additional_bindings,
// response_body, the JSON mapping of scalars, enums, nested messages, maps, field behaviours,
// comments, the default host), and the errors it names a page and a line with.
import { describe, expect, it } from "vitest";
import { pageFormat, pageFragments } from "../specs/lib/extract.mjs";
import { protoFragment } from "../specs/lib/proto.mjs";

const PROTO = `syntax = "proto3";

package acme.things.v1;

import "google/api/annotations.proto";
import "google/protobuf/empty.proto";

option java_package = "com.acme";

// Things, kept.
service ThingService {
  option (google.api.default_host) = "things.acme.test";

  // Makes a thing.
  rpc CreateThing(CreateThingRequest) returns (Thing) {
    option (google.api.http) = {
      post: "/v1/{parent=shelves/*}/things"
      body: "thing"
    };
  }

  // Lists things.
  rpc ListThings(ListThingsRequest) returns (ListThingsResponse) {
    option (google.api.http) = {
      get: "/v1/things"
      additional_bindings { get: "/v1/{parent=shelves/*}/things" }
    };
  }

  rpc GetThing(GetThingRequest) returns (Thing) {
    option (google.api.http) = { get: "/v1/{name=shelves/*/things/*}" };
  }

  rpc Wipe(WipeRequest) returns (WipeResponse) {
    option (google.api.http) = { post: "/v1/{name=shelves/*}:wipe" body: "*" response_body: "count" };
  }

  rpc DeleteThing(GetThingRequest) returns (google.protobuf.Empty) {
    option (google.api.http) = { delete: "/v1/{name=shelves/*/things/*}" };
  }

  // Not over HTTP.
  rpc Stream(stream Thing) returns (stream Thing);
}

// A thing.
message Thing {
  // How it is.
  enum State {
    // Unknown.
    STATE_UNSPECIFIED = 0;
    READY = 1;
  }
  // The thing's name.
  string name = 1 [(google.api.field_behavior) = IDENTIFIER];
  int64 size_bytes = 2 [(google.api.field_behavior) = OUTPUT_ONLY];
  State state = 3;
  repeated string tags = 4;
  map<string, int32> counts = 5;
  bytes hash = 6;
  string display = 7 [json_name = "label"];
  Part part = 8;
  message Part { double weight = 1; }
  reserved 9;
}

message CreateThingRequest {
  string parent = 1 [(google.api.field_behavior) = REQUIRED];
  Thing thing = 2 [(google.api.field_behavior) = REQUIRED];
}

message ListThingsRequest {
  string parent = 1;
  int32 page_size = 2;
  string page_token = 3;
}

message ListThingsResponse {
  repeated Thing things = 1;
  string next_page_token = 2;
}

message GetThingRequest { string name = 1; }
message WipeRequest { string name = 1; bool force = 2 [(google.api.field_behavior) = REQUIRED]; }
message WipeResponse { uint64 count = 1; }
`;

describe("a proto file with HTTP annotations", () => {
  const doc = protoFragment(PROTO, "things.proto") as any;

  it("is a page form of its own, read by pageFragments", () => {
    expect(pageFormat(PROTO, "things.proto")).toBe("proto");
    expect(pageFormat(PROTO, "things.txt")).toBe("proto");
    expect(pageFragments(PROTO, { file: "things.proto" }, undefined)).toEqual([doc]);
  });

  it("its server is the default host; each annotated rpc (and binding) is an operation at its path", () => {
    expect(doc.servers).toEqual([{ url: "https://things.acme.test" }]);
    expect(doc.info).toEqual({ title: "acme.things.v1 ThingService", version: "v1" });
    expect(Object.keys(doc.paths).sort()).toEqual(["/v1/shelves/{shelvesId}/things", "/v1/shelves/{shelvesId}/things/{thingsId}", "/v1/shelves/{shelvesId}:wipe", "/v1/things"]);
    expect(doc.paths["/v1/things"].get).toMatchObject({ operationId: "listThings", summary: "Lists things.", tags: ["ThingService"], "x-proto-rpc": "acme.things.v1.ThingService.ListThings" });
    // A comment's first sentence is the summary; an rpc with none is summarised by its name.
    expect(doc.paths["/v1/shelves/{shelvesId}/things/{thingsId}"].get.summary).toBe("GetThing");
    expect(doc.paths["/v1/shelves/{shelvesId}/things"].get.operationId).toBe("listThings_1");
    expect(JSON.stringify(doc)).not.toContain("stream");
  });

  it("resource names become one parameter per collection; the other request fields of a GET are query parameters", () => {
    const get = doc.paths["/v1/shelves/{shelvesId}/things/{thingsId}"].get;
    expect(get.parameters.map((p: any) => [p.name, p.in, p["x-proto-field"]])).toEqual([
      ["shelvesId", "path", "name"],
      ["thingsId", "path", "name"],
    ]);
    const list = doc.paths["/v1/things"].get.parameters;
    expect(list.map((p: any) => [p.name, p.in, p.required, p.schema.type])).toEqual([
      ["parent", "query", false, "string"],
      ["pageSize", "query", false, "integer"],
      ["pageToken", "query", false, "string"],
    ]);
  });

  it("body \"field\" sends that field, body \"*\" the request without its path fields; response_body answers a field", () => {
    const create = doc.paths["/v1/shelves/{shelvesId}/things"].post;
    expect(create.requestBody.content["application/json"].schema).toMatchObject({ $ref: "#/components/schemas/Thing" });
    const wipe = doc.paths["/v1/shelves/{shelvesId}:wipe"].post;
    expect(wipe.requestBody.content["application/json"].schema).toEqual({ type: "object", properties: { force: { type: "boolean" } }, required: ["force"] });
    expect(wipe.responses[200].content["application/json"].schema).toEqual({ type: "string", format: "int64", pattern: "^\\d+$" });
    expect(wipe.responses.default.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ErrorResponse" });
    expect(doc.paths["/v1/shelves/{shelvesId}/things/{thingsId}"].delete.responses[200].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/Empty" });
  });

  it("messages are schemas in the proto3 JSON mapping", () => {
    const thing = doc.components.schemas.Thing;
    expect(thing.description).toBe("A thing.");
    expect(thing.properties).toMatchObject({
      name: { type: "string", description: "The thing's name." },
      sizeBytes: { type: "string", format: "int64", readOnly: true },
      state: { type: "string", enum: ["STATE_UNSPECIFIED", "READY"] },
      tags: { type: "array", items: { type: "string" } },
      counts: { type: "object", additionalProperties: { type: "integer", format: "int32" } },
      hash: { type: "string", contentEncoding: "base64" },
      label: { type: "string" },
      part: { $ref: "#/components/schemas/Thing.Part" },
    });
    expect(thing.properties.state.description).toContain("- `STATE_UNSPECIFIED`: Unknown.");
    expect(doc.components.schemas["Thing.Part"].properties.weight).toEqual({ type: "number", format: "double" });
    expect(doc.components.schemas.CreateThingRequest.required).toEqual(["parent", "thing"]);
    expect(doc.components.schemas.ErrorResponse.properties.error.properties).toHaveProperty("status");
  });

  it("what it cannot read is an error naming the page and the line", () => {
    expect(() => protoFragment(PROTO.replace('get: "/v1/things"', 'get: "/v1/{shelf=x/*}/things"'), "bad.proto")).toThrow(/bad\.proto: ThingService\.ListThings: the path names field "shelf"/);
    expect(() => protoFragment('syntax = "proto3";\nmessage A {\n  string a = 1\n}\n', "cut.proto")).toThrow(/cut\.proto: line 4: expected ";"/);
    expect(() => protoFragment('syntax = "proto2";\nmessage A { optional string a = 1; }\n', "old.proto")).toThrow(/not proto3/);
  });
});
