// The payloads of the app's own lifecycle topics (app/uninstalled), as far as the app reads them.
import { z } from "zod";

export const appUninstalled = z.object({}).passthrough();
