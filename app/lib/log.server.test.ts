import { describe, expect, it } from "vitest";
import { scrub } from "./log.server";
import { captureLog as capture } from "../../tests/support/log-capture";

describe("the log", () => {
  it("writes JSON lines with the level and message", () => {
    const { logger, lines } = capture();
    logger.info({ shop: "northwind.myshopify.com" }, "reconciled 3 shows");
    expect(lines).toEqual([expect.objectContaining({ level: 30, msg: "reconciled 3 shows", shop: "northwind.myshopify.com" })]);
  });

  it("keeps emails, tokens, secrets and stream keys out of messages", () => {
    const { logger, lines } = capture();
    logger.warn("The email to astrid@example.com could not be sent: https://app.example/creator/sign-in?token=abc123&shop=x");
    logger.warn("ingest rtmps://global-live.mux.com:443/app/5f1c-secret-key failed; Authorization: Bearer shpat_123");
    expect(lines.map((line) => line.msg)).toEqual([
      "The email to [email] could not be sent: https://app.example/creator/sign-in?token=[redacted]&shop=x",
      "ingest rtmps://global-live.mux.com:443/app/[redacted] failed; Authorization: Bearer [redacted]",
    ]);
  });

  it("redacts secret fields and the text of errors, however deep", () => {
    const { logger, lines } = capture();
    const error = new Error("Stripe refused acct for noor@example.com");
    logger.error({ err: error, creator: { email: "noor@example.com", name: "Noor" }, session: { accessToken: "shpat_secret" } }, "payout failed");
    const [line] = lines;
    expect(line).toMatchObject({ msg: "payout failed", creator: { email: "[redacted]", name: "Noor" }, session: { accessToken: "[redacted]" } });
    expect(line?.err).toMatchObject({ type: "Error", message: "Stripe refused acct for [email]" });
    expect(JSON.stringify(line)).not.toMatch(/noor@example\.com|shpat_secret/);
  });

  it("scrub leaves ordinary text alone", () => {
    expect(scrub("Show 42 went live at 18:00 with 3 products")).toBe("Show 42 went live at 18:00 with 3 products");
  });
});
