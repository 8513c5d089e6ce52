/**
 * Which part of the tree may import which (npm run lint:deps). The core (server/) is plugged into
 * by integrations (bot/) through server/integrations/, never the other way; the web client talks
 * to the server over HTTP and sockets only; shared/ is the contract both sides import.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'server-not-to-bot',
      comment: 'server/ never imports bot/: the bot is an Integration that main.ts registers (server/integrations/integration.ts).',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^bot/' },
    },
    {
      name: 'client-not-to-backend',
      comment: 'The web client reaches the server over HTTP and socket.io; the types they share are in shared/.',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^(server|bot|db)/' },
    },
    {
      name: 'shared-only-shared',
      comment: 'shared/ is the contract: it imports only shared/ and npm packages.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { pathNot: '^shared/', dependencyTypesNot: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'core'] },
    },
    {
      name: 'db-only-db-and-shared',
      comment: 'db/ (schema, migrations, dialects) depends on no application layer.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^(server|bot|client)/' },
    },
    {
      name: 'not-to-tests',
      comment: 'Application code never imports test helpers.',
      severity: 'error',
      from: { pathNot: '^tests/' },
      to: { path: '^tests/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|client/dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
