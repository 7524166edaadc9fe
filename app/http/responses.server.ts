/** A 400 that says what was wrong, in words a developer reading logs can act on. */
export function badRequest(reason: string): Response {
  return Response.json({ error: reason }, { status: 400 });
}

export function notFound(reason: string): Response {
  return Response.json({ error: reason }, { status: 404 });
}
