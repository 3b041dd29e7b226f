// Flat ESLint config: type-checked rules for src/, test/ and bench/ TypeScript.
// Every rule switched off below says why.
import js from '@eslint/js';
import vitest from '@vitest/eslint-plugin';
import tseslint from 'typescript-eslint';

const EDGES = ['cli', 'cmp', 'check', 'server'];

/**
 * Edges (cli, cmp, check, server) import src/repository and the pipeline, never each other
 * nor the process entry (src/bin, which alone routes commands to them), and never read files
 * themselves: node:fs belongs to src/io and src/repository (issue 14). check's git snapshot
 * only creates and removes its temporary directory; reads go through the repository reader.
 */
function edgeRules() {
  return EDGES.map((edge) => ({
    files: [`src/${edge}/**/*.ts`],
    ignores: edge === 'check' ? ['src/check/git-snapshot.ts'] : [],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'node:fs', message: 'Read the repository through src/repository (the confined, size-capped reader).' }],
          patterns: [
            {
              group: [...EDGES.filter((other) => other !== edge).map((other) => `**/${other}/*`), '**/bin/*', '**/io/*'],
              message: 'Edges import src/repository and the pipeline, never another edge, src/bin or src/io directly.',
            },
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tools/', 'bench/.generated/', '.scratch/', 'test-results/', '**/*.mjs', '**/*.cjs', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // Loaders stay async (policy engine, test renders) so they can become truly
      // asynchronous without changing every caller.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The pure core: it receives its inputs and never touches files, the process or the edges.
    files: ['src/core/**/*.ts', 'src/render/**/*.ts', 'src/policy/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'Only the edges (cli, cmp, server, io) touch the process.' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'node:fs', message: 'Read files through the injected FileReader (src/io).' },
            { name: 'node:child_process', message: 'Processes belong to the edges.' },
          ],
          patterns: [
            { group: ['**/cli/*', '**/cmp/*', '**/server/*', '**/check/*', '**/bin/*', '**/repository/*', '**/pipeline.js', '**/tools/*'], message: 'Imports point down: edges call the pipeline, which calls render and policy.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'node:fs', message: 'Read files through the injected FileReader (src/io).' }],
          patterns: [{ group: ['**/render/*', '**/policy/*', '**/repository/*', '**/io/*', '**/cli/*', '**/cmp/*', '**/server/*', '**/check/*', '**/bin/*', '**/pipeline.js'], message: 'core is the bottom layer.' }],
        },
      ],
    },
  },
  {
    // One door to the repository (CONVENTIONS §16): every read goes through src/repository and its
    // confined, size-capped reader (src/io). The repository module sits below the edges.
    files: ['src/repository/**/*.ts', 'src/io/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/cli/*', '**/cmp/*', '**/server/*', '**/check/*', '**/bin/*'], message: 'The repository module sits below the edges; edges import it, never the reverse.' }] },
      ],
    },
  },
  ...edgeRules(),
  {
    files: ['test/**/*.ts'],
    plugins: { vitest },
    rules: {
      ...vitest.configs.recommended.rules,
      // vitest's expect takes a message as its second argument.
      'vitest/valid-expect': ['error', { maxArgs: 2 }],
      // Table tests assert inside shared helpers named expect*/assert*.
      'vitest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'assert*'] }],
      // Specs assert on parsed JSON and YAML through narrow casts after structural checks.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
);
