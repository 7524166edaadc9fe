import { describe, expect, it } from "vitest";
import { creatorProfileInput, inviteCreatorInput, showAssignmentInput } from "./creator-input";

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
