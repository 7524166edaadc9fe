// GET /realtime/shows/:showId?shop=… — a show's Server-Sent Events. The stream is a Node handler
// that server.ts mounts ahead of Remix, because it needs the socket itself (see app/realtime/README.md).
// It reaches server.ts through this route's loader: Remix keeps the loader, and only what the
// loader uses, out of the browser build, so `loader.node` is how server code leaves the build.
import { closeRealtimeStreams, handleRealtimeRequest } from "~/realtime/node-stream.server";

const answerWithoutNodeServer = () =>
  Response.json({ error: "Show streams are served by the app's Node server (server.ts), which this server is not" }, { status: 501 });

export const loader = Object.assign(answerWithoutNodeServer, { node: { handleRealtimeRequest, closeRealtimeStreams } });
