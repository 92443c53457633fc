// @ts-check
/**
 * The layering of docs/architecture.md, enforced: `domain` imports nothing of the project;
 * Kysely values only in repositories and `db/`; Fastify only in routes and `http/`; another
 * capability only through its `index.ts`; nothing below `http/` imports from it; the web app only
 * `domain/` of the service. Each file gets
 * one `no-restricted-imports` setting built from every rule that applies to it (flat config
 * replaces a rule's options, it does not merge them).
 */

/** Capability folders; a folder's name is unique in the tree, so `**\/NAME/*` names it. */
const CAPABILITIES = [
  'access',
  'campaign',
  'carriers',
  'checks',
  'clock',
  'demo',
  'figures',
  'lookup',
  'messaging',
  'reference',
  'registry',
  'roadmap',
  'selfcheck',
  'verification/attempts',
  'verification/national-id',
  'verification/reconciliation',
  'verification/target-groups',
];

const leaf = (capability) => capability.split('/').at(-1);

/** Reaching into `other` past its index.ts. */
const intoCapability = (other) => ({
  group: [`**/${leaf(other)}/*`, `!**/${leaf(other)}/index.ts`],
  message: `Another capability is used only through its index.ts (${other}/index.ts).`,
});

const intoHttp = {
  group: ['**/http/*'],
  message: 'Nothing below http/ imports from it: move what is shared down (domain/, db/, errors.ts).',
};

const kyselyValues = {
  name: 'kysely',
  allowTypeImports: true,
  message: 'Kysely values belong in repositories (*.repository.ts) and db/.',
};

const fastifyValues = [
  { name: 'fastify', allowTypeImports: true, message: 'Fastify belongs in routes (*.routes.ts) and http/.' },
  { name: 'fastify-type-provider-zod', allowTypeImports: true, message: 'Fastify belongs in routes (*.routes.ts) and http/.' },
];
const fastifyPlugins = { group: ['@fastify/*'], allowTypeImports: true, message: 'Fastify belongs in routes (*.routes.ts) and http/.' };

/** Files exempt from every boundary: tests and test fixtures reach in on purpose. */
const TEST_FILES = ['**/*.test.ts', '**/*.testing.ts', '**/testing.ts', '**/*.fixture.ts'];

/**
 * @param {string[]} files
 * @param {{ others?: string[], http?: boolean, kysely?: boolean, fastify?: boolean, project?: boolean }} forbid
 * @param {string[]} [ignores]
 */
function zone(files, forbid, ignores = []) {
  const patterns = [
    ...(forbid.others ?? []).map(intoCapability),
    ...(forbid.http ? [intoHttp] : []),
    ...(forbid.fastify ? [fastifyPlugins] : []),
    ...(forbid.project ? [{ group: ['../*', '../../*'], message: 'domain/ holds pure rules: it imports nothing else of the project.' }] : []),
  ];
  const paths = [...(forbid.kysely ? [kyselyValues] : []), ...(forbid.fastify ? fastifyValues : [])];
  return {
    files,
    ignores: [...TEST_FILES, ...ignores],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] },
  };
}

const REPOSITORIES = ['**/*.repository.ts'];
const ROUTES = ['**/*.routes.ts', '**/*.http-server.ts'];

export const boundaries = [
  zone(['src/domain/**/*.ts'], { project: true, kysely: true, fastify: true }),
  zone(['src/db/**/*.ts'], { others: CAPABILITIES, http: true, fastify: true }),
  ...CAPABILITIES.flatMap((capability) => {
    const others = CAPABILITIES.filter((c) => c !== capability && !capability.startsWith(`${c}/`));
    const base = { others, http: true };
    const folder = `src/${capability}/**/*.ts`;
    return [
      zone([folder], { ...base, kysely: true, fastify: true }, [...REPOSITORIES, ...ROUTES]),
      zone(REPOSITORIES.map((r) => `src/${capability}/${r}`), { ...base, fastify: true }),
      zone(ROUTES.map((r) => `src/${capability}/${r}`), { ...base, kysely: true }),
    ];
  }),
  zone(['src/cli/**/*.ts'], { others: CAPABILITIES, http: true, kysely: true, fastify: true }),
  // The browser's code shares only the service's pure vocabulary (roles, actions) with it, and not
  // the mobile-number rules: they carry libphonenumber-js's full metadata (about 150 kB), which
  // the domain index re-exports too.
  {
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src/*', '!**/src/domain', '**/src/domain/*/**'], message: 'The web app imports from the service only its pure rules (src/domain/).' },
            {
              regex: '(^|/)src/domain(/index(\\.ts)?|/msisdn(\\.ts)?|/numbering-plan(\\.ts)?)?$|^libphonenumber-js(/|$)',
              message: 'The web app does not bundle the numbering plan (libphonenumber-js): import the domain file you need, not msisdn.ts, numbering-plan.ts or the domain index.',
            },
          ],
        },
      ],
    },
  },
];
