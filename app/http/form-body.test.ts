import { describe, expect, it } from "vitest";
import { readForm } from "./form-body.server";

const post = (body: BodyInit, contentType?: string) =>
  new Request("http://127.0.0.1/app/shows/new", { method: "POST", body, headers: contentType ? { "content-type": contentType } : {} });

async function refusal(request: Request) {
  try {
    await readForm(request);
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, ...((await thrown.json()) as { error: string }) };
    throw thrown;
  }
  throw new Error("The body was read");
}

describe("form bodies", () => {
  it("read urlencoded and multipart forms", async () => {
    expect(await readForm(post(new URLSearchParams({ intent: "email_link", email: "ada@example.com" })))).toEqual({ intent: "email_link", email: "ada@example.com" });
    const form = new FormData();
    form.set("intent", "use_link");
    expect(await readForm(post(form))).toEqual({ intent: "use_link" });
  });

  it("answer 415 for what is not a form, JSON included", async () => {
    expect(await refusal(post('{"intent":"email_link"}', "application/json"))).toEqual({
      status: 415,
      error: "Send this form as application/x-www-form-urlencoded or multipart/form-data, not application/json.",
    });
    expect(await refusal(post("intent=email_link", "text/plain; charset=utf-8"))).toMatchObject({ status: 415 });
    expect(await refusal(post(new Uint8Array([1, 2, 3])))).toMatchObject({ status: 415, error: expect.stringContaining("a body without a content type") });
  });

  it("answer 400 for a multipart body that does not parse", async () => {
    const truncated = '--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\nuse_li';
    expect(await refusal(post(truncated, "multipart/form-data; boundary=b"))).toEqual({ status: 400, error: "The form could not be read: the body is not valid multipart/form-data." });
    expect(await refusal(post(`${truncated}nk\r\n--b--\r\n`, "multipart/form-data"))).toMatchObject({ status: 400 });
  });
});
