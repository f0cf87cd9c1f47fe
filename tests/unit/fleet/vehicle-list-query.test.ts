import { describe, expect, it } from "vitest";
import {
  DEFAULT_VEHICLE_LIST_QUERY,
  parseVehicleListQuery,
  parseVehicleListQueryStrict,
  serializeVehicleListQuery,
  sortDirection,
  vehicleListHref,
} from "@/lib/fleet/vehicle-list-query";

describe("parseVehicleListQuery (page URLs)", () => {
  it("gives the defaults for an empty URL", () => {
    expect(parseVehicleListQuery(new URLSearchParams())).toEqual({ sort: "name", page: 1, size: 25 });
    expect(DEFAULT_VEHICLE_LIST_QUERY).toEqual({ sort: "name", page: 1, size: 25 });
  });

  it("reads every field from search params", () => {
    const query = parseVehicleListQuery(
      new URLSearchParams("q=%20model%20&make=TESLA&status=charging&battery=20-40&sort=battery&dir=desc&page=3&size=50"),
    );
    expect(query).toEqual({ q: "model", make: "TESLA", status: "charging", battery: "20-40", sort: "battery", dir: "desc", page: 3, size: 50 });
  });

  it("accepts Next's searchParams object, taking the first of repeated values", () => {
    expect(parseVehicleListQuery({ status: ["error", "online"], page: "2", q: undefined })).toMatchObject({ status: "error", page: 2 });
  });

  it("drops only the fields that do not parse", () => {
    expect(parseVehicleListQuery(new URLSearchParams("status=sleeping&page=-4&size=13&sort=color&make=BMW"))).toEqual({
      make: "BMW",
      sort: "name",
      page: 1,
      size: 25,
    });
  });

  it("treats blank text as no filter", () => {
    expect(parseVehicleListQuery(new URLSearchParams("q=%20%20&make="))).toEqual(DEFAULT_VEHICLE_LIST_QUERY);
  });
});

describe("parseVehicleListQueryStrict (route handler)", () => {
  it("rejects malformed values instead of ignoring them", () => {
    expect(parseVehicleListQueryStrict(new URLSearchParams("status=sleeping")).success).toBe(false);
    expect(parseVehicleListQueryStrict(new URLSearchParams("size=13")).success).toBe(false);
    expect(parseVehicleListQueryStrict(new URLSearchParams("page=1.5")).success).toBe(false);
    expect(parseVehicleListQueryStrict(new URLSearchParams(`q=${"x".repeat(101)}`)).success).toBe(false);
  });

  it("accepts a well-formed query", () => {
    const result = parseVehicleListQueryStrict(new URLSearchParams("status=online&page=2"));
    expect(result.success && result.data).toEqual({ status: "online", sort: "name", page: 2, size: 25 });
  });
});

describe("serializeVehicleListQuery", () => {
  it("leaves defaults out and round-trips through the parser", () => {
    const query = parseVehicleListQuery(new URLSearchParams("status=error&sort=lastSignal&page=2"));
    const params = serializeVehicleListQuery(query);
    expect(params.toString()).toBe("status=error&sort=lastSignal&page=2");
    expect(parseVehicleListQuery(params)).toEqual(query);
  });

  it("keeps an explicit direction only when it differs from the sort's default", () => {
    expect(serializeVehicleListQuery({ ...DEFAULT_VEHICLE_LIST_QUERY, sort: "lastSignal", dir: "desc" }).toString()).toBe("sort=lastSignal");
    expect(serializeVehicleListQuery({ ...DEFAULT_VEHICLE_LIST_QUERY, sort: "lastSignal", dir: "asc" }).toString()).toBe("sort=lastSignal&dir=asc");
  });

  it("builds list links for the overview", () => {
    expect(vehicleListHref({})).toBe("/vehicles");
    expect(vehicleListHref({ status: "needs_reconnect" })).toBe("/vehicles?status=needs_reconnect");
    expect(vehicleListHref({ battery: "0-20", sort: "battery" })).toBe("/vehicles?battery=0-20&sort=battery");
  });
});

describe("sortDirection", () => {
  it("sorts recency and year newest first unless told otherwise", () => {
    expect(sortDirection({ sort: "lastSignal" })).toBe("desc");
    expect(sortDirection({ sort: "name" })).toBe("asc");
    expect(sortDirection({ sort: "lastSignal", dir: "asc" })).toBe("asc");
  });
});
