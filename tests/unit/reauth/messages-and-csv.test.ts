import { describe, expect, it } from "vitest";
import { toCsv } from "@/lib/errors/csv";
import { funnelCounts, memberStage, type CampaignMember } from "@/lib/reauth/campaigns";
import { fillSuggestedMessage, reconnectEmail, reconnectReason } from "@/lib/reauth/message-template";

describe("reconnect message template", () => {
  it("fills Smartcar's placeholders and names the app, the make and the reason", () => {
    const suggested = "Your car got disconnected from <app name>. Please use this link to re-connect your car: <link to Smartcar Connect>.";
    expect(fillSuggestedMessage(suggested, "the link below")).toBe("Your car got disconnected from Fleetdeck. Please use this link to re-connect your car: the link below.");
    expect(reconnectReason({ suggestedUserMessage: null, catalogTitle: "Car disconnected: login changed", make: "Ford" })).toBe(
      "Fleetdeck lost its connection to your Ford (car disconnected: login changed). Signing in to your Ford account again restores it.",
    );
    const email = reconnectEmail({
      ownerName: "Dana",
      make: "Ford",
      model: "F-150 Lightning",
      year: 2024,
      reason: "Ford is moving to a new platform.",
      url: "https://fleet.example/r/abc",
      deadline: new Date("2026-12-01T23:59:59Z"),
      reminder: false,
    });
    expect(email.subject).toBe("Action required: reconnect your Ford to Fleetdeck");
    expect(email.text).toContain("Hi Dana,");
    expect(email.text).toContain("Fleetdeck lost its connection to your 2024 Ford F-150 Lightning.");
    expect(email.text).toContain("Ford is moving to a new platform.");
    expect(email.text).toContain("https://fleet.example/r/abc");
    expect(email.text).toContain("before 1 December 2026");
    expect(reconnectEmail({ ownerName: null, make: "Kia", model: "EV6", year: 2023, reason: "r", url: "u", deadline: null, reminder: true }).subject).toBe(
      "Reminder: action required: reconnect your Kia to Fleetdeck",
    );
  });
});

describe("csv", () => {
  it("quotes separators and neutralises formulas", () => {
    expect(toCsv(["a", "b"], [["x,y", 'say "hi"'], ["=SUM(A1)", null]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),\r\n');
  });
});

describe("campaign funnel", () => {
  const member = (patch: Partial<CampaignMember>): CampaignMember => ({
    linkId: "l",
    vehicleId: "v",
    vehicle: "car",
    make: "Ford",
    ownerEmail: "o@example.com",
    notifiedAt: new Date(),
    openedAt: null,
    startedAt: null,
    reconnectedAt: null,
    remindersSent: 0,
    lastRemindedAt: null,
    ...patch,
  });
  it("counts cumulatively, so a reconnect from the app counts as every earlier step", () => {
    const members = [member({}), member({ openedAt: new Date() }), member({ reconnectedAt: new Date() })];
    expect(members.map(memberStage)).toEqual(["notified", "opened", "reconnected"]);
    expect(funnelCounts(members)).toEqual({ total: 3, notified: 3, opened: 2, started: 1, reconnected: 1 });
  });
});
