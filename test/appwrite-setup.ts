/**
 * Global setup of `npm run test:appwrite`: stops at once, with the reason, when the target is not named,
 * and says what the run covers.
 */
export default function setup(): void {
  const missing = ['APPWRITE_ENDPOINT', 'APPWRITE_PROJECT_ID', 'APPWRITE_API_KEY'].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new Error(`npm run test:appwrite needs ${missing.join(', ')}: the Appwrite 1.9 server to test against and an API key ` +
      'with the databases, tables, columns, indexes and rows scopes');
  }
  console.log(`Testing against ${process.env.APPWRITE_ENDPOINT} (project ${process.env.APPWRITE_PROJECT_ID}): each test file ` +
    'uses a fresh database and deletes it; tests that need the local server\'s controls are skipped and say so.');
}
