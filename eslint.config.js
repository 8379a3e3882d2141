// Lint at zero warnings. engine/ stays pure: no UI library and nothing from app/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const uiLibraries = ['react', 'react-dom', 'three', 'zustand', '@react-three/*'];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'test-results', 'playwright-report', 'e2e-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: uiLibraries.flatMap((p) => [p, `${p}/*`]),
              message: 'engine/ is pure TypeScript: it imports no UI library.',
            },
            {
              group: ['**/app/*', '**/app'],
              message: 'engine/ imports nothing from app/.',
            },
          ],
        },
      ],
    },
  },
);
