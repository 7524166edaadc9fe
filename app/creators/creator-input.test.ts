import { describe, expect, it } from "vitest";
import { bpsToPercent, creatorProfileInput, inviteCreatorInput, percentToBps, showAssignmentInput } from "./creator-input";

describe("commission rates typed as percentages", () => {
  it.each([
    ["10", 1000],
    ["12.5", 1250],
    ["7,25", 725],
    ["0", 0],
    ["0.01", 1],
    ["100", 10000],
    [" 15 ", 1500],
  ])("%s %% is %i basis points", (typed, bps) => {
    expect(percentToBps(typed)).toBe(bps);
  });

  it.each(["100.01", "101", "-1", "1.234", "ten", "", "1e2"])("refuses %j", (typed) => {
    expect(percentToBps(typed)).toBeNull();
  });

  it("prints basis points back without trailing zeros", () => {
    expect([1000, 1250, 725, 1, 0, 10000].map(bpsToPercent)).toEqual(["10", "12.5", "7.25", "0.01", "0", "100"]);
  });
});

describe("creator forms", () => {
  it("lower-cases the invited address and explains each refused field", () => {
    expect(inviteCreatorInput.parse({ email: " Ada@Example.COM ", name: "Ada", commissionPercent: "10" })).toEqual({ email: "ada@example.com", name: "Ada", commissionPercent: 1000 });
    const refused = inviteCreatorInput.safeParse({ email: "ada", name: " ", commissionPercent: "200" });
    expect(refused.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ["email", "Enter an email address such as ada@example.com"],
      ["name", "Enter the creator's name"],
      ["commissionPercent", "Use a percentage from 0 to 100 with at most two decimals, such as 12.5"],
    ]);
  });

  it("keeps an empty avatar as none and refuses anything but https", () => {
    expect(creatorProfileInput.parse({ name: "Ada", avatarUrl: "", bio: "", commissionPercent: "10" }).avatarUrl).toBeNull();
    expect(creatorProfileInput.safeParse({ name: "Ada", avatarUrl: "javascript:alert(1)", bio: "", commissionPercent: "10" }).success).toBe(false);
    expect(creatorProfileInput.safeParse({ name: "Ada", avatarUrl: "", bio: "x".repeat(281), commissionPercent: "10" }).error?.issues[0]?.message).toMatch(/280 characters/);
  });

  it("reads an empty show rate as the creator's default", () => {
    expect(showAssignmentInput.parse({ showId: "s1", commissionPercent: "" })).toEqual({ showId: "s1", commissionPercent: null });
    expect(showAssignmentInput.parse({ showId: "s1", commissionPercent: "20" })).toEqual({ showId: "s1", commissionPercent: 2000 });
  });
});
