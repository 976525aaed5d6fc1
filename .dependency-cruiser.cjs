// The layer rules and the ban on import cycles, checked on every test run (`npm run lint`). Imports
// used only as types count (`tsPreCompilationDeps`): a cycle of types still ties modules together.
// That the popup and the content script carry no zod is checked on the bundles themselves
// (tests/e2e/bundles.test.ts): they import modules that also define schemas, which the build drops.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle: modules that cannot be read, tested or loaded one without the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-stays-below',
      severity: 'error',
      comment: 'lib/ is the domain: it never reaches up into the UI or the wiring.',
      from: { path: '^lib/' },
      to: { path: '^(entrypoints|components|hooks)/' },
    },
    {
      name: 'components-stay-below-entrypoints',
      severity: 'error',
      comment: 'Shared UI is used by entrypoints, never the other way round.',
      from: { path: '^(components|hooks)/' },
      to: { path: '^entrypoints/' },
    },
    {
      name: 'small-bundles-without-the-settings-page',
      severity: 'error',
      comment: 'The settings page is its own bundle; the popup and the content script never carry it.',
      from: { path: '^entrypoints/(popup|overlay\\.content)/' },
      to: { path: '^entrypoints/options/', reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(\\.output|\\.wxt)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
