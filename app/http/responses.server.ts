/** A 400 that says what was wrong, in words a developer reading logs can act on. */
export function badRequest(reason: string): Response {
  return Response.json({ error: reason }, { status: 400 });
}

export function notFound(reason: string): Response {
  return Response.json({ error: reason }, { status: 404 });
}

/** A request whose signature, token or secret is missing, forged or stale. */
export function unauthorized(reason: string, headers: HeadersInit = {}): Response {
  return Response.json({ error: reason }, { status: 401, headers });
}
