import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'site/**', 'node_modules/**', '.scratch*/**', '*.config.*', 'eslint.config.js', 'scripts/tsdoc-examples/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Class members hide their state with ECMAScript `#` fields, which no cast can reach, not with TypeScript's `private`.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: ':matches(PropertyDefinition, MethodDefinition, AccessorProperty, TSParameterProperty, TSAbstractPropertyDefinition, TSAbstractMethodDefinition, TSAbstractAccessorProperty)[accessibility="private"]', message: 'Use a `#` private field or method instead of the `private` keyword.' },
      ],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
