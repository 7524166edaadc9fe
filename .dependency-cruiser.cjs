// The app's dependency rules, checked by dependency-cruiser in CI (`npm run deps`).
//
// Every folder of app/ (and each module at its root) has a layer. A module may import its own
// folder and anything in a lower layer, never a higher one and never another folder of its own
// layer, so no two capabilities can import each other, directly or round a loop. The kernel
// (app/lib: money, zoned time, ids, signed tokens, the log) imports no capability; routes and
// components sit on top, so no capability imports them. A new folder must be given a layer here.
const LAYERS = [
  ["lib"],
  ["db", "graphql", "types"],
  ["env.server"],
  ["db.server", "http", "mail"],
  ["video", "payments", "shopify"],
  ["jobs", "realtime", "health"],
  ["shops"],
  ["shopify.server"],
  ["webhooks"],
  ["inventory", "billing", "commissions", "creators"],
  ["shows"],
  ["storefront", "payouts", "creator-portal"],
  // Chat reads the storefront's lineup (catalog, stock, market prices) for the assistant, and is
  // read by privacy (a customer's messages) and by the control room's pages.
  ["chat"],
  ["analytics", "privacy"],
  ["components"],
  ["routes", "routes.ts", "root.tsx", "entry.server.tsx"],
];

/** A folder's modules, or a module at app/'s root (db.server → app/db.server.ts, routes.ts). */
function unit(name) {
  const escaped = name.replace(/\./g, "\\.");
  if (/\.tsx?$/.test(name)) return `app/${escaped}$`;
  return name.includes(".") ? `app/${escaped}\\.tsx?$` : `app/${name}/`;
}
const anyOf = (names) => `^(${names.map(unit).join("|")})`;

const layerRules = LAYERS.flatMap((layer, index) => {
  const higher = LAYERS.slice(index + 1).flat();
  return layer.map((name) => ({
    name: `layers-${name}`,
    comment: `${name} may import its own modules and lower layers only (see LAYERS in .dependency-cruiser.cjs)`,
    severity: "error",
    from: { path: `^${unit(name)}` },
    to: { path: anyOf([...higher, ...layer.filter((other) => other !== name)]) },
  }));
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "no-circular",
      comment: "No module imports itself round a loop, inside a folder or across folders.",
      severity: "error",
      from: { path: "^app/" },
      to: { circular: true },
    },
    {
      name: "unplaced-folder",
      comment: "Every folder of app/ has a layer in .dependency-cruiser.cjs.",
      severity: "error",
      from: { path: "^app/", pathNot: anyOf(LAYERS.flat()) },
      to: {},
    },
    {
      name: "app-does-not-import-tests",
      comment: "The app reaches the sandbox over the network, never by import.",
      severity: "error",
      from: { path: "^(app/|server\\.ts)" },
      to: { path: "^tests/" },
    },
  ],
  options: {
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    // Tests may reach across (a route test seeds through several capabilities); generated types are data.
    exclude: { path: "(\\.test\\.tsx?$|^app/types/)" },
  },
};
