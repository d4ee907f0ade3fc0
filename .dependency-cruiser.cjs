/* global module */
/**
 * Import rules, checked in `npm test` (`npm run lint:deps`). The folders of main/ form layers, lowest
 * first; a file may import its own folder or a lower layer, never a higher one (as VS Code's
 * `code-layering` rule does). No cycles anywhere, type-only imports included. main/README.md explains
 * the order; change both together.
 */
const LAYERS = [
  ['db', 'logging'],
  ['settings'],
  ['context'],
  ['mailchimp-simulator'],
  ['import', 'mailchimp'],
  ['mapping'],
  ['runs'],
  ['sync'],
  ['report'],
  ['watch', 'schedule'],
  ['ipc'],
  ['app'],
  ['cli', 'electron', 'test-bridge'],
];

const alt = (names) => `(${names.join('|')})`;

/** One rule per layer: nothing in it imports a folder of a higher layer, nor a sibling of the same layer. */
const layerRules = LAYERS.flatMap((layer, i) => {
  const higher = LAYERS.slice(i + 1).flat();
  const rules = [];
  if (higher.length > 0) {
    rules.push({
      name: `layer-${layer.join('+')}-no-upward`,
      comment: `main/{${layer.join(',')}}/ sit below ${higher.join(', ')}: import downward only (see main/README.md).`,
      severity: 'error',
      from: { path: `^main/${alt(layer)}/` },
      to: { path: `^main/${alt(higher)}/` },
    });
  }
  if (layer.length > 1) {
    rules.push({
      name: `layer-${layer.join('+')}-no-sideways`,
      comment: `main/{${layer.join(',')}}/ are one layer: they do not import each other.`,
      severity: 'error',
      from: { path: `^main/${alt(layer)}/` },
      to: { path: `^main/${alt(layer)}/`, pathNot: '^main/$1/' },
    });
  }
  return rules;
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles, type-only imports included.',
      severity: 'error',
      from: { path: '^(main|shared|preload|renderer)/' },
      to: { circular: true },
    },
    {
      name: 'main-folders-declared',
      comment: 'Every source file of main/ sits in a folder with a place in the layer order.',
      severity: 'error',
      from: { path: '^main/', pathNot: `^main/${alt(LAYERS.flat())}/` },
      to: {},
    },
    ...layerRules,
    {
      name: 'no-reexport-across-folders',
      comment: 'No "ports" that re-export another folder: import the owner directly, so the rules above see it.',
      severity: 'error',
      from: { path: '^main/([^/]+)/' },
      to: { dependencyTypes: ['export'], pathNot: '^(main/$1/|shared/)' },
    },
    {
      name: 'engine-never-imports-electron',
      comment: 'Only main/electron/ (the shell) may import electron; its engine-host/ is plain Node too.',
      severity: 'error',
      from: { path: '^main/', pathNot: '^main/electron/(?!engine-host/)' },
      to: { path: '^(node_modules/)?(electron|electron-log|electron-updater)(/|$)' },
    },
    {
      name: 'shared-is-pure',
      comment: 'shared/ runs everywhere: no Node built-ins, no other layer, only zod from npm.',
      severity: 'error',
      from: { path: '^shared/' },
      to: {
        path: '^(main|preload|renderer)/|^node_modules/',
        pathNot: '^node_modules/zod/',
      },
    },
    {
      name: 'shared-no-node',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-only-shared',
      comment: 'The page talks to main only through window.barsy (the contract).',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(main|preload)/' },
    },
    {
      name: 'renderer-no-node',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'preload-only-shared',
      severity: 'error',
      from: { path: '^preload/' },
      to: { path: '^(main|renderer)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    exclude: { path: '(^|/)(out|dist)/' },
  },
};
