// Loaded into an app process with --import when LIVE_SHOWS_PRISMA_CLIENT_DIR is set: its
// `@prisma/client` then loads the Prisma client generated in that folder instead of the one in
// node_modules/.prisma. A client is generated for one provider, and the suite's is regenerated
// for whichever database the run uses, while a fault run starts its own PostgreSQL in either run.
import Module from "node:module";
import path from "node:path";

const dir = process.env.LIVE_SHOWS_PRISMA_CLIENT_DIR;
if (dir) {
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    const generated = request === ".prisma/client" || request.startsWith(".prisma/client/");
    return resolve.call(this, generated ? path.join(dir, request.slice(".prisma/client".length)) : request, ...rest);
  };
}
