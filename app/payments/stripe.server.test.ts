import { describe, expect, it } from "vitest";
import { fromStripeAmount, toStripeAmount } from "./stripe.server";

describe("amounts between the app's minor units and Stripe's", () => {
  it("are the same for currencies Stripe counts in their minor unit", () => {
    expect([toStripeAmount(3781, "EUR"), toStripeAmount(250, "JPY"), toStripeAmount(1250, "KWD")]).toEqual([3781, 250, 1250]);
  });

  it("are a hundredfold for ISK and UGX, which Stripe counts in hundredths though they have none", () => {
    expect(toStripeAmount(1500, "ISK")).toBe(150000);
    expect(fromStripeAmount(150000, "isk")).toBe(1500);
    expect(toStripeAmount(7, "UGX")).toBe(700);
  });
});
