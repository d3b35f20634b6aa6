import { describe, expect, it } from "vitest";
import { contactFlags, defaultPlace, workingSpan } from "./contact.ts";

describe("contacts with applicants (art. 30)", () => {
  const span = workingSpan("09:00-17:00");
  // 2026-12-05 is a Saturday; 2026-12-04 a Friday.
  const isWorkingDay = (date: string) => date !== "2026-12-05";

  it("flags a contact outside working time, on a working day's evening or a rest day, in Beijing time", () => {
    expect(contactFlags({ channel: "phone", at: "2026-12-04T01:00:00Z" }, isWorkingDay, span)).toEqual([]);
    expect(contactFlags({ channel: "phone", at: "2026-12-04T00:59:00Z" }, isWorkingDay, span)).toEqual([
      "outsideHours",
    ]);
    expect(contactFlags({ channel: "phone", at: "2026-12-04T09:00:00Z" }, isWorkingDay, span)).toEqual([
      "outsideHours",
    ]);
    expect(contactFlags({ channel: "sms", at: "2026-12-05T03:00:00Z" }, isWorkingDay, span)).toEqual([
      "outsideHours",
    ]);
  });

  it("flags meeting an applicant away from the center, unless the contact is a necessary one", () => {
    const noon = "2026-12-04T04:00:00Z";
    expect(contactFlags({ channel: "meeting", place: "other", at: noon }, isWorkingDay, span)).toEqual([
      "offSite",
    ]);
    expect(contactFlags({ channel: "onSiteInspection", at: noon }, isWorkingDay, span)).toEqual([]);
    expect(contactFlags({ channel: "hearing", place: "other", at: noon }, isWorkingDay, span)).toEqual([]);
    expect(contactFlags({ channel: "window", at: noon }, isWorkingDay, span)).toEqual([]);
  });

  it("flags an applicant asked to the department's own office", () => {
    expect(
      contactFlags(
        { channel: "meeting", place: "departmentOffice", at: "2026-12-05T04:00:00Z" },
        isWorkingDay,
        span,
      ),
    ).toEqual(["outsideHours", "offSite", "summonedToDepartment"]);
  });

  it("places in-person contacts by their channel, and refuses a malformed working span", () => {
    expect(defaultPlace("window")).toBe("center");
    expect(defaultPlace("onSiteInspection")).toBe("applicantSite");
    expect(defaultPlace("phone")).toBeUndefined();
    expect(() => workingSpan("17:00-09:00")).toThrow();
  });
});
