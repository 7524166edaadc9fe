// The bodies a form's action accepts: what Remix's <Form>, fetchers and App Bridge's fetch send.
// request.formData() throws on anything else (JSON, text, a multipart body cut short or without
// its boundary), which Remix answers 500 with the error in the log; here such a body is refused
// up front, before any work is done or anything is written.
import { badRequest } from "./responses.server";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

function unsupportedMediaType(reason: string): Response {
  return Response.json({ error: reason }, { status: 415 });
}

/** The form's fields, or a thrown 415 (not a form) or 400 (a form that does not parse). */
export async function readForm(request: Request): Promise<Record<string, FormDataEntryValue>> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    throw unsupportedMediaType(`Send this form as application/x-www-form-urlencoded or multipart/form-data, not ${type || "a body without a content type"}.`);
  }
  try {
    return Object.fromEntries(await request.formData());
  } catch {
    throw badRequest(`The form could not be read: the body is not valid ${type}.`);
  }
}
