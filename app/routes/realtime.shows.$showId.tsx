// GET /realtime/shows/:showId?shop=… — a show's Server-Sent Events. The stream is a Node handler
// that server.ts mounts ahead of Remix, because it needs the socket itself (see app/realtime/README.md);
// this route answers only when the app runs without that server.
export const loader = () =>
  Response.json({ error: "Show streams are served by the app's Node server (server.ts), which this server is not" }, { status: 501 });
